"""The publication rule (``core.privacy``) on the cases a room meets. Needs no display.

The exhaustive proof that a scale's publication pins nothing down is the audit
(``test_scale_publication_audit``); these are the readable examples.
"""

from __future__ import annotations

from collections.abc import Sequence

from fphkiosk.core.aggregation import ChoiceCounts, aggregate
from fphkiosk.core.deck import ScaleActivity
from fphkiosk.core.privacy import (
    PublicScaleSummary,
    TooFewRespondents,
    publishable,
)
from fphkiosk.core.room_answers import ScaleAnswer
from fphkiosk.core.scale_publication import PublicMean
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


def ortman(scores: Sequence[int], minimum: int = 5) -> PublicScaleSummary | TooFewRespondents:
    answers = [ScaleAnswer(tuple(1 if i < s else 0 for i in range(9))) for s in scores]
    result = publishable(aggregate(ORTMAN, answers), minimum)
    assert isinstance(result, PublicScaleSummary | TooFewRespondents)
    return result


def test_polls_are_published_whole_from_the_minimum_and_only_counted_under_it() -> None:
    four = ChoiceCounts("p", 4, (1, 3, 0), correct=(1,), correct_share=0.75)
    assert publishable(four, 5) == TooFewRespondents("p", 4, 5)
    seven = ChoiceCounts("p", 7, (2, 4, 1), correct=(1,), correct_share=4 / 7)
    assert publishable(seven, 5) == seven, "no per-cell suppression for a poll: 2 / 4 / 1"


def test_a_room_of_seven_sees_a_rounded_average_and_no_band_count() -> None:
    # The case seen in a real room: somebody scored 8 and somebody 9.
    result = ortman([0, 1, 2, 3, 4, 8, 9])
    assert isinstance(result, PublicScaleSummary)
    assert not result.shows_distribution
    assert result.mean == PublicMean(4), "27 / 7 = 3.86, rounded to a whole point"
    assert [b.count for b in result.bands] == [None, None, None]
    assert result.distribution_from == 15, "5 per band, three bands"


def test_the_average_widens_at_the_ends_so_a_calm_room_is_not_told_all_normal() -> None:
    low = ortman([0] * 7)
    assert isinstance(low, PublicScaleSummary)
    assert low.mean is not None and low.mean.relation == "at_most"
    # "at most m" allows two people outside the first band (4 points each): 8 / 7 < m + 0.5
    assert low.mean.value * 7 + 3.5 > 8
    high = ortman([9] * 7)
    assert isinstance(high, PublicScaleSummary)
    assert high.mean is not None and high.mean.relation == "at_least"


def test_under_the_minimum_only_the_number_of_respondents() -> None:
    assert ortman([9, 9, 9, 9]) == TooFewRespondents("ortman", 4, 5)


def test_a_large_room_sees_bands_rounded_and_a_small_band_reads_like_zero() -> None:
    scores = [0] * 200 + [2] * 184 + [5] * 100 + [8] * 12 + [9] * 4
    result = ortman(scores)
    assert isinstance(result, PublicScaleSummary) and result.shows_distribution
    assert result.mean is None, "no average beside the bands: together they would pin scores"
    normal, passion, danger = result.bands
    assert normal.rest is not None and normal.count is None, "the first band of 5+ is the rest"
    assert passion.count == 100 and passion.share == 0.2
    assert danger.count == 15, "16 rounded to a multiple of 5"
    assert normal.rest == (500 - 102 - 17, 500 - 98 - 13)
    none_dangerous = ortman([0] * 300 + [5] * 200)
    assert isinstance(none_dangerous, PublicScaleSummary)
    a_few = ortman([0] * 298 + [5] * 200 + [9] * 2)
    assert isinstance(a_few, PublicScaleSummary)
    # Zero and two read the same; the publication as a whole cannot tell them apart.
    assert none_dangerous.bands[2].count is None and a_few.bands[2].count is None


def test_everybody_in_one_band_is_not_told() -> None:
    result = ortman([1] * 20)
    assert isinstance(result, PublicScaleSummary)
    if result.shows_distribution:
        rest = [b.rest for b in result.bands if b.rest is not None]
        assert rest and rest[0][0] <= 18, "the rest could be two short of everybody"
    else:
        assert result.mean is not None and result.mean.relation == "at_most"
