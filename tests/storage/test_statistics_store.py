"""The session file's statistics table: saved, read back, marked stale, kept by the purge."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fphkiosk.core.room_answers import ChoiceAnswer, answer_to_json
from fphkiosk.storage.errors import SessionWriteFailed
from fphkiosk.storage.schema import LATEST_VERSION, MIGRATIONS, migrate
from fphkiosk.storage.store import AnswerWrite, SessionSeed, SessionStore

SEED = SessionSeed("Salle de test", "ACE347", "secret", "k" * 64)
PAYLOAD = '{"format":"fphkiosk-statistics","version":1,"sessions":[]}'


def _answer(n: int) -> AnswerWrite:
    return AnswerWrite(f"a{n}", f"jeton-{n:04d}", "sondage", answer_to_json(ChoiceAnswer(0)), "t")


def test_a_new_file_has_no_statistics_and_they_can_be_saved(tmp_path: Path) -> None:
    store = SessionStore.open(tmp_path / "s.fphk", SEED)
    assert store.read_statistics() is None
    assert store.last_answer_seq() == 0
    store.write([_answer(1), _answer(2)])
    store.save_statistics(PAYLOAD, store.last_answer_seq())
    saved = store.read_statistics()
    assert saved is not None
    assert (saved.payload, saved.covers_seq, saved.stale) == (PAYLOAD, 2, False)
    store.save_statistics(PAYLOAD.replace("[]", "[ ]"), 2)  # saving again replaces
    assert store.read_statistics().payload.endswith("[ ]}")  # type: ignore[union-attr]
    store.close()


def test_statistics_go_stale_when_an_answer_comes_after_them(tmp_path: Path) -> None:
    store = SessionStore.open(tmp_path / "s.fphk", SEED)
    store.write([_answer(1)])
    store.save_statistics(PAYLOAD, 1)
    store.write([_answer(2)])
    saved = store.read_statistics()
    assert saved is not None and saved.stale
    with pytest.raises(SessionWriteFailed):
        store.save_statistics_and_purge(PAYLOAD, 1)  # would lose answer 2 from the figures
    assert len(store.read().answers) == 2
    store.close()


def test_the_purge_keeps_the_statistics_and_overwrites_the_tokens(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    store = SessionStore.open(path, SEED)
    store.write([_answer(n) for n in range(200)])
    assert store.save_statistics_and_purge(PAYLOAD, store.last_answer_seq()) == 200
    assert store.read().answers == ()
    saved = store.read_statistics()
    assert saved is not None and saved.payload == PAYLOAD and not saved.stale
    store.close()
    files = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"jeton-" not in files
    # The row numbers go on after a purge: a later answer still marks the statistics stale.
    store = SessionStore.open(path, SEED)
    store.write([_answer(999)])
    assert store.read_statistics().stale  # type: ignore[union-attr]
    store.close()


def test_a_version_1_file_gains_the_statistics_table(tmp_path: Path) -> None:
    path = tmp_path / "old.fphk"
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, MIGRATIONS[:1]) == 1
    db.execute(
        "INSERT INTO session VALUES (1, 'Salle de test', 'ACE347', 's', 'k', '2023-11-21', NULL)"
    )
    db.execute("INSERT INTO room_position (id, slide_index) VALUES (1, 0)")
    db.execute("INSERT INTO attendance (id, peak_connected) VALUES (1, 3)")
    db.close()
    store = SessionStore.open(path, SEED)
    assert store.read().peak_connected == 3
    assert store.read().course_started_at is None  # gained its column, empty
    assert store.read().rehearsal is False  # an older session was no rehearsal
    assert store.read_statistics() is None
    store.save_statistics(PAYLOAD, 0)
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    db.close()
