"""Room-wide results of one activity, computed from the answers that count (one per participant)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fphkiosk.core.deck import Activity, Poll, ScaleActivity
from fphkiosk.core.room_answers import Answer, BestWorstAnswer, ChoiceAnswer, ScaleAnswer


@dataclass(frozen=True)
class ChoiceCounts:
    """A single-choice poll or quiz: how many chose each choice."""

    activity_id: str
    respondents: int
    counts: tuple[int, ...]
    correct: int | None = None
    correct_share: float | None = None
    """Share (0..1) of respondents who chose the correct answer, when there is one."""


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


Results = ChoiceCounts | BestWorstCounts | ScaleSummary


def aggregate(activity: Activity, answers: Iterable[Answer]) -> Results:
    """Results of *activity* from *answers* (those of another kind are ignored)."""
    if isinstance(activity, ScaleActivity):
        return _scale(activity, [a for a in answers if isinstance(a, ScaleAnswer)])
    if activity.mode == "best-worst":
        return _best_worst(activity, [a for a in answers if isinstance(a, BestWorstAnswer)])
    return _single(activity, [a for a in answers if isinstance(a, ChoiceAnswer)])


def _single(poll: Poll, answers: list[ChoiceAnswer]) -> ChoiceCounts:
    counts = [0] * len(poll.choices)
    for answer in answers:
        counts[answer.choice] += 1
    share = None
    if poll.correct is not None and answers:
        share = counts[poll.correct] / len(answers)
    return ChoiceCounts(poll.id, len(answers), tuple(counts), poll.correct, share)


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
