"""Short texts (titles, choices) drawn in a box, the type shrunk step by step until they fit."""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from fphkiosk.ui.slides.fonts import pixel_font

WRAP_FLAGS = int(Qt.TextFlag.TextWordWrap)
_SPACE_BEFORE_HIGH = re.compile(r" ([?!;])")
_SPACE_BEFORE_COLON = re.compile(r" (:)(?=\s|$)")
# "8 560 000": a space between digits and a group of exactly three more (not "en 2020 2 fois").
_SPACE_IN_FIGURE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
# "96 %", "30 000 €", "12 ‰": the sign stays with its figure.
_SPACE_BEFORE_SIGN = re.compile(r"(?<=\d) (?=[%€‰])")


def french_spacing(text: str) -> str:
    """Make the spaces of French punctuation and of figures unbreakable, so « ? », « » », a
    group of digits or a "%" never starts a line."""
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    text = _SPACE_BEFORE_HIGH.sub("\u00a0\\1", text)
    text = _SPACE_IN_FIGURE.sub("\u00a0", text)
    text = _SPACE_BEFORE_SIGN.sub("\u00a0", text)
    return _SPACE_BEFORE_COLON.sub("\u00a0\\1", text)


def fitted_font(
    family: str,
    text: str,
    width: float,
    height: float,
    start_px: float,
    min_px: float,
    *,
    bold: bool = False,
    italic: bool = False,
) -> QFont:
    """The largest font from *start_px* down to *min_px* whose wrapped *text* fits the box."""
    size = start_px
    while True:
        font = pixel_font(family, size, bold=bold, italic=italic)
        if size <= min_px or text_height(font, text, width) <= height:
            return font
        size = max(min_px, size - 2)


def text_height(font: QFont, text: str, width: float) -> float:
    bounds = QFontMetricsF(font).boundingRect(
        QRectF(0, 0, width, 1e6), WRAP_FLAGS, french_spacing(text)
    )
    return bounds.height()


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    colour: str,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
) -> QRectF:
    """Draw wrapped *text* clipped to *rect*; return the rectangle the text took."""
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    used = painter.drawText(rect, int(align) | WRAP_FLAGS, french_spacing(text))
    painter.restore()
    return used
