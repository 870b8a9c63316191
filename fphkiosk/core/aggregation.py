"""Room-wide results of one activity, computed from the answers that count (one per participant)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fphkiosk.core.deck import Activity, Poll, ScaleActivity, TextActivity
from fphkiosk.core.room_answers import (
    Answer,
    BestWorstAnswer,
    ChoiceAnswer,
    MultiChoiceAnswer,
    ScaleAnswer,
)


@dataclass(frozen=True)
class ChoiceCounts:
    """A poll or quiz: how many chose each choice.

    With ``multiple`` the counts add up to more than the respondents, who are counted apart.
    """

    activity_id: str
    respondents: int
    counts: tuple[int, ...]
    correct: tuple[int, ...] = ()
    correct_share: float | None = None
    """Share (0..1) of respondents whose answer is right (all the correct choices and no other)."""
    multiple: bool = False


@dataclass(frozen=True)
class BestWorstCounts:
    """A best-worst poll: how many named each choice the best, and the worst."""

    activity_id: str
    respondents: int
    best: tuple[int, ...]
    worst: tuple[int, ...]


@dataclass(frozen=True)
class BandCount:
    label: str
    min: int
    max: int
    count: int


@dataclass(frozen=True)
class ScaleSummary:
    """A self-scoring scale: the distribution of total scores and of bands."""

    activity_id: str
    respondents: int
    mean: float
    median: float
    totals: tuple[tuple[int, int], ...]
    """(score, count) for every possible score from the scale's minimum to its maximum."""
    bands: tuple[BandCount, ...]
    yes_share: tuple[float, ...] | None = None
    """For a yes/no scale: per item, the share (0..1) who chose the option worth 1 point."""


@dataclass(frozen=True)
class BoardItem:
    """One text shown to the room: a question with its votes, an answer or a word and its count."""

    item_id: str
    text: str
    count: int
    answered: bool = False


@dataclass(frozen=True)
class TextBoard:
    """What the room may see of a qa, open or words activity: approved texts only.

    The trainer's approval is the publication gate of a text, so a board is published whole;
    ``respondents`` counts the devices that wrote, ``items`` are sorted by count, then by age.
    """

    activity_id: str
    kind: str
    respondents: int
    items: tuple[BoardItem, ...]


Results = ChoiceCounts | BestWorstCounts | ScaleSummary | TextBoard


def aggregate(
    activity: Activity, answers: Iterable[Answer]
) -> ChoiceCounts | BestWorstCounts | ScaleSummary:
    """Results of *activity* from *answers* (those of another kind are ignored).

    A text activity's results are its board, kept by the room's TextBoards.
    """
    if isinstance(activity, TextActivity):
        return ChoiceCounts(activity.id, 0, ())
    if isinstance(activity, ScaleActivity):
        return _scale(activity, [a for a in answers if isinstance(a, ScaleAnswer)])
    if activity.multiple:
        return _multiple(activity, [a for a in answers if isinstance(a, MultiChoiceAnswer)])
    if activity.mode == "best-worst":
        return _best_worst(activity, [a for a in answers if isinstance(a, BestWorstAnswer)])
    return _single(activity, [a for a in answers if isinstance(a, ChoiceAnswer)])


def _single(poll: Poll, answers: list[ChoiceAnswer]) -> ChoiceCounts:
    counts = [0] * len(poll.choices)
    for answer in answers:
        counts[answer.choice] += 1
    share = None
    if poll.correct and answers:
        share = sum(1 for a in answers if a.choice in poll.correct) / len(answers)
    return ChoiceCounts(poll.id, len(answers), tuple(counts), poll.correct, share)


def _multiple(poll: Poll, answers: list[MultiChoiceAnswer]) -> ChoiceCounts:
    counts = [0] * len(poll.choices)
    for answer in answers:
        for choice in answer.choices:
            counts[choice] += 1
    share = None
    if poll.correct and answers:
        right = set(poll.correct)
        share = sum(1 for a in answers if set(a.choices) == right) / len(answers)
    return ChoiceCounts(poll.id, len(answers), tuple(counts), poll.correct, share, multiple=True)


def _best_worst(poll: Poll, answers: list[BestWorstAnswer]) -> BestWorstCounts:
    best = [0] * len(poll.choices)
    worst = [0] * len(poll.choices)
    for answer in answers:
        best[answer.best] += 1
        worst[answer.worst] += 1
    return BestWorstCounts(poll.id, len(answers), tuple(best), tuple(worst))


def _scale(activity: ScaleActivity, answers: list[ScaleAnswer]) -> ScaleSummary:
    scale = activity.scale
    scores = [scale.score(a.options) for a in answers]
    per_score = {s: 0 for s in range(scale.min_score, scale.max_score + 1)}
    for score in scores:
        per_score[score] += 1
    bands = tuple(
        BandCount(b.label, b.min, b.max, sum(1 for s in scores if b.contains(s)))
        for b in scale.bands
    )
    yes_share = None
    if scale.is_yes_no and answers:
        yes_share = tuple(
            sum(1 for a in answers if scale.options[a.options[item]].points == 1) / len(answers)
            for item in range(len(scale.items))
        )
    return ScaleSummary(
        activity_id=activity.id,
        respondents=len(answers),
        mean=sum(scores) / len(scores) if scores else 0.0,
        median=_median(scores),
        totals=tuple(sorted(per_score.items())),
        bands=bands,
        yes_share=yes_share,
    )


def _median(values: list[int]) -> float:
    """The middle value (the mean of the two middle ones for an even count); 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
