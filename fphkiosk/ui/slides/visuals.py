"""Charts and pictures of a slide, rasterised once per pixel size and kept."""

from __future__ import annotations

import math
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter

from fphkiosk.core.deck import ChartBlock, Slide
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.activity_painter import same_text
from fphkiosk.ui.slides.fonts import font_dir

PICTURE_BUDGET_BYTES = 64 * 1024 * 1024
"""Decoded pictures kept: a slide's pictures are drawn once into the slide's own cached image."""
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
        self._pictures: OrderedDict[tuple[Path, int, int], QImage | None] = OrderedDict()
        self._picture_bytes = 0
        self.chart_renders = 0
        self.picture_decodes = 0

    def clear(self) -> None:
        self._charts.clear()
        self._pictures.clear()
        self._picture_bytes = 0

    @property
    def picture_bytes(self) -> int:
        """Memory held by the decoded pictures kept."""
        return self._picture_bytes

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
        picture = self._picture(reader, (path, pixels.width(), pixels.height()), pixels)
        if picture is not None:
            painter.drawImage(target, picture)
            return
        painter.save()
        painter.setPen(Qt.PenStyle.DashLine)
        painter.drawRect(target)
        painter.restore()

    def _picture(
        self, reader: QImageReader, key: tuple[Path, int, int], pixels: QSize
    ) -> QImage | None:
        """The decoded picture, kept while the budget allows: an imported PDF is a hundred
        full-screen pictures, and keeping every size of each would take gigabytes."""
        if key in self._pictures:
            self._pictures.move_to_end(key)
            return self._pictures[key]
        # Decoding straight to the needed size keeps big photos cheap in time and memory.
        reader.setScaledSize(pixels)
        decoded = reader.read()
        self.picture_decodes += 1
        picture = None if decoded.isNull() else decoded
        self._pictures[key] = picture
        self._picture_bytes += picture.sizeInBytes() if picture is not None else 0
        while self._picture_bytes > PICTURE_BUDGET_BYTES and len(self._pictures) > 1:
            _, dropped = self._pictures.popitem(last=False)
            self._picture_bytes -= dropped.sizeInBytes() if dropped is not None else 0
        return picture
