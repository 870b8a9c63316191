"""The participant page's emoji face: the shipped Noto Emoji, cut down at start to the deck's own
emoji and symbols (those the page's text face lacks), as WOFF2. A few kilobytes, fetched by a
browser only when a slide or an answer shows one of them (app.css gives the face a unicode-range).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from fphkiosk.core.glyph_coverage import font_characters, uncovered

EMOJI_FONT = "emoji/NotoEmoji-Regular.ttf"
TEXT_FACE = "atkinson-regular.woff2"


def emoji_subset(fonts: Path, texts: Iterable[str]) -> bytes | None:
    """WOFF2 bytes of the emoji face for the characters of *texts* the text face lacks (None
    without the emoji font)."""
    source = fonts / EMOJI_FONT
    if not source.is_file():
        return None
    covered = font_characters([fonts / TEXT_FACE]) if (fonts / TEXT_FACE).is_file() else frozenset()
    wanted = uncovered(texts, covered)
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.notdef_outline = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in wanted])
    font = TTFont(source)
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
