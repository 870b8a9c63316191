"""A room result chart as a widget: the projector's revealed results, the console's live preview.

The chart (``charts.results_chart``) keeps its Figure and updates its artists in place; this widget
rasterises it with the Agg canvas (``chart_to_image``) only when it is painted after a change or at
a new size, so a burst of updates costs one draw per paint, and Qt merges pending paints. The
Figure keeps its size in inches, so its layout (settled once) holds at any resolution.
matplotlib is imported on the first chart, not when the application starts.

The console's preview is drawn once the answers settle (``settle_ms``): a chart build or draw
blocks the loop for 12-20 ms, and drawn in the middle of a burst of answers it adds to the loop's
lag while the room is busiest, for a count the trainer already reads in the card's label. Until
then the previous image stays; ``chart`` is always up to date (it is built when asked for).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
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
        settle_ms: int = 0,
        max_wait_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        """*settle_ms* > 0: draw a change only once no other came for that long, and at least
        every *max_wait_ms* while changes keep coming (0: at the next paint)."""
        super().__init__(parent)
        self._tr = tr
        self._inches = inches
        self._bars = QColor(bars)
        self._slide = slide
        self._chart: ResultsChart | None = None
        self._shown: tuple[str, PublicResults, bool] | None = None
        # What show_results asked for and the chart does not hold yet (settling views only).
        self._wanted: tuple[Activity, PublicResults, bool] | None = None
        self._settle_ms = settle_ms
        self._max_wait_ms = max_wait_ms
        self._waiting_since = 0.0
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._image: QImage | None = None
        self._rendered_for = QSize()
        self._stale = True
        self.renders = 0
        """How many times the chart was drawn (for tests: updates are coalesced)."""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def chart(self) -> ResultsChart | None:
        """The chart of the latest results (its artists say what it shows), or None."""
        self._apply_wanted()
        return self._chart

    @property
    def activity_id(self) -> str | None:
        if self._wanted is not None:
            return self._wanted[0].id
        return self._shown[0] if self._shown is not None else None

    @property
    def settling(self) -> bool:
        """A change waits for the answers to settle before it is drawn."""
        return self._settle.isActive()

    def show_results(self, activity: Activity, results: PublicResults, revealed: bool) -> None:
        """Show *results* of *activity*; the correct answer is marked when *revealed*."""
        if (activity.id, results, revealed) == self._shown:
            self._wanted = None
            self._settle.stop()
            return
        if self._settle_ms <= 0:
            self._build(activity, results, revealed)
            self.update()
            return
        if self._wanted is not None:
            wanted_activity, wanted_results, wanted_revealed = self._wanted
            if (wanted_activity.id, wanted_results, wanted_revealed) == (
                activity.id,
                results,
                revealed,
            ):
                return  # the same state again: the answers have not moved
        else:
            self._waiting_since = time.monotonic()
        self._wanted = (activity, results, revealed)
        waited_ms = (time.monotonic() - self._waiting_since) * 1000
        self._settle.start(max(0, min(self._settle_ms, round(self._max_wait_ms - waited_ms))))

    def _on_settle_timeout(self) -> None:
        self._apply_wanted()
        self.update()

    def _apply_wanted(self) -> None:
        if self._wanted is not None:
            activity, results, revealed = self._wanted
            self._wanted = None
            self._build(activity, results, revealed)

    def _build(self, activity: Activity, results: PublicResults, revealed: bool) -> None:
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

    def clear(self) -> None:
        self._settle.stop()
        self._wanted = None
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
            if not self._settle.isActive():
                self._apply_wanted()
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
        from fphkiosk.ui.figure_image import chart_to_image

        assert self._chart is not None
        self._image = chart_to_image(self._chart, pixels)
        self._rendered_for = pixels
        self._stale = False
        self.renders += 1
        self.rendered.emit()
