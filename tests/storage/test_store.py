"""The session file: creation, migrations, resume, typed errors, privacy of the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fphkiosk.core.room_answers import ChoiceAnswer, ScaleAnswer, answer_to_json
from fphkiosk.storage.errors import (
    DamagedSession,
    NewerSessionVersion,
    NotASessionFile,
    SessionFolderMissing,
)
from fphkiosk.storage.resume import room_from_store
from fphkiosk.storage.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, migrate
from fphkiosk.storage.store import (
    AnswerWrite,
    PeakWrite,
    PositionWrite,
    RehearsalWrite,
    SessionSeed,
    SessionStore,
    StatusWrite,
)
from tests.net.sample_deck import sample_deck

SEED = SessionSeed("Salle de test", "ACE347", "secret", "k" * 64)


def _answer(answer_id: str, token: str, choice: int, activity: str = "sondage") -> AnswerWrite:
    return AnswerWrite(answer_id, token, activity, answer_to_json(ChoiceAnswer(choice)), "t")


def test_a_new_session_file_is_wal_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    store = SessionStore.open(path, SEED)
    stored = store.read()
    store.close()
    assert (stored.room_code, stored.deck_title, stored.slide_index) == (
        "ACE347",
        "Salle de test",
        0,
    )
    assert stored.started_at and stored.ended_at is None
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


def test_reopening_resumes_and_keeps_the_room_code(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    store = SessionStore.open(path, SEED)
    store.write(
        [
            PositionWrite(2, "quiz"),
            StatusWrite("sondage", "revealed", "t"),
            StatusWrite("quiz", "open", "t"),
            _answer("a1", "t1", 0),
            _answer("a2", "t1", 2),  # changed answer: the last one counts
            _answer("a3", "t2", 1),
            _answer("a3", "t2", 1),  # a retried id is stored once
            AnswerWrite("q1", "t1", "quiz", answer_to_json(ChoiceAnswer(1)), "t"),
            PeakWrite(12),
            PeakWrite(4),  # the peak never goes down
        ]
    )
    store.close()
    other_seed = SessionSeed("Salle de test", "XXXXXX", "other", "z" * 64)
    store = SessionStore.open(path, other_seed)
    stored = store.read()
    store.close()
    assert stored.room_code == "ACE347"
    # The changed answer is gone; only its id is kept, with whose and for what it was.
    assert [a.answer_id for a in stored.answers] == ["a2", "a3", "q1"]
    assert stored.replaced_answer_ids == (("a1", "t1", "sondage"),)
    assert stored.peak_connected == 12
    room = room_from_store(sample_deck(tmp_path / "deck"), stored, path)
    assert room.slide_index == 2
    assert room.status("sondage") == "revealed"
    assert room.open_activity_id == "quiz"
    assert room.answer_of("t1", "sondage") == ChoiceAnswer(2)
    assert room.respondents("sondage") == 2
    assert room.knows_answer_id("a1")


def test_a_batch_is_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    store = SessionStore.open(path, SEED)
    bad = StatusWrite("quiz", "exploded", "t")  # type: ignore[arg-type]
    with pytest.raises(Exception) as caught:
        store.write([_answer("a1", "t1", 0), bad])
    assert type(caught.value).__name__ == "SessionWriteFailed"
    assert store.read().answers == ()
    store.close()


def test_a_text_file_is_not_a_session(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Ceci n'est pas une session.\n" * 100, encoding="utf-8")
    with pytest.raises(NotASessionFile) as caught:
        SessionStore.open(path, SEED)
    assert caught.value.key == "room.store.not_a_session"


def test_another_sqlite_database_is_not_a_session(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.commit()
    db.close()
    with pytest.raises(NotASessionFile):
        SessionStore.open(path, SEED)


def test_a_session_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    SessionStore.open(path, SEED).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(NewerSessionVersion) as caught:
        SessionStore.open(path, SEED)
    assert caught.value.params["found"] == LATEST_VERSION + 1


def test_a_damaged_session_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    store = SessionStore.open(path, SEED)
    store.write([_answer(f"a{i}", f"t{i}", i % 3) for i in range(2000)])
    store.close()
    data = bytearray(path.read_bytes())
    # Keep the 100-byte header (so it still reads as our session), scramble the pages after it.
    for offset in range(4096, len(data), 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedSession) as caught:
        SessionStore.open(path, SEED)
    assert caught.value.key == "room.store.damaged"


def test_a_missing_session_row_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    SessionStore.open(path, SEED).close()
    db = sqlite3.connect(path)
    db.execute("DELETE FROM session")
    db.commit()
    db.close()
    with pytest.raises(DamagedSession):
        SessionStore.open(path, SEED)


def test_migrations_run_in_order_and_once(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    SessionStore.open(path, SEED).close()
    later = (*MIGRATIONS, ("CREATE TABLE later_step (x INTEGER)",))
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, later) == LATEST_VERSION + 1
    assert migrate(db, later) == LATEST_VERSION + 1  # nothing left to do, no error
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "later_step" in tables
    db.close()


def test_a_failed_migration_leaves_the_version_unchanged(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    broken = (*MIGRATIONS, ("CREATE TABLE ok (x)", "THIS IS NOT SQL"))
    with pytest.raises(sqlite3.OperationalError):
        migrate(db, broken)
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "ok" not in tables
    db.close()


def test_no_column_can_hold_an_address_or_a_device(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    SessionStore.open(path, SEED).close()
    db = sqlite3.connect(path)
    columns = {
        column[1].lower()
        for (table,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        for column in db.execute(f"PRAGMA table_info({table})")
    }
    db.close()
    assert {"token", "answer_id", "payload"} <= columns
    forbidden = ("ip", "addr", "agent", "device", "host", "mac", "name", "email", "user")
    assert not [c for c in columns if any(word in c.split("_") for word in forbidden)]


def test_purge_removes_raw_answers(tmp_path: Path) -> None:
    store = SessionStore.open(tmp_path / "s.fphk", SEED)
    store.write([AnswerWrite("s1", "t1", "echelle", answer_to_json(ScaleAnswer((1, 0, 1))), "t")])
    assert store.purge_answers() == 1
    assert store.read().answers == ()
    store.close()


def test_a_new_session_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    path = tmp_path / "absent" / "journee.fphk"
    with pytest.raises(SessionFolderMissing) as caught:
        SessionStore.open(path, SEED)
    assert caught.value.key == "room.store.folder_missing"
    assert caught.value.params["folder"] == str(tmp_path / "absent")
    assert not (tmp_path / "absent").exists()


def test_a_rehearsal_stays_marked_after_a_resume_and_the_purge(tmp_path: Path) -> None:
    path = tmp_path / "repetition.fphk"
    store = SessionStore.open(path, SEED)
    assert store.read().rehearsal is False
    store.write([RehearsalWrite(), _answer("a1", "t1", 0)])
    store.close()
    store = SessionStore.open(path, SEED)
    assert store.read().rehearsal is True
    assert store.purge_answers() == 1
    assert store.read().rehearsal is True
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION == 7
    assert db.execute("SELECT rehearsal FROM session").fetchone()[0] == 1
    db.close()
