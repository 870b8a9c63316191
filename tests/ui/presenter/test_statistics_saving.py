"""Saving the statistics from the console: the files, the purge after them, the dialogs."""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fphkiosk.app import build_presenter
from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.core.room_answers import ChoiceAnswer
from fphkiosk.core.room_changes import OpenActivity, SubmitAnswer
from fphkiosk.paths import bundled_deck_dir
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.ui.presenter.console import ConsoleWindow, QuitChoice
from fphkiosk.ui.presenter.room_panel import RoomPanel
from fphkiosk.ui.presenter.statistics_saving import (
    SaveRequest,
    SaveStatisticsDialog,
    save_statistics,
)


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(bundled_deck_dir())


async def _answered_session(path: Path, deck: Deck, count: int) -> None:
    live = await LiveRoom.open(deck, path)
    try:
        await live.command(OpenActivity("chu-tweets"))
        for n in range(count):
            token = live.tokens.issue()
            live.join(token)
            answer = SubmitAnswer(token, "chu-tweets", f"answer-{n}", ChoiceAnswer(1))
            await live.submit_answer(answer)
    finally:
        await live.close()


def _answer_rows(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("SELECT count(*) FROM answer").fetchone()[0])
    finally:
        db.close()


async def test_save_writes_every_format_then_purges(
    tmp_path: Path, deck: Deck, tr: Translator
) -> None:
    session = tmp_path / "seance.fphk"
    await _answered_session(session, deck, 7)
    out = tmp_path / "stats"
    outcome = save_statistics(session, deck, SaveRequest(out, purge=True), tr)
    assert outcome.saved, outcome.message
    assert {p.suffix for p in out.iterdir()} >= {".xlsx", ".csv", ".json", ".pdf"}
    figures = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert "7" in json.dumps(figures)
    assert _answer_rows(session) == 0
    assert "7" in outcome.message and str(out) in outcome.message


async def test_a_failed_export_purges_nothing(tmp_path: Path, deck: Deck, tr: Translator) -> None:
    session = tmp_path / "seance.fphk"
    await _answered_session(session, deck, 6)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("un fichier", encoding="utf-8")
    outcome = save_statistics(session, deck, SaveRequest(blocker, purge=True), tr)
    assert not outcome.saved and outcome.message
    assert _answer_rows(session) == 6


async def test_saving_during_the_session_keeps_the_answers(
    tmp_path: Path, deck: Deck, tr: Translator
) -> None:
    session = tmp_path / "seance.fphk"
    await _answered_session(session, deck, 5)
    outcome = save_statistics(session, deck, SaveRequest(tmp_path / "s", purge=False), tr)
    assert outcome.saved
    assert _answer_rows(session) == 5


async def test_saving_while_the_room_takes_answers_reads_only_and_delays_no_commit(
    tmp_path: Path, deck: Deck, tr: Translator
) -> None:
    session = tmp_path / "seance.fphk"
    live = await LiveRoom.open(deck, session)
    try:
        await live.command(OpenActivity("chu-tweets"))
        tokens = [live.tokens.issue() for _ in range(40)]

        async def answer(n: int) -> None:
            command = SubmitAnswer(tokens[n], "chu-tweets", f"answer-{n}", ChoiceAnswer(n % 3))
            await live.submit_answer(command)

        for n in range(20):
            await answer(n)
        request = SaveRequest(tmp_path / "s", purge=False, room_running=True)
        saving = asyncio.create_task(asyncio.to_thread(save_statistics, session, deck, request, tr))
        # Answers keep coming while the export reads: every one of them is committed.
        await asyncio.gather(*(answer(n) for n in range(20, 40)))
        outcome = await saving
    finally:
        await live.close()
    assert outcome.saved, outcome.message
    assert _answer_rows(session) == 40
    figures = json.loads(next((tmp_path / "s").glob("*.json")).read_text(encoding="utf-8"))
    (tweets,) = [a for a in figures["sessions"][0]["activities"] if a["id"] == "chu-tweets"]
    # One committed state: the 20 answers before, and any of the others already committed.
    assert 20 <= tweets["respondents"]["count"] <= 40
    db = sqlite3.connect(session)
    try:
        assert db.execute("SELECT count(*) FROM statistics").fetchone()[0] == 0, "nothing written"
    finally:
        db.close()


@pytest.mark.parametrize("ending", [True, False])
def test_the_purge_is_offered_only_when_the_session_ends(
    qtbot: QtBot, tr: Translator, tmp_path: Path, ending: bool
) -> None:
    dialog = SaveStatisticsDialog(tr, tmp_path / "stats", ending=ending)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.purge.isVisible() is ending
    assert dialog.request() == SaveRequest(
        tmp_path / "stats", purge=ending, room_running=not ending
    )
    dialog.folder.setText(str(tmp_path / "ailleurs"))
    assert dialog.request().folder == tmp_path / "ailleurs"


def test_the_panel_asks_for_the_statistics(qtbot: QtBot, tr: Translator) -> None:
    panel = RoomPanel(tr, "AC34K7", "secret", "http://192.168.1.20:8765/remote#secret=x")
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.statistics_requested, timeout=1000):
        qtbot.mouseClick(panel.statistics_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("answer", [QuitChoice.SAVE_AND_QUIT, QuitChoice.QUIT, True])
def test_the_console_remembers_how_the_trainer_ended(
    qtbot: QtBot, qapp: QApplication, tr: Translator, tmp_path: Path, answer: QuitChoice | bool
) -> None:
    (tmp_path / "deck.md").write_text("---\ntitle: T\n---\n# Une\n", encoding="utf-8")
    deck = load_deck(tmp_path)

    def confirm(parent: QWidget) -> QuitChoice | bool:
        return answer

    session = build_presenter(qapp, deck, tr, windowed=True, screen=None, confirm_quit=confirm)
    qtbot.addWidget(session.console)
    qtbot.addWidget(session.projector)
    console: ConsoleWindow = session.console
    with qtbot.waitSignal(console.closed, timeout=1000):
        console.close()
    expected = QuitChoice.QUIT if answer is True else answer
    assert console.quit_choice is expected
    session.dispose()
