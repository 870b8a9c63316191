"""The page's WOFF2 fonts carry every character of the pages' texts, in every language."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from fphkiosk.paths import assets_dir
from tools.web_fonts import WEIGHTS, page_characters

FONTS = assets_dir() / "fonts"


@pytest.mark.parametrize("name", sorted(WEIGHTS.values()))
def test_the_subset_covers_every_character_of_the_pages(name: str) -> None:
    font = TTFont(FONTS / f"{name}.woff2")
    assert font.flavor == "woff2"
    covered = set(font.getBestCmap())
    used = page_characters(assets_dir() / "i18n")
    assert len(used) > 60
    # Spaces included: a no-break space the font lacks would be drawn by another font.
    missing = sorted(c for c in used if ord(c) not in covered and c not in "\n\t")
    assert missing == [], "run python -m tools.web_fonts: " + "".join(missing)
    # A subset, small enough for a first load on a crowded Wi-Fi.
    assert (FONTS / f"{name}.woff2").stat().st_size < 20_000
