"""The texts the room wrote (questions, open answers, words) in the session file.

Only texts the trainer approved are written, unless the deck says ``keep_texts: all``. A text
row holds no token: who upvoted a question or wrote a word is in ``text_support``, one row per
device, kept as long as the session needs it (one vote per device) and folded into the text's
``kept_count`` by the purge, which also drops every text that was not approved.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from fphkiosk.core.room_changes import TEXT_STATES, TextState


@dataclass(frozen=True)
class TextWrite:
    """Insert or update a text (its state changes; its wording never does)."""

    activity_id: str
    item_id: str
    text: str
    state: TextState
    seq: int


@dataclass(frozen=True)
class TextSupportWrite:
    """A device's vote for a question, or its writing of an answer or a word (``on``), or not."""

    activity_id: str
    item_id: str
    token: str
    on: bool = True


@dataclass(frozen=True)
class TextDeleteWrite:
    """A text no longer kept (approved, then hidden, in a deck that keeps approved texts only)."""

    activity_id: str
    item_id: str


TextStoreWrite = TextWrite | TextSupportWrite | TextDeleteWrite


@dataclass(frozen=True)
class StoredText:
    activity_id: str
    item_id: str
    text: str
    state: TextState
    seq: int
    kept_count: int
    supporters: tuple[str, ...]


MIGRATION: tuple[str, ...] = (
    """CREATE TABLE text_item (
        activity_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        text TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('new', 'approved', 'answered', 'hidden')),
        seq INTEGER NOT NULL,
        kept_count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (activity_id, item_id)
    )""",
    """CREATE TABLE text_support (
        activity_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        token TEXT NOT NULL,
        PRIMARY KEY (activity_id, item_id, token)
    )""",
)


def write_text(db: sqlite3.Connection, write: TextStoreWrite) -> None:
    match write:
        case TextWrite():
            db.execute(
                "INSERT INTO text_item (activity_id, item_id, text, state, seq)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (activity_id, item_id)"
                " DO UPDATE SET state = excluded.state",
                (write.activity_id, write.item_id, write.text, write.state, write.seq),
            )
        case TextSupportWrite(activity_id, item_id, token, True):
            db.execute(
                "INSERT OR IGNORE INTO text_support (activity_id, item_id, token) VALUES (?, ?, ?)",
                (activity_id, item_id, token),
            )
        case TextSupportWrite(activity_id, item_id, token, False):
            db.execute(
                "DELETE FROM text_support WHERE activity_id = ? AND item_id = ? AND token = ?",
                (activity_id, item_id, token),
            )
        case TextDeleteWrite(activity_id, item_id):
            for table in ("text_item", "text_support"):
                db.execute(
                    f"DELETE FROM {table} WHERE activity_id = ? AND item_id = ?",
                    (activity_id, item_id),
                )


def read_texts(db: sqlite3.Connection) -> tuple[StoredText, ...]:
    """Every kept text with its supporters; raise ValueError on a row no version wrote."""
    supporters: dict[tuple[str, str], list[str]] = {}
    for activity_id, item_id, token in db.execute(
        "SELECT activity_id, item_id, token FROM text_support ORDER BY rowid"
    ):
        supporters.setdefault((str(activity_id), str(item_id)), []).append(str(token))
    texts = []
    for activity_id, item_id, text, state, seq, kept in db.execute(
        "SELECT activity_id, item_id, text, state, seq, kept_count FROM text_item ORDER BY seq"
    ):
        key = (str(activity_id), str(item_id))
        texts.append(
            StoredText(
                key[0],
                key[1],
                str(text),
                _state(state),
                int(seq),
                int(kept),
                tuple(supporters.get(key, ())),
            )
        )
    return tuple(texts)


def purge_text_tokens(db: sqlite3.Connection) -> int:
    """Fold the per-device rows into counts and drop texts never approved; return rows deleted."""
    db.execute(
        "UPDATE text_item SET kept_count = kept_count + (SELECT count(*) FROM text_support s"
        " WHERE s.activity_id = text_item.activity_id AND s.item_id = text_item.item_id)"
    )
    deleted = db.execute("DELETE FROM text_support").rowcount
    deleted += db.execute(
        "DELETE FROM text_item WHERE state NOT IN ('approved', 'answered')"
    ).rowcount
    return deleted


def _state(value: object) -> TextState:
    for state in TEXT_STATES:
        if value == state:
            return state
    raise ValueError(f"bad text state {value!r}")
