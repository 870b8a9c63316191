"""The publication rule: what of an activity's room-wide results may leave the trainer's laptop.

Every place that shows or writes a result (reveal message, projector chart, tablets, remote,
console preview, the four export formats) takes it from ``publishable`` and from nothing else, so
all of them carry the same figures. The rule and its reasons are told in ``docs/privacy.md``:

- under the deck's minimum group of respondents (``min_group_size``, 5 by default): only the
  number of respondents, whatever the activity;
- polls and quizzes (about the course, not about the person): published whole from the minimum;
- self-scoring scales (close to health): coarsened by ``core.scale_publication``: a rounded
  average in a small room, the bands' rounded counts from the minimum group per band, never a
  score's count.

A new kind of activity adds its published form to ``PublicResults`` and its case to ``publishable``.
A scale's individual score goes to its participant only (``personal_result``).
"""

from __future__ import annotations

from dataclasses import dataclass

from fphkiosk.core.aggregation import (
    BestWorstCounts,
    ChoiceCounts,
    Results,
    ScaleSummary,
    TextBoard,
)
from fphkiosk.core.deck import ScaleActivity
from fphkiosk.core.room_answers import ScaleAnswer
from fphkiosk.core.scale_publication import (
    BandRange,
    PublicBand,
    PublicMean,
    bands_are_safe,
    distribution_from,
    public_bands,
    public_mean,
)


@dataclass(frozen=True)
class TooFewRespondents:
    """Results withheld: fewer respondents than the minimum group size."""

    activity_id: str
    respondents: int
    minimum: int


@dataclass(frozen=True)
class PublicBandCount:
    label: str
    min: int
    max: int
    count: int | None = None
    """Rounded to a multiple of the minimum group; None reads "moins de k" (zero, or a few),
    or, for the largest band, see ``rest``."""
    share: float | None = None
    """``count`` over the respondents; None with the count."""
    rest: tuple[int, int] | None = None
    """The largest band only: what the others leave for it, from (lowest) to (highest)."""


@dataclass(frozen=True)
class PublicScaleSummary:
    """A scale's results as they may be shown; nothing finer is kept in it."""

    activity_id: str
    respondents: int
    minimum: int
    """The minimum group size: a band under it reads "moins de k", like an empty one."""
    min_score: int
    max_score: int
    mean: PublicMean | None
    """The rounded average; None when the room is too small for any to be told."""
    bands: tuple[PublicBandCount, ...]
    """Every band in the scale's order; counts only from ``distribution_from`` respondents."""
    distribution_from: int
    """The room size from which the bands' counts are published."""
    shows_distribution: bool = False
    """True when the bands' counts are published (else the small-room view: the average)."""


PublicResults = ChoiceCounts | BestWorstCounts | PublicScaleSummary | TextBoard | TooFewRespondents
"""The published-result value of one activity: the only form a result leaves the laptop in."""


def publishable(results: Results, min_group_size: int) -> PublicResults:
    """What may be shown of *results*: nothing below the minimum, a scale coarsened."""
    minimum = max(1, min_group_size)
    if isinstance(results, TextBoard):
        # Every text on a board was approved by the trainer, who is the gate for texts.
        return results
    if results.respondents < minimum:
        return TooFewRespondents(results.activity_id, results.respondents, minimum)
    if isinstance(results, ScaleSummary):
        return public_scale_summary(results, minimum)
    return results


def public_scale_summary(summary: ScaleSummary, minimum: int) -> PublicScaleSummary:
    """*summary* (of at least *minimum* respondents) as ``core.scale_publication`` coarsens it."""
    minimum = max(1, minimum)
    n = summary.respondents
    low, high = summary.totals[0][0], summary.totals[-1][0]
    total = sum(score * count for score, count in summary.totals)
    ranges = [BandRange(b.min, b.max) for b in summary.bands]
    threshold = distribution_from(minimum, len(summary.bands))
    bands = []
    counts = [b.count for b in summary.bands]
    shown = n >= threshold and bands_are_safe(counts, minimum)
    if shown:
        published = public_bands(counts, minimum)
    else:
        published = tuple(PublicBand(None) for _band in summary.bands)
    for band, public in zip(summary.bands, published, strict=True):
        count = public.count
        share = None if count is None else count / n
        bands.append(PublicBandCount(band.label, band.min, band.max, count, share, public.rest))
    return PublicScaleSummary(
        activity_id=summary.activity_id,
        respondents=n,
        minimum=minimum,
        min_score=low,
        max_score=high,
        # The average and the bands together would pin scores down (see the audit): the
        # average is the small room's view, the bands the larger room's.
        mean=None if n >= threshold else public_mean(total, n, low, high, ranges),
        bands=tuple(bands),
        distribution_from=threshold,
        shows_distribution=shown,
    )


@dataclass(frozen=True)
class PersonalResult:
    """One participant's own scale result: for that participant's device only."""

    activity_id: str
    score: int
    min_score: int
    max_score: int
    band_label: str
    advice: str


def personal_result(activity: ScaleActivity, answer: ScaleAnswer) -> PersonalResult:
    scale = activity.scale
    score = scale.score(answer.options)
    band = scale.band_for(score)
    return PersonalResult(
        activity.id, score, scale.min_score, scale.max_score, band.label, band.advice
    )
