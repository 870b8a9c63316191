"""The kiosk lock of audience mode: full screen, frameless, on top; leaving needs the trainer's PIN.

A deterrent, not a lockdown: the operating system's own kiosk features (Windows Assigned Access,
a GNOME kiosk session, Android screen pinning, iPad Guided Access) are what really hold a tablet.
This stops the accidental exit: the close button, Escape, Alt+F4; and under a window manager it
takes the screen back at once when the window is minimised or hidden ("show desktop", another
workspace) or another window is made active (Alt+Tab).
"""

from __future__ import annotations

import asyncio
import hmac
import re
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.core.i18n import Translator

PIN_PATTERN = re.compile(r"^[0-9]{4,6}$")
PIN_MAX_LENGTH = 6
EXIT_SHORTCUT = "Ctrl+Shift+Q"
KEY_HEIGHT = 72


class InvalidPin(ValueError):
    """A PIN that is not 4 to 6 digits; ``key`` is the message to show."""

    key = "audience.kiosk.pin_invalid"


def valid_pin(pin: str) -> str:
    """*pin* without surrounding spaces, or InvalidPin when it is not 4 to 6 digits."""
    pin = pin.strip()
    if not PIN_PATTERN.match(pin):
        raise InvalidPin(pin)
    return pin


class PinDialog(QDialog):
    """A touch keypad for a 4–6 digit code; *check* returns an error text, or None to accept."""

    def __init__(
        self,
        tr: Translator,
        prompt: str,
        check: Callable[[str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._code = ""
        self.setObjectName("pin_dialog")
        self.setWindowTitle(tr("audience.kiosk.title"))
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setProperty("role", "title")
        self.dots = QLabel("")
        self.dots.setProperty("role", "pin")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        for label in (self.prompt, self.dots, self.error):
            layout.addWidget(label)
        keys = QGridLayout()
        keys.setSpacing(10)
        labels = [*"123456789", tr("audience.kiosk.erase"), "0", tr("audience.kiosk.ok")]
        self.keys: dict[str, QPushButton] = {}
        for n, text in enumerate(labels):
            button = QPushButton(text)
            button.setMinimumSize(KEY_HEIGHT * 3 // 2, KEY_HEIGHT)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("role", "primary" if n == len(labels) - 1 else "key")
            button.clicked.connect(lambda _checked=False, n=n: self._on_key_clicked(n))
            keys.addWidget(button, n // 3, n % 3)
            self.keys[text] = button
        layout.addLayout(keys)
        cancel = QPushButton(tr("audience.kiosk.cancel"))
        cancel.setMinimumHeight(KEY_HEIGHT)
        cancel.setProperty("role", "secondary")
        cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)

    @property
    def code(self) -> str:
        return self._code

    def type_code(self, digits: str) -> None:
        """Enter *digits* as if tapped (used by the keyboard handler and by tests)."""
        for digit in digits:
            if digit.isdigit() and len(self._code) < PIN_MAX_LENGTH:
                self._code += digit
        self._show_code()

    def submit(self) -> None:
        error = self._check(self._code)
        if error is None:
            self.accept()
            return
        self._code = ""
        self.error.setText(error)
        self._show_code()

    def _on_key_clicked(self, n: int) -> None:
        if n < 9:
            self.type_code(str(n + 1))
        elif n == 9:
            self._code = self._code[:-1]
            self._show_code()
        elif n == 10:
            self.type_code("0")
        else:
            self.submit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.text().isdigit():
            self.type_code(event.text())
        elif key == Qt.Key.Key_Backspace:
            self._code = self._code[:-1]
            self._show_code()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)

    def _show_code(self) -> None:
        # Dots, not digits: the participants may be looking over the trainer's shoulder.
        self.dots.setText(" ".join("•" * len(self._code)) or " ")


RoomCheck = Callable[[str], Awaitable[bool | None]]
"""Asks the room whether a PIN is the console's: True, False, or None when it cannot tell."""


class KioskLock(QObject):
    """Holds *window* full screen, frameless and on top until the trainer's PIN is entered.

    The PIN is the one the presenter console shows, checked by the room (*room_check*); a PIN
    given to audience mode itself (*pin*) also unlocks, so a tablet can be freed when the room
    is out of reach.
    """

    unlocked = Signal()

    def __init__(
        self,
        window: QWidget,
        pin: str | None,
        tr: Translator,
        *,
        room_check: RoomCheck | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pin = valid_pin(pin) if pin is not None else None
        self._room_check = room_check
        self._pending: asyncio.Task[None] | None = None
        self._tr = tr
        self._unlocked = False
        self.dialog: PinDialog | None = None
        self.ignored_closes = 0
        self.ignored_keys = 0
        self.reclaims = 0
        """How many times the window took the screen back (for tests and diagnostics)."""
        # Taken back from the event loop, not inside the event that lost it (Qt is still
        # processing that change; acting inside it is undone by what follows).
        self._reclaim_timer = QTimer(self)
        self._reclaim_timer.setSingleShot(True)
        self._reclaim_timer.setInterval(0)
        self._reclaim_timer.timeout.connect(self._on_reclaim_timer_timeout)
        self._remapping = False
        self._held = False
        """The window has been active since it was last mapped afresh."""
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        window.installEventFilter(self)
        shortcut = QShortcut(QKeySequence(EXIT_SHORTCUT), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.request_exit)

    @property
    def is_unlocked(self) -> bool:
        return self._unlocked

    def show(self) -> None:
        self._window.showFullScreen()

    def request_exit(self) -> None:
        """Ask for the PIN (window-modal, so the room keeps running behind it)."""
        if self._unlocked or (self.dialog is not None and self.dialog.isVisible()):
            return
        self.dialog = PinDialog(
            self._tr, self._tr("audience.kiosk.prompt"), self._check, self._window
        )
        self.dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog.open()

    def _check(self, code: str) -> str | None:
        if self._pin is not None and hmac.compare_digest(code.encode(), self._pin.encode()):
            return None
        if self._room_check is not None and code:
            self._pending = asyncio.get_event_loop().create_task(self._ask_room(code))
            return self._tr("audience.kiosk.checking")
        return self._tr("audience.kiosk.wrong_pin")

    async def _ask_room(self, code: str) -> None:
        assert self._room_check is not None
        verdict = await self._room_check(code)
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            return
        if verdict:
            dialog.accept()
        else:
            key = "audience.kiosk.wrong_pin" if verdict is False else "audience.kiosk.unreachable"
            dialog.error.setText(self._tr(key))

    def _on_dialog_accepted(self) -> None:
        self._unlocked = True
        self._reclaim_timer.stop()
        self.unlocked.emit()

    def _lost_the_screen(self) -> bool:
        window = self._window
        if window.isMinimized() or not window.isVisible() or not window.isFullScreen():
            return True
        handle = window.windowHandle()
        if handle is not None and not handle.isExposed():
            return True  # unmapped by the window manager ("show desktop"), Qt still says visible
        # Another window made active (Alt+Tab), or none of ours ("show desktop", a workspace
        # switch). Our own PIN dialog may be active: it is ours.
        active = QApplication.activeWindow()
        return active is not window and active is not self.dialog

    def _on_reclaim_timer_timeout(self) -> None:
        if self._unlocked or not self._lost_the_screen():
            return
        self.reclaims += 1
        window = self._window
        handle = window.windowHandle()
        if self._held and window.isVisible() and handle is not None and not handle.isExposed():
            # Unmapped by the window manager while Qt still counts it shown ("show desktop",
            # another workspace): showing it again would do nothing, so it is mapped afresh.
            # Once per time it was held: a window still being mapped is left to finish.
            self._held = False
            self._remapping = True
            try:
                window.hide()
            finally:
                self._remapping = False
        window.setWindowState(
            (window.windowState() & ~Qt.WindowState.WindowMinimized)
            | Qt.WindowState.WindowFullScreen
        )
        window.showFullScreen()
        window.raise_()
        window.activateWindow()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._window or self._unlocked:
            return False
        if event.type() == QEvent.Type.WindowActivate:
            self._held = True
        if event.type() in _SCREEN_LOST:
            if not self._remapping:
                self._reclaim_timer.start()
            return False
        if event.type() == QEvent.Type.Close and isinstance(event, QCloseEvent):
            # An accepted close event still closes the window: it must be ignored, not eaten.
            event.ignore()
            self.ignored_closes += 1
            return True
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            if event.type() == QEvent.Type.KeyPress and _is_exit_key(event):
                self.ignored_keys += 1
                return True
            return _is_exit_key(event)
        return False


_SCREEN_LOST = frozenset(
    {
        QEvent.Type.WindowStateChange,  # minimised ("show desktop" may iconify), or restored
        QEvent.Type.Hide,  # unmapped: another workspace, or hidden
        QEvent.Type.WindowDeactivate,  # another window made active
    }
)


def _is_exit_key(event: QKeyEvent) -> bool:
    """Escape, and Alt+F4 where the platform delivers it as a key rather than a close."""
    if event.key() == Qt.Key.Key_Escape:
        return True
    alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
    return alt and event.key() == Qt.Key.Key_F4
