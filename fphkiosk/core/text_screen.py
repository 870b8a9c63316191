"""A screen for personal data and insults in a participant's short French text.

Before a question, an open answer or a word reaches anyone but the trainer, it is screened here.
The screen flags spans of the text (never changes it) by category: e-mail addresses, French phone
numbers, social security numbers (NIR, key checked), dates of birth, room and bed numbers, patient
identifiers, URLs, @handles, person names (shipped lists of common French first names and
surnames) and insults (a shipped list). It is deliberately eager: a flag only holds the text for
the trainer, who can still approve it, while a miss puts personal data on the projector.

What it cannot see: names that are not on its lists and not next to a title or a first name,
first names that are also words at the start of a sentence ("Pierre a dit..."), numbers and dates
written out in words, personal data in another language or alphabet, and insults that are not on
its list or not aimed by an obvious phrase. See docs/privacy.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fphkiosk.core import text_patterns
from fphkiosk.core.insult_screen import InsultFinder
from fphkiosk.core.name_screen import NameFinder
from fphkiosk.core.text_fold import fold_text
from fphkiosk.core.text_lexicons import ScreenLexicons, default_lexicons
from fphkiosk.core.text_words import split_words


class FlagCategory(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    NIR = "nir"
    BIRTH_DATE = "birth_date"
    ROOM = "room"
    PATIENT_ID = "patient_id"
    URL = "url"
    HANDLE = "handle"
    NAME = "name"
    INSULT = "insult"


@dataclass(frozen=True)
class Flag:
    """A span of the screened text, ``text[start:end]``, and why it was flagged."""

    category: FlagCategory
    start: int
    end: int


@dataclass(frozen=True)
class Screening:
    """A text and what the screen found in it, flags in text order."""

    text: str
    flags: tuple[Flag, ...]

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def categories(self) -> frozenset[FlagCategory]:
        return frozenset(flag.category for flag in self.flags)

    def flagged_text(self, flag: Flag) -> str:
        return self.text[flag.start : flag.end]


Span = tuple[int, int]
_Finder = Callable[[str, str], Iterable[Span]]

# In this order, a span found first keeps its characters: an address's domain is no URL, a phone
# number inside a URL is the URL, the digits of a NIR are not also a patient identifier.
_SHAPED: tuple[tuple[FlagCategory, _Finder], ...] = (
    (FlagCategory.EMAIL, text_patterns.find_emails),
    (FlagCategory.URL, text_patterns.find_urls),
    (FlagCategory.NIR, text_patterns.find_nirs),
    (FlagCategory.PHONE, text_patterns.find_phones),
    (FlagCategory.PATIENT_ID, text_patterns.find_patient_ids),
    (FlagCategory.ROOM, text_patterns.find_rooms),
    (FlagCategory.HANDLE, text_patterns.find_handles),
)


def _birth_dates(today: date | None) -> _Finder:
    def find(text: str, folded: str) -> Iterable[Span]:
        return text_patterns.find_birth_dates(text, folded, today)

    return find


def _overlaps(span: Span, taken: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _merge(spans: Iterable[Span]) -> Iterator[Span]:
    current: Span | None = None
    for start, end in sorted(spans):
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def screen_text(
    text: str, lexicons: ScreenLexicons | None = None, today: date | None = None
) -> Screening:
    """Flag the personal data and insults in *text*; spans index *text* as given.

    *today* (by default the clock's) tells a date of birth from a recent date.
    """
    lexicons = lexicons or default_lexicons()
    folded = fold_text(text)
    flags: list[Flag] = []
    taken: list[Span] = []
    finders = (*_SHAPED, (FlagCategory.BIRTH_DATE, _birth_dates(today)))
    for category, finder in finders:
        for span in _merge(finder(text, folded)):
            if span[0] < span[1] and not _overlaps(span, taken):
                flags.append(Flag(category, *span))
                taken.append(span)
    words = split_words(text)
    free = [w for w in words if not _overlaps((w.start, w.end), taken)]
    name_spans = list(NameFinder(lexicons).find(text, free))
    name_words = {i for i, w in enumerate(free) if _overlaps((w.start, w.end), name_spans)}
    insult_spans = list(_merge(InsultFinder(lexicons).find(text, free, name_words)))
    for span in insult_spans:
        flags.append(Flag(FlagCategory.INSULT, *span))
    for span in name_spans:
        if not _overlaps(span, insult_spans):
            flags.append(Flag(FlagCategory.NAME, *span))
    return Screening(text, tuple(sorted(flags, key=lambda f: (f.start, f.end))))
