"""Charts and pictures of a slide, rasterised once per pixel size and kept."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter

from fphkiosk.core.deck import ChartBlock, Slide
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.activity_painter import same_text
from fphkiosk.ui.slides.fonts import font_dir

MAX_DEVICE_SCALE = 3.0
"""A PDF page may ask for a huge raster; past 3 device pixels per canvas pixel nobody sees more."""


def device_scale(painter: QPainter) -> float:
    """Device pixels per canvas pixel under the painter's current transform."""
    transform = painter.transform()
    return min(MAX_DEVICE_SCALE, max(0.05, math.hypot(transform.m11(), transform.m12())))


def fit_rect(size: QSize, box: QRectF) -> QRectF:
    """*size* scaled to fit inside *box*, keeping its proportions, centred."""
    if size.width() <= 0 or size.height() <= 0:
        return QRectF(box)
    scale = min(box.width() / size.width(), box.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    return QRectF(
        box.left() + (box.width() - width) / 2,
        box.top() + (box.height() - height) / 2,
        width,
        height,
    )


class VisualCache:
    """Chart and picture rasters keyed by what they show and their size in device pixels."""

    def __init__(self, tr: Translator) -> None:
        self._tr = tr
        self._charts: dict[tuple[int, str, int, int, int, int], QImage] = {}
        self._pictures: dict[tuple[Path, int, int], QImage | None] = {}
        self.chart_renders = 0

    def clear(self) -> None:
        self._charts.clear()
        self._pictures.clear()

    def paint_chart(self, painter: QPainter, rect: QRectF, slide: Slide, chart: ChartBlock) -> None:
        scale = device_scale(painter)
        pixels = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
        key = (
            slide.index,
            chart.id,
            round(rect.width()),
            round(rect.height()),
            pixels.width(),
            pixels.height(),
        )
        image = self._charts.get(key)
        if image is None:
            # matplotlib is imported on the first chart, not at start-up: it is a third of the
            # presenter's cold start, and most slides have no chart.
            from fphkiosk.charts.data_chart import build_data_chart
            from fphkiosk.charts.style import CANVAS_DPI
            from fphkiosk.ui.figure_image import figure_to_image

            figure = build_data_chart(
                chart,
                self._tr,
                width_in=rect.width() / CANVAS_DPI,
                height_in=rect.height() / CANVAS_DPI,
                font_dir=font_dir(),
                show_title=not same_text(chart.title, slide.title),
            )
            image = figure_to_image(figure, pixels)
            self._charts[key] = image
            self.chart_renders += 1
        painter.drawImage(rect, image)

    def paint_picture(
        self, painter: QPainter, box: QRectF, path: Path, fill_tolerance: float = 0.0
    ) -> None:
        """The picture fitted in *box*; filling it when their proportions differ by less than
        *fill_tolerance* (a relative difference), so rounding leaves no hairline gap."""
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        natural = reader.size()
        target = fit_rect(natural, box)
        if natural.height() > 0 and box.height() > 0:
            ratio = (natural.width() / natural.height()) / (box.width() / box.height())
            if abs(ratio - 1) < fill_tolerance:
                target = QRectF(box)
        scale = device_scale(painter)
        pixels = QSize(
            max(1, round(target.width() * scale)), max(1, round(target.height() * scale))
        )
        key = (path, pixels.width(), pixels.height())
        if key not in self._pictures:
            # Decoding straight to the needed size keeps big photos cheap in time and memory.
            reader.setScaledSize(pixels)
            decoded = reader.read()
            self._pictures[key] = None if decoded.isNull() else decoded
        picture = self._pictures[key]
        if picture is not None:
            painter.drawImage(target, picture)
            return
        painter.save()
        painter.setPen(Qt.PenStyle.DashLine)
        painter.drawRect(target)
        painter.restore()
