"""What a session file keeps about devices, and for how long.

While the session runs, one answer per participant and activity: the latest. A replaced answer is
deleted at once; only its id stays (with the token and activity it came from), so that a late
retry of it is still recognised and not counted. Answer times are kept to the minute. The purge
erases every per-device trace (answers, replaced ids) and the session's secrets (room code,
presenter secret, token key), then rewrites the file so no deleted byte is left in it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

MIGRATION: tuple[str, ...] = (
    """CREATE TABLE replaced_answer (
        answer_id TEXT PRIMARY KEY,
        token TEXT NOT NULL,
        activity_id TEXT NOT NULL
    )""",
    "CREATE INDEX answer_by_participant ON answer (token, activity_id)",
    # Files written before: keep their latest answers only, their times to the minute.
    """INSERT OR IGNORE INTO replaced_answer (answer_id, token, activity_id)
        SELECT answer_id, token, activity_id FROM answer AS older
        WHERE EXISTS (SELECT 1 FROM answer AS newer WHERE newer.token = older.token
                      AND newer.activity_id = older.activity_id AND newer.seq > older.seq)""",
    "DELETE FROM answer WHERE answer_id IN (SELECT answer_id FROM replaced_answer)",
    "UPDATE answer SET received_at = substr(received_at, 1, 16) || substr(received_at, 20)"
    " WHERE length(received_at) > 19",
)
"""Schema step: replaced answers leave only their ids; times to the minute."""

COMPACT_MIGRATION: tuple[str, ...] = (
    """CREATE TABLE answer_compact (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        answer_id TEXT NOT NULL,
        token TEXT NOT NULL,
        activity_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (activity_id, answer_id)
    )""",
    """INSERT INTO answer_compact (seq, answer_id, token, activity_id, payload, received_at)
        SELECT seq, answer_id, token, activity_id, payload, received_at FROM answer ORDER BY seq""",
    # The row numbers go on where they were (a deleted last row's number is never given again).
    "DELETE FROM sqlite_sequence WHERE name = 'answer_compact'",
    "UPDATE sqlite_sequence SET name = 'answer_compact' WHERE name = 'answer'",
    "DROP TABLE answer",
    "ALTER TABLE answer_compact RENAME TO answer",
    "CREATE INDEX answer_by_participant ON answer (activity_id, token)",
)
"""Schema step: the answer table's keys lead with the activity.

A burst of answers is for one activity: its new keys then land in a few neighbouring pages of
each index, where keys led by a random answer id or token were spread over the whole index, and
every page a commit touches is written again. Measured on 500 participants, 12 activities: 6.3 µs
of the writer's time per answer instead of 10.9 (``docs/benchmarks.md``). An answer id is unique
within its activity; the room refuses the same id for another activity before anything is
written (``ANSWER_ID_REUSED``), on a resumed session too, since the ids are read back.
"""

_OLDER = (
    " FROM answer WHERE activity_id = ? AND token = ?"
    " AND seq < (SELECT seq FROM answer WHERE activity_id = ? AND answer_id = ?)"
)


def drop_replaced(db: sqlite3.Connection, answers: Sequence[tuple[str, str, str]]) -> None:
    """For each new (answer_id, token, activity_id): the same participant's older answers go."""
    if not answers:
        return  # a burst of first answers replaces nothing: no statement to prepare and run
    params = [(activity, token, activity, answer_id) for answer_id, token, activity in answers]
    db.executemany(
        "INSERT OR IGNORE INTO replaced_answer (answer_id, token, activity_id)"
        " SELECT answer_id, token, activity_id" + _OLDER,
        params,
    )
    db.executemany("DELETE" + _OLDER, params)


def replaced_ids(db: sqlite3.Connection) -> tuple[tuple[str, str, str], ...]:
    """(answer_id, token, activity_id) of every replaced answer."""
    return tuple(
        (str(a), str(t), str(v))
        for a, t, v in db.execute("SELECT answer_id, token, activity_id FROM replaced_answer")
    )


def erase_traces(db: sqlite3.Connection) -> int:
    """Inside the purge's transaction: every per-device row and the secrets; the rows deleted."""
    deleted = db.execute("DELETE FROM answer").rowcount
    db.execute("DELETE FROM replaced_answer")
    db.execute("UPDATE session SET room_code = '', presenter_secret = '', token_key = ''")
    return deleted


def rewrite(db: sqlite3.Connection) -> None:
    """After the purge's commit: rebuild the file and empty the write-ahead log."""
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
