"""Statistics and the session file: read them, compute them with the deck, save them, purge.

A session file holds raw per-token answers while the session needs them. Its statistics are
computed from those answers and the deck the session was run with, and saved into the file (as the
JSON of ``statistics``) before the raw answers are deleted, so a purged session exports the same
figures without its deck.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fphkiosk.core.deck import Deck
from fphkiosk.core.room import Room
from fphkiosk.core.room_answers import check_answer
from fphkiosk.core.room_errors import Rejection
from fphkiosk.export.statistics import (
    DeckMismatch,
    DeckNeeded,
    SessionFileMissing,
    SessionInfo,
    SessionStatistics,
    build_statistics,
    statistics_from_json,
    statistics_to_json,
)
from fphkiosk.storage.errors import NotASessionFile
from fphkiosk.storage.private_files import writable
from fphkiosk.storage.resume import room_from_store
from fphkiosk.storage.store import SessionSeed, SessionStore, StoredSession

# Only used if the file were new, which open_session rules out: it never creates a session.
_NO_SEED = SessionSeed("", "", "", "")


def open_session(path: Path) -> SessionStore:
    """An existing session file; raise a typed error for a missing, foreign or damaged one."""
    if not path.exists():
        raise SessionFileMissing(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise NotASessionFile(path, detail="empty or not a file")
    return SessionStore.open(path, _NO_SEED)


def read_session_statistics(path: Path, deck: Deck | None = None) -> SessionStatistics:
    """The statistics saved in *path*, or computed from its answers with *deck*.

    A file that cannot be written (read-only media, a USB key with its tab set) is read as it
    is, through a read-only connection, rather than refused.
    """
    if path.is_file() and not writable(path):
        store = SessionStore.open_read_only(path)
        try:
            with store.reading():
                return _current(store, path, deck)[0]
        finally:
            store.close()
    store = open_session(path)
    try:
        return _current(store, path, deck)[0]
    finally:
        store.close()


def read_live_statistics(path: Path, deck: Deck) -> SessionStatistics:
    """The statistics so far of a session whose room is running, computed with *deck*.

    Read through a read-only connection, in one read transaction: the room's writer may commit
    meanwhile on its own connection. In WAL mode a reader never takes the write lock, so this
    cannot delay or fail an answer's commit, and it sees one committed state of the file (the
    answers committed after it began are in the next export). Nothing is written to the file.
    """
    store = SessionStore.open_read_only(path)
    try:
        with store.reading():
            return _current(store, path, deck)[0]
    finally:
        store.close()


def save_session_statistics(path: Path, deck: Deck) -> SessionStatistics:
    """Compute the statistics from the answers (with *deck*) and keep them in the session file."""
    store = open_session(path)
    try:
        statistics, covers, fresh = _current(store, path, deck)
        if fresh:
            store.save_statistics(statistics_to_json(statistics).decode(), covers)
        return statistics
    finally:
        store.close()


def purge_session(path: Path, deck: Deck | None = None) -> int:
    """Save the statistics, then delete the raw answers; return how many rows were deleted."""
    store = open_session(path)
    try:
        statistics, covers, _fresh = _current(store, path, deck)
        return store.save_statistics_and_purge(statistics_to_json(statistics).decode(), covers)
    finally:
        store.close()


def _current(
    store: SessionStore, path: Path, deck: Deck | None
) -> tuple[SessionStatistics, int, bool]:
    """(statistics, last answer row they cover, computed now rather than read back)."""
    stored = store.read()
    saved = store.read_statistics()
    if saved is not None and not saved.stale:
        statistics = statistics_from_json(saved.payload, path)
        if stored.rehearsal and not statistics.session.rehearsal:
            # Saved before the session was resumed as a rehearsal: the file's mark prevails.
            info = replace(statistics.session, rehearsal=True)
            statistics = replace(statistics, session=info)
        return statistics, saved.covers_seq, False
    if deck is None:
        raise DeckNeeded(path, title=stored.deck_title)
    room = _room(deck, stored, path)
    info = SessionInfo(
        course=deck.meta.title,
        date=deck.meta.date,
        place=deck.meta.place,
        organizer=deck.meta.organizer,
        started_at=stored.started_at,
        ended_at=stored.ended_at,
        peak_connected=stored.peak_connected,
        min_group_size=deck.meta.min_group_size,
        source=path.name,
        rehearsal=stored.rehearsal,
    )
    covers = stored.answers[-1].seq if stored.answers else store.last_answer_seq()
    return build_statistics(deck, room, info), covers, True


def _room(deck: Deck, stored: StoredSession, path: Path) -> Room:
    """The room replayed from *stored*, after checking that *deck* is the session's own."""
    if stored.deck_title != deck.meta.title:
        raise DeckMismatch(path, session=stored.deck_title, deck=deck.meta.title)
    room = room_from_store(deck, stored, path)
    for row in stored.answers:
        activity = deck.activity(row.activity_id)
        if activity is None:
            raise DeckMismatch(path, session=stored.deck_title, deck=deck.meta.title)
    for activity in deck.activities:
        for recorded in room.answers(activity.id):
            try:
                check_answer(activity, recorded.answer)
            except Rejection as exc:
                raise DeckMismatch(path, session=stored.deck_title, deck=deck.meta.title) from exc
    return room
