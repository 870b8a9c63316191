"""The small-cell rule that scales' room-wide results follow on every screen. Needs no display."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import replace

import pytest

from fphkiosk.core.aggregation import BandCount, ChoiceCounts, ScaleSummary, aggregate
from fphkiosk.core.deck import ScaleActivity
from fphkiosk.core.privacy import (
    PublicBandCount,
    PublicScaleSummary,
    TooFewRespondents,
    public_yes_shares,
    publishable,
    withheld_cells,
    withheld_scale_cells,
)
from fphkiosk.core.room_answers import ScaleAnswer
from fphkiosk.core.scales import Band, ScaleDefinition, ScaleItem, ScaleOption

# The Internet Stress Scale's shape: 9 yes/no items, three bands.
ORTMAN = ScaleActivity(
    id="ortman",
    scale=ScaleDefinition(
        title="Échelle d'Ortman",
        options=(ScaleOption("Non", 0), ScaleOption("Oui", 1)),
        items=tuple(ScaleItem(f"Question {i}") for i in range(1, 10)),
        bands=(
            Band(0, 3, "Normale"),
            Band(4, 6, "Exagérée, comme une passion"),
            Band(7, 9, "Dangereuse pour la santé (cyberdépendance)"),
        ),
    ),
)


def summary(per_score: Sequence[int], bands: Sequence[tuple[int, int]]) -> ScaleSummary:
    """A scale summary of *per_score* (scores 0, 1, ...) with bands given as (min, max)."""
    totals = tuple(enumerate(per_score))
    band_counts = tuple(
        BandCount(f"{lo}-{hi}", lo, hi, sum(per_score[lo : hi + 1])) for lo, hi in bands
    )
    return ScaleSummary("s", sum(per_score), 1.0, 1.0, totals, band_counts)


def ortman_answers(scores: Sequence[int]) -> list[ScaleAnswer]:
    return [ScaleAnswer(tuple(1 if i < s else 0 for i in range(9))) for s in scores]


def test_small_cells_are_withheld_zero_and_from_the_minimum_are_shown() -> None:
    # 0 shown, 1 and 3 withheld (two of them: neither gives the other away), 5 and 12 shown.
    assert withheld_cells([0, 1, 3, 5, 12], 21, 5) == {1, 2}
    assert withheld_cells([5, 5, 10], 20, 5) == frozenset(), "exactly the minimum is shown"
    assert withheld_cells([0, 20], 20, 5) == frozenset()


def test_a_lone_withheld_cell_takes_the_next_smallest_with_it() -> None:
    # 3 alone would be 20 - 5 - 12: the 5 goes too.
    assert withheld_cells([0, 3, 5, 12], 20, 5) == {1, 2}
    assert withheld_cells([12, 3, 9], 24, 5) == {1, 2}
    # Cells that do not add up to the respondents cannot be subtracted from them.
    assert withheld_cells([3, 12], 20, 5) == {0}


def test_withheld_cells_that_must_all_be_one_take_another_with_them() -> None:
    # Two "< 5" leaving 2 between them are 1 and 1: a third cell is withheld.
    assert withheld_cells([1, 1, 22], 24, 5) == {0, 1, 2}
    assert withheld_cells([1, 2, 21], 24, 5) == {0, 1}


def test_one_colleague_in_the_worst_band_is_not_shown() -> None:
    # 24 respondents, one of them at 7: "Dangereuse : 1 (4 %)" must not reach the room.
    scores = [0] * 5 + [1] * 6 + [2] * 5 + [3] * 2 + [5] * 5 + [7]
    results = publishable(aggregate(ORTMAN, ortman_answers(scores)), 5)
    assert isinstance(results, PublicScaleSummary)
    normal, passion, danger = results.bands
    assert danger == PublicBandCount(danger.label, 7, 9, None)
    assert passion.count is None, "the complement: else 24 - 18 - 5 gives the worst band"
    assert normal.count == 18
    per_score = dict(results.totals)
    assert per_score[7] is None and per_score[3] is None, "1 and 2 people"
    assert per_score[5] is None, "else it is the withheld passion band"
    assert per_score[8] == 0 and per_score[9] == 0 and per_score[4] == 0
    assert per_score[1] == 6 and per_score[2] == 5
    # Normale (18) minus 6 and 5 would give the 2 at score 3 alone: one more of its scores goes.
    assert per_score[0] is None
    assert (results.mean, results.median, results.respondents) == (2.25, 2.0, 24)
    assert results.minimum == 5
    assert results.yes_share is not None and len(results.yes_share) == 9


def test_a_distribution_of_0_1_3_5_12_over_five_scores() -> None:
    raw = summary([0, 1, 3, 5, 12], [(0, 1), (2, 2), (3, 4)])
    results = publishable(raw, 5)
    assert isinstance(results, PublicScaleSummary)
    assert results.totals == ((0, 0), (1, None), (2, None), (3, 5), (4, 12))
    assert [b.count for b in results.bands] == [None, None, 17]


def test_too_few_respondents_and_other_kinds_are_unchanged() -> None:
    raw = summary([0, 1, 3], [(0, 2)])
    assert publishable(raw, 5) == TooFewRespondents("s", 4, 5)
    poll = ChoiceCounts("p", 24, (1, 23))
    assert publishable(poll, 5) is poll, "an opinion poll is shown as counted"


def _completions(
    per_score: Sequence[int],
    bands: Sequence[tuple[int, int]],
    hidden_scores: frozenset[int],
    hidden_bands: frozenset[int],
) -> Iterator[tuple[int, ...]]:
    """Every distribution the room could infer from what is shown (a withheld count is >= 1)."""
    n = sum(per_score)
    unknown = sorted(hidden_scores)
    left = n - sum(c for i, c in enumerate(per_score) if i not in hidden_scores)
    for values in itertools.product(range(1, left + 1), repeat=len(unknown)):
        if sum(values) != left:
            continue
        guess = list(per_score)
        for i, value in zip(unknown, values, strict=True):
            guess[i] = value
        if all(
            b in hidden_bands or sum(guess[lo : hi + 1]) == sum(per_score[lo : hi + 1])
            for b, (lo, hi) in enumerate(bands)
        ):
            yield tuple(guess)


def _distributions(size: int, low: int, high: int) -> Iterator[tuple[int, ...]]:
    for n in range(low, high + 1):
        for cuts in itertools.combinations_with_replacement(range(n + 1), size - 1):
            edges = (0, *cuts, n)
            yield tuple(edges[i + 1] - edges[i] for i in range(size))


@pytest.mark.parametrize("bands", [((0, 1), (2, 3), (4, 4)), ((0, 2), (3, 4))])
def test_no_withheld_count_can_be_worked_out_from_the_shown_ones(
    bands: tuple[tuple[int, int], ...],
) -> None:
    """Exhaustively, for 5 to 10 respondents: every withheld count has two possible values at least.

    Except where every non-zero score is withheld already: nothing is left to withhold, and the
    respondents count gives away a room all in one band (or all at 1 per score).
    """
    for per_score in _distributions(5, 5, 10):
        raw = summary(per_score, bands)
        scores, hidden_bands = withheld_scale_cells(raw, 5)
        assert all(per_score[i] > 0 for i in scores), "a zero is never withheld"
        if all(i in scores for i, count in enumerate(per_score) if count > 0):
            continue
        guesses = list(_completions(per_score, bands, scores, hidden_bands))
        assert tuple(per_score) in guesses
        for i in scores:
            assert len({g[i] for g in guesses}) > 1, (per_score, sorted(scores), i)
        for b in hidden_bands:
            lo, hi = bands[b]
            assert len({sum(g[lo : hi + 1]) for g in guesses}) > 1, (per_score, b)


def test_a_yes_share_is_withheld_when_yes_or_no_is_a_small_cell() -> None:
    # 24 respondents: 1 "oui" (4 %) and 23 "oui" (1 "non") single people out; 5 and 12 do not.
    shares = (1 / 24, 23 / 24, 5 / 24, 12 / 24, 0.0, 1.0)
    assert public_yes_shares(shares, 24, 5) == (None, None, 5 / 24, 0.5, 0.0, 1.0)
    assert public_yes_shares(None, 24, 5) is None


def test_published_scale_summaries_carry_the_withheld_shares() -> None:
    raw = replace(summary([0, 10, 10], [(0, 1), (2, 2)]), yes_share=(0.05, 0.5))
    public = publishable(raw, 5)
    assert isinstance(public, PublicScaleSummary)
    assert public.yes_share == (None, 0.5)
