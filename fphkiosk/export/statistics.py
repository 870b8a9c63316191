"""A session's statistics for organizers: aggregates only, as the room saw them.

The model is a tree of frozen dataclasses holding no token and no answer id: only counts, shares,
means and the activities' wording. It is built once from a session's answers and its deck, then
every format (xlsx, csv, json, pdf) and the comparison of sessions read it. Its JSON form is also
what the session file keeps after the raw answers are purged (see ``session_file``).

Every figure comes from the publication rule (``core.privacy.publishable``), the one the room's
screens use: the exports show what the room saw, plus the number of respondents. Under the
minimum group only that number; polls and quizzes whole from it; scales as coarsened for the room
(a rounded average for a small room, the bands' rounded counts for a larger one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import msgspec

from fphkiosk.core.aggregation import (
    BestWorstCounts,
    ChoiceCounts,
    ScaleSummary,
    TextBoard,
    aggregate,
)
from fphkiosk.core.deck import Deck, Poll, ScaleActivity, TextActivity
from fphkiosk.core.file_errors import FileProblem
from fphkiosk.core.privacy import PublicScaleSummary, TooFewRespondents, publishable
from fphkiosk.core.room import Room
from fphkiosk.core.room_changes import ActivityStatus

FORMAT = "fphkiosk-statistics"
VERSION = 2
"""2: figures as the room saw them (core.privacy); 1 had per-cell suppression."""


class StatisticsError(FileProblem):
    """Statistics that cannot be produced; ``key`` and ``params`` make the user's message."""

    area = "export.error"
    code = "failed"


class DeckMismatch(StatisticsError):
    """The deck given is not the one the session was run with."""

    code = "deck_mismatch"


class DeckNeeded(StatisticsError):
    """The session holds raw answers but no up-to-date statistics: the deck is needed."""

    code = "deck_needed"


class SessionFileMissing(StatisticsError):
    code = "missing_file"


class BadSavedStatistics(StatisticsError):
    """The statistics saved in the session file cannot be read."""

    code = "bad_saved_statistics"


# The model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One published count and its share of the respondents; both None when suppressed."""

    count: int | None
    share: float | None
    suppressed: bool = False


@dataclass(frozen=True)
class ChoiceStats:
    """One choice of a poll or quiz: ``count`` for a single choice, ``best``/``worst`` otherwise.

    The cells are None when the activity publishes no distribution (too few respondents).
    """

    label: str
    correct: bool = False
    count: Cell | None = None
    best: Cell | None = None
    worst: Cell | None = None


@dataclass(frozen=True)
class BandStats:
    label: str
    min: int
    max: int
    count: Cell | None = None
    """Rounded as published; suppressed reads "moins de k" (zero or a few)."""
    rest: tuple[int, int] | None = None
    """The band told only as what the others leave (from, to)."""


@dataclass(frozen=True)
class ScoreStats:
    score: int
    count: Cell


@dataclass(frozen=True)
class ItemStats:
    """One item of a scale; for a yes/no scale, the share who answered "yes" (1 point)."""

    number: int
    text: str
    yes_share: float | None = None
    suppressed: bool = False


@dataclass(frozen=True)
class OptionInfo:
    label: str
    points: int


@dataclass(frozen=True)
class ScaleStats:
    title: str
    min_score: int
    max_score: int
    yes_no: bool
    options: tuple[OptionInfo, ...]
    bands: tuple[BandStats, ...]
    items: tuple[ItemStats, ...]
    mean: float | None = None
    """The room's rounded average as published (small-room view); None when not told."""
    median: float | None = None
    """Never published (kept for files written by earlier versions)."""
    scores: tuple[ScoreStats, ...] = ()
    """Never published (kept for files written by earlier versions)."""
    licence: str = ""
    mean_relation: str = "about"
    """"about", "at_most" or "at_least": how the average was rounded at the scale's ends."""
    shows_distribution: bool = False
    distribution_from: int = 0


@dataclass(frozen=True)
class TextStats:
    """An approved text: a question with its votes, an open answer or a word with its count."""

    text: str
    count: int
    answered: bool = False


ActivityKind = Literal["poll", "quiz", "scale", "qa", "open", "words"]
PollModeName = Literal["single", "best-worst"]


@dataclass(frozen=True)
class ActivityStats:
    id: str
    kind: ActivityKind
    mode: PollModeName
    slide: int
    """1-based slide number in the deck."""
    title: str
    """The question, or the scale's title."""
    status: ActivityStatus
    respondents: Cell
    published: bool
    """True when enough people answered for the distribution to be shown."""
    prompts: tuple[str, ...] = ()
    choices: tuple[ChoiceStats, ...] = ()
    has_correct: bool = False
    correct_share: float | None = None
    scale: ScaleStats | None = None
    multiple: bool = False
    """Several choices per respondent: the counts add up to more than the respondents."""
    texts: tuple[TextStats, ...] = ()
    """A qa, open or words activity's approved texts, most voted (or written) first."""

    @property
    def withheld(self) -> bool:
        """Some answered, but fewer than the minimum group size: nothing is shown."""
        return not self.published and bool(self.respondents.count)


@dataclass(frozen=True)
class SessionInfo:
    course: str
    date: str
    place: str
    organizer: str
    started_at: str
    ended_at: str | None
    peak_connected: int
    min_group_size: int
    source: str
    """The session file's name (no folder)."""
    rehearsal: bool = False
    """Run with simulated participants (``present --simulate``): no real group's figures."""


@dataclass(frozen=True)
class SessionStatistics:
    session: SessionInfo
    activities: tuple[ActivityStats, ...]

    def activity(self, activity_id: str) -> ActivityStats | None:
        return next((a for a in self.activities if a.id == activity_id), None)


def _cells(counts: Sequence[int], total: int) -> tuple[Cell, ...]:
    return tuple(Cell(c, c / total if total else None) for c in counts)


# Building -----------------------------------------------------------------------------------


def build_statistics(deck: Deck, room: Room, info: SessionInfo) -> SessionStatistics:
    """The statistics of every activity of *deck* from the answers that count in *room*."""
    minimum = max(1, deck.meta.min_group_size)
    activities = []
    for activity in deck.activities:
        slide = deck.slide_of(activity.id)
        status = room.status(activity.id)
        number = slide.index if slide else 0
        if isinstance(activity, TextActivity):
            board = room.texts.board(activity.id)
            activities.append(_texts(activity, board, status, number, minimum))
            continue
        results = aggregate(activity, (r.answer for r in room.answers(activity.id)))
        activities.append(_activity(activity, results, status, number, minimum))
    return SessionStatistics(info, tuple(activities))


def _texts(
    activity: TextActivity, board: TextBoard, status: ActivityStatus, slide: int, minimum: int
) -> ActivityStats:
    """Approved texts only (the trainer's approval publishes a text), with their counts."""
    return ActivityStats(
        activity.id,
        activity.kind,
        "single",
        slide,
        activity.question,
        status,
        Cell(board.respondents, None),
        True,
        texts=tuple(TextStats(i.text, i.count, i.answered) for i in board.items),
    )


def _activity(
    activity: Poll | ScaleActivity,
    results: ChoiceCounts | BestWorstCounts | ScaleSummary,
    status: ActivityStatus,
    slide: int,
    minimum: int,
) -> ActivityStats:
    n = results.respondents
    public = publishable(results, minimum)
    published = not isinstance(public, TooFewRespondents)
    respondents = Cell(n, None)
    if isinstance(activity, ScaleActivity):
        summary = public if isinstance(public, PublicScaleSummary) else None
        return ActivityStats(
            activity.id,
            "scale",
            "single",
            slide,
            activity.scale.title,
            status,
            respondents,
            published,
            scale=_scale(activity, summary),
        )
    correct = activity.correct
    choices: list[ChoiceStats] = []
    correct_share = None
    if isinstance(public, BestWorstCounts):
        best, worst = _cells(public.best, n), _cells(public.worst, n)
        for i, label in enumerate(activity.choices):
            choices.append(ChoiceStats(label, best=best[i], worst=worst[i]))
    elif isinstance(public, ChoiceCounts):
        cells = _cells(public.counts, n)
        for i, label in enumerate(activity.choices):
            choices.append(ChoiceStats(label, i in correct, cells[i]))
        correct_share = public.correct_share
    else:
        choices = [ChoiceStats(label, i in correct) for i, label in enumerate(activity.choices)]
    return ActivityStats(
        activity.id,
        activity.kind,
        activity.mode,
        slide,
        activity.question,
        status,
        respondents,
        published,
        prompts=activity.prompts,
        choices=tuple(choices),
        has_correct=bool(correct),
        correct_share=correct_share,
        multiple=activity.multiple,
    )


def _scale(activity: ScaleActivity, public: PublicScaleSummary | None) -> ScaleStats:
    scale = activity.scale
    bands = []
    for i, band in enumerate(scale.bands):
        count: Cell | None = None
        rest = None
        if public is not None and public.shows_distribution:
            shown = public.bands[i]
            rest = shown.rest
            if rest is None:
                suppressed = shown.count is None
                count = Cell(shown.count, shown.share, suppressed)
        bands.append(BandStats(band.label, band.min, band.max, count, rest))
    mean = public.mean if public is not None else None
    return ScaleStats(
        title=scale.title,
        min_score=scale.min_score,
        max_score=scale.max_score,
        yes_no=scale.is_yes_no,
        options=tuple(OptionInfo(o.label, o.points) for o in scale.options),
        bands=tuple(bands),
        items=tuple(ItemStats(i + 1, item.text) for i, item in enumerate(scale.items)),
        mean=None if mean is None else float(mean.value),
        licence=scale.licence,
        mean_relation="about" if mean is None else mean.relation,
        shows_distribution=public is not None and public.shows_distribution,
        distribution_from=public.distribution_from if public is not None else 0,
    )


# JSON form: the exported file, and the copy kept in the session file (one session) ----------


@dataclass(frozen=True)
class StatisticsDocument:
    """The JSON document: its format and version first, then the sessions."""

    format: str
    version: int
    sessions: tuple[SessionStatistics, ...]


def statistics_to_json(statistics: SessionStatistics) -> bytes:
    """The one-session document that the session file keeps."""
    return msgspec.json.encode(StatisticsDocument(FORMAT, VERSION, (statistics,)))


def to_builtins(value: object) -> object:
    """Plain dicts, lists, numbers and strings for *value* (a model object)."""
    return msgspec.to_builtins(value)


def statistics_from_json(payload: str | bytes, path: Path) -> SessionStatistics:
    """Read statistics saved by this or an older version; BadSavedStatistics otherwise."""
    try:
        head = msgspec.json.decode(payload, type=_Head)
        if head.format != FORMAT or head.version > VERSION:
            raise BadSavedStatistics(path, detail=f"{head.format} version {head.version}")
        document = msgspec.json.decode(payload, type=StatisticsDocument)
    except msgspec.DecodeError as exc:
        raise BadSavedStatistics(path, detail=str(exc)) from exc
    if len(document.sessions) != 1:
        raise BadSavedStatistics(path, detail="expected one session")
    return document.sessions[0]


@dataclass(frozen=True)
class _Head:
    format: str = ""
    version: int = 0
