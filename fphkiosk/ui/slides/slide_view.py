"""A widget that shows one slide scaled to its size: the projector and the console's previews."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from fphkiosk.core.deck import Slide
from fphkiosk.ui.slides.slide_renderer import CANVAS_HEIGHT, CANVAS_WIDTH, SlideRenderer, letterbox

PRERENDER_DELAY_MS = 120
"""Render the next slide shortly after this one is on screen, so the next change is a blit."""


class SlideView(QWidget):
    """Shows one slide scaled to the widget; used by the projector and the console's previews."""

    slide_painted = Signal(int)
    """Emitted after a paint, with the slide's 1-based index (0 when blank)."""

    def __init__(self, renderer: SlideRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self._slide: Slide | None = None
        self._blackout = False
        # The whole widget is repainted from one image; Qt need not clear it first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self._last_size = QSize()
        self._prerender_timer = QTimer(self)
        self._prerender_timer.setSingleShot(True)
        self._prerender_timer.setInterval(PRERENDER_DELAY_MS)
        self._prerender_timer.timeout.connect(self._on_prerender_timer_timeout)

    @property
    def renderer(self) -> SlideRenderer:
        return self._renderer

    @property
    def slide(self) -> Slide | None:
        return self._slide

    @property
    def blackout(self) -> bool:
        return self._blackout

    def set_slide(self, slide: Slide | None) -> None:
        self._slide = slide
        self.update()

    def set_blackout(self, active: bool) -> None:
        if active != self._blackout:
            self._blackout = active
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(CANVAS_WIDTH // 4, CANVAS_HEIGHT // 4)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * CANVAS_HEIGHT / CANVAS_WIDTH)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            whole = QRectF(self.rect())
            if self._blackout or self._slide is None:
                self._renderer.blank(painter, whole)
                index = 0
            else:
                self._paint_slide(painter, whole, self._slide)
                index = self._slide.index
        finally:
            painter.end()
        self.slide_painted.emit(index)

    def _paint_slide(self, painter: QPainter, whole: QRectF, slide: Slide) -> None:
        """Blit the renderer's cached image for this size, with black bars around it."""
        frame = letterbox(whole)
        ratio = self.devicePixelRatioF()
        pixels = QSize(max(1, round(frame.width() * ratio)), max(1, round(frame.height() * ratio)))
        image = self._renderer.image(slide, pixels)
        self._last_size = pixels
        self._prerender_timer.start()
        painter.fillRect(whole, QColor(self._renderer.theme.palette.blackout))
        painter.drawImage(frame, image)

    def _on_prerender_timer_timeout(self) -> None:
        following = self._following_slide()
        if following is not None and not self._renderer.is_cached(following, self._last_size):
            self._renderer.image(following, self._last_size)

    def _following_slide(self) -> Slide | None:
        if self._slide is None or self._last_size.isEmpty():
            return None
        slides = self._renderer.deck.slides
        position = self._slide.index  # 1-based: the next slide's 0-based position
        return slides[position] if position < len(slides) else None
