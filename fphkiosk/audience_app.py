"""Audience mode, wired: a participant's window on a tablet, its controller and the kiosk lock."""

from __future__ import annotations

import asyncio
import functools
import sys

import qasync
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from fphkiosk.core.i18n import Translator
from fphkiosk.ui.audience.controller import RESULT_LIFETIME_MS, AudienceController, room_check
from fphkiosk.ui.audience.kiosk import InvalidPin, KioskLock, valid_pin
from fphkiosk.ui.audience.window import AudienceWindow
from fphkiosk.ui.slides.fonts import register_fonts, with_emoji

EXIT_OK = 0
EXIT_USAGE = 2
APP_FONT_POINT_SIZE = 14


def run_audience(
    url: str | None,
    code: str | None,
    *,
    windowed: bool,
    pin: str | None,
    tr: Translator,
    result_lifetime_ms: int = RESULT_LIFETIME_MS,
) -> int:
    """Open the participant's window (locked full screen unless *windowed*) until unlocked."""
    if pin is not None:
        try:
            pin = valid_pin(pin)
        except InvalidPin as exc:
            print(tr(exc.key), file=sys.stderr)
            return EXIT_USAGE
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("fphkiosk")
    app.setQuitOnLastWindowClosed(False)
    family = register_fonts()
    app.setFont(with_emoji(QFont(family, APP_FONT_POINT_SIZE)))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    window = AudienceWindow(tr, family=family, show_quit=not windowed)
    window.closed.connect(closed.set)
    lock: KioskLock | None = None
    controller = AudienceController(window, tr, result_lifetime_ms=result_lifetime_ms)
    if not windowed:
        # The console's PIN, checked by the room; --pin also unlocks when the room is out of reach.
        lock = KioskLock(window, pin, tr, room_check=functools.partial(room_check, controller))
        window.quit_requested.connect(lock.request_exit)
        lock.unlocked.connect(window.close)
    with loop:
        if lock is not None:
            lock.show()
        else:
            window.show()
        if url and code:
            loop.create_task(controller.join(url, code))
        else:
            controller.ask_for_room(url or "", code or "")
        loop.run_until_complete(closed.wait())
        loop.run_until_complete(controller.close())
    return EXIT_OK
