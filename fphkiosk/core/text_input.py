"""A participant's text made ready for the room: checked, normalised, screened, keyed for grouping.

The checks (free_text) and the detector (text_screen) are their own modules; this one turns their
verdicts into the room's terms: a Rejection that changes nothing, or a WrittenText with its flags.
"""

from __future__ import annotations

from dataclasses import dataclass

from fphkiosk.core.free_text import (
    TextProblem,
    TextRejected,
    clean_text,
    split_word_entries,
    word_key,
)
from fphkiosk.core.room_changes import TextFlagSpan
from fphkiosk.core.room_errors import Rejection, RejectionCode
from fphkiosk.core.text_screen import screen_text


@dataclass(frozen=True)
class WrittenText:
    text: str
    """Normalised (NFC, trimmed) as it will be shown."""
    key: str
    """Equal for texts the room counts as the same (case, accents, simple plurals for words)."""
    flags: tuple[TextFlagSpan, ...]


def read_text(text: str, max_length: int) -> WrittenText:
    """A question or an open answer; raise Rejection(TEXT_INVALID) with the reason."""
    try:
        clean = clean_text(text, max_length)
    except TextRejected as exc:
        raise _rejection(exc) from None
    key = " ".join(word_key(word) for word in clean.split())
    return WrittenText(clean, key, _flags(clean))


def read_words(text: str, max_words: int) -> tuple[WrittenText, ...]:
    """One to *max_words* words (or short expressions) for a cloud, separated by commas, each
    screened; the same word twice counts once."""
    try:
        words = split_word_entries(text)
        if len(words) > max_words:
            raise TextRejected(TextProblem.TOO_MANY_WORDS, count=len(words), maximum=max_words)
    except TextRejected as exc:
        raise _rejection(exc) from None
    seen: dict[str, WrittenText] = {}
    for word in words:
        key = word_key(word)
        if key not in seen:
            seen[key] = WrittenText(word, key, _flags(word))
    return tuple(seen.values())


def _rejection(refusal: TextRejected) -> Rejection:
    return Rejection(RejectionCode.TEXT_INVALID, message_key=refusal.key, **refusal.params)


def _flags(text: str) -> tuple[TextFlagSpan, ...]:
    screening = screen_text(text)
    return tuple(TextFlagSpan(f.category.value, f.start, f.end) for f in screening.flags)
