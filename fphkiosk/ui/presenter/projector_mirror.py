"""The console's "À l'écran" pane shows what the projector shows, results and join card included.

The console's live view draws the slide itself (from the renderer's cache, as the projector
does); over it, this widget draws the projector's own overlay widgets, the results chart and the
join card, scaled down with ``QWidget.render``. So the trainer sees on the laptop exactly what
the room sees, without rendering any chart twice: the chart's image is drawn again, not remade.
A black projector is black here too (the console sets its live view's blackout).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import QVBoxLayout, QWidget

from fphkiosk.ui.presenter.projector import ProjectorWindow
from fphkiosk.ui.slides.slide_renderer import letterbox


class ProjectorMirror(QWidget):
    """Laid over the whole console's live slide view; draws on its 16:9 frame, as the view does.

    Transparent to the mouse. A layout keeps it over the view, whatever resizes the view.
    """

    def __init__(self, projector: ProjectorWindow, live_view: QWidget) -> None:
        super().__init__(live_view)
        self._projector = projector
        self._live_view = live_view
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.overlays: tuple[QWidget, ...] = (
            projector.results_view,
            projector.spotlight,
            projector.join_panel,
            projector.countdown,
        )
        """Bottom to top, as the projector stacks them."""
        layout = QVBoxLayout(live_view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self)
        for overlay in self.overlays:
            overlay.installEventFilter(self)

    def shown_overlays(self) -> tuple[QWidget, ...]:
        """The overlays the projector shows now (whether or not its window is on screen)."""
        return tuple(o for o in self.overlays if o.isVisibleTo(self._projector))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # ShowToParent / HideToParent come even while the projector's window is not on screen.
        redrawn = kind in (
            QEvent.Type.Paint,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.ShowToParent,
            QEvent.Type.HideToParent,
        )
        if watched in self.overlays and redrawn and not self._drawing:
            # The projector redrew, showed or hid an overlay: draw it again here.
            self.update()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_overlays()
        if not shown:
            return
        # The view's own rect, not this widget's: the console caps the view's height from a resize
        # event, and the layout may still hold the size from before the cap.
        frame = letterbox(QRectF(self._live_view.rect()))
        projected = letterbox(QRectF(self._projector.rect()))
        if projected.width() <= 0:
            return
        scale = frame.width() / projected.width()
        painter = QPainter(self)
        self._drawing = True
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for overlay in shown:
                # Where the overlay sits on the projected slide, at this pane's scale.
                offset = QPointF(overlay.pos()) - projected.topLeft()
                painter.save()
                painter.translate(frame.topLeft() + offset * scale)
                painter.scale(scale, scale)
                overlay.render(painter, QPoint(0, 0), QRegion(), QWidget.RenderFlag.DrawChildren)
                painter.restore()
        finally:
            self._drawing = False
            painter.end()
