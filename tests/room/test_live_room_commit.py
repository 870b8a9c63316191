"""Screens hear only what is on disk: a commit that fails is neither announced nor counted.

The session file is real; its commits are made to fail by SQLite itself, with a trigger that
aborts every insert (or update) as a full disk would.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from fphkiosk.core.room_answers import ChoiceAnswer
from fphkiosk.core.room_changes import (
    ActivityStatusChanged,
    AnswerRecorded,
    Change,
    NextSlide,
    OpenActivity,
    SubmitAnswer,
)
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.storage.errors import SessionWriteFailed
from tests.net.sample_deck import sample_deck


class Screen:
    """A listener that keeps what it was told, as the projector and the server do."""

    def __init__(self) -> None:
        self.heard: list[Change] = []

    def __call__(self, changes: tuple[Change, ...]) -> None:
        self.heard.extend(changes)

    def answers(self) -> list[str]:
        return [c.answer_id for c in self.heard if isinstance(c, AnswerRecorded)]


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[LiveRoom]:
    room = await LiveRoom.open(sample_deck(tmp_path / "deck"), tmp_path / "session.fphk")
    try:
        yield room
    finally:
        await room.close()


def _sql(path: Path, statement: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(statement).fetchall()


def _break_table(path: Path, table: str) -> None:
    for event in ("INSERT", "UPDATE"):
        _sql(
            path,
            f"CREATE TRIGGER full_disk_{table}_{event.lower()} BEFORE {event} ON {table}"
            " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
        )


def _mend_table(path: Path, table: str) -> None:
    for event in ("insert", "update"):
        _sql(path, f"DROP TRIGGER full_disk_{table}_{event}")


def _answer(answer_id: str, token: str, choice: int) -> SubmitAnswer:
    return SubmitAnswer(token, "sondage", answer_id, ChoiceAnswer(choice))


def _on_disk(path: Path) -> list[str]:
    return [str(row[0]) for row in _sql(path, "SELECT answer_id FROM answer ORDER BY seq")]


async def test_a_failed_answer_commit_is_neither_heard_nor_counted(live: LiveRoom) -> None:
    path = live.writer.path
    screen = Screen()
    live.subscribe(screen)
    await live.command(OpenActivity("sondage"))
    await live.submit_answer(_answer("a1", "t1", 0))
    await live.submit_answer(_answer("a2", "t2", 1))

    _break_table(path, "answer")
    with pytest.raises(SessionWriteFailed):
        await live.submit_answer(_answer("a3", "t3", 2))
    with pytest.raises(SessionWriteFailed):
        await live.submit_answer(_answer("a4", "t1", 2))  # t1 changes its mind

    assert screen.answers() == ["a1", "a2"] == _on_disk(path)
    assert live.room.respondents("sondage") == 2
    assert live.room.answer_of("t1", "sondage") == ChoiceAnswer(0)
    assert live.room.answer_of("t3", "sondage") is None

    _mend_table(path, "answer")
    # The tablets retry with the same ids: recorded afresh, this time on disk and on screens.
    await live.submit_answer(_answer("a3", "t3", 2))
    await live.submit_answer(_answer("a4", "t1", 2))
    assert screen.answers() == ["a1", "a2", "a3", "a4"]
    assert _on_disk(path) == ["a2", "a3", "a4"]  # a4 replaced t1's first answer
    assert live.room.respondents("sondage") == 3
    assert live.room.answer_of("t1", "sondage") == ChoiceAnswer(2)
    last = screen.heard[-1]
    assert isinstance(last, AnswerRecorded) and last.respondents == 3


async def test_an_answer_is_heard_only_after_its_commit(live: LiveRoom) -> None:
    path = live.writer.path
    on_disk_when_heard: list[list[str]] = []

    def screen(changes: tuple[Change, ...]) -> None:
        if any(isinstance(c, AnswerRecorded) for c in changes):
            on_disk_when_heard.append(_on_disk(path))

    live.subscribe(screen)
    await live.command(OpenActivity("sondage"))
    await live.submit_answer(_answer("a1", "t1", 0))
    assert on_disk_when_heard == [["a1"]]


async def test_a_failed_command_commit_leaves_room_and_screens_as_they_were(
    live: LiveRoom,
) -> None:
    path = live.writer.path
    screen = Screen()
    live.subscribe(screen)
    await live.command(OpenActivity("sondage"))
    heard_before = list(screen.heard)

    _break_table(path, "room_position")
    with pytest.raises(SessionWriteFailed):
        await live.command(OpenActivity("quiz"))
    with pytest.raises(SessionWriteFailed):
        await live.command(NextSlide())

    assert screen.heard == heard_before
    assert live.room.status("sondage") == "open"
    assert live.room.status("quiz") == "idle"
    assert live.room.current_activity_id == "sondage"
    assert live.room.slide_index == 0
    stored = _sql(path, "SELECT activity_id, status FROM activity_state ORDER BY activity_id")
    assert stored == [("sondage", "open")]
    assert _sql(path, "SELECT slide_index, current_activity FROM room_position") == [(0, "sondage")]

    _mend_table(path, "room_position")
    await live.command(OpenActivity("quiz"))
    assert [c for c in screen.heard if isinstance(c, ActivityStatusChanged)][-2:] == [
        ActivityStatusChanged("sondage", "closed", "open"),
        ActivityStatusChanged("quiz", "open", "idle"),
    ]


async def test_an_answer_is_durable_for_every_attempt_that_waits_for_it(live: LiveRoom) -> None:
    """``record_answer`` tells *then* when the answer is on disk, retries included."""
    path = live.writer.path
    order: list[str] = []
    live.subscribe(lambda changes: order.append("heard"))
    await live.command(OpenActivity("sondage"))
    order.clear()
    told: list[tuple[str, BaseException | None]] = []

    def then(name: str) -> Callable[[BaseException | None], None]:
        def durable(error: BaseException | None) -> None:
            order.append(name)
            told.append((name, error))
            # Durable means on disk, whenever it is said.
            assert "a1" in _on_disk(path)

        return durable

    live.record_answer(_answer("a1", "t1", 0), then("first"))
    # A retry while the commit is under way waits for the same commit.
    live.record_answer(_answer("a1", "t1", 0), then("retry"))
    assert told == []
    while len(told) < 2:
        await asyncio.sleep(0.01)
    assert told == [("first", None), ("retry", None)]
    assert order == ["heard", "first", "retry"]  # the screens first, then the tablets
    # A retry of an answer already on disk is told at once.
    live.record_answer(_answer("a1", "t1", 0), then("late"))
    assert told[-1] == ("late", None)
    assert _on_disk(path) == ["a1"]


async def test_a_failed_commit_is_told_to_every_attempt(live: LiveRoom) -> None:
    path = live.writer.path
    await live.command(OpenActivity("sondage"))
    _break_table(path, "answer")
    told: list[BaseException | None] = []
    live.record_answer(_answer("a1", "t1", 0), told.append)
    live.record_answer(_answer("a1", "t1", 0), told.append)
    while len(told) < 2:
        await asyncio.sleep(0.01)
    assert all(isinstance(error, SessionWriteFailed) for error in told)
    assert live.room.answer_of("t1", "sondage") is None
    assert _on_disk(path) == []
