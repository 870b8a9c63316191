"""A matplotlib Figure rasterised into a QImage by the Agg canvas (no GUI backend, no pyplot)."""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from fphkiosk.charts.results_chart import ResultsChart


def figure_to_image(figure: Figure, size: QSize) -> QImage:
    """Render *figure* at *size* pixels, keeping its size in inches so its layout stays the same."""
    canvas = _canvas_at(figure, size)
    canvas.draw()
    return _image_of(canvas)


def chart_to_image(chart: ResultsChart, size: QSize) -> QImage:
    """Render a live chart at *size* pixels, redrawing only what its updates change."""
    canvas = _canvas_at(chart.figure, size)
    chart.draw()
    return _image_of(canvas)


def _canvas_at(figure: Figure, size: QSize) -> Any:
    width_in, _height_in = figure.get_size_inches()
    dpi = size.width() / width_in
    if figure.get_dpi() != dpi:
        figure.set_dpi(dpi)
    # The figure keeps its Agg canvas between renders: the canvas keeps its renderer while the
    # size holds, and matplotlib caches text metrics per renderer, so a live chart redrawn at the
    # same size does not measure its texts again. matplotlib's canvas methods carry no
    # annotations; Any keeps mypy from flagging each call.
    canvas: Any = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        canvas = FigureCanvasAgg(figure)
    return canvas


def _image_of(canvas: Any) -> QImage:
    buffer = canvas.buffer_rgba()
    height, width = buffer.shape[0], buffer.shape[1]
    # copy(): the QImage must own its pixels, the Agg buffer dies with the canvas.
    return QImage(bytes(buffer), width, height, width * 4, QImage.Format.Format_RGBA8888).copy()
