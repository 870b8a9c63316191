"""Rebuild the live room from a session file, so a restarted presenter carries on where it was."""

from __future__ import annotations

from pathlib import Path

from fphkiosk.core.deck import Deck
from fphkiosk.core.room import RecordedAnswer, ReplacedAnswerId, Room
from fphkiosk.core.room_answers import answer_from_json
from fphkiosk.core.text_board import RestoredText
from fphkiosk.storage.errors import DamagedSession
from fphkiosk.storage.store import StoredSession


def room_from_store(deck: Deck, stored: StoredSession, path: Path) -> Room:
    """The room as it was when *stored* was read: slide, activity states, answers, peak."""
    answers: list[RecordedAnswer] = []
    for row in stored.answers:
        try:
            answer = answer_from_json(row.payload)
        except ValueError as exc:
            raise DamagedSession(path, detail=str(exc)) from exc
        answers.append(RecordedAnswer(row.token, row.activity_id, row.answer_id, answer))
    return Room(
        deck,
        slide_index=stored.slide_index,
        statuses=stored.statuses,
        answers=answers,
        replaced=[ReplacedAnswerId(t, a, i) for i, t, a in stored.replaced_answer_ids],
        current_activity=stored.current_activity,
        peak_connected=stored.peak_connected,
        texts=(
            RestoredText(
                t.item_id, t.activity_id, t.text, t.state, t.seq, t.kept_count, t.supporters
            )
            for t in stored.texts
        ),
    )
