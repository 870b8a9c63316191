"""Words of a short text with their positions, for the name and insult screens."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fphkiosk.core.text_fold import fold_word

# Letters, with inner hyphens ("Jean-Pierre") and leet digits/symbols ("c0nn@rd"); an elided
# article or pronoun ("l'", "d'", "qu'", "t'") is a word of its own.
_WORD = re.compile(r"(?:[^\W_]|[@$])+(?:-(?:[^\W_]|[@$])+)*'?", re.UNICODE)
_SENTENCE_END = '.!?…:;\n«»"“”•-–—*(['
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"})


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    key: str
    """Folded: lower case, no accents."""
    sentence_start: bool

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def alphabetic(self) -> bool:
        return all(c.isalpha() or c in "-'" for c in self.text)

    @property
    def unleet(self) -> str:
        """The key with leet digits and symbols read as letters ("c0nn@rd" -> "connard")."""
        if any(c.isalpha() for c in self.key):
            return self.key.translate(_LEET)
        return self.key


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, for lists in code."""
    return frozenset(words.split())


def split_words(text: str) -> list[Word]:
    """The words of *text* in order; an apostrophe ends a word ("l'", "aujourd'" + "hui" aside)."""
    normalised = text.replace("’", "'")
    words: list[Word] = []
    previous_end = 0
    for match in _WORD.finditer(normalised):
        start, end = match.span()
        gap = normalised[previous_end:start]
        first = not words or any(c in _SENTENCE_END for c in gap)
        raw = text[start:end]
        # An elided word keeps its apostrophe in its key: "l'", "qu'", "t'".
        words.append(Word(start, end, raw, fold_word(raw), first))
        previous_end = end
    return words
