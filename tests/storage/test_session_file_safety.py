"""Session and info files against other local users, planted links and purges."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest

from fphkiosk.core.room_answers import ChoiceAnswer
from fphkiosk.core.room_changes import AnswerRepeated, OpenActivity, SubmitAnswer
from fphkiosk.export.session_file import purge_session
from fphkiosk.net.headless import write_info
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.storage.errors import SessionPurged, SymlinkRefused
from fphkiosk.ui.session_paths import default_session_path
from tests.net.sample_deck import sample_deck


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def _session_with_answers(tmp_path: Path) -> tuple[Path, list[str]]:
    """A session where t1 answered twice (a1 then a2) and t2 once; returns (path, tokens)."""
    path = tmp_path / "jour.fphk"
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), path)
    await live.command(OpenActivity("sondage"))
    t1, t2 = live.tokens.issue(), live.tokens.issue()
    await live.submit_answer(SubmitAnswer(t1, "sondage", "answer-a1", ChoiceAnswer(0)))
    await live.submit_answer(SubmitAnswer(t1, "sondage", "answer-a2", ChoiceAnswer(2)))
    await live.submit_answer(SubmitAnswer(t2, "sondage", "answer-b1", ChoiceAnswer(1)))
    secrets = [live.presenter_secret, live.room_code, t1, t2]
    await live.close()
    return path, secrets


async def test_session_files_and_their_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    path = default_session_path(datetime(2024, 5, 6, 7, 8, 9), folder)
    assert _mode(folder) == 0o700
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), path)
    await live.command(OpenActivity("sondage"))
    token = live.tokens.issue()
    await live.submit_answer(SubmitAnswer(token, "sondage", "x1", ChoiceAnswer(0)))
    companions = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    assert all(p.exists() for p in companions)
    assert [_mode(p) for p in (path, *companions)] == [0o600] * 3
    await live.close()
    info = tmp_path / "salle.json"
    write_info(info, {"presenter_secret": "s"})
    assert _mode(info) == 0o600


async def test_an_older_readable_session_is_made_private_when_opened(tmp_path: Path) -> None:
    path, _ = await _session_with_answers(tmp_path)
    path.chmod(0o644)
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), path)
    await live.close()
    assert _mode(path) == 0o600


async def test_only_the_latest_answer_is_kept_and_a_late_retry_is_still_known(
    tmp_path: Path,
) -> None:
    path, _ = await _session_with_answers(tmp_path)
    db = sqlite3.connect(path)
    rows = db.execute("SELECT answer_id, received_at FROM answer ORDER BY seq").fetchall()
    replaced = db.execute("SELECT answer_id FROM replaced_answer").fetchall()
    db.close()
    assert [r[0] for r in rows] == ["answer-a2", "answer-b1"]
    assert replaced == [("answer-a1",)]
    # To the minute, no finer.
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d\+00:00", r[1]) for r in rows)
    # After a restart the replaced answer's late retry is acknowledged and not counted.
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), path)
    try:
        t1 = next(iter(live.room.answers("sondage"))).token
        retry = SubmitAnswer(t1, "sondage", "answer-a1", ChoiceAnswer(0))
        changes = await live.submit_answer(retry)
        assert changes == (AnswerRepeated(t1, "sondage", "answer-a1"),)
        assert live.room.answer_of(t1, "sondage") == ChoiceAnswer(2)
        assert live.room.respondents("sondage") == 2
    finally:
        await live.close()


async def test_an_answer_replaces_the_stored_one_after_a_restart_and_within_one_commit(
    tmp_path: Path,
) -> None:
    path, _ = await _session_with_answers(tmp_path)
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), path)
    try:
        t1 = next(a.token for a in live.room.answers("sondage") if a.answer == ChoiceAnswer(2))
        t3 = live.tokens.issue()
        # t1's third answer, after the restart; t3's first and second in the same transaction.
        await asyncio.gather(
            live.submit_answer(SubmitAnswer(t1, "sondage", "answer-a3", ChoiceAnswer(1))),
            live.submit_answer(SubmitAnswer(t3, "sondage", "answer-c1", ChoiceAnswer(0))),
            live.submit_answer(SubmitAnswer(t3, "sondage", "answer-c2", ChoiceAnswer(2))),
        )
    finally:
        await live.close()
    db = sqlite3.connect(path)
    rows = db.execute("SELECT answer_id FROM answer ORDER BY seq").fetchall()
    replaced = db.execute("SELECT answer_id FROM replaced_answer ORDER BY answer_id").fetchall()
    db.close()
    assert [r[0] for r in rows] == ["answer-b1", "answer-a3", "answer-c2"]
    assert [r[0] for r in replaced] == ["answer-a1", "answer-a2", "answer-c1"]


async def test_purge_erases_the_secrets_and_every_device_trace(tmp_path: Path) -> None:
    path, secrets = await _session_with_answers(tmp_path)
    before = b"".join(p.read_bytes() for p in tmp_path.glob("jour.fphk*"))
    assert all(s.encode() in before for s in secrets)
    db = sqlite3.connect(path)
    token_key = db.execute("SELECT token_key FROM session").fetchone()[0]
    db.close()

    purge_session(path, sample_deck(tmp_path / "deck"))

    after = b"".join(p.read_bytes() for p in tmp_path.glob("jour.fphk*"))
    for secret in (*secrets, token_key, "answer-a1", "answer-a2", "answer-b1"):
        assert secret.encode() not in after, secret
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM answer").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM replaced_answer").fetchone() == (0,)
    db.close()
    # A purged session never opens a room again (an empty code must not let anyone in).
    with pytest.raises(SessionPurged):
        await LiveRoom.open(sample_deck(tmp_path / "deck"), path)


async def test_a_dangling_session_link_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "planted.fphk"
    target.parent.mkdir()
    link = tmp_path / "jour.fphk"
    link.symlink_to(target)
    with pytest.raises(SymlinkRefused) as refused:
        await LiveRoom.open(sample_deck(tmp_path / "deck"), link)
    assert not target.exists()
    assert refused.value.key == "room.store.symlink"


def test_the_info_file_is_written_through_an_unpredictable_temporary(tmp_path: Path) -> None:
    info = tmp_path / "salle.json"
    planted = tmp_path / "salle.json.tmp"
    planted.write_text("planted", encoding="utf-8")
    write_info(info, {"presenter_secret": "secret"})
    assert planted.read_text(encoding="utf-8") == "planted"
    assert info.read_text(encoding="utf-8") == '{"presenter_secret": "secret"}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["salle.json", "salle.json.tmp"]
    elsewhere = tmp_path / "elsewhere.json"
    link = tmp_path / "lien.json"
    link.symlink_to(elsewhere)
    with pytest.raises(SymlinkRefused):
        write_info(link, {"presenter_secret": "secret"})
    assert not elsewhere.exists()
