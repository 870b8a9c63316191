"""Slides drawn ahead, when the loop is idle, so that "next" only blits an image."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRectF, QSize, QTimer

from fphkiosk.core.deck import Slide
from fphkiosk.ui.slides.slide_renderer import SlideRenderer, letterbox
from fphkiosk.ui.slides.slide_view import SlideView


class Prerenderer(QObject):
    """After each move, draws the slides that come next in the views that will show them."""

    def __init__(
        self,
        slides: Sequence[Slide],
        renderer: SlideRenderer,
        live_views: Sequence[SlideView],
        preview_view: SlideView,
        live_index: Callable[[], int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._slides = slides
        self._renderer = renderer
        self._live_views = tuple(live_views)
        self._preview_view = preview_view
        self._live_index = live_index
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def schedule(self) -> None:
        """Draw ahead once the loop is idle (a burst of moves draws once)."""
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        following = self._live_index() + 1
        if following < len(self._slides):
            for view in self._live_views:
                self._prerender(view, self._slides[following])
        if following + 1 < len(self._slides):
            self._prerender(self._preview_view, self._slides[following + 1])

    def _prerender(self, view: SlideView, slide: Slide) -> None:
        if not view.isVisible():
            return
        # The same size SlideView asks for, so the cached image is the one it will use.
        frame = letterbox(QRectF(view.rect()))
        ratio = view.devicePixelRatioF()
        size = QSize(max(1, round(frame.width() * ratio)), max(1, round(frame.height() * ratio)))
        self._renderer.prerender((slide,), size)
