"""Quitting: one dialog while both windows are open; saving asks its folder over the console."""

# pytest-qt's helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from fphkiosk.app import PresenterSession, build_presenter
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.presenter.console import QuitChoice
from fphkiosk.ui.presenter.quit_dialog import EndOfSession, QuitDialog
from fphkiosk.ui.presenter.statistics_saving import StatisticsSaver

SAVE = "Enregistrer les statistiques et purger"
KEEP = "Quitter en gardant la session"
BACK = "Annuler"


class ModalAnswers:
    """Answers the modal dialogs as they open, one step each, and notes what was on screen."""

    def __init__(self, session: PresenterSession) -> None:
        self._session = session
        self._steps: list[tuple[str, Callable[[QWidget], None] | None]] = []
        self.windows_open_when_asked: list[bool] = []
        self.titles: list[str] = []
        self.unanswered = False
        self._answered: list[QWidget] = []

    def then(self, button: str, before: Callable[[QWidget], None] | None = None) -> ModalAnswers:
        self._steps.append((button, before))
        return self

    def start(self) -> None:
        QTimer.singleShot(0, self._answer)

    def _answer(self, waited: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or dialog in self._answered:
            if waited > 500:
                # Never leave a test hanging on a dialog nobody answers.
                self.unanswered = True
                if isinstance(dialog, QDialog):
                    dialog.reject()
                return
            QTimer.singleShot(10, lambda: self._answer(waited + 1))
            return
        self._answered.append(dialog)
        button_text, before = self._steps.pop(0)
        self.titles.append(dialog.windowTitle())
        self.windows_open_when_asked.append(
            self._session.console.isVisible() and self._session.projector.isVisible()
        )
        if before is not None:
            before(dialog)
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == button_text)
        if self._steps:
            QTimer.singleShot(0, self._answer)
        button.click()


@pytest.fixture
def presenter(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, tr: Translator
) -> Iterator[tuple[PresenterSession, EndOfSession]]:
    (tmp_path / "deck.md").write_text("---\ntitle: Essai\n---\n# Une\n---\n# Deux\n", "utf-8")
    deck = load_deck(tmp_path)
    session_path = tmp_path / "seance.fphk"
    savers: list[StatisticsSaver] = []
    end = EndOfSession(tr, session_path, ask_folder=lambda parent: savers[0].ask_at_end(parent))
    session = build_presenter(qapp, deck, tr, windowed=True, screen=None, confirm_quit=end)
    savers.append(StatisticsSaver(session.console, deck, session_path, tr))
    # Not handed to qtbot, whose teardown would close the console and so ask how to quit:
    # dispose() closes both windows without asking.
    session.show()
    qtbot.waitExposed(session.console)
    qtbot.waitExposed(session.projector)
    yield session, end
    session.dispose()


def test_the_dialog_offers_three_ways_and_says_where_the_answers_stay(
    qtbot: QtBot, tr: Translator, tmp_path: Path
) -> None:
    path = tmp_path / "2023-11-21_09-05-33.fphk"
    dialog = QuitDialog(None, tr, path)
    qtbot.addWidget(dialog)
    texts = [button.text() for button in dialog.buttons()]
    assert sorted(texts) == sorted([SAVE, KEEP, BACK])
    assert dialog.defaultButton() is dialog.cancel_button
    assert dialog.escapeButton() is dialog.cancel_button
    detail = dialog.informativeText()
    assert "restent sur cet ordinateur" in detail
    assert f"fphkiosk purge {path}" in detail


def test_cancelling_the_folder_goes_back_to_the_presentation(
    qtbot: QtBot, presenter: tuple[PresenterSession, EndOfSession]
) -> None:
    session, end = presenter
    answers = ModalAnswers(session).then(SAVE).then("Annuler")
    answers.start()
    session.console.close()
    assert answers.titles == ["Quitter la présentation", "Enregistrer les statistiques"]
    # Both questions came while the console and the projector were still on screen.
    assert answers.windows_open_when_asked == [True, True]
    assert session.console.isVisible() and session.projector.isVisible()
    assert end.request is None


def test_saving_takes_the_folder_chosen_before_anything_closes(
    qtbot: QtBot, presenter: tuple[PresenterSession, EndOfSession], tmp_path: Path
) -> None:
    session, end = presenter
    chosen = tmp_path / "statistiques"

    def choose_folder(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        folder = dialog.findChild(QLineEdit)
        assert folder is not None
        folder.setText(str(chosen))

    answers = ModalAnswers(session).then(SAVE).then("Enregistrer", before=choose_folder)
    answers.start()
    with qtbot.waitSignal(session.console.closed, timeout=5000):
        session.console.close()
    assert answers.windows_open_when_asked == [True, True]
    assert session.console.quit_choice is QuitChoice.SAVE_AND_QUIT
    assert end.request is not None
    assert end.request.folder == chosen and end.request.purge


@pytest.mark.parametrize(("button", "closes"), [(KEEP, True), (BACK, False)])
def test_keeping_the_session_quits_and_cancel_stays(
    qtbot: QtBot, presenter: tuple[PresenterSession, EndOfSession], button: str, closes: bool
) -> None:
    session, end = presenter
    closed: list[bool] = []
    session.console.closed.connect(lambda: closed.append(True))
    ModalAnswers(session).then(button).start()
    session.console.close()
    assert bool(closed) is closes
    assert session.console.isVisible() is not closes
    if closes:
        assert session.console.quit_choice is QuitChoice.QUIT
    assert end.request is None
