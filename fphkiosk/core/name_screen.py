"""Person names in short French text, from shipped lists of common first names and surnames.

A word is read as part of a person's name when:

- it follows a title ("M.", "Mme", "Dr", "Madame", "Professeur"...) and is capitalised or listed;
- it is a listed first name that is not also a French word ("Nathalie", "kevin"), in any case;
- it is a first name or surname that is also a word ("Pierre", "Rose", "Moreau", "Petit") and is
  capitalised in the middle of a sentence without an article before it ("la Rose des vents" is
  not a person), or stands next to another part of a name ("Rose Dupont");
- it is a listed surname that is not a word ("Dupont"), capitalised or in capitals;
- it is a first name that is also a word, opening a sentence and followed by a verb, which a common
  noun opening a sentence would not be without its article ("Pierre a posté", "Claire m'a dit");
- it is a first name joined by "et" to a name already found ("Sophie et julien");
- it follows a name already found and is capitalised or in capitals ("Marie Petit", "Marie PETIT");
- it is a first name next to a listed surname, in any case ("marie dupont", "dupont marie").

A text typed in capitals is read as if in lower case: its capitals say nothing about names.

Consecutive name words make one span ("Dr Marie-Claire DUPONT" flags "Marie-Claire DUPONT").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from fphkiosk.core.text_lexicons import ScreenLexicons
from fphkiosk.core.text_words import Word, word_set

Span = tuple[int, int]

TITLES = word_set(
    "m mr mme mmes mlle mlles melle madame monsieur mademoiselle dr docteur docteure pr professeur "
    "professeure maitre mrs ms soeur"
)


# Before these a capitalised word names a thing or an institution, not a person: "le Conseil".
DETERMINERS = word_set(
    "le la les l' un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre "
    "nos votre vos leur leurs quel quelle"
)


# After a first name that is also a word and opens a sentence, these make it a person: a common
# noun opening a sentence takes an article ("La pierre est dure"), a person does not ("Pierre a
# posté la photo").
PERSON_VERBS = word_set(
    "a avait aura m' t' nous vous lui l' les se s' ne n' y dit disait fait va "
    "allait vient veut voulait peut pouvait doit devait pense trouve sait travaille poste "
    "publie partage filme a-t-il a-t-elle"
)
# Before these a capitalised word that is also a common noun is likely a person: "avec Moreau".
PREPOSITIONS = word_set("de d' a avec par pour chez et contre selon sans vers comme")


def _shouted(words: Sequence[Word]) -> bool:
    """Most of the text's letters are capitals."""
    letters = [c for w in words for c in w.text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _parts(key: str) -> list[str]:
    return [p for p in key.split("-") if p]


class NameFinder:
    def __init__(self, lexicons: ScreenLexicons):
        self._lex = lexicons

    def _first_name(self, key: str) -> bool:
        if key in self._lex.first_names:
            return True
        parts = _parts(key)
        return len(parts) > 1 and all(p in self._lex.first_names for p in parts)

    def _ambiguous(self, key: str) -> bool:
        """A first name or surname that is also a French word."""
        if key in self._lex.first_names_also_words or key in self._lex.surnames_also_words:
            return True
        parts = _parts(key)
        return len(parts) > 1 and all(p in self._lex.first_names_also_words for p in parts)

    def _surname(self, key: str) -> bool:
        return key in self._lex.surnames and key not in self._lex.not_names

    def _is_title(self, words: Sequence[Word], i: int, text: str) -> bool:
        word = words[i]
        if word.key not in TITLES:
            return False
        if word.key == "m":  # "M." only, with its full stop, and in capitals
            return word.text == "M" and text[word.end : word.end + 1] == "."
        return True

    def _strong_name(self, word: Word, previous: Word | None) -> bool:
        """A word that is a name on its own, wherever it stands."""
        if not word.alphabetic or len(word.key) < 3:
            return False
        key = word.key
        if key in self._lex.not_names or key.startswith(("saint-", "sainte-")):
            return False  # "Saint-Jean" is a clinic, a street or a town far more than a person
        if self._first_name(key) and not self._ambiguous(key):
            return word.capitalised or word.upper or word.text.islower()
        if self._ambiguous(key):
            if not word.capitalised or word.sentence_start or word.upper or previous is None:
                return False
            if previous.key in DETERMINERS:
                return False
            if key in self._lex.first_names_also_words:
                return True
            # A capitalised common noun after another word is often a heading ("Espace Presse"):
            # a surname that is also a word needs a preposition before it ("parlé de Moreau").
            return previous.key in PREPOSITIONS
        if self._surname(key):
            # Not a French word: capitalised even at a sentence start, a name ("Dupont a dit").
            return word.capitalised or (word.upper and len(key) >= 4)
        return False

    def _name_like(self, word: Word) -> bool:
        """A word that can continue or start a name next to another name."""
        if not word.alphabetic or len(word.key) < 2:
            return False
        if word.key in self._lex.not_names:
            return False
        return word.capitalised or word.upper or self._surname(word.key)

    def find(self, text: str, words: Sequence[Word]) -> Iterator[Span]:
        if _shouted(words):
            # In a text typed in capitals, capitals say nothing: read it as if in lower case.
            words = [replace(w, text=w.text.lower()) for w in words]

        def adjacent(i: int) -> bool:
            """Words i and i + 1 have only spaces between them ("Marie Dupont", not "Marie, X")."""
            return i + 1 < len(words) and not text[words[i].end : words[i + 1].start].strip()

        marked = [False] * len(words)
        for i, word in enumerate(words):
            after_title = i > 0 and self._is_title(words, i - 1, text)
            previous = words[i - 1] if i > 0 else None
            listed = self._first_name(word.key) or word.key in self._lex.surnames_also_words
            if self._strong_name(word, previous) or (
                after_title
                and (word.capitalised or word.upper or listed or self._surname(word.key))
                and word.alphabetic
                and len(word.key) >= 2
            ):
                marked[i] = True
            if (
                word.sentence_start
                and word.capitalised
                and not word.upper
                and word.key in self._lex.first_names_also_words
                and word.key not in self._lex.not_names
                and adjacent(i)
                and words[i + 1].key in PERSON_VERBS
            ):
                marked[i] = True
            if (
                self._first_name(word.key)
                and adjacent(i)
                and self._surname(words[i + 1].key)
                and words[i + 1].alphabetic
            ):
                marked[i] = marked[i + 1] = True  # "marie dupont", in any case
            if (
                self._surname(word.key)
                and word.alphabetic
                and adjacent(i)
                and self._first_name(words[i + 1].key)
                and words[i + 1].alphabetic
            ):
                marked[i] = marked[i + 1] = True  # "dupont marie", as on a list
            if self._first_name(word.key) and adjacent(i):
                following = words[i + 1]
                if (
                    (word.capitalised or word.upper)
                    and (following.capitalised or following.upper)
                    and following.alphabetic
                    and not following.sentence_start
                    and following.key not in self._lex.not_names
                    and word.key not in self._lex.not_names
                ):
                    marked[i] = marked[i + 1] = True
        # A name word reaches out to its neighbours: "Rose Dupont", "DUPONT Marie", "Marie Petit".
        changed = True
        while changed:
            changed = False
            for i, word in enumerate(words):
                if marked[i]:
                    continue
                joined = (
                    i > 1
                    and marked[i - 2]
                    and words[i - 1].key == "et"
                    and word.alphabetic
                    and self._first_name(word.key)
                )
                if not joined and not self._name_like(word):
                    continue
                left = i > 0 and marked[i - 1] and adjacent(i - 1)
                right = i + 1 < len(words) and marked[i + 1] and adjacent(i)
                known = self._first_name(word.key) or self._surname(word.key)
                if joined or left or (right and (known or word.upper)):
                    marked[i] = True
                    changed = True
        i = 0
        while i < len(words):
            if not marked[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(words) and marked[j + 1] and adjacent(j):
                j += 1
            yield words[i].start, words[j].end
            i = j + 1
