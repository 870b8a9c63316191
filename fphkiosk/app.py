"""Presenter mode, wired: every object is built here and handed to the ones that use it.

One asyncio loop runs inside Qt's (qasync): the windows, the live room and its aiohttp server
share it, with no thread of their own (the session file has its single writer thread).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from fphkiosk.core.deck import Deck
from fphkiosk.core.glyph_coverage import texts_of
from fphkiosk.core.i18n import Translator
from fphkiosk.core.presentation import Presentation
from fphkiosk.net.limits import ServerLimits
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.room.quiet_gc import QuietCollector
from fphkiosk.ui.presenter.clock import ClockBar, ElapsedTime, session_elapsed_time
from fphkiosk.ui.presenter.console import ConfirmQuit, ConsoleWindow, QuitChoice
from fphkiosk.ui.presenter.join_panel import join_url, remote_url
from fphkiosk.ui.presenter.key_bindings import PresenterKeys
from fphkiosk.ui.presenter.moderation_controller import ModerationController
from fphkiosk.ui.presenter.moderation_panel import ModerationPanel
from fphkiosk.ui.presenter.navigation import NavigationController
from fphkiosk.ui.presenter.prerender import Prerenderer
from fphkiosk.ui.presenter.projector import ProjectorWindow
from fphkiosk.ui.presenter.projector_mirror import ProjectorMirror
from fphkiosk.ui.presenter.prompts import ConfirmLicence, LicencePrompt
from fphkiosk.ui.presenter.quit_dialog import EndOfSession, confirm_quit_dialog
from fphkiosk.ui.presenter.room_bridge import RoomBridge, RoomKeys
from fphkiosk.ui.presenter.room_controller import RoomController
from fphkiosk.ui.presenter.room_panel import RoomPanel, confirm_licence_dialog
from fphkiosk.ui.presenter.slide_list import SlideList
from fphkiosk.ui.presenter.statistics_saving import StatisticsSaver
from fphkiosk.ui.screens import projector_screen
from fphkiosk.ui.slides.fonts import register_fonts, with_emoji
from fphkiosk.ui.slides.slide_renderer import SlideRenderer
from fphkiosk.ui.slides.slide_view import SlideView

if TYPE_CHECKING:
    from fphkiosk.net.server import RoomServer

EXIT_OK = 0
CONSOLE_SIZE = (1440, 900)
CONSOLE_FONT_POINT_SIZE = 11


@dataclass
class PresenterSession:
    """The presenter's objects, together so the caller (or a test) can reach and dispose them."""

    app: QApplication
    deck: Deck
    navigation: NavigationController
    console: ConsoleWindow
    projector: ProjectorWindow
    keys: PresenterKeys
    room_keys: RoomKeys
    mirror: ProjectorMirror

    def show(self) -> None:
        self.navigation.show_initial_state()
        self.projector.present()
        primary = self.app.primaryScreen()
        available = primary.availableGeometry() if primary is not None else None
        if available is not None and self.projector.full_screen:
            # With the projector on its own screen, the console takes the whole laptop screen.
            self.console.setGeometry(available)
            self.console.showMaximized()
        elif available is not None and (
            available.width() < CONSOLE_SIZE[0] or available.height() < CONSOLE_SIZE[1]
        ):
            # A 1366×768 laptop, or a larger one at 125 % or 150 %: never wider than the screen.
            self.console.setGeometry(available)
            self.console.show()
        else:
            self.console.show()
        self.console.raise_()
        self.console.activateWindow()
        self.console.slide_list.start_thumbnails()

    def dispose(self) -> None:
        """Remove the application-wide key filter and close both windows without asking."""
        self.app.removeEventFilter(self.keys)
        self.app.removeEventFilter(self.room_keys)
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
    start_slide: int = 0,
    elapsed: ElapsedTime | None = None,
) -> PresenterSession:
    """Build the console, the projector and their controller for *deck* (nothing shown yet).

    *start_slide* (0-based) and *elapsed* are where a resumed session was.
    """
    renderer = SlideRenderer(deck, tr)
    elapsed = elapsed or ElapsedTime()
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
    # Installed second, so it is asked first: it takes only O, C, R and J.
    room_keys = RoomKeys(owns)
    app.installEventFilter(room_keys)
    presentation = Presentation(len(deck.slides), live=start_slide)
    prerenderer = Prerenderer(
        deck.slides,
        renderer,
        (projector.view, console.live_view),
        console.preview_view,
        lambda: presentation.live,
    )
    navigation = NavigationController(
        deck, presentation, console, projector, keys, elapsed, prerenderer
    )
    # The console's live pane shows the projector's results and join card over the slide.
    mirror = ProjectorMirror(projector, console.live_view)
    return PresenterSession(app, deck, navigation, console, projector, keys, room_keys, mirror)


class PortUnavailable(Exception):
    """The room server could not listen on the port (taken by another program, most often)."""

    def __init__(self, host: str, port: int, error: OSError) -> None:
        super().__init__(f"{host}:{port}: {error}")
        self.host = host
        self.port = port
        self.error = error


@dataclass
class PresenterRoom:
    """The live room of a presenter session: its server, its bridge to Qt, its console panel."""

    live: LiveRoom
    server: RoomServer
    bridge: RoomBridge
    panel: RoomPanel
    controller: RoomController
    url: str
    moderation: ModerationPanel
    moderator: ModerationController

    async def close(self) -> None:
        """Stop serving and close the session file (marked ended)."""
        self.bridge.close()
        await self.bridge.settle()
        await self.server.stop()
        await self.live.close()


async def start_room(
    session: PresenterSession,
    live: LiveRoom,
    tr: Translator,
    *,
    host: str,
    port: int,
    confirm_licence: ConfirmLicence | None = None,
    limits: ServerLimits | None = None,
) -> PresenterRoom:
    """Serve *live* on *host*:*port* (0: any free port) and attach it to the presenter's windows.

    Raises PortUnavailable when the server cannot listen (the session file stays open).
    """
    # The participant page is served by the room server itself, for tablets without the app.
    # aiohttp is imported here, once the first slide is on screen: see run_presenter.
    from fphkiosk.net.server import RoomServer
    from fphkiosk.net.web_page import page_setup

    # The pages speak the deck's language, else the one the application was started in.
    deck = live.room.deck
    serve_web_page = page_setup(deck.meta.lang, tr.language, symbols="".join(texts_of(deck)))
    server = RoomServer(live, tr, limits, setup_app=serve_web_page)
    try:
        await server.start(host, port)
    except OSError as exc:
        await server.stop()
        raise PortUnavailable(host, port, exc) from exc
    # Imported with the server, after the first slide is on screen.
    from fphkiosk.net.addresses import public_host

    address = public_host(host)
    url = join_url(address, server.port, live.room_code)
    bridge = RoomBridge(live, tr)
    panel = RoomPanel(
        tr,
        live.room_code,
        live.presenter_secret,
        remote_url(address, server.port, live.presenter_secret),
        kiosk_pin=live.kiosk_pin,
    )
    session.console.add_side_panel(panel, tr("room_ui.tab"))
    licence = LicencePrompt(
        session.console,
        confirm_licence
        or (lambda parent, title, text: confirm_licence_dialog(parent, tr, title, text)),
    )
    controller = RoomController(
        session.deck,
        session.navigation,
        bridge,
        panel,
        session.console,
        session.projector,
        session.room_keys,
        licence,
        url,
        tr,
    )
    moderation = ModerationPanel(tr)
    session.console.add_side_panel(moderation, tr("moderation.tab"))
    session.console.side_panels.setCurrentWidget(panel)
    moderator = ModerationController(
        session.deck, session.navigation, bridge, moderation, session.projector
    )
    return PresenterRoom(live, server, bridge, panel, controller, url, moderation, moderator)


def _print_first_paint_and_quit(session: PresenterSession) -> Callable[[int], None]:
    """For the start-up benchmark: report the wall time of the first projected slide, then quit."""
    done = False

    def on_painted(number: int) -> None:
        nonlocal done
        if done or number == 0:
            return
        done = True
        # Wall time, not perf_counter: the benchmark compares it with its clock in another process.
        print(f"{FIRST_PAINT_MARK} {time.time():.6f}", flush=True)
        # For CI's check that the windows really open on the platform Qt chose (xcb under Xvfb).
        shown = [
            name
            for name, window in (("console", session.console), ("projector", session.projector))
            if window.isVisible()
        ]
        print(f"{WINDOWS_SHOWN_MARK} {session.app.platformName()} {' '.join(shown)}", flush=True)
        session.console.close_without_asking()

    return on_painted


def _end_on_terminal_signals(console: ConsoleWindow) -> None:
    """Ctrl+C or SIGTERM in the terminal ends the presentation as the console's quit does, so
    the session file is closed as ended rather than left as after a crash."""

    def on_signal(signum: int, frame: object) -> None:
        QTimer.singleShot(0, console.close_without_asking)

    signal.signal(signal.SIGINT, on_signal)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, on_signal)
    # Python runs its signal handlers only between bytecodes: a light timer gives it the chance
    # while Qt's loop waits in C++.
    wake = QTimer(console)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def _start_rehearsal(room: PresenterRoom, live: LiveRoom, count: int) -> subprocess.Popen[bytes]:
    """*count* simulated participants in their own process, so the presenter's loop stays free."""
    port = room.server.port
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fphkiosk.bench.simulate",
            f"http://127.0.0.1:{port}/",
            live.room_code,
            str(count),
        ]
    )


def _stop_rehearsal(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


FIRST_PAINT_MARK = "first-paint"
"""Starts the line that --exit-after-first-paint prints for the start-up benchmark."""
WINDOWS_SHOWN_MARK = "windows-shown"
"""Starts the line, printed with the first-paint one, naming Qt's platform and the open windows."""
FIRST_PAINT_WAIT_S = 2.0
"""How long the room waits for the first projected slide before it opens anyway."""


def run_presenter(
    deck: Deck,
    tr: Translator,
    *,
    windowed: bool,
    session_path: Path,
    host: str,
    port: int,
    exit_after_first_paint: bool = False,
    simulate: int = 0,
    connections_per_address: int | None = None,
    participants_per_address: int | None = None,
) -> int:
    """Open the room from *session_path*, the console and the projector; run until the end.

    Raises SessionStoreError (unusable session file) or PortUnavailable, for the caller to report.
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("fphkiosk")
    # The console closing is the end; Qt must not stop the loop on its own before that.
    app.setQuitOnLastWindowClosed(False)
    app.setFont(with_emoji(QFont(register_fonts(), CONSOLE_FONT_POINT_SIZE)))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        resumed = session_path.exists()
        live = loop.run_until_complete(LiveRoom.open(deck, session_path))
        if simulate:
            # Before any simulated answer: the session file and every export say "rehearsal".
            loop.run_until_complete(live.mark_rehearsal())
        # The quit dialog asks for the statistics' folder while the console is still open.
        end_of_session = EndOfSession(
            tr, session_path, ask_folder=lambda parent: saver.ask_at_end(parent)
        )
        session = build_presenter(
            app,
            deck,
            tr,
            windowed=windowed,
            screen=projector_screen(app),
            start_slide=live.room.slide_index,
            elapsed=session_elapsed_time(live.course_started_at, live.mark_course_started),
            confirm_quit=end_of_session,
        )
        saver = StatisticsSaver(session.console, deck, session_path, tr)
        # From here on, Ctrl+C in the terminal ends the presentation cleanly.
        _end_on_terminal_signals(session.console)
        if exit_after_first_paint:
            session.projector.view.slide_painted.connect(_print_first_paint_and_quit(session))
        closed = asyncio.Event()
        session.console.closed.connect(closed.set)
        painted = asyncio.Event()
        session.projector.view.slide_painted.connect(lambda _number: painted.set())
        # Simulated participants all come from this laptop: the address cap must let them in.
        per_address = (connections_per_address or ServerLimits.connections_per_address) + simulate
        voices = (participants_per_address or ServerLimits.participants_per_address) + simulate
        changed = simulate or connections_per_address is not None
        changed = changed or participants_per_address is not None
        limits = (
            ServerLimits(connections_per_address=per_address, participants_per_address=voices)
            if changed
            else None
        )

        async def open_room() -> PresenterRoom:
            # Shown from the running loop: the room's commands are tasks on it. The slide comes
            # first and the room a moment later, so the trainer sees the course at once.
            session.show()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(painted.wait(), FIRST_PAINT_WAIT_S)
            return await start_room(session, live, tr, host=host, port=port, limits=limits)

        try:
            room = loop.run_until_complete(open_room())
        except PortUnavailable:
            session.dispose()
            loop.run_until_complete(live.close())
            raise
        key = "room_ui.session_resumed" if resumed else "room_ui.session_file"
        print(tr(key, path=session_path, number=live.room.slide_index + 1), flush=True)
        print(tr("room_ui.listening", url=room.url, code=live.room_code), flush=True)
        rehearsal = _start_rehearsal(room, live, simulate) if simulate else None
        room.panel.statistics_requested.connect(saver.save_during_session)
        # Full garbage collections while no answer comes in (the windows and the room are up).
        collector = QuietCollector(lambda: live.last_input_at)
        loop.call_soon(collector.start)
        loop.run_until_complete(closed.wait())
        try:
            collector.stop()
            if rehearsal is not None:
                _stop_rehearsal(rehearsal)
            loop.run_until_complete(room.close())
            request = end_of_session.request
            if session.console.quit_choice is QuitChoice.SAVE_AND_QUIT and request is not None:
                # After the room: no answer can arrive between the statistics and the purge.
                session.projector.allow_close()
                session.projector.close()
                saver.save_at_end(loop, request)
        finally:
            session.dispose()
    return EXIT_OK
