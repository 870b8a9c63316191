"""What the session file keeps of the room's texts, across a restart and a purge (real SQLite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fphkiosk.core.room_changes import (
    CloseActivity,
    Moderate,
    OpenActivity,
    SubmitText,
    Vote,
)
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.storage.store import SessionSeed, SessionStore
from tests.net.sample_deck import sample_deck


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return list(db.execute(sql))


async def _ask(live: LiveRoom, token: str, text: str) -> str:
    await live.submit_text(SubmitText(token, "questions", f"id-{token}", text))
    return next(i.item_id for i in live.room.text_items("questions") if i.text == text)


async def test_only_approved_texts_reach_the_file_and_come_back(tmp_path: Path) -> None:
    deck = sample_deck(tmp_path / "deck", round_table=True)
    path = tmp_path / "session.fphk"
    live = await LiveRoom.open(deck, path)
    await live.command(OpenActivity("questions"))
    kept = await _ask(live, "a", "Une question à garder ?")
    held = await _ask(live, "b", "Appelez le 06 12 34 56 78 ?")
    dropped = await _ask(live, "c", "Une question approuvée puis masquée ?")
    assert _rows(path, "SELECT count(*) FROM text_item") == [(0,)]  # nothing approved yet

    for item_id in (kept, dropped):
        await live.command(Moderate("questions", item_id, "approve"))
    for voter in ("v1", "v2", "v3"):
        await live.vote(Vote(voter, "questions", kept))
    await live.vote(Vote("v1", "questions", dropped))
    await live.command(Moderate("questions", dropped, "hide"))
    await live.command(Moderate("questions", kept, "spotlight"))
    assert _rows(path, "SELECT text, state FROM text_item") == [
        ("Une question à garder ?", "approved")
    ]
    assert not any("06 12" in str(row) for row in _rows(path, "SELECT * FROM text_item"))
    await live.close()

    resumed = await LiveRoom.open(deck, path)
    (item,) = resumed.room.text_items("questions")
    assert (item.item_id, item.text, item.count) == (kept, "Une question à garder ?", 3)
    assert resumed.room.texts.voted_by("v2", "questions") == (kept,)
    # A new question after the restart does not take a kept one's id.
    await resumed.submit_text(SubmitText("d", "questions", "id-d", "Après la reprise ?"))
    texts = {i.item_id: i.text for i in resumed.room.text_items("questions")}
    assert len(texts) == 2 and texts[kept] == "Une question à garder ?"
    # The held text was in memory only: the restart forgot it, by design.
    assert "Appelez le 06 12 34 56 78 ?" not in texts.values() and held in texts
    await resumed.close()


async def test_the_purge_keeps_approved_texts_with_their_counts_and_no_token(
    tmp_path: Path,
) -> None:
    deck = sample_deck(tmp_path / "deck", round_table=True, front="keep_texts: all")
    path = tmp_path / "session.fphk"
    live = await LiveRoom.open(deck, path)
    await live.command(OpenActivity("questions"))
    kept = await _ask(live, "a", "Question approuvée ?")
    await _ask(live, "b", "Question jamais approuvée ?")
    assert len(_rows(path, "SELECT * FROM text_item")) == 2  # keep_texts: all keeps held ones
    await live.command(Moderate("questions", kept, "approve"))
    for voter in ("v1", "v2"):
        await live.vote(Vote(voter, "questions", kept))
    await live.command(CloseActivity("questions"))
    await live.close()

    store = SessionStore.open(path, SessionSeed("x", "x", "x", "x"))
    store.purge_answers()
    (text,) = store.read().texts
    store.close()
    assert (text.text, text.kept_count, text.supporters) == ("Question approuvée ?", 2, ())
    assert _rows(path, "SELECT text, state, kept_count FROM text_item") == [
        ("Question approuvée ?", "approved", 2)
    ]
    assert _rows(path, "SELECT count(*) FROM text_support") == [(0,)]
