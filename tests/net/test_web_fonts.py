"""The page's WOFF2 fonts carry every character of the pages' texts, in every language."""

from __future__ import annotations

import io

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from fontTools.ttLib import TTFont

from fphkiosk.net.web_page import add_page
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
    # Spaces included: a no-break space the font lacks would be drawn by another font. A symbol
    # (⚠) comes from the emoji face, in the ranges app.css gives it.
    emoji = set(TTFont(FONTS / "emoji" / "NotoEmoji-Regular.ttf").getBestCmap())
    missing = sorted(
        c
        for c in used
        if ord(c) not in covered and c not in "\n\t" and not (ord(c) in emoji and ord(c) >= 0x2190)
    )
    assert missing == [], "run python -m tools.web_fonts: " + "".join(missing)
    # A subset, small enough for a first load on a crowded Wi-Fi.
    assert (FONTS / f"{name}.woff2").stat().st_size < 20_000


async def test_the_page_gets_the_decks_emoji_cut_from_the_shipped_face() -> None:
    app = web.Application()
    add_page(app, assets_dir(), symbols="Lavez-vous les mains 🧼 Bravo 🙌")
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/static/fonts/emoji.woff2")
        assert response.status == 200
        assert response.headers["Content-Type"] == "font/woff2"
        body = await response.read()
    font = TTFont(io.BytesIO(body))
    assert font.flavor == "woff2"
    assert {0x1F9FC, 0x1F64C} <= set(font.getBestCmap())
    # Only what the text face lacks: no letters, and a few kilobytes.
    assert ord("L") not in font.getBestCmap()
    assert len(body) < 10_000
