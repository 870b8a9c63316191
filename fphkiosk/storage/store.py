"""The session store's synchronous side: open or create a session file, read it, write batches.

A SessionStore belongs to the thread that opened it (sqlite3's rule); the asynchronous facade in
``fphkiosk.storage.writer`` keeps it on a single worker thread, off the event loop.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from fphkiosk.core.room_changes import ACTIVITY_STATUSES, ActivityStatus
from fphkiosk.storage import retention
from fphkiosk.storage.errors import (
    DamagedSession,
    NewerSessionVersion,
    NotASessionFile,
    ReadOnlySession,
    SessionFolderMissing,
    SessionWriteFailed,
)
from fphkiosk.storage.private_files import create_private, make_private, refuse_symlink, writable
from fphkiosk.storage.schema import (
    APPLICATION_ID,
    LATEST_VERSION,
    OLDEST_READABLE_VERSION,
    migrate,
    user_version,
)
from fphkiosk.storage.text_store import (
    StoredText,
    TextDeleteWrite,
    TextStoreWrite,
    TextSupportWrite,
    TextWrite,
    purge_text_tokens,
    read_texts,
    write_text,
)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_payload_json = msgspec.json.Encoder().encode
"""An answer's payload as compact JSON (``json.loads`` reads it back): on the writer thread, which
shares the room's core in a burst, msgspec takes a tenth of the time ``json.dumps`` did."""


ROWS_PER_INSERT = 50
"""Answers per INSERT statement (5 parameters each, far below SQLite's limit of 32 766)."""


def _insert_answers(db: sqlite3.Connection, answers: Sequence[AnswerWrite]) -> None:
    """Insert *answers* in their order, ``ROWS_PER_INSERT`` rows per statement.

    The sqlite3 module lets go of the interpreter lock for each step of a statement, and takes it
    back after: one row per statement, in a burst, meant one hand-over of the lock to the event
    loop (and back) per answer, on the core the two share. A statement of many rows is one step.
    OR IGNORE: a retried answer id is stored once.
    """
    for start in range(0, len(answers), ROWS_PER_INSERT):
        chunk = answers[start : start + ROWS_PER_INSERT]
        params: list[object] = []
        for a in chunk:
            params += (
                a.answer_id,
                a.token,
                a.activity_id,
                _payload_json(a.payload).decode(),
                a.received_at,
            )
        db.execute(_insert_sql(len(chunk)), params)


@functools.cache
def _insert_sql(rows: int) -> str:
    return (
        "INSERT OR IGNORE INTO answer (answer_id, token, activity_id, payload, received_at)"
        " VALUES " + ", ".join(["(?, ?, ?, ?, ?)"] * rows)
    )


class _MinuteText:
    """The current UTC minute as text, formatted once a minute rather than once per answer
    (formatting a datetime was a tenth of the room's loop time in a burst of answers)."""

    def __init__(self) -> None:
        self._minute = -1
        self._text = ""

    def __call__(self) -> str:
        minute = int(time.time() // 60)
        if minute != self._minute:
            at = datetime.fromtimestamp(minute * 60, UTC)
            self._text = at.isoformat(timespec="minutes")
            self._minute = minute
        return self._text


utc_minute = _MinuteText()
"""Now to the minute: what an answer's time is kept to (no finer trace of a device)."""


@dataclass(frozen=True)
class SessionSeed:
    """What a new session file starts with; ignored when the file already holds a session."""

    deck_title: str
    room_code: str
    presenter_secret: str
    token_key: str


@dataclass(frozen=True)
class StoredAnswer:
    seq: int
    answer_id: str
    token: str
    activity_id: str
    payload: dict[str, object]
    received_at: str


@dataclass(frozen=True)
class SavedStatistics:
    """The session's aggregate statistics as saved (JSON text, aggregates only)."""

    payload: str
    covers_seq: int
    """The last answer row they were computed from (0: none)."""
    saved_at: str
    stale: bool
    """True when answers were recorded after they were computed."""


@dataclass(frozen=True)
class StoredSession:
    deck_title: str
    room_code: str
    presenter_secret: str
    token_key: str
    started_at: str
    ended_at: str | None
    slide_index: int
    current_activity: str | None
    statuses: dict[str, ActivityStatus]
    answers: tuple[StoredAnswer, ...]
    """In arrival order."""
    peak_connected: int
    course_started_at: str | None = None
    """When the trainer's elapsed clock started (UTC, ISO 8601); None until it has."""
    replaced_answer_ids: tuple[tuple[str, str, str], ...] = ()
    """(answer_id, token, activity_id) of answers a participant replaced: ids only."""
    texts: tuple[StoredText, ...] = ()
    """Kept texts (qa, open, words) in arrival order, with their supporters' tokens."""
    rehearsal: bool = False
    """Run with simulated participants (``present --simulate``): its figures are no course's."""


# Writes, applied in order in one transaction per batch ---------------------------------------


class AnswerWrite(msgspec.Struct, frozen=True):
    """One answer to store. A msgspec structure rather than a frozen dataclass: the room builds
    one per answer of a burst, and it takes a tenth of the time to build (0,08 µs against 0,9)."""

    answer_id: str
    token: str
    activity_id: str
    payload: dict[str, object]
    received_at: str
    first: bool = False
    """The room knows this participant had no earlier answer to this activity, so there is
    nothing to replace (the usual case, and two statements per answer saved in a burst)."""


@dataclass(frozen=True)
class PositionWrite:
    slide_index: int
    current_activity: str | None


@dataclass(frozen=True)
class StatusWrite:
    activity_id: str
    status: ActivityStatus
    changed_at: str


@dataclass(frozen=True)
class PeakWrite:
    peak_connected: int


@dataclass(frozen=True)
class EndWrite:
    ended_at: str


@dataclass(frozen=True)
class ClockWrite:
    course_started_at: str


@dataclass(frozen=True)
class RehearsalWrite:
    """The session ran with simulated participants; once marked, it stays a rehearsal."""


Write = (
    AnswerWrite
    | PositionWrite
    | StatusWrite
    | PeakWrite
    | EndWrite
    | ClockWrite
    | RehearsalWrite
    | TextStoreWrite
)


class SessionStore:
    """One session file, opened (and migrated) or created."""

    def __init__(self, path: Path, connection: sqlite3.Connection):
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, path: Path, seed: SessionSeed) -> SessionStore:
        """Open the session at *path*, creating it from *seed* if the file is new or empty."""
        refuse_symlink(path)
        is_new = not path.exists() or path.stat().st_size == 0
        if is_new and not path.parent.is_dir():
            # Say what is wrong: a new session in a folder that does not exist is no bad file.
            raise SessionFolderMissing(path, folder=str(path.parent))
        if path.exists() and not writable(path):
            # SQLite would fail later with a misleading "not a database" or "unable to open".
            raise ReadOnlySession(path)
        if is_new:
            create_private(path)
        else:
            make_private(path)
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=5.0)
        except sqlite3.Error as exc:
            raise NotASessionFile(path, detail=str(exc)) from exc
        try:
            _check_identity(path, connection, is_new)
            connection.execute("PRAGMA journal_mode = WAL")
            # FULL: a commit survives a power cut, not only a crash; batches keep fsyncs few.
            connection.execute("PRAGMA synchronous = FULL")
            migrate(connection)
            store = cls(path, connection)
            if is_new:
                store._create(seed)
            store.read()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise DamagedSession(path, detail=str(exc)) from exc
        except BaseException:
            connection.close()
            raise
        return store

    @classmethod
    def open_read_only(cls, path: Path) -> SessionStore:
        """An existing, current session file opened for reading only (SQLite's ``mode=ro``).

        Safe beside the room's own connection on the same file, from another thread: in WAL
        mode a reader never takes the write lock, so it cannot block or fail the room's commits,
        and each ``reading()`` block sees one committed state. Nothing is migrated (the room that
        opened the file did it); a file too old to read as it is is refused.
        """
        if not path.is_file():
            raise NotASessionFile(path, detail="not a file")
        uri = f"{path.resolve().as_uri()}?mode=ro"
        companions = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        if not writable(path) and not all(c.exists() for c in companions):
            # Read-only media: SQLite cannot make the -shm file a WAL reader needs. A file closed
            # cleanly has no -wal to read, so telling SQLite it cannot change loses nothing.
            uri += "&immutable=1"
        try:
            connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)
        except sqlite3.Error as exc:
            raise NotASessionFile(path, detail=str(exc)) from exc
        try:
            _check_identity(path, connection, is_new=False)
            if not OLDEST_READABLE_VERSION <= user_version(connection) <= LATEST_VERSION:
                raise NotASessionFile(path, detail="an older session: open it once to update it")
            store = cls(path, connection)
            store.read()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise DamagedSession(path, detail=str(exc)) from exc
        except BaseException:
            connection.close()
            raise
        return store

    def reading(self) -> _Reading:
        """A block whose reads all see the same committed state (one read transaction)."""
        return _Reading(self._db)

    def _create(self, seed: SessionSeed) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT INTO session (id, deck_title, room_code, presenter_secret, token_key,"
                " started_at) VALUES (1, ?, ?, ?, ?, ?)",
                (seed.deck_title, seed.room_code, seed.presenter_secret, seed.token_key, utc_now()),
            )
            self._db.execute("INSERT INTO room_position (id, slide_index) VALUES (1, 0)")
            self._db.execute("INSERT INTO attendance (id, peak_connected) VALUES (1, 0)")

    def close(self) -> None:
        self._db.close()

    def read(self) -> StoredSession:
        """Everything needed to resume the session."""
        session = self._db.execute(
            "SELECT deck_title, room_code, presenter_secret, token_key, started_at, ended_at,"
            " course_started_at, rehearsal FROM session WHERE id = 1"
        ).fetchone()
        position = self._db.execute(
            "SELECT slide_index, current_activity FROM room_position WHERE id = 1"
        ).fetchone()
        attendance = self._db.execute(
            "SELECT peak_connected FROM attendance WHERE id = 1"
        ).fetchone()
        if session is None or position is None or attendance is None:
            raise DamagedSession(self.path, detail="missing session row")
        statuses: dict[str, ActivityStatus] = {}
        for activity_id, status in self._db.execute(
            "SELECT activity_id, status FROM activity_state"
        ):
            statuses[str(activity_id)] = _status(self.path, status)
        answers = tuple(
            StoredAnswer(int(seq), str(aid), str(tok), str(act), _payload(self.path, p), str(at))
            for seq, aid, tok, act, p, at in self._db.execute(
                "SELECT seq, answer_id, token, activity_id, payload, received_at"
                " FROM answer ORDER BY seq"
            )
        )
        return StoredSession(
            deck_title=str(session[0]),
            room_code=str(session[1]),
            presenter_secret=str(session[2]),
            token_key=str(session[3]),
            started_at=str(session[4]),
            ended_at=None if session[5] is None else str(session[5]),
            slide_index=int(position[0]),
            current_activity=None if position[1] is None else str(position[1]),
            statuses=statuses,
            answers=answers,
            peak_connected=int(attendance[0]),
            course_started_at=None if session[6] is None else str(session[6]),
            replaced_answer_ids=retention.replaced_ids(self._db),
            texts=self._texts(),
            rehearsal=bool(session[7]),
        )

    def _texts(self) -> tuple[StoredText, ...]:
        try:
            return read_texts(self._db)
        except ValueError as exc:
            raise DamagedSession(self.path, detail=str(exc)) from exc

    def write(self, batch: Sequence[Write]) -> None:
        """Apply *batch* in one transaction: all of it is committed, or none."""
        if not batch:
            return
        answers = [item for item in batch if isinstance(item, AnswerWrite)]
        try:
            with self._transaction():
                _insert_answers(self._db, answers)
                # Only the latest answer of a participant is kept; the others' ids stay known.
                retention.drop_replaced(
                    self._db,
                    [(a.answer_id, a.token, a.activity_id) for a in answers if not a.first],
                )
                for item in batch:
                    if not isinstance(item, AnswerWrite):
                        self._write_one(item)
        except sqlite3.Error as exc:
            raise SessionWriteFailed(self.path, detail=str(exc)) from exc

    def _write_one(self, item: Write) -> None:
        match item:
            case PositionWrite():
                self._db.execute(
                    "UPDATE room_position SET slide_index = ?, current_activity = ? WHERE id = 1",
                    (item.slide_index, item.current_activity),
                )
            case StatusWrite():
                self._db.execute(
                    "INSERT INTO activity_state (activity_id, status, changed_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (activity_id) DO UPDATE SET status = excluded.status,"
                    " changed_at = excluded.changed_at",
                    (item.activity_id, item.status, item.changed_at),
                )
            case PeakWrite():
                self._db.execute(
                    "UPDATE attendance SET peak_connected = MAX(peak_connected, ?) WHERE id = 1",
                    (item.peak_connected,),
                )
            case EndWrite():
                self._db.execute("UPDATE session SET ended_at = ? WHERE id = 1", (item.ended_at,))
            case ClockWrite():
                self._db.execute(
                    "UPDATE session SET course_started_at = ? WHERE id = 1",
                    (item.course_started_at,),
                )
            case RehearsalWrite():
                self._db.execute("UPDATE session SET rehearsal = 1 WHERE id = 1")
            case TextWrite() | TextSupportWrite() | TextDeleteWrite():
                write_text(self._db, item)

    def purge_answers(self) -> int:
        """Erase every per-device trace and the session's secrets; return the answers deleted."""
        try:
            self._db.execute("PRAGMA secure_delete = ON")
            with self._transaction():
                deleted = retention.erase_traces(self._db)
                purge_text_tokens(self._db)
            retention.rewrite(self._db)
        except sqlite3.Error as exc:
            raise SessionWriteFailed(self.path, detail=str(exc)) from exc
        return deleted

    def last_answer_seq(self) -> int:
        """The highest answer row number ever used (0 before the first answer), purges included."""
        row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'answer'").fetchone()
        return 0 if row is None else int(row[0])

    def save_statistics(self, payload: str, covers_seq: int) -> None:
        """Keep *payload* (aggregates only) as the session's statistics, replacing older ones."""
        try:
            with self._transaction():
                self._put_statistics(payload, covers_seq)
        except sqlite3.Error as exc:
            raise SessionWriteFailed(self.path, detail=str(exc)) from exc

    def read_statistics(self) -> SavedStatistics | None:
        row = self._db.execute(
            "SELECT payload, covers_seq, saved_at FROM statistics WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        covers = int(row[1])
        return SavedStatistics(str(row[0]), covers, str(row[2]), self.last_answer_seq() > covers)

    def save_statistics_and_purge(self, payload: str, covers_seq: int) -> int:
        """Save the aggregates and erase the raw answers, the replaced answers' ids and the
        session's secrets (room code, presenter secret, token key) in one transaction; return
        the answers deleted.

        The rows are overwritten, not only unlinked (secure_delete), the file is rebuilt and the
        write-ahead log truncated, so no token or secret is left in a free page or the -wal file.
        """
        try:
            self._db.execute("PRAGMA secure_delete = ON")
            with self._transaction():
                # Checked under the write lock: no answer can slip in between check and delete.
                if self.last_answer_seq() > covers_seq:
                    raise SessionWriteFailed(self.path, detail="statistics are out of date")
                self._put_statistics(payload, covers_seq)
                deleted = retention.erase_traces(self._db)
                purge_text_tokens(self._db)
            retention.rewrite(self._db)
        except sqlite3.Error as exc:
            raise SessionWriteFailed(self.path, detail=str(exc)) from exc
        return deleted

    def _put_statistics(self, payload: str, covers_seq: int) -> None:
        self._db.execute(
            "INSERT INTO statistics (id, payload, covers_seq, saved_at) VALUES (1, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET payload = excluded.payload,"
            " covers_seq = excluded.covers_seq, saved_at = excluded.saved_at",
            (payload, covers_seq, utc_now()),
        )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._db.execute("COMMIT")
        else:
            self._db.execute("ROLLBACK")


class _Reading:
    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN DEFERRED")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._db.execute("COMMIT")


def _check_identity(path: Path, connection: sqlite3.Connection, is_new: bool) -> None:
    try:
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        version = user_version(connection)
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        # "file is not a database": some other file was named as the session.
        raise NotASessionFile(path, detail=str(exc)) from exc
    if is_new or (application_id == 0 and version == 0 and tables == 0):
        return
    if application_id != APPLICATION_ID:
        raise NotASessionFile(path, detail="not an fphkiosk session")
    if version > LATEST_VERSION:
        raise NewerSessionVersion(path, found=version, supported=LATEST_VERSION)
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DamagedSession(path, detail=str(exc)) from exc
    if verdict != "ok":
        raise DamagedSession(path, detail=str(verdict))


def _status(path: Path, value: object) -> ActivityStatus:
    for status in ACTIVITY_STATUSES:
        if value == status:
            return status
    raise DamagedSession(path, detail=f"bad activity status {value!r}")


def _payload(path: Path, text: object) -> dict[str, object]:
    try:
        data = json.loads(str(text))
    except ValueError as exc:
        raise DamagedSession(path, detail="bad answer payload") from exc
    if not isinstance(data, dict):
        raise DamagedSession(path, detail="bad answer payload")
    return data
