"""What a participant may write: checks and normal form of questions, open answers and words.

A participant's text is refused, with a typed reason the tablet shows in its language, when it is
empty or blank, longer than its limit, holds control characters, bidirectional overrides (which
can make a projected text read differently from what was typed), HTML markup, or mostly symbols
and emoji. An accepted text is returned in one normal form (NFC, runs of whitespace as one space,
invisible zero-width characters removed), which is what is screened, stored and shown.

Words for a word cloud are grouped by ``word_key``: case, accents, typographic apostrophes and
simple French or English plurals ("soins", "hôpitaux", "bureaux") do not split a group.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from enum import StrEnum

from fphkiosk.core.text_fold import fold_text

QUESTION_MAX_CHARS = 280
OPEN_ANSWER_MAX_CHARS = 280
WORD_MAX_CHARS = 40
WORDS_PER_ENTRY = 3
"""A word-cloud entry is a word or a short expression ("travail d'équipe") of up to 3 words."""
MAX_ENTRIES = 3
MAX_SYMBOLS = 16
"""Emoji and other symbols one text may hold: a few say something, a wall of them says nothing."""
MAX_MARKS_PER_LETTER = 2
"""Combining marks on one letter: French needs one, piled-up marks ("Zalgo" text) are noise."""

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_INVISIBLE = frozenset("\u00ad\u200b\u2060\ufeff")
"""Removed silently: they come with copied text and change nothing a reader sees."""
_ALLOWED_FORMAT = frozenset("\u200c\u200d")
"""Joiners that emoji sequences and some scripts need."""
_MARKUP = re.compile(r"<[a-zA-Z!/?][^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
_ENTRY_SEPARATORS = re.compile(r"[,;\n\r\t]+")


class TextProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    BIDI_CONTROLS = "bidi_controls"
    MARKUP = "markup"
    TOO_MANY_SYMBOLS = "too_many_symbols"
    TOO_MANY_WORDS = "too_many_words"
    WORD_TOO_LONG = "word_too_long"


class TextRejected(Exception):
    """A participant's text that is refused; ``key`` is the translation key of the message."""

    def __init__(self, problem: TextProblem, **params: object):
        self.problem = problem
        self.params = params
        super().__init__(f"{problem.value} {params}")

    @property
    def key(self) -> str:
        return f"free_text.rejected.{self.problem.value}"


def _in_emoji_blocks(char: str) -> bool:
    # Emoji newer than Python's Unicode tables are "unassigned" there, but still emoji.
    return 0x1F000 <= ord(char) <= 0x1FAFF


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char) in {"So", "Sk"} or _in_emoji_blocks(char)


def _joins_previous(char: str) -> bool:
    """Parts of an emoji that do not show on their own: skin tones, variation selectors, tags."""
    code = ord(char)
    return 0x1F3FB <= code <= 0x1F3FF or 0xFE00 <= code <= 0xFE0F or 0xE0020 <= code <= 0xE007F


def count_symbols(text: str) -> int:
    """Emoji and other symbols as a reader counts them: "👍🏽", "🇫🇷" and "👨‍👩‍👧" are one each."""
    count = 0
    after_joiner = False
    half_flag = False
    for char in text:
        if char == "\u200d":
            after_joiner = True
            continue
        if _joins_previous(char):
            continue
        if not _is_symbol(char):
            after_joiner = half_flag = False
            continue
        if after_joiner:
            after_joiner = False
            continue
        if 0x1F1E6 <= ord(char) <= 0x1F1FF:  # a flag is two regional indicator letters
            half_flag = not half_flag
            if not half_flag:
                continue
        count += 1
    return count


def _check_characters(text: str) -> None:
    for char in text:
        if char in _BIDI_CONTROLS:
            raise TextRejected(TextProblem.BIDI_CONTROLS)
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\t\n\r":
            raise TextRejected(TextProblem.CONTROL_CHARACTERS)
        if category in {"Cn", "Co", "Cs"} and not _in_emoji_blocks(char):
            raise TextRejected(TextProblem.CONTROL_CHARACTERS)
        # Variation selectors are "Mn"; the tag characters of flag emoji are "Cf" and allowed.
        if (
            category == "Cf"
            and char not in _INVISIBLE
            and char not in _ALLOWED_FORMAT
            and not 0xE0020 <= ord(char) <= 0xE007F
        ):
            raise TextRejected(TextProblem.CONTROL_CHARACTERS)


def _check_symbols(text: str) -> None:
    symbols = count_symbols(text)
    if symbols > MAX_SYMBOLS:
        raise TextRejected(TextProblem.TOO_MANY_SYMBOLS, count=symbols, maximum=MAX_SYMBOLS)
    marks_in_a_row = 0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and not 0xFE00 <= ord(char) <= 0xFE0F:
            marks_in_a_row += 1
            if marks_in_a_row > MAX_MARKS_PER_LETTER:
                raise TextRejected(TextProblem.TOO_MANY_SYMBOLS, count=symbols, maximum=MAX_SYMBOLS)
        else:
            marks_in_a_row = 0


def normalise_text(raw: str) -> str:
    """NFC, zero-width characters removed, whitespace runs as one space, ends trimmed."""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(c for c in text if c not in _INVISIBLE)
    return " ".join(text.split())


def clean_text(raw: str, max_chars: int) -> str:
    """*raw* in its normal form, or ``TextRejected`` saying why it cannot be taken."""
    _check_characters(raw)
    if _MARKUP.search(raw):
        raise TextRejected(TextProblem.MARKUP)
    text = normalise_text(raw)
    if not text:
        raise TextRejected(TextProblem.EMPTY)
    if len(text) > max_chars:
        raise TextRejected(TextProblem.TOO_LONG, length=len(text), maximum=max_chars)
    _check_symbols(text)
    return text


def clean_question(raw: str) -> str:
    """A question for the speakers, up to 280 characters."""
    return clean_text(raw, QUESTION_MAX_CHARS)


def clean_open_answer(raw: str) -> str:
    """A short answer to an open question, up to 280 characters."""
    return clean_text(raw, OPEN_ANSWER_MAX_CHARS)


def clean_word_entries(entries: Sequence[str]) -> tuple[str, ...]:
    """One participant's 1 to 3 word-cloud entries, each a word or expression of up to 3 words."""
    cleaned = []
    for raw in entries:
        if not raw.strip():
            continue
        entry = clean_text(raw, WORD_MAX_CHARS)
        if len(entry.split()) > WORDS_PER_ENTRY:
            raise TextRejected(TextProblem.WORD_TOO_LONG, maximum=WORDS_PER_ENTRY)
        cleaned.append(entry)
    if not cleaned:
        raise TextRejected(TextProblem.EMPTY)
    if len(cleaned) > MAX_ENTRIES:
        raise TextRejected(TextProblem.TOO_MANY_WORDS, count=len(cleaned), maximum=MAX_ENTRIES)
    return tuple(cleaned)


def split_word_entries(raw: str) -> tuple[str, ...]:
    """A words answer typed in one field: entries separated by commas, semicolons or new lines.

    Spaces do not separate entries ("travail d'équipe" is one); a single field with only spaces
    and more than three words is refused rather than guessed at.
    """
    _check_characters(raw)
    return clean_word_entries(_ENTRY_SEPARATORS.split(raw))


def _singular(word: str) -> str:
    if len(word) < 4 or word.endswith("ss"):
        return word
    if word.endswith("eaux") or word.endswith("oux") or word.endswith("eux"):
        return word[:-1]
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word[-1] in "sx":
        return word[:-1]
    return word


def word_key(word: str) -> str:
    """The group a word-cloud entry counts in: case, accents and plural (s, x, -aux) removed."""
    text = normalise_text(word).replace("’", "'").replace("‘", "'")
    folded = fold_text(text).strip(" .,;:!?\"'«»()[]{}")
    parts = re.split(r"([ '\-])", folded)
    return "".join(part if part in {" ", "'", "-"} else _singular(part) for part in parts)
