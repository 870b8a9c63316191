"""A room result chart as a widget: the projector's revealed results, the console's live preview.

The chart (``charts.results_chart``) keeps its Figure and updates its artists in place; this widget
rasterises it with the Agg canvas (``figure_to_image``) only when it is painted after a change or at
a new size, so a burst of updates costs one draw per paint, and Qt merges pending paints. The
Figure keeps its size in inches, so its layout (settled once) holds at any resolution.
matplotlib is imported on the first chart, not when the application starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from fphkiosk.core.deck import Activity
from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import PublicResults

if TYPE_CHECKING:
    from fphkiosk.charts.results_chart import ResultsChart


@dataclass(frozen=True)
class SlideLook:
    """On the projector the chart sits on a slide: its background, its top band, its margins."""

    background: str
    band: str
    band_height: float
    """A share of the frame's height."""
    margin: float
    """A share of the frame's width, around the chart."""


PROJECTOR_INCHES = (12.8, 7.2)
"""The charts' default size: text sized for the projector."""
PREVIEW_INCHES = (9.6, 5.4)
"""The console's small preview: the same chart with relatively larger text."""


class ResultsView(QWidget):
    """Shows one activity's results chart, 16:9, centred; holds the chart, not the room."""

    rendered = Signal()
    """The chart was drawn into a new image (for tests and the benchmark)."""

    def __init__(
        self,
        tr: Translator,
        *,
        inches: tuple[float, float] = PROJECTOR_INCHES,
        bars: str = "#000000",
        slide: SlideLook | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._inches = inches
        self._bars = QColor(bars)
        self._slide = slide
        self._chart: ResultsChart | None = None
        self._shown: tuple[str, PublicResults, bool] | None = None
        self._image: QImage | None = None
        self._rendered_for = QSize()
        self._stale = True
        self.renders = 0
        """How many times the chart was drawn (for tests: updates are coalesced)."""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def chart(self) -> ResultsChart | None:
        """The chart on show (its artists say what it shows), or None."""
        return self._chart

    @property
    def activity_id(self) -> str | None:
        return self._shown[0] if self._shown is not None else None

    def show_results(self, activity: Activity, results: PublicResults, revealed: bool) -> None:
        """Show *results* of *activity*; the correct answer is marked when *revealed*."""
        shown = (activity.id, results, revealed)
        if shown == self._shown:
            return
        # Deferred: matplotlib costs half a second to import, paid on the first chart only.
        from fphkiosk.charts.results_chart import chart_for, show_results

        if self._chart is None:
            width_in, height_in = self._inches
            self._chart = chart_for(
                activity, results, self._tr, revealed, width_in=width_in, height_in=height_in
            )
        else:
            self._chart = show_results(self._chart, activity, results, self._tr, revealed)
        self._shown = shown
        self._stale = True
        self.update()

    def clear(self) -> None:
        self._chart = None
        self._shown = None
        self._image = None
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        width_in, height_in = self._inches
        return round(width * height_in / width_in)

    def sizeHint(self) -> QSize:
        return QSize(320, self.heightForWidth(320))

    def frame(self) -> QRectF:
        """Where the chart is drawn: the largest rectangle of the chart's shape, centred."""
        width_in, height_in = self._inches
        whole = QRectF(self.rect())
        scale = min(whole.width() / width_in, whole.height() / height_in)
        width, height = width_in * scale, height_in * scale
        return QRectF(
            whole.left() + (whole.width() - width) / 2,
            whole.top() + (whole.height() - height) / 2,
            width,
            height,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self._bars)
            if self._chart is None:
                return
            frame = self.frame()
            if self._slide is not None:
                frame = self._paint_slide(painter, frame, self._slide)
            ratio = self.devicePixelRatioF()
            pixels = QSize(
                max(1, round(frame.width() * ratio)), max(1, round(frame.height() * ratio))
            )
            # Compared with the size asked for: Agg rounds the height its own way.
            if self._stale or self._image is None or self._rendered_for != pixels:
                self._render(pixels)
            if self._image is not None:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(frame, self._image)
        finally:
            painter.end()

    def _paint_slide(self, painter: QPainter, frame: QRectF, look: SlideLook) -> QRectF:
        """Paint the slide under the chart; return where the chart goes, inside its margins."""
        painter.fillRect(frame, QColor(look.background))
        band = frame.height() * look.band_height
        painter.fillRect(QRectF(frame.left(), frame.top(), frame.width(), band), QColor(look.band))
        margin = frame.width() * look.margin
        inner = frame.adjusted(margin, band + margin / 2, -margin, -margin / 2)
        scale = min(inner.width() / frame.width(), inner.height() / frame.height())
        width, height = frame.width() * scale, frame.height() * scale
        return QRectF(
            inner.left() + (inner.width() - width) / 2,
            inner.top() + (inner.height() - height) / 2,
            width,
            height,
        )

    def _render(self, pixels: QSize) -> None:
        from fphkiosk.ui.figure_image import figure_to_image

        assert self._chart is not None
        self._image = figure_to_image(self._chart.figure, pixels)
        self._rendered_for = pixels
        self._stale = False
        self.renders += 1
        self.rendered.emit()
