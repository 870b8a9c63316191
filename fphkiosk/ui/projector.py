"""The projector window: the live slide, full screen and frameless on the room's screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QPalette, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from fphkiosk.core.deck import Slide
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slide_view import SlideView

WINDOWED_SIZE = (1280, 720)


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
        self.view.set_blackout(active)

    def allow_close(self) -> None:
        """Called when the application quits: the next close is for real."""
        self._quitting = True

    def closeEvent(self, event: QCloseEvent) -> None:
        # A stray Alt+F4 or click on the projector must not end the projection mid-course.
        if self._quitting:
            event.accept()
        else:
            event.ignore()
