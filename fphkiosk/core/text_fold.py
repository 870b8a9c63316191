"""Case- and accent-blind forms of text that keep every character's position.

The detectors match on a folded copy of the text and report spans in the text as given, so the
folded copy must have exactly one character for each original one.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character, lower-cased and without its accent ("É" -> "e"); itself when that fails."""
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if len(base) == 1:
        return base
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold_text(text: str) -> str:
    """*text* folded character by character: same length, same positions."""
    return "".join(fold_char(c) for c in text)


def fold_word(word: str) -> str:
    """A word's key in the shipped lists: case- and accent-blind, apostrophes as ASCII."""
    return fold_text(word.replace("’", "'"))
