"""The `image` layout on the canvas: the picture alone, full-bleed, centred on black if not 16:9."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.slide_renderer import SlideRenderer
from fphkiosk.ui.slides.visuals import PICTURE_BUDGET_BYTES, VisualCache
from tests.ui import write_deck, write_png
from tests.ui.slides.test_slide_renderer import pixels, share_near


def test_a_16_9_picture_fills_the_whole_slide(
    tmp_path: Path, tr: Translator, qapp: QApplication
) -> None:
    (tmp_path / "d" / "pages").mkdir(parents=True)
    write_png(tmp_path / "d" / "pages" / "page-001.png", "#1F6F50", 1920, 1080)
    deck = write_deck(
        tmp_path / "d",
        "<!-- layout: image -->\n# Une page\n\n![Page 1](pages/page-001.png)\n\nNotes:\nTexte\n",
    )
    image = pixels(SlideRenderer(deck, tr).image(deck.slides[0], QSize(960, 540)))
    # No band, no title, no footer: every pixel is the page's.
    assert share_near(image, "#1F6F50", 2) == 1.0


def test_a_4_3_picture_is_centred_between_black_bars(
    tmp_path: Path, tr: Translator, qapp: QApplication
) -> None:
    (tmp_path / "d" / "pages").mkdir(parents=True)
    write_png(tmp_path / "d" / "pages" / "page-001.png", "#FFFFFF", 1440, 1080)
    deck = write_deck(
        tmp_path / "d", "<!-- layout: image -->\n# Une page\n\n![Page 1](pages/page-001.png)\n"
    )
    image = pixels(SlideRenderer(deck, tr).image(deck.slides[0], QSize(1920, 1080)))
    assert share_near(image[:, 240:1680], "#FFFFFF", 1) == 1.0
    assert share_near(image[:, :240], "#000000", 1) == 1.0
    assert share_near(image[:, 1680:], "#000000", 1) == 1.0


def test_a_picture_a_pixel_short_of_16_9_still_fills_the_slide(
    tmp_path: Path, tr: Translator, qapp: QApplication
) -> None:
    # A PDF page of 842 x 474 points (A4's width at 16:9, rounded) renders 1918 x 1080.
    (tmp_path / "d" / "pages").mkdir(parents=True)
    write_png(tmp_path / "d" / "pages" / "page-001.png", "#FFFFFF", 1918, 1080)
    deck = write_deck(
        tmp_path / "d", "<!-- layout: image -->\n# Une page\n\n![Page 1](pages/page-001.png)\n"
    )
    image = pixels(SlideRenderer(deck, tr).image(deck.slides[0], QSize(1920, 1080)))
    assert share_near(image, "#FFFFFF", 1) == 1.0  # no hairline black bar at either side


def test_a_hundred_full_screen_pages_keep_a_bounded_memory(
    tmp_path: Path, tr: Translator, qapp: QApplication
) -> None:
    pictures = []
    for number in range(1, 21):  # 20 pages of 8 MB decoded: 160 MB if all were kept
        pictures.append(tmp_path / f"page-{number:03d}.png")
        write_png(pictures[-1], f"#{number * 12:02X}4060", 1920, 1080)
    cache = VisualCache(tr)
    canvas = QImage(1920, 1080, QImage.Format.Format_RGB32)
    painter = QPainter(canvas)
    try:
        for picture in pictures:
            cache.paint_picture(painter, QRectF(0, 0, 1920, 1080), picture)
        assert 0 < cache.picture_bytes <= PICTURE_BUDGET_BYTES
        assert cache.picture_decodes == 20
        cache.paint_picture(painter, QRectF(0, 0, 1920, 1080), pictures[-1])
        assert cache.picture_decodes == 20  # the latest is still kept
        cache.paint_picture(painter, QRectF(0, 0, 1920, 1080), pictures[0])
        assert cache.picture_decodes == 21  # the oldest was let go
    finally:
        painter.end()
