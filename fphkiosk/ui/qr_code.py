"""QR codes drawn with Qt from segno's module matrix (no image files, no network)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

QUIET_ZONE = 4
"""Modules of white border the QR specification asks for, so phones read it from afar."""


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark/light modules of a QR code for *text* (medium error correction)."""
    # Imported on the first QR code: segno brings urllib and xml with it, a cost the presenter's
    # cold start need not pay before its first slide.
    import segno

    code = segno.make(text, error="m", micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix]


def paint_qr(painter: QPainter, target: QRectF, text: str) -> None:
    """Paint the QR code of *text* as the largest square that fits in *target*, centred."""
    matrix = qr_matrix(text)
    modules = len(matrix) + 2 * QUIET_ZONE
    side = min(target.width(), target.height())
    module = side / modules
    left = target.x() + (target.width() - side) / 2
    top = target.y() + (target.height() - side) / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(left, top, side, side), QColor("white"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                # Overlap by a hair so that scaled modules leave no seams between them.
                painter.drawRect(
                    QRectF(
                        left + (x + QUIET_ZONE) * module,
                        top + (y + QUIET_ZONE) * module,
                        module + 0.5,
                        module + 0.5,
                    )
                )
    painter.restore()


def qr_image(text: str, module_px: int = 8) -> QImage:
    """A crisp QR image with whole-pixel modules."""
    size = (len(qr_matrix(text)) + 2 * QUIET_ZONE) * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_qr(painter, QRectF(0, 0, size, size), text)
    painter.end()
    return image
