"""A session's statistics for organizers: aggregates only, small cells suppressed.

The model is a tree of frozen dataclasses holding no token and no answer id: only counts, shares,
means and the activities' wording. It is built once from a session's answers and its deck, then
every format (xlsx, csv, json, pdf) and the comparison of sessions read it. Its JSON form is also
what the session file keeps after the raw answers are purged (see ``session_file``).

Small-cell rule (``core.privacy``, shared with the live displays): a count from 1 to
``min_group_size - 1`` is never published: it reads "masqué". When it is the only hidden cell of a
distribution that adds up to the respondents, it could be recovered by subtraction, so the next
smallest cell is hidden too (secondary suppression); a scale's scores and bands, which add up into
each other, are suppressed together. An activity with fewer respondents than the minimum publishes
no distribution at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
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
from fphkiosk.core.privacy import (
    is_small,
    public_yes_shares,
    withheld_cells,
    withheld_scale_cells,
)
from fphkiosk.core.room import Room
from fphkiosk.core.room_changes import ActivityStatus

FORMAT = "fphkiosk-statistics"
VERSION = 1


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
    median: float | None = None
    scores: tuple[ScoreStats, ...] = ()
    """Respondents per total score; empty when no distribution is published."""
    licence: str = ""


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
        return not self.published and self.respondents.suppressed


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


@dataclass(frozen=True)
class SessionStatistics:
    session: SessionInfo
    activities: tuple[ActivityStats, ...]

    def activity(self, activity_id: str) -> ActivityStats | None:
        return next((a for a in self.activities if a.id == activity_id), None)


# Suppression --------------------------------------------------------------------------------


def suppress(counts: Sequence[int], total: int, minimum: int) -> tuple[Cell, ...]:
    """Cells for *counts* (of *total* respondents) with small cells and their complement hidden."""
    return _cells(counts, total, withheld_cells(counts, total, minimum))


def _cells(counts: Sequence[int], total: int, hidden: AbstractSet[int]) -> tuple[Cell, ...]:
    return tuple(
        Cell(None, None, True) if i in hidden else Cell(c, c / total if total else None)
        for i, c in enumerate(counts)
    )


def respondents_cell(count: int, minimum: int) -> Cell:
    if is_small(count, minimum):
        return Cell(None, None, True)
    return Cell(count, None)


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
        respondents_cell(board.respondents, minimum),
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
    published = n >= minimum
    respondents = respondents_cell(n, minimum)
    if isinstance(activity, ScaleActivity):
        summary = results if isinstance(results, ScaleSummary) and published else None
        return ActivityStats(
            activity.id,
            "scale",
            "single",
            slide,
            activity.scale.title,
            status,
            respondents,
            published,
            scale=_scale(activity, summary, minimum),
        )
    correct = activity.correct
    choices: list[ChoiceStats] = []
    correct_share = None
    if isinstance(results, BestWorstCounts):
        best = suppress(results.best, n, minimum) if published else None
        worst = suppress(results.worst, n, minimum) if published else None
        for i, label in enumerate(activity.choices):
            pair = (best[i], worst[i]) if best and worst else (None, None)
            choices.append(ChoiceStats(label, best=pair[0], worst=pair[1]))
    elif isinstance(results, ChoiceCounts):
        cells = suppress(results.counts, n, minimum) if published else None
        for i, label in enumerate(activity.choices):
            choices.append(ChoiceStats(label, i in correct, cells[i] if cells else None))
        if cells is not None and len(correct) == 1 and not activity.multiple:
            correct_share = cells[correct[0]].share
        elif cells is not None and correct and results.correct_share is not None:
            # Those who ticked exactly the right choices: a count of its own, small-cell ruled.
            right = round(results.correct_share * n)
            correct_share = None if is_small(right, minimum) else results.correct_share
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


def _scale(activity: ScaleActivity, results: ScaleSummary | None, minimum: int) -> ScaleStats:
    scale = activity.scale
    n = results.respondents if results else 0
    band_cells = None
    hidden_scores: AbstractSet[int] = frozenset()
    if results is not None:
        hidden_scores, hidden_bands = withheld_scale_cells(results, minimum)
        band_cells = _cells([b.count for b in results.bands], n, hidden_bands)
    bands = tuple(
        BandStats(b.label, b.min, b.max, band_cells[i] if band_cells else None)
        for i, b in enumerate(scale.bands)
    )
    items = []
    shares = public_yes_shares(results.yes_share, n, minimum) if results is not None else None
    for i, item in enumerate(scale.items):
        share = None if shares is None else shares[i]
        hidden = shares is not None and share is None
        items.append(ItemStats(i + 1, item.text, share, hidden))
    scores: tuple[ScoreStats, ...] = ()
    if results is not None:
        cells = _cells([count for _score, count in results.totals], n, hidden_scores)
        scores = tuple(
            ScoreStats(score, cell)
            for (score, _count), cell in zip(results.totals, cells, strict=True)
        )
    return ScaleStats(
        title=scale.title,
        min_score=scale.min_score,
        max_score=scale.max_score,
        yes_no=scale.is_yes_no,
        options=tuple(OptionInfo(o.label, o.points) for o in scale.options),
        bands=bands,
        items=tuple(items),
        mean=results.mean if results else None,
        median=results.median if results else None,
        scores=scores,
        licence=scale.licence,
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
