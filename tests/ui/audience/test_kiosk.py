"""The kiosk lock: full screen, frameless, on top; close and Escape ignored; PIN to leave."""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fphkiosk.core.i18n import Translator
from fphkiosk.net.client import ParticipantClient
from fphkiosk.ui.audience.kiosk import InvalidPin, KioskLock, PinDialog, valid_pin
from fphkiosk.ui.audience.window import AudienceWindow
from fphkiosk.ui.slides.fonts import register_fonts
from tests.room_fixture import Served

PIN = "4821"


@pytest.fixture
def window(qtbot: QtBot, tr: Translator) -> AudienceWindow:
    window = AudienceWindow(tr, family=register_fonts(), show_quit=True)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def lock(window: AudienceWindow, tr: Translator) -> KioskLock:
    lock = KioskLock(window, PIN, tr)
    window.quit_requested.connect(lock.request_exit)
    lock.unlocked.connect(window.close)
    lock.show()
    return lock


def tap(dialog: PinDialog, digits: str) -> None:
    for digit in digits:
        QtBot.mouseClick(dialog.keys[digit], Qt.MouseButton.LeftButton)


def test_locked_window_is_full_screen_frameless_and_on_top(
    window: AudienceWindow, lock: KioskLock
) -> None:
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.isFullScreen()
    assert window.quit_button.isVisible()


def test_windowed_mode_has_a_frame_and_closes_normally(window: AudienceWindow) -> None:
    window.show()
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.isFullScreen()
    assert window.close()
    assert not window.isVisible()


def test_close_escape_and_alt_f4_are_ignored(window: AudienceWindow, lock: KioskLock) -> None:
    assert not window.close()
    assert lock.ignored_closes == 1
    for key, modifiers in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ):
        event = QKeyEvent(QKeyEvent.Type.KeyPress, key, modifiers)
        QApplication.sendEvent(window, event)
        # Still accepted: the lock's filter took it before the window could see (and ignore) it.
        assert event.isAccepted()
    assert lock.ignored_keys == 2
    assert window.isVisible() and window.isFullScreen()
    assert lock.dialog is None


def test_wrong_pin_is_refused_and_the_window_stays(
    qtbot: QtBot, window: AudienceWindow, lock: KioskLock
) -> None:
    QtBot.mouseClick(window.quit_button, Qt.MouseButton.LeftButton)
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible()
    tap(dialog, "1234")
    assert dialog.dots.text() == "• • • •"  # Never the digits themselves.
    with qtbot.assertNotEmitted(lock.unlocked):
        QtBot.mouseClick(dialog.keys["Valider"], Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text() == "Code incorrect."
    assert dialog.code == ""
    assert not lock.is_unlocked
    assert not window.close()
    assert window.isVisible()


def test_right_pin_unlocks_and_quits(qtbot: QtBot, window: AudienceWindow, lock: KioskLock) -> None:
    lock.request_exit()
    dialog = lock.dialog
    assert dialog is not None
    tap(dialog, "48")
    QtBot.mouseClick(dialog.keys["Effacer"], Qt.MouseButton.LeftButton)
    tap(dialog, "821")
    with qtbot.waitSignal(lock.unlocked, timeout=1000):
        QtBot.mouseClick(dialog.keys["Valider"], Qt.MouseButton.LeftButton)
    assert lock.is_unlocked
    assert not window.isVisible()


def test_cancelling_the_pin_dialog_keeps_the_lock(window: AudienceWindow, lock: KioskLock) -> None:
    lock.request_exit()
    assert lock.dialog is not None
    lock.dialog.reject()
    assert not lock.is_unlocked
    assert not window.close()


def test_pin_must_be_four_to_six_digits(window: AudienceWindow, tr: Translator) -> None:
    assert valid_pin(" 482193 ") == "482193"
    for bad in ("123", "1234567", "12a4", "", "١٢٣٤"):
        with pytest.raises(InvalidPin):
            valid_pin(bad)
    with pytest.raises(InvalidPin):
        KioskLock(window, "12", tr)


async def _settled(lock: KioskLock, dialog: PinDialog, tr: Translator) -> str:
    """The dialog's message once the room has answered the check under way."""
    checking = tr("audience.kiosk.checking")
    async with asyncio.timeout(5):
        while dialog.error.text() == checking and not lock.is_unlocked:
            await asyncio.sleep(0.01)
    return dialog.error.text()


async def test_the_consoles_pin_is_checked_by_the_room(
    window: AudienceWindow,
    tr: Translator,
    served: Served,
) -> None:
    client = ParticipantClient(served.ws_url, served.live.room_code)
    await client.start()
    try:
        await client.joined()
        lock = KioskLock(window, None, tr, room_check=client.check_kiosk_pin)
        lock.show()
        lock.request_exit()
        dialog = lock.dialog
        assert dialog is not None
        right = served.live.kiosk_pin
        dialog.type_code("111111" if right != "111111" else "222222")
        dialog.submit()
        assert await _settled(lock, dialog, tr) == tr("audience.kiosk.wrong_pin")
        assert not lock.is_unlocked and window.isVisible()
        dialog.type_code(right)
        dialog.submit()
        await _settled(lock, dialog, tr)
        assert lock.is_unlocked
    finally:
        await client.close()


async def test_without_the_room_only_the_local_pin_unlocks(
    window: AudienceWindow,
    tr: Translator,
    served: Served,
) -> None:
    offline = ParticipantClient(served.ws_url, served.live.room_code)  # never started
    lock = KioskLock(window, PIN, tr, room_check=offline.check_kiosk_pin)
    lock.show()
    lock.request_exit()
    dialog = lock.dialog
    assert dialog is not None
    dialog.type_code(served.live.kiosk_pin)
    dialog.submit()
    assert await _settled(lock, dialog, tr) == tr("audience.kiosk.unreachable")
    assert not lock.is_unlocked
    dialog.type_code(PIN)
    dialog.submit()
    assert lock.is_unlocked


def test_a_minimised_window_takes_the_screen_back(
    window: AudienceWindow, lock: KioskLock, qtbot: QtBot
) -> None:
    qtbot.waitExposed(window)
    window.showMinimized()  # what "show desktop" (Super+D) does under many window managers
    qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized())
    assert lock.reclaims >= 1
    window.setWindowState(Qt.WindowState.WindowNoState)  # "restored" to a normal window
    qtbot.waitUntil(lambda: window.isFullScreen() and lock.reclaims >= 2)


def test_a_hidden_window_comes_back_at_once(
    window: AudienceWindow, lock: KioskLock, qtbot: QtBot
) -> None:
    qtbot.waitExposed(window)
    window.hide()  # unmapped: another workspace
    qtbot.waitUntil(lambda: window.isVisible() and window.isFullScreen())
    assert lock.reclaims >= 1


def test_another_window_made_active_loses_to_the_kiosk(
    window: AudienceWindow, lock: KioskLock, qtbot: QtBot, tr: Translator
) -> None:
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    other = AudienceWindow(tr, family=register_fonts(), show_quit=False)
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()  # Alt+Tab to another window
    qtbot.waitUntil(lambda: lock.reclaims >= 1 and QApplication.activeWindow() is window)


def test_the_pin_dialog_keeps_the_focus_and_an_unlocked_window_is_let_go(
    window: AudienceWindow, lock: KioskLock, qtbot: QtBot
) -> None:
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    before = lock.reclaims
    lock.request_exit()
    dialog = lock.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    QApplication.processEvents()
    assert lock.reclaims == before and QApplication.activeWindow() is dialog
    with qtbot.waitSignal(lock.unlocked):
        tap(dialog, PIN)
        QtBot.mouseClick(dialog.keys["Valider"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    reclaims = lock.reclaims
    window.showMinimized()
    window.hide()
    QApplication.processEvents()
    assert lock.reclaims == reclaims and not window.isVisible()
