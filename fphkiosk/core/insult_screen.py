"""Insults in short French text, from a shipped list.

Two lists: words that insult wherever they stand ("connard"), and words that insult only when aimed
at someone ("nul", "naze", "gourde"): those count after "tu es", "vous êtes", "t'es", "bande de",
"espèce de", "quel", "pauvre", "sale", "il est", "c'est un"... Leet spellings ("c0nn@rd"),
stretched letters ("connnnnard"), letters masked by stars ("c*nnard") or spaced out
("c o n n a r d"), plurals and accents do not hide a listed word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from fphkiosk.core.text_fold import fold_text
from fphkiosk.core.text_lexicons import ScreenLexicons
from fphkiosk.core.text_words import Word, word_set

Span = tuple[int, int]

_STRETCH = re.compile(r"(\w)\1{2,}")
# A word with letters hidden behind stars: "c*nnard", "enc**é". One flat run, checked after: a
# nested pattern here backtracks exponentially on a row of stars.
_MASKED = re.compile(r"[\w*]+")
# Single letters spaced out: "c o n n a r d", "p.u.t.e".
_SPACED = re.compile(r"(?<![\w.\-])(?:[^\W\d_][ .\-_]){2,}[^\W\d_](?![\w])")

# Words that may stand between a cue and the insult: "vous êtes vraiment des nuls".
_FILLERS = word_set(
    "un une des de d' du la le l' les vraiment trop tellement si tous toutes completement "
    "totalement franchement vrai vraie gros grosse petit petite vieux vieille bien juste qu' que "
    "qu vous tu t' mais et ou tres sacre sacree belle beau"
)
# A cue that aims what follows at a person: "tu es", "vous êtes", "t'es", "t'êtes".
_SECOND_PERSON = frozenset({"es", "etes"})
# A cue that makes the next word a name for someone: "bande de nazes", "pauvre type".
_CALLING = word_set(
    "bande bandes espece especes tas quel quelle quels quelles pauvre pauvres sale sales sombre "
    "triple gros grosse"
)
_SUBJECTS = frozenset({"il", "elle", "ils", "elles", "lui"})
_ARTICLES = frozenset({"un", "une", "des"})


def _variants(key: str) -> list[str]:
    """The key, without a plural, without a feminine ending."""
    variants = [key]
    if len(key) > 3 and key[-1] in "sx":
        variants.append(key[:-1])
    for forms in list(variants):
        if len(forms) > 3 and forms.endswith("e"):
            variants.append(forms[:-1])
    return variants


def _inflected(entry: str) -> tuple[str, ...]:
    """A listed word with its plural and feminine forms, for masked words."""
    return (entry, entry + "s", entry + "x", entry + "e", entry + "es")


class InsultFinder:
    def __init__(self, lexicons: ScreenLexicons):
        self._lex = lexicons
        self._phrase_heads = {p[0] for p in lexicons.insult_phrases}
        self._inflected = tuple(form for entry in lexicons.insults for form in _inflected(entry))

    def _keys(self, word: Word) -> list[str]:
        keys = [word.key, word.unleet]
        squeezed = _STRETCH.sub(r"\1", word.unleet)
        if squeezed != word.unleet:
            keys += [squeezed, _STRETCH.sub(r"\1\1", word.unleet)]
        return [v for k in dict.fromkeys(keys) for v in _variants(k)]

    def _in(self, word: Word, lexicon: frozenset[str]) -> bool:
        return any(k in lexicon for k in self._keys(word))

    def _masked(self, text: str) -> Iterator[Span]:
        for match in _MASKED.finditer(text):
            token = fold_text(match.group())
            if "*" not in token or len(token) > 30 or sum(c.isalpha() for c in token) < 2:
                continue
            if not all(c.isalpha() or c == "*" for c in token):
                continue
            pattern = re.compile(
                "".join(
                    f"[a-z]{{1,{len(run)}}}" if run.startswith("*") else re.escape(run)
                    for run in re.findall(r"\*+|[^*]", token)
                )
            )
            if any(pattern.fullmatch(form) for form in self._inflected):
                yield match.span()

    def _spaced(self, text: str) -> Iterator[Span]:
        for match in _SPACED.finditer(text):
            joined = "".join(c for c in fold_text(match.group()) if c.isalpha())
            if any(v in self._lex.insults for v in _variants(joined)):
                yield match.span()

    def _aimed(self, words: Sequence[Word], i: int, names: set[int]) -> bool:
        j = i - 1
        saw_article = False
        while j >= 0 and words[j].key in _FILLERS and i - j <= 4:
            saw_article = saw_article or words[j].key in _ARTICLES
            j -= 1
        if j < 0:
            return False
        cue = words[j].key
        if cue in _SECOND_PERSON or cue in _CALLING:
            return True
        if cue in {"est", "sont", "etait", "etaient"}:
            subject = words[j - 1].key if j > 0 else ""
            return saw_article or subject in _SUBJECTS or (j - 1) in names
        return False

    def find(self, text: str, words: Sequence[Word], name_words: set[int]) -> Iterator[Span]:
        yield from self._masked(text)
        yield from self._spaced(text)
        for i, word in enumerate(words):
            if self._in(word, self._lex.insults) or (
                self._in(word, self._lex.insults_when_aimed) and self._aimed(words, i, name_words)
            ):
                yield word.start, word.end
            if word.key in self._phrase_heads:
                for phrase in self._lex.insult_phrases:
                    end = i + len(phrase)
                    if end <= len(words) and all(
                        any(k == p for k in self._keys(w))
                        for w, p in zip(words[i:end], phrase, strict=True)
                    ):
                        yield word.start, words[end - 1].end
