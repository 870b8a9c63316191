"""The session file's schema as numbered migrations, applied in order via PRAGMA user_version.

Privacy by design: no table has a column for an IP address, a user agent, a name or any device
identifier. A participant appears only as the random per-session token the server issued.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from fphkiosk.storage import retention, text_store

# Marks a SQLite file as an fphkiosk session ("FPHK"), so another database is told apart.
APPLICATION_ID = 0x4650484B

Migration = tuple[str, ...]

MIGRATIONS: tuple[Migration, ...] = (
    # 1: the session, the room's position, activity states, answers, attendance.
    (
        """CREATE TABLE session (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            deck_title TEXT NOT NULL,
            room_code TEXT NOT NULL,
            presenter_secret TEXT NOT NULL,
            token_key TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT
        )""",
        """CREATE TABLE room_position (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            slide_index INTEGER NOT NULL DEFAULT 0,
            current_activity TEXT
        )""",
        """CREATE TABLE activity_state (
            activity_id TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('idle', 'open', 'closed', 'revealed')),
            changed_at TEXT NOT NULL
        )""",
        """CREATE TABLE answer (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            answer_id TEXT NOT NULL UNIQUE,
            token TEXT NOT NULL,
            activity_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            received_at TEXT NOT NULL
        )""",
        "CREATE INDEX answer_by_activity ON answer (activity_id)",
        """CREATE TABLE attendance (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            peak_connected INTEGER NOT NULL DEFAULT 0
        )""",
    ),
    # 2: the session's aggregate statistics (JSON, no token, no answer id), saved before the raw
    # answers are purged so that a purged session still exports the same figures.
    # covers_seq: the last answer row they were computed from, so a later answer marks them stale.
    (
        """CREATE TABLE statistics (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            payload TEXT NOT NULL,
            covers_seq INTEGER NOT NULL,
            saved_at TEXT NOT NULL
        )""",
    ),
    # 3: when the course's elapsed clock started (UTC), so a resumed session's clock carries on.
    ("ALTER TABLE session ADD COLUMN course_started_at TEXT",),
    # 4: one answer per participant and activity (replaced ones leave their id only), times to
    # the minute; the purge erases those ids too (see retention).
    retention.MIGRATION,
    # 5: the texts the room wrote (approved ones only, unless the deck keeps all), no token;
    # who supported which (one vote per device) apart, until the purge folds it into counts.
    text_store.MIGRATION,
    # 6: a rehearsal (simulated participants): kept through the purge, so every export says so.
    ("ALTER TABLE session ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0",),
    # 7: the answer table's keys lead with the activity, so a burst's commits write fewer pages.
    retention.COMPACT_MIGRATION,
)

LATEST_VERSION = len(MIGRATIONS)
OLDEST_READABLE_VERSION = 6
"""The oldest file a read-only connection reads as it is (it cannot migrate): step 7 changed only
the answer table's keys, so a version-6 file on a write-protected key reads the same."""


def user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the file up to ``len(migrations)``, one transaction per step; return the version."""
    version = user_version(connection)
    for number in range(version + 1, len(migrations) + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in migrations[number - 1]:
                connection.execute(statement)
            if number == 1:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            # PRAGMA takes no parameters; the number is an int we computed.
            connection.execute(f"PRAGMA user_version = {number}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        version = number
    return version
