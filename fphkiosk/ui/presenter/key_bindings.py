"""The presenter's keyboard: what a clicker or the laptop's keys ask for, in either window.

A presenter clicker sends ordinary keys (PageDown, PageUp, Right, Left, B or "." for a black
screen), so both the console and the projector must obey them whichever of the two has the focus
and whichever child widget inside it does (a focused button must not eat Space, the slide list must
not eat PageDown). That is why this filter sits on the application and only lets through events
aimed at the two presenter windows' widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

MAX_TYPED_DIGITS = 4


class Command(Enum):
    NEXT = auto()
    PREVIOUS = auto()
    FIRST = auto()
    LAST = auto()
    TOGGLE_BLACKOUT = auto()
    TOGGLE_FULL_SCREEN = auto()
    SEND_PREVIEW_LIVE = auto()
    QUIT = auto()


@dataclass(frozen=True)
class GoToNumber:
    number: int
    """1-based slide number as typed by the trainer."""


KeyCommand = Command | GoToNumber

_PLAIN_KEYS: dict[int, Command] = {
    Qt.Key.Key_Right: Command.NEXT,
    Qt.Key.Key_Down: Command.NEXT,
    Qt.Key.Key_PageDown: Command.NEXT,
    Qt.Key.Key_Space: Command.NEXT,
    Qt.Key.Key_Left: Command.PREVIOUS,
    Qt.Key.Key_Up: Command.PREVIOUS,
    Qt.Key.Key_PageUp: Command.PREVIOUS,
    Qt.Key.Key_Backspace: Command.PREVIOUS,
    Qt.Key.Key_Home: Command.FIRST,
    Qt.Key.Key_End: Command.LAST,
    Qt.Key.Key_B: Command.TOGGLE_BLACKOUT,
    # Many clickers send "." for their "black screen" button (PowerPoint's shortcut).
    Qt.Key.Key_Period: Command.TOGGLE_BLACKOUT,
    Qt.Key.Key_F: Command.TOGGLE_FULL_SCREEN,
    Qt.Key.Key_Return: Command.SEND_PREVIEW_LIVE,
    Qt.Key.Key_Enter: Command.SEND_PREVIEW_LIVE,
}

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Keys the slide list uses to move its preview: they stay with the list when it has the focus.
_LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down)
_IGNORED_MODIFIERS = Qt.KeyboardModifier.KeypadModifier


class NumberEntry:
    """Digits typed before Enter, to jump to a slide by its number."""

    def __init__(self) -> None:
        self.text = ""

    def type_digit(self, digit: str) -> bool:
        if len(self.text) >= MAX_TYPED_DIGITS:
            return False
        # A leading zero means nothing for a slide number; dropping it keeps the display honest.
        if digit == "0" and not self.text:
            return False
        self.text += digit
        return True

    def erase(self) -> bool:
        if not self.text:
            return False
        self.text = self.text[:-1]
        return True

    def clear(self) -> bool:
        had_text = bool(self.text)
        self.text = ""
        return had_text

    def take(self) -> int | None:
        number = int(self.text) if self.text else None
        self.text = ""
        return number


def key_command(key: int, modifiers: Qt.KeyboardModifier) -> Command | None:
    """The command a key asks for without any typed number, or None."""
    modifiers = modifiers & ~_IGNORED_MODIFIERS
    if modifiers == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_Q:
        return Command.QUIT
    if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        return None
    if key == Qt.Key.Key_Space and modifiers == Qt.KeyboardModifier.ShiftModifier:
        return Command.PREVIOUS
    return _PLAIN_KEYS.get(key)


class PresenterKeys(QObject):
    """Turns key presses aimed at the presenter windows into commands.

    Install it on the QApplication (``app.installEventFilter(keys)``) so it sees keys before
    the focused child widget does; *owns* says which top-level windows it serves.
    """

    command_issued = Signal(object)
    """A KeyCommand."""
    typed_number_changed = Signal(str)

    def __init__(
        self,
        owns: Callable[[QWidget], bool],
        lets_list_keys_through: Callable[[QWidget], bool] = lambda _w: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._owns = owns
        self._lets_list_keys_through = lets_list_keys_through
        self._number = NumberEntry()

    @property
    def typed_number(self) -> str:
        return self._number.text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if not self._owns(watched):
            return False
        assert isinstance(event, QKeyEvent)
        return self.handle_key(event, watched)

    def handle_key(self, event: QKeyEvent, target: QWidget | None = None) -> bool:
        """Act on *event*; True when it was a presenter key (and must go no further)."""
        key = event.key()
        modifiers = event.modifiers() & ~_IGNORED_MODIFIERS
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        text = event.text()
        if plain and len(text) == 1 and text.isdigit():
            if self._number.type_digit(text):
                self.typed_number_changed.emit(self._number.text)
            return True
        if self._number.text:
            if plain and key in _ENTER_KEYS:
                number = self._number.take()
                self.typed_number_changed.emit("")
                if number is not None:
                    self.command_issued.emit(GoToNumber(number))
                return True
            if plain and key == Qt.Key.Key_Backspace:
                self._number.erase()
                self.typed_number_changed.emit(self._number.text)
                return True
            if key == Qt.Key.Key_Escape:
                self._number.clear()
                self.typed_number_changed.emit("")
                return True
        if key == Qt.Key.Key_Escape:
            # Swallowed on purpose: Escape must never close or leave anything mid-course.
            return True
        if key in _LIST_KEYS and target is not None and self._lets_list_keys_through(target):
            return False
        command = key_command(key, modifiers)
        if command is None:
            return False
        if self._number.clear():
            self.typed_number_changed.emit("")
        self.command_issued.emit(command)
        return True
