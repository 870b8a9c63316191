"""Schema step 7: the answer table's keys lead with the activity; nothing else changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fphkiosk.core.room_answers import ChoiceAnswer, answer_to_json
from fphkiosk.storage.errors import NotASessionFile
from fphkiosk.storage.schema import LATEST_VERSION, MIGRATIONS, migrate
from fphkiosk.storage.store import ROWS_PER_INSERT, AnswerWrite, SessionSeed, SessionStore

SEED = SessionSeed("Salle de test", "ACE347", "secret", "k" * 64)


def _answer(answer_id: str, token: str, choice: int, activity: str = "sondage") -> AnswerWrite:
    return AnswerWrite(answer_id, token, activity, answer_to_json(ChoiceAnswer(choice)), "t")


def _version_6_file(path: Path) -> None:
    """A session written before step 7, whose last answer row was deleted (replaced)."""
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, MIGRATIONS[:6]) == 6
    db.execute(
        "INSERT INTO session (id, deck_title, room_code, presenter_secret, token_key, started_at)"
        " VALUES (1, 'Salle de test', 'ACE347', 'secret', 'k', '2026-11-29T09:00')"
    )
    db.execute("INSERT INTO room_position (id, slide_index) VALUES (1, 0)")
    db.execute("INSERT INTO attendance (id, peak_connected) VALUES (1, 2)")
    rows = [
        ("a1", "t1", "sondage", '{"kind": "choice", "choice": 0}'),
        ("a2", "t2", "sondage", '{"kind": "choice", "choice": 1}'),
        ("b1", "t1", "quiz", '{"kind": "choice", "choice": 2}'),
        ("b2", "t1", "quiz", '{"kind": "choice", "choice": 3}'),
    ]
    for row in rows:
        db.execute(
            "INSERT INTO answer (answer_id, token, activity_id, payload, received_at)"
            " VALUES (?, ?, ?, ?, '2026-11-29T09:05+00:00')",
            row,
        )
    db.execute("DELETE FROM answer WHERE answer_id = 'b2'")
    db.close()


def _index_columns(path: Path) -> set[tuple[str, ...]]:
    db = sqlite3.connect(path)
    try:
        names = [row[1] for row in db.execute("PRAGMA index_list(answer)")]
        return {
            tuple(column[2] for column in db.execute(f"PRAGMA index_info({name})"))
            for name in names
        }
    finally:
        db.close()


def test_a_version_6_file_keeps_its_answers_and_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "ancienne.fphk"
    _version_6_file(path)
    store = SessionStore.open(path, SEED)
    stored = store.read()
    assert [(a.seq, a.answer_id, a.activity_id) for a in stored.answers] == [
        (1, "a1", "sondage"),
        (2, "a2", "sondage"),
        (3, "b1", "quiz"),
    ]
    assert stored.answers[2].payload == {"kind": "choice", "choice": 2}
    # Row 4 was deleted: its number is still never given again.
    assert store.last_answer_seq() == 4
    store.write([_answer("a3", "t3", 2)])
    assert store.read().answers[-1].seq == 5
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION == 7
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_the_keys_lead_with_the_activity(tmp_path: Path) -> None:
    path = tmp_path / "neuve.fphk"
    SessionStore.open(path, SEED).close()
    assert _index_columns(path) == {("activity_id", "answer_id"), ("activity_id", "token")}
    migrated = tmp_path / "ancienne.fphk"
    _version_6_file(migrated)
    SessionStore.open(migrated, SEED).close()
    assert _index_columns(migrated) == _index_columns(path)


def test_a_retried_answer_is_stored_once_and_a_replaced_one_goes(tmp_path: Path) -> None:
    store = SessionStore.open(tmp_path / "s.fphk", SEED)
    store.write([_answer("a1", "t1", 0), _answer("a1", "t1", 0)])
    store.write([_answer("a1", "t1", 0)])
    assert [a.answer_id for a in store.read().answers] == ["a1"]
    # The same participant answers again: the older answer goes, its id stays known.
    store.write([AnswerWrite("a2", "t1", "sondage", answer_to_json(ChoiceAnswer(1)), "t")])
    stored = store.read()
    assert [a.answer_id for a in stored.answers] == ["a2"]
    assert stored.replaced_answer_ids == (("a1", "t1", "sondage"),)
    # Another activity's answers of the same participant are not touched.
    store.write([_answer("q1", "t1", 3, activity="quiz")])
    store.write([_answer("a3", "t1", 2)])
    assert [a.answer_id for a in store.read().answers] == ["q1", "a3"]
    store.close()


def test_a_large_batch_keeps_its_order_and_each_id_once(tmp_path: Path) -> None:
    """Many rows per INSERT statement: the order of the batch, a retried id stored once."""
    store = SessionStore.open(tmp_path / "s.fphk", SEED)
    batch = [_answer(f"a{i:03}", f"t{i:03}", i % 4) for i in range(2 * ROWS_PER_INSERT + 7)]
    batch.insert(ROWS_PER_INSERT + 3, _answer("a005", "t005", 1))  # a retry, in the same commit
    store.write(batch)
    stored = store.read().answers
    assert [a.answer_id for a in stored] == [f"a{i:03}" for i in range(2 * ROWS_PER_INSERT + 7)]
    assert [a.seq for a in stored] == sorted(a.seq for a in stored)
    assert stored[5].payload == {"kind": "choice", "choice": 1}
    store.close()


def test_a_version_6_file_reads_as_it_is_without_being_migrated(tmp_path: Path) -> None:
    """A session on a write-protected key cannot be migrated: step 7 changed keys only, so a
    read-only connection reads a version-6 file as it is, and leaves it at version 6."""
    path = tmp_path / "cle-protegee.fphk"
    _version_6_file(path)
    store = SessionStore.open_read_only(path)
    try:
        with store.reading():
            answers = store.read().answers
    finally:
        store.close()
    assert [(a.seq, a.answer_id) for a in answers] == [(1, "a1"), (2, "a2"), (3, "b1")]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 6
    db.close()


def test_a_file_older_than_version_6_is_refused_read_only(tmp_path: Path) -> None:
    path = tmp_path / "tres-ancienne.fphk"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, MIGRATIONS[:5])
    db.close()
    with pytest.raises(NotASessionFile) as caught:
        SessionStore.open_read_only(path)
    assert caught.value.params["detail"] == "an older session: open it once to update it"
