"""Emoji are drawn by the shipped Noto Emoji face wherever the text face lacks them."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontDatabase, QImage, QPainter
from pytestqt.qtbot import QtBot

from fphkiosk.ui.slides.fonts import EMOJI_FAMILY, FONT_FAMILY, pixel_font, register_fonts


def _ink(text: str, qtbot: QtBot) -> int:
    """How many pixels *text* darkens when drawn in the slides' font."""
    image = QImage(200, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(pixel_font(register_fonts(), 64))
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(0, 0, 200, 120), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() < 128
    )


def test_the_emoji_face_is_registered_and_every_slide_font_falls_back_on_it(
    qtbot: QtBot,
) -> None:
    assert register_fonts() == FONT_FAMILY
    assert EMOJI_FAMILY in QFontDatabase.families()
    assert pixel_font(FONT_FAMILY, 40).families()[-1] == EMOJI_FAMILY
    # 🧼 and 🙌 are not in the text face: drawn at all, they come from the emoji face.
    assert _ink("🧼", qtbot) > 200
    assert _ink("🙌", qtbot) > 200
