"""Presenter keys: which key asks for what, typed slide numbers, and which windows are served."""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from fphkiosk.ui.presenter.key_bindings import (
    Command,
    GoToNumber,
    KeyCommand,
    NumberEntry,
    PresenterKeys,
    key_command,
)

NONE = Qt.KeyboardModifier.NoModifier


@pytest.mark.parametrize(
    ("key", "modifiers", "expected"),
    [
        (Qt.Key.Key_Right, NONE, Command.NEXT),
        (Qt.Key.Key_PageDown, NONE, Command.NEXT),
        (Qt.Key.Key_Space, NONE, Command.NEXT),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier, Command.PREVIOUS),
        (Qt.Key.Key_Left, NONE, Command.PREVIOUS),
        (Qt.Key.Key_PageUp, NONE, Command.PREVIOUS),
        (Qt.Key.Key_Home, NONE, Command.FIRST),
        (Qt.Key.Key_End, NONE, Command.LAST),
        (Qt.Key.Key_B, NONE, Command.TOGGLE_BLACKOUT),
        (Qt.Key.Key_Period, NONE, Command.TOGGLE_BLACKOUT),
        (Qt.Key.Key_F, NONE, Command.TOGGLE_FULL_SCREEN),
        (Qt.Key.Key_Return, NONE, Command.SEND_PREVIEW_LIVE),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier, Command.SEND_PREVIEW_LIVE),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, Command.QUIT),
        (Qt.Key.Key_Q, NONE, None),
        (Qt.Key.Key_Escape, NONE, None),
        (Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier, None),
    ],
)
def test_key_command(key: Qt.Key, modifiers: Qt.KeyboardModifier, expected: Command | None) -> None:
    assert key_command(key, modifiers) is expected


def test_number_entry_keeps_up_to_four_digits_without_leading_zero() -> None:
    entry = NumberEntry()
    assert not entry.type_digit("0")
    for digit in "12345":
        entry.type_digit(digit)
    assert entry.text == "1234"
    assert entry.erase()
    assert entry.text == "123"
    assert entry.take() == 123
    assert entry.text == ""
    assert entry.take() is None


class Windows:
    """Two windows, one served by the presenter keys and one not, and what the keys asked for."""

    def __init__(self, qtbot: QtBot) -> None:
        self.served = QWidget()
        self.slide_list = QListWidget(self.served)
        self.slide_list.addItems(["a", "b", "c"])
        self.button = QPushButton("bouton", self.served)
        layout = QVBoxLayout(self.served)
        layout.addWidget(self.slide_list)
        layout.addWidget(self.button)
        self.other = QWidget()
        qtbot.addWidget(self.served)
        qtbot.addWidget(self.other)
        self.keys = PresenterKeys(
            lambda w: w.window() is self.served,
            lets_list_keys_through=lambda w: w is self.slide_list,
        )
        self.commands: list[KeyCommand] = []
        self.typed: list[str] = []
        self.keys.command_issued.connect(self.commands.append)
        self.keys.typed_number_changed.connect(self.typed.append)


@pytest.fixture
def windows(qtbot: QtBot, qapp: QApplication) -> Iterator[Windows]:
    made = Windows(qtbot)
    qapp.installEventFilter(made.keys)
    yield made
    qapp.removeEventFilter(made.keys)


def test_keys_reach_the_presenter_through_any_child_widget(windows: Windows, qtbot: QtBot) -> None:
    qtbot.keyClick(windows.served, Qt.Key.Key_PageDown)
    qtbot.keyClick(windows.slide_list, Qt.Key.Key_End)
    clicked: list[bool] = []
    windows.button.clicked.connect(clicked.append)
    qtbot.keyClick(windows.button, Qt.Key.Key_Space)
    assert windows.commands == [Command.NEXT, Command.LAST, Command.NEXT]
    assert clicked == []  # Space went to the presenter, not to the focused button
    assert windows.slide_list.currentRow() == -1


def test_up_and_down_stay_with_the_slide_list(windows: Windows, qtbot: QtBot) -> None:
    windows.slide_list.setCurrentRow(0)
    qtbot.keyClick(windows.slide_list, Qt.Key.Key_Down)
    assert windows.slide_list.currentRow() == 1
    assert windows.commands == []
    qtbot.keyClick(windows.served, Qt.Key.Key_Down)
    assert windows.commands == [Command.NEXT]


def test_other_windows_keep_their_keys(windows: Windows, qtbot: QtBot) -> None:
    qtbot.keyClick(windows.other, Qt.Key.Key_PageDown)
    qtbot.keyClicks(windows.other, "12")
    assert windows.commands == []
    assert windows.typed == []


def test_typed_number_then_enter_goes_to_that_slide(windows: Windows, qtbot: QtBot) -> None:
    qtbot.keyClicks(windows.served, "12")
    assert windows.keys.typed_number == "12"
    qtbot.keyClick(windows.served, Qt.Key.Key_Backspace)
    qtbot.keyClicks(windows.served, "7")
    qtbot.keyClick(windows.served, Qt.Key.Key_Return)
    assert windows.typed == ["1", "12", "1", "17", ""]
    assert windows.commands == [GoToNumber(17)]


def test_escape_clears_a_typed_number_and_is_swallowed(windows: Windows, qtbot: QtBot) -> None:
    qtbot.keyClicks(windows.served, "3")
    qtbot.keyClick(windows.served, Qt.Key.Key_Escape)
    qtbot.keyClick(windows.served, Qt.Key.Key_Escape)
    qtbot.keyClick(windows.served, Qt.Key.Key_Return)
    assert windows.typed == ["3", ""]
    assert windows.commands == [Command.SEND_PREVIEW_LIVE]


def test_a_navigation_key_drops_a_half_typed_number(windows: Windows, qtbot: QtBot) -> None:
    qtbot.keyClicks(windows.served, "4")
    qtbot.keyClick(windows.served, Qt.Key.Key_Right)
    assert windows.typed == ["4", ""]
    assert windows.commands == [Command.NEXT]
