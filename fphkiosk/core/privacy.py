"""Privacy rules applied before any result leaves the room's memory.

Room-wide results are shown only from a minimum number of respondents (the deck's
``min_group_size``): below it, a handful of answers could single a person out. A scale's individual
score goes to its participant only.

A scale measures something close to health, so its published distribution follows the small-cell
rule of the statistics exports too: a count from 1 to ``min_group_size - 1`` is withheld ("masqué"),
and so is a complementary count wherever the withheld one could be recovered by subtraction. The
public form of a scale's results (``PublicScaleSummary``) no longer holds the withheld numbers, so
no screen can show them by mistake. Polls and quizzes (opinions) are published as counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
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
    count: int | None
    """None when withheld (small, or the complement of a small one)."""


@dataclass(frozen=True)
class PublicScaleSummary:
    """A scale's results as they may be shown: withheld counts are None, not numbers."""

    activity_id: str
    respondents: int
    mean: float
    median: float
    totals: tuple[tuple[int, int | None], ...]
    """(score, count or None when withheld) for every possible score."""
    bands: tuple[PublicBandCount, ...]
    minimum: int
    """The minimum group size: a withheld count shows as "masqué"."""
    yes_share: tuple[float | None, ...] | None = None
    """Per yes/no item, the share of "yes"; None where the yes or the no side is a small cell."""


PublicResults = ChoiceCounts | BestWorstCounts | PublicScaleSummary | TextBoard | TooFewRespondents


def publishable(results: Results, min_group_size: int) -> PublicResults:
    """What may be shown of *results*: nothing below the minimum, a scale's small cells withheld."""
    minimum = max(1, min_group_size)
    if isinstance(results, TextBoard):
        # Every text on a board was approved by the trainer, who is the gate for texts.
        return results
    if results.respondents < minimum:
        return TooFewRespondents(results.activity_id, results.respondents, min_group_size)
    if isinstance(results, ScaleSummary):
        return public_scale_summary(results, minimum)
    return results


def public_scale_summary(summary: ScaleSummary, minimum: int) -> PublicScaleSummary:
    """*summary* with the counts that ``withheld_scale_cells`` names replaced by None."""
    minimum = max(1, minimum)
    scores, bands = withheld_scale_cells(summary, minimum)
    return PublicScaleSummary(
        activity_id=summary.activity_id,
        respondents=summary.respondents,
        mean=summary.mean,
        median=summary.median,
        totals=tuple(
            (score, None if i in scores else count)
            for i, (score, count) in enumerate(summary.totals)
        ),
        bands=tuple(
            PublicBandCount(b.label, b.min, b.max, None if i in bands else b.count)
            for i, b in enumerate(summary.bands)
        ),
        minimum=minimum,
        yes_share=public_yes_shares(summary.yes_share, summary.respondents, minimum),
    )


# The small-cell rule, shared with the statistics exports ------------------------------------


def is_small(count: int, minimum: int) -> bool:
    """A cell that could single people out: at least one, fewer than the minimum group size."""
    return 0 < count < minimum


def public_yes_shares(
    shares: tuple[float, ...] | None, respondents: int, minimum: int
) -> tuple[float | None, ...] | None:
    """The share of "yes" per item, None where "yes" or "no" gathers a small cell of people.

    "Yes" and "no" make a pair: 1 "oui" out of 24 tells the room that one colleague answered
    yes, as surely as a count of 1 would.
    """
    if shares is None:
        return None
    public: list[float | None] = []
    for share in shares:
        yes = round(share * respondents)
        hidden = is_small(yes, minimum) or is_small(respondents - yes, minimum)
        public.append(None if hidden else share)
    return tuple(public)


def withheld_cells(counts: Sequence[int], total: int, minimum: int) -> frozenset[int]:
    """Indices of *counts* (of *total* respondents) to withhold: small cells, and their complement.

    When the counts add up to *total*, the withheld ones add up to what the shown ones leave: if
    that pins them down (``_exposed``), the next smallest non-zero cell is withheld too.
    """
    hidden = {i for i, count in enumerate(counts) if is_small(count, minimum)}
    everything = range(len(counts))
    if sum(counts) == total and _exposed(hidden, counts, everything, minimum):
        _complete(hidden, counts, everything)
    return frozenset(hidden)


def withheld_scale_cells(
    summary: ScaleSummary, minimum: int
) -> tuple[frozenset[int], frozenset[int]]:
    """Indices of the per-score and of the per-band counts of *summary* to withhold.

    Each table follows ``withheld_cells``. The two are linked, since a band's count is the sum of
    its scores' counts, so until nothing changes: a shown band keeps no withheld score that its
    count would pin down; a withheld band keeps at least one of its non-zero scores withheld (else
    it is their sum); and the scores of the withheld bands, whose sum is the respondents minus the
    shown bands, are not pinned down either.
    """
    n = summary.respondents
    counts = [count for _score, count in summary.totals]
    band_counts = [band.count for band in summary.bands]
    scores = set(withheld_cells(counts, n, minimum))
    bands = set(withheld_cells(band_counts, n, minimum))
    members = [
        [i for i, (score, _count) in enumerate(summary.totals) if band.min <= score <= band.max]
        for band in summary.bands
    ]
    all_scores, all_bands = range(len(counts)), range(len(band_counts))
    while True:
        before = (len(scores), len(bands))
        for b, inside in enumerate(members):
            if b in bands:
                if not any(counts[i] > 0 for i in inside if i in scores):
                    _complete(scores, counts, inside)
            elif _exposed(scores, counts, inside, minimum) and not _complete(
                scores, counts, inside
            ):
                bands.add(b)  # its withheld scores are the whole band: withhold the band
        in_withheld_bands = [i for b in sorted(bands) for i in members[b]]
        if _exposed(scores, counts, in_withheld_bands, minimum) and not _complete(
            scores, counts, in_withheld_bands
        ):
            _complete(bands, band_counts, all_bands)
        if _exposed(bands, band_counts, all_bands, minimum):
            _complete(bands, band_counts, all_bands)
        if _exposed(scores, counts, all_scores, minimum):
            _complete(scores, counts, all_scores)
        if before == (len(scores), len(bands)):
            return frozenset(scores), frozenset(bands)


def _exposed(
    hidden: AbstractSet[int], counts: Sequence[int], group: Sequence[int], minimum: int
) -> bool:
    """True when the withheld cells of *group*, whose sum is known, can be told one by one.

    A withheld count is at least 1 (zeros are shown) and reads "masqué": one such cell alone is
    its group's remainder, and k of them summing to k (or to k times ``minimum - 1``) are all 1s
    (or all ``minimum - 1``).
    """
    withheld = [counts[i] for i in group if i in hidden and counts[i] > 0]
    k = len(withheld)
    return k == 1 or (k > 1 and sum(withheld) in (k, k * (minimum - 1)))


def _complete(hidden: set[int], counts: Sequence[int], among: Sequence[int]) -> bool:
    """Withhold the smallest shown non-zero count *among* those indices; False if there is none."""
    shown = sorted((counts[i], i) for i in among if i not in hidden and counts[i] > 0)
    if not shown:
        return False
    hidden.add(shown[0][1])
    return True


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
