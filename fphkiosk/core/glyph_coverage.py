"""Which characters of a deck no shipped font can draw (they would show as empty boxes).

The deck's texts are every string its values hold (titles, bodies, notes, questions, answers,
scale items...); a font's characters are its character map, read with fontTools. Spaces, control
characters and the invisible joiners of emoji sequences need no glyph.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from fontTools.ttLib import TTFont

# Drawn by no font: format characters (zero-width joiner, variation selectors), controls, spaces.
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn"})


def texts_of(value: object) -> Iterator[str]:
    """Every string held by *value*, a deck or any of its parts (dataclasses, tuples, maps)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts_of(getattr(value, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_of(key)
            yield from texts_of(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from texts_of(item)


def font_characters(paths: Iterable[Path]) -> frozenset[int]:
    """The code points the fonts at *paths* have a glyph for."""
    covered: set[int] = set()
    for path in paths:
        covered.update(TTFont(path, lazy=True).getBestCmap())
    return frozenset(covered)


def uncovered(texts: Iterable[str], covered: frozenset[int]) -> list[str]:
    """The characters of *texts* that no font of *covered* draws, each once, in order."""
    missing: dict[str, None] = {}
    for text in texts:
        for character in text:
            if ord(character) in covered or unicodedata.category(character) in _INVISIBLE:
                continue
            missing.setdefault(character, None)
    return list(missing)
