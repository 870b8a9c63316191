"""The projector window: the live slide, full screen and frameless on the room's screen.

Over the slide it can show the join card (address, QR code, room code), an activity's revealed
results, a question of the room in the spotlight and a timed activity's countdown. All are
children laid over the slide's 16:9 frame; they show what the controller gives them and hide
under the blackout.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QCloseEvent, QPalette, QResizeEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from fphkiosk.core.deck import Activity, Slide
from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import PublicResults
from fphkiosk.ui.presenter.join_panel import JoinPanel
from fphkiosk.ui.presenter.projector_overlays import CountdownLabel, SpotlightPanel
from fphkiosk.ui.presenter.results_view import ResultsView, SlideLook
from fphkiosk.ui.slides.slide_renderer import CANVAS_HEIGHT, letterbox
from fphkiosk.ui.slides.slide_view import SlideView

WINDOWED_SIZE = (1280, 720)
RESULTS_MARGIN = 0.04
"""Around the results chart, a share of the slide's width: the slide's own margins, roughly."""


class ProjectorWindow(QWidget):
    """Shows what the controller tells it; ignores the user's close until the application quits."""

    def __init__(
        self,
        view: SlideView,
        tr: Translator,
        screen: QScreen | None,
        *,
        windowed: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._screen = screen
        # Full screen only makes sense on a second screen: on the laptop's only screen it
        # would hide the console.
        self._wants_full_screen = screen is not None and not windowed
        self._quitting = False
        self.setObjectName("projector")
        self.setWindowTitle(tr("console.projector_title"))
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        view.setParent(self)
        theme = view.renderer.theme
        look = SlideLook(
            background=theme.palette.background,
            band=theme.palette.accent,
            band_height=theme.sizes.band_height / CANVAS_HEIGHT,
            margin=RESULTS_MARGIN,
        )
        self.results_view = ResultsView(tr, bars=theme.palette.blackout, slide=look, parent=self)
        self.join_panel = JoinPanel(tr, view.renderer.theme, parent=self)
        family = view.renderer.font_family
        self.spotlight = SpotlightPanel(tr, theme, family, parent=self)
        self.countdown = CountdownLabel(theme, family, parent=self)
        self._spotlight_wanted = False
        self._countdown_wanted = False
        self._results_wanted = False
        self._join_wanted = False
        self._blackout = False
        self._apply_overlays()
        self.resize(*WINDOWED_SIZE)

    @property
    def full_screen(self) -> bool:
        return self._wants_full_screen

    def present(self) -> None:
        """Show the window: full screen and frameless when it has a screen of its own."""
        if self._screen is not None:
            # Moving before showing puts the window on that screen on every platform; setScreen
            # alone is ignored by some window managers.
            geometry = self._screen.geometry()
            self.move(geometry.topLeft())
            if self.windowHandle() is not None:
                self.windowHandle().setScreen(self._screen)
        self._apply_mode()

    def toggle_full_screen(self) -> None:
        self._wants_full_screen = not self._wants_full_screen
        self._apply_mode()

    def _apply_mode(self) -> None:
        frameless = self._wants_full_screen
        if bool(self.windowFlags() & Qt.WindowType.FramelessWindowHint) != frameless:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, frameless)
        if self._wants_full_screen:
            # The pointer would sit in the middle of the projected slide.
            self.setCursor(Qt.CursorShape.BlankCursor)
            self.showFullScreen()
        else:
            self.unsetCursor()
            self.showNormal()

    def show_slide(self, slide: Slide | None) -> None:
        self.view.set_slide(slide)

    def set_blackout(self, active: bool) -> None:
        self._blackout = active
        self.view.set_blackout(active)
        self._apply_overlays()

    # Overlays ---------------------------------------------------------------------------------

    def set_join(self, url: str, room_code: str) -> None:
        """What the join card says (the room's address and code)."""
        self.join_panel.set_join(url, room_code)

    def show_join(self, visible: bool, *, alone: bool = False) -> None:
        """Show the join card: in the title slide's free corner, or *alone* over any other."""
        self._join_wanted = visible
        self.join_panel.set_alone(alone)
        self._apply_overlays()

    def show_results(self, activity: Activity, results: PublicResults, revealed: bool) -> None:
        """Cover the slide with *activity*'s results chart (updated in place when it is there)."""
        self.results_view.show_results(activity, results, revealed)
        self._results_wanted = True
        self._apply_overlays()

    def hide_results(self) -> None:
        self._results_wanted = False
        self._apply_overlays()

    def show_spotlight(self, text: str | None) -> None:
        """A question of the room, large over the slide; None takes it away."""
        self._spotlight_wanted = text is not None
        if text is not None:
            self.spotlight.show_text(text)
        self._apply_overlays()

    def show_countdown(self, seconds: float | None) -> None:
        """The time left of the open timed activity; None hides it."""
        self._countdown_wanted = seconds is not None
        if seconds is not None:
            self.countdown.show_seconds(seconds)
        self._apply_overlays()

    @property
    def spotlight_shown(self) -> bool:
        return self.spotlight.isVisible()

    @property
    def join_shown(self) -> bool:
        return self.join_panel.isVisible()

    @property
    def results_shown(self) -> bool:
        return self.results_view.isVisible()

    def _apply_overlays(self) -> None:
        self.results_view.setVisible(self._results_wanted and not self._blackout)
        self.join_panel.setVisible(self._join_wanted and not self._blackout)
        self.spotlight.setVisible(self._spotlight_wanted and not self._blackout)
        self.countdown.setVisible(self._countdown_wanted and not self._blackout)
        # The join card stays on top of the results: latecomers may arrive at any moment; the
        # spotlight covers the results while the trainer holds it there.
        self.results_view.raise_()
        self.spotlight.raise_()
        self.join_panel.raise_()
        self.countdown.raise_()
        self._place_overlays()

    def _place_overlays(self) -> None:
        # The slide view fills the window (no margins): the slide is its 16:9 frame.
        frame = letterbox(QRectF(self.rect())).toAlignedRect()
        self.results_view.setGeometry(frame)
        self.join_panel.setGeometry(frame)
        self.spotlight.place(frame)
        self.countdown.place(frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_overlays()

    def allow_close(self) -> None:
        """Called when the application quits: the next close is for real."""
        self._quitting = True

    def closeEvent(self, event: QCloseEvent) -> None:
        # A stray Alt+F4 or click on the projector must not end the projection mid-course.
        if self._quitting:
            event.accept()
        else:
            event.ignore()
