"""A matplotlib Figure rasterised into a QImage by the Agg canvas (no GUI backend, no pyplot)."""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage


def figure_to_image(figure: Figure, size: QSize) -> QImage:
    """Render *figure* at *size* pixels, keeping its size in inches so its layout stays the same."""
    width_in, _height_in = figure.get_size_inches()
    figure.set_dpi(size.width() / width_in)
    # matplotlib's canvas methods carry no annotations; Any keeps mypy from flagging each call.
    canvas: Any = FigureCanvasAgg(figure)
    canvas.draw()
    buffer = canvas.buffer_rgba()
    height, width = buffer.shape[0], buffer.shape[1]
    # copy(): the QImage must own its pixels, the Agg buffer dies with the canvas.
    return QImage(bytes(buffer), width, height, width * 4, QImage.Format.Format_RGBA8888).copy()
