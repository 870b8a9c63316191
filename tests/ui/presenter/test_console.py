"""Presenter console and its navigation: keys, preview, send live, blackout, notes, quitting."""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from pytestqt.wait_signal import SignalBlocker

from fphkiosk.app import PresenterSession, build_presenter
from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.presenter.clock import ElapsedTime, format_duration

DECK = """\
---
title: Cours d'essai
---
# Bienvenue

Bonjour à toutes et à tous.

Notes:
Se présenter **lentement**.
---
# Deuxième

- un point

Notes:
Parler du second point.
---
# Troisième

Texte.
---
# Quatrième

Texte.
---
# Cinquième

Fin.
"""


class QuitAnswers:
    """The trainer's answer to the quit question, and how often it was asked."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked = 0

    def __call__(self, parent: QWidget) -> bool:
        self.asked += 1
        return self.answer


def write_deck(folder: Path) -> Deck:
    (folder / "deck.md").write_text(DECK, encoding="utf-8")
    return load_deck(folder)


@pytest.fixture
def quit_answers() -> QuitAnswers:
    return QuitAnswers(False)


@pytest.fixture
def session(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, tr: Translator, quit_answers: QuitAnswers
) -> Iterator[PresenterSession]:
    deck = write_deck(tmp_path)
    built = build_presenter(qapp, deck, tr, windowed=True, screen=None, confirm_quit=quit_answers)
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    built.show()
    qtbot.waitExposed(built.projector)
    qtbot.waitExposed(built.console)
    yield built
    built.dispose()


def projector_paints(session: PresenterSession, qtbot: QtBot, number: int) -> SignalBlocker:
    """Wait, around a `with` block, until the projector has painted slide *number* (1-based)."""
    return qtbot.waitSignal(
        session.projector.view.slide_painted,
        timeout=3000,
        check_params_cb=lambda painted: painted == number,
    )


def test_starts_on_the_first_slide_in_both_windows(session: PresenterSession, qtbot: QtBot) -> None:
    assert session.navigation.presentation.live == 0
    assert session.console.position_label.text() == "Diapositive 1 / 5"
    assert "Se présenter" in session.console.notes_text
    assert session.console.preview_caption.text() == "Suivante\u00a0: diapositive 2"
    assert not session.console.send_live_button.isEnabled()


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_Right, 2),
        (Qt.Key.Key_PageDown, 2),
        (Qt.Key.Key_Space, 2),
        (Qt.Key.Key_End, 5),
    ],
)
def test_forward_keys_on_the_console_move_the_projector(
    session: PresenterSession, qtbot: QtBot, key: Qt.Key, expected: int
) -> None:
    with projector_paints(session, qtbot, expected):
        qtbot.keyClick(session.console, key)
    assert session.navigation.presentation.live == expected - 1
    assert session.console.position_label.text() == f"Diapositive {expected} / 5"


def test_backward_keys_move_the_projector_back(session: PresenterSession, qtbot: QtBot) -> None:
    session.navigation.apply(session.navigation.presentation.go_to(3))
    with projector_paints(session, qtbot, 3):
        qtbot.keyClick(session.console, Qt.Key.Key_Left)
    with projector_paints(session, qtbot, 2):
        qtbot.keyClick(session.console, Qt.Key.Key_PageUp)
    with projector_paints(session, qtbot, 1):
        qtbot.keyClick(session.console, Qt.Key.Key_Home)
    assert session.navigation.presentation.live == 0


def test_clicker_keys_work_while_the_slide_list_or_a_button_has_the_focus(
    session: PresenterSession, qtbot: QtBot
) -> None:
    with projector_paints(session, qtbot, 2):
        qtbot.keyClick(session.console.slide_list, Qt.Key.Key_PageDown)
    with projector_paints(session, qtbot, 3):
        qtbot.keyClick(session.console.clock_bar.reset_button, Qt.Key.Key_Space)
    assert session.navigation.presentation.live == 2


def test_previewing_in_the_list_leaves_the_projector_alone(
    session: PresenterSession, qtbot: QtBot
) -> None:
    painted: list[int] = []
    session.projector.view.slide_painted.connect(painted.append)
    session.console.slide_list.setCurrentRow(3)
    assert session.navigation.presentation.preview == 3
    assert session.navigation.presentation.live == 0
    assert session.console.send_live_button.isEnabled()
    assert "diapositive 4" in session.console.preview_caption.text()
    qtbot.wait(50)  # let any (wrong) repaint of the projector happen before checking
    assert all(number == 1 for number in painted)

    with projector_paints(session, qtbot, 4):
        qtbot.mouseClick(session.console.send_live_button, Qt.MouseButton.LeftButton)
    assert session.navigation.presentation.live == 3
    assert session.console.position_label.text() == "Diapositive 4 / 5"
    assert not session.console.send_live_button.isEnabled()


def test_up_down_in_the_list_preview_and_enter_sends_live(
    session: PresenterSession, qtbot: QtBot
) -> None:
    session.console.slide_list.setFocus()
    qtbot.keyClick(session.console.slide_list, Qt.Key.Key_Down)
    qtbot.keyClick(session.console.slide_list, Qt.Key.Key_Down)
    assert session.navigation.presentation.preview == 2
    assert session.navigation.presentation.live == 0
    with projector_paints(session, qtbot, 3):
        qtbot.keyClick(session.console.slide_list, Qt.Key.Key_Return)
    assert session.navigation.presentation.live == 2


def test_double_click_in_the_list_sends_the_slide_live(
    session: PresenterSession, qtbot: QtBot
) -> None:
    slide_list = session.console.slide_list
    item = slide_list.item(4)
    assert item is not None
    rect = slide_list.visualItemRect(item)
    with projector_paints(session, qtbot, 5):
        # QTest's double click alone leaves the view without a pressed item (Qt 6): press first.
        qtbot.mousePress(slide_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(slide_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert session.navigation.presentation.live == 4


def test_b_blacks_the_projector_out_and_back(session: PresenterSession, qtbot: QtBot) -> None:
    qtbot.keyClick(session.console, Qt.Key.Key_B)
    assert session.navigation.presentation.blackout
    assert session.console.blackout_label.isVisible()
    qtbot.keyClick(session.projector, Qt.Key.Key_B)
    assert not session.navigation.presentation.blackout
    assert not session.console.blackout_label.isVisible()


def test_typed_number_then_enter_jumps_and_is_shown(
    session: PresenterSession, qtbot: QtBot
) -> None:
    qtbot.keyClicks(session.console, "4")
    assert session.console.typed_number_label.isVisible()
    assert "4" in session.console.typed_number_label.text()
    with projector_paints(session, qtbot, 4):
        qtbot.keyClick(session.console, Qt.Key.Key_Return)
    assert session.navigation.presentation.live == 3
    assert not session.console.typed_number_label.isVisible()


def test_notes_follow_the_live_slide(session: PresenterSession, qtbot: QtBot) -> None:
    with projector_paints(session, qtbot, 2):
        qtbot.keyClick(session.console, Qt.Key.Key_Right)
    assert "Parler du second point." in session.console.notes_text
    with projector_paints(session, qtbot, 3):
        qtbot.keyClick(session.console, Qt.Key.Key_Right)
    assert session.console.notes_text == "Pas de notes pour cette diapositive."


def test_escape_does_not_quit(
    session: PresenterSession, qtbot: QtBot, quit_answers: QuitAnswers
) -> None:
    qtbot.keyClick(session.console, Qt.Key.Key_Escape)
    qtbot.keyClick(session.projector, Qt.Key.Key_Escape)
    assert quit_answers.asked == 0
    assert session.console.isVisible()
    assert session.projector.isVisible()


def test_quitting_asks_and_a_no_keeps_presenting(
    session: PresenterSession, qtbot: QtBot, quit_answers: QuitAnswers
) -> None:
    qtbot.keyClick(session.console, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert quit_answers.asked == 1
    assert session.console.isVisible()
    assert not session.console.close()
    assert quit_answers.asked == 2
    assert session.projector.isVisible()


def test_quitting_with_a_yes_closes_both_windows(
    session: PresenterSession, qtbot: QtBot, quit_answers: QuitAnswers
) -> None:
    quit_answers.answer = True
    with qtbot.waitSignal(session.console.closed, timeout=1000):
        qtbot.keyClick(session.projector, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert quit_answers.asked == 1
    assert not session.console.isVisible()
    assert not session.projector.isVisible()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_elapsed_time_counts_from_the_first_start_and_from_a_reset() -> None:
    clock = FakeClock()
    elapsed = ElapsedTime(clock)
    clock.now += 50
    assert elapsed.seconds() == 0
    elapsed.start_if_stopped()
    clock.now += 75
    elapsed.start_if_stopped()  # later slide changes do not restart it
    assert elapsed.seconds() == 75
    assert format_duration(elapsed.seconds()) == "0:01:15"
    elapsed.reset()
    clock.now += 3725
    assert format_duration(elapsed.seconds()) == "1:02:05"


def test_timer_waits_for_the_first_slide_change(session: PresenterSession, qtbot: QtBot) -> None:
    bar = session.console.clock_bar
    assert bar.elapsed_label.text() == "Écoulé\u00a0: 0:00:00"
    qtbot.keyClick(session.console, Qt.Key.Key_Right)
    assert session.navigation.presentation.live == 1
    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    assert bar.elapsed_label.text() == "Écoulé\u00a0: 0:00:00"


def test_room_keys_without_a_room_change_nothing_and_digits_still_jump(
    session: PresenterSession, qtbot: QtBot
) -> None:
    for key in (Qt.Key.Key_O, Qt.Key.Key_C, Qt.Key.Key_R, Qt.Key.Key_J):
        qtbot.keyClick(session.console, key)
    assert not session.projector.join_shown
    assert not session.projector.results_shown
    assert session.navigation.presentation.live == 0
    qtbot.keyClicks(session.console, "3")
    with projector_paints(session, qtbot, 3):
        qtbot.keyClick(session.console, Qt.Key.Key_Return)
    assert session.navigation.presentation.live == 2


def test_a_side_panel_takes_the_room_and_the_keys_help_gets_its_own_tab(
    session: PresenterSession, tr: Translator
) -> None:
    console = session.console
    assert console.side_panels.count() == 0
    assert console.keys_help.isVisibleTo(console)
    panel = QWidget()
    index = console.add_side_panel(panel, "Salle")
    tabs = console.side_panels
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Salle", "Touches"]
    assert tabs.currentIndex() == index == 0
    assert tabs.widget(1) is console.keys_help
    assert "O / C / R" in console.keys_help.text()


def test_the_console_says_what_covers_the_slide_on_the_projector(
    session: PresenterSession,
) -> None:
    console = session.console
    assert not console.projected_results_label.isVisibleTo(console)
    console.show_projected(results=True, join=False)
    assert console.projected_results_label.isVisibleTo(console)
    assert console.projected_results_label.text() == "RÉSULTATS À L'ÉCRAN"
    assert not console.projected_join_label.isVisibleTo(console)
    console.show_projected(results=False, join=True)
    assert console.projected_join_label.text() == "CODE DE LA SALLE À L'ÉCRAN"
    assert console.projected_join_label.isVisibleTo(console)
