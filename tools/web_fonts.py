"""Writes the web pages' fonts: WOFF2 subsets of Atkinson Hyperlegible for the characters the pages
can show (``python -m tools.web_fonts``; run again when a catalogue gains a new character).

The subsets hold Latin (ASCII, Latin-1, Latin Extended-A), the usual typographic punctuation, and
every character of the pages' catalogues in every language; any other character (a deck's emoji,
a rare script) falls back to the device's own fonts. tests/net/test_web_fonts.py checks that the
committed subsets still cover the catalogues.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from fphkiosk.core.i18n import load_catalogues
from fphkiosk.paths import assets_dir

WEIGHTS = {"Regular": "atkinson-regular", "Bold": "atkinson-bold"}
BASE_RANGES = (
    range(0x20, 0x7F),  # ASCII
    range(0xA0, 0x100),  # Latin-1: French accents, « », no-break space
    range(0x100, 0x180),  # Latin Extended-A: œ, Œ, and neighbours' names
)
PUNCTUATION = "\u2009\u202f\u2010\u2011\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u20ac\u2212"
PAGE_AREAS = ("web.", "remote.", "room.error.", "room.rejected.")


def page_characters(i18n: Path) -> set[str]:
    """Every character the pages' catalogues use, in every language."""
    used: set[str] = set()
    for catalogue in load_catalogues(i18n).values():
        for key, text in catalogue.items():
            if key.startswith(PAGE_AREAS):
                used.update(text)
    return used


def wanted_characters(i18n: Path) -> set[str]:
    base = {chr(code) for block in BASE_RANGES for code in block}
    return base | set(PUNCTUATION) | page_characters(i18n)


def write_subset(source: Path, target: Path, characters: set[str]) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk"]
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence names
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)


def main() -> None:
    fonts = assets_dir() / "fonts"
    characters = wanted_characters(assets_dir() / "i18n")
    for style, name in WEIGHTS.items():
        target = fonts / f"{name}.woff2"
        write_subset(fonts / f"AtkinsonHyperlegible-{style}.ttf", target, characters)
        print(f"{target.name}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
