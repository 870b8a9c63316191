"""Presenter mode, wired: every object is built here and handed to the ones that use it.

One asyncio loop runs inside Qt's (qasync), so the room server (aiohttp) can later run on the
same loop as the windows, with no thread of its own.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import qasync
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.core.presentation import Presentation
from fphkiosk.ui.clock import ClockBar, ElapsedTime
from fphkiosk.ui.console import ConfirmQuit, ConsoleWindow, confirm_quit_dialog
from fphkiosk.ui.console_controller import PresenterController
from fphkiosk.ui.fonts import register_fonts
from fphkiosk.ui.key_bindings import PresenterKeys
from fphkiosk.ui.projector import ProjectorWindow
from fphkiosk.ui.screens import projector_screen
from fphkiosk.ui.slide_list import SlideList
from fphkiosk.ui.slide_renderer import SlideRenderer
from fphkiosk.ui.slide_view import SlideView

EXIT_OK = 0
CONSOLE_SIZE = (1440, 900)
CONSOLE_FONT_POINT_SIZE = 11


@dataclass
class PresenterSession:
    """The presenter's objects, together so the caller (or a test) can reach and dispose them."""

    app: QApplication
    controller: PresenterController
    console: ConsoleWindow
    projector: ProjectorWindow
    keys: PresenterKeys

    def show(self) -> None:
        self.controller.show_initial_state()
        self.projector.present()
        primary = self.app.primaryScreen()
        if primary is not None and self.projector.full_screen:
            # With the projector on its own screen, the console takes the whole laptop screen.
            self.console.setGeometry(primary.availableGeometry())
            self.console.showMaximized()
        else:
            self.console.show()
        self.console.raise_()
        self.console.activateWindow()
        self.console.slide_list.start_thumbnails()

    def dispose(self) -> None:
        """Remove the application-wide key filter and close both windows without asking."""
        self.app.removeEventFilter(self.keys)
        self.console.close_without_asking()
        self.projector.allow_close()
        self.projector.close()


def build_presenter(
    app: QApplication,
    deck: Deck,
    tr: Translator,
    *,
    windowed: bool,
    screen: QScreen | None,
    confirm_quit: ConfirmQuit | None = None,
) -> PresenterSession:
    """Build the console, the projector and their controller for *deck* (nothing shown yet)."""
    renderer = SlideRenderer(deck, tr)
    elapsed = ElapsedTime()
    projector = ProjectorWindow(SlideView(renderer), tr, screen, windowed=windowed)
    slide_list = SlideList(deck, renderer, tr)
    console = ConsoleWindow(
        deck,
        tr,
        slide_list=slide_list,
        live_view=SlideView(renderer),
        preview_view=SlideView(renderer),
        clock_bar=ClockBar(tr, elapsed),
        elapsed=elapsed,
        confirm_quit=confirm_quit or (lambda parent: confirm_quit_dialog(parent, tr)),
    )
    console.resize(*CONSOLE_SIZE)
    presenter_windows = (console, projector)

    def owns(widget: QWidget) -> bool:
        return widget.window() in presenter_windows

    def in_slide_list(widget: QWidget) -> bool:
        return widget is slide_list or slide_list.isAncestorOf(widget)

    keys = PresenterKeys(owns, lets_list_keys_through=in_slide_list)
    app.installEventFilter(keys)
    controller = PresenterController(
        deck, Presentation(len(deck.slides)), console, projector, keys, elapsed, renderer
    )
    return PresenterSession(app, controller, console, projector, keys)


def _print_first_paint_and_quit(session: PresenterSession) -> Callable[[int], None]:
    """For the start-up benchmark: report the wall time of the first projected slide, then quit."""
    done = False

    def on_painted(number: int) -> None:
        nonlocal done
        if done or number == 0:
            return
        done = True
        # Wall time, not perf_counter: the benchmark compares it with its clock in another process.
        print(f"{time.time():.6f}", flush=True)
        session.console.close_without_asking()

    return on_painted


def run_presenter(
    deck: Deck, tr: Translator, *, windowed: bool, exit_after_first_paint: bool = False
) -> int:
    """Open the console and the projector for *deck* and run until the trainer quits."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("fphkiosk")
    # The console closing is the end; Qt must not stop the loop on its own before that.
    app.setQuitOnLastWindowClosed(False)
    app.setFont(QFont(register_fonts(), CONSOLE_FONT_POINT_SIZE))
    screen = projector_screen(app)
    session = build_presenter(app, deck, tr, windowed=windowed, screen=screen)
    if exit_after_first_paint:
        session.projector.view.slide_painted.connect(_print_first_paint_and_quit(session))

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    session.console.closed.connect(closed.set)
    with loop:
        session.show()
        loop.run_until_complete(closed.wait())
    app.removeEventFilter(session.keys)
    return EXIT_OK
