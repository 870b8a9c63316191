"""QR codes drawn by Qt match segno's matrix module for module."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication

from fphkiosk.ui.qr_code import QUIET_ZONE, qr_image, qr_matrix

URL = "http://192.168.1.20:8765/?code=K7M2QX"


def test_image_reproduces_every_module(qapp: QGuiApplication) -> None:
    matrix = qr_matrix(URL)
    module = 6
    image = qr_image(URL, module_px=module)
    assert image.width() == (len(matrix) + 2 * QUIET_ZONE) * module
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            px = (x + QUIET_ZONE) * module + module // 2
            py = (y + QUIET_ZONE) * module + module // 2
            assert (image.pixelColor(px, py) == QColor("black")) == dark, (x, y)
    assert image.pixelColor(1, 1) == QColor("white")


def test_different_texts_give_different_codes() -> None:
    assert qr_matrix(URL) != qr_matrix(URL.replace("K7M2QX", "K7M2QY"))
