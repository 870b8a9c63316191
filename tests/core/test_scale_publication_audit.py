"""The audit of a scale's publication: no withheld cell and no band can be worked out.

For a scale and a room size, every histogram of answers is sorted by what it publishes; among the
histograms that publish the same thing, every score's count (never published) and every band
count that reads "moins de k" must admit at least two values, one of them 0; a band count the
small-room view does not tell must admit two values; and no band can be shown to hold everybody,
or all but one. Ortman's histograms are listed one by one for rooms of 5 to 12; Epworth's and a
0-40 scale's are too many, so the same property is proved exactly on band counts and totals
(``publication_audit``); then Hypothesis tries rooms up to 500. Needs no display.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fphkiosk.core.deck import ScaleActivity
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.privacy import PublicScaleSummary, publishable
from fphkiosk.core.scales import ScaleDefinition
from tests.core.publication_audit import (
    CellFacts,
    Shape,
    add_piece,
    check,
    compositions,
    consistent_pieces,
    publish,
    quick_summary,
    small_view_facts,
    summary_from_histogram,
    total_range,
)

SLIDES = Path(__file__).resolve().parents[2] / "slides"
TEST_DECK = Path(__file__).resolve().parent / "decks" / "scale_0_40.md"
MINIMUM = 5


def _scale(deck_path: Path, activity_id: str) -> ScaleDefinition:
    activity = load_deck(deck_path).activity(activity_id)
    assert isinstance(activity, ScaleActivity)
    return activity.scale


ORTMAN = Shape.of(_scale(SLIDES / "deck.md", "ortman"))
EPWORTH = Shape.of(_scale(SLIDES / "deck.md", "epworth"))
FORTY = Shape.of(_scale(TEST_DECK, "forty"))


def test_the_audited_shapes_are_the_decks() -> None:
    assert Shape(0, 9, ((0, 3), (4, 6), (7, 9))) == ORTMAN
    assert EPWORTH.low == 0 and EPWORTH.high == 24 and len(EPWORTH.bands) == 3
    assert Shape(0, 40, ((0, 7), (8, 15), (16, 23), (24, 31), (32, 40))) == FORTY


def test_ortman_every_histogram_of_rooms_of_5_to_12() -> None:
    histograms = cells = publications = 0
    for n in range(5, 13):
        scores = np.array(list(itertools.combinations_with_replacement(range(10), n)))
        per_score = np.stack([(scores == s).sum(axis=1) for s in range(10)], axis=1)
        totals = scores.sum(axis=1)
        bands = np.stack([per_score[:, lo : hi + 1].sum(axis=1) for lo, hi in ORTMAN.bands], axis=1)
        keys, key_of = np.unique(np.column_stack([bands, totals]), axis=0, return_inverse=True)
        # What each histogram publishes, from the real rule on its own histogram.
        first = np.zeros(len(keys), dtype=np.int64)
        first[key_of[::-1]] = np.arange(len(key_of))[::-1]
        published: list[PublicScaleSummary] = []
        for row in first:
            result = publishable(summary_from_histogram(ORTMAN, per_score[row].tolist()), MINIMUM)
            assert isinstance(result, PublicScaleSummary)
            published.append(result)
        ids: dict[PublicScaleSummary, int] = {}
        group_of_key = np.array([ids.setdefault(p, len(ids)) for p in published])
        group = group_of_key[key_of.ravel()]
        # Among the histograms publishing the same thing: each cell's smallest and largest value.
        cols = np.column_stack([per_score, bands])
        low = np.full((len(ids), cols.shape[1]), n + 1)
        high = np.full((len(ids), cols.shape[1]), -1)
        np.minimum.at(low, group, cols)
        np.maximum.at(high, group, cols)
        for p, g in ids.items():
            for s in range(10):
                cells += 1
                assert low[g, s] == 0 < high[g, s], (n, p, f"score {s}")
            for b, band in enumerate(p.bands):
                lo_b, hi_b = low[g, 10 + b], high[g, 10 + b]
                if not p.shows_distribution or band.count is None:
                    cells += 1
                    assert lo_b < hi_b, (n, p, f"band {b} pinned")
                    if p.shows_distribution:
                        assert lo_b == 0, (n, p, f"band {b} reads 'moins de 5' but is not 0")
                assert lo_b <= n - 2, (n, p, f"band {b} holds all or all but one")
        histograms += len(scores)
        publications += len(ids)
    print(f"Ortman 5-12: {histograms} histograms, {publications} publications, {cells} cells")
    assert histograms == sum(
        len(list(itertools.combinations_with_replacement(range(10), n))) for n in range(5, 13)
    )


def _exact_audit(shape: Shape, rooms: range) -> tuple[int, int]:
    """Every publication of *shape* for *rooms*, proved on band counts and totals.

    Under the bands' threshold the publication reads the total only (checked on each total's
    first and last band counts): the cells' bounds come from sums of contiguous score ranges
    (``small_view_facts``). From the threshold it reads the band counts only: each vector of
    band counts is published once and the cells' bounds follow from them (``add_piece``).
    """
    publications = cells = 0
    for n in rooms:
        facts: dict[PublicScaleSummary, CellFacts] = defaultdict(CellFacts)
        first = publish(shape, (n,) + (0,) * (len(shape.bands) - 1), n * shape.low, MINIMUM)
        if n < first.distribution_from:
            lowest, highest = n * shape.low, n * shape.high
            by_total: dict[PublicScaleSummary, list[int]] = defaultdict(list)
            for total in range(lowest, highest + 1):
                # Two different band-count vectors reaching this total publish alike.
                a = _counts_for(shape, n, total, from_top=False)
                b = _counts_for(shape, n, total, from_top=True)
                published = publish(shape, a, total, MINIMUM)
                assert publish(shape, b, total, MINIMUM) == published
                by_total[published].append(total)
            for published, totals in by_total.items():
                assert totals == list(range(totals[0], totals[-1] + 1)), "a bucket is a range"
                facts[published] = small_view_facts(shape, n, (totals[0], totals[-1]))
        else:
            for counts in compositions(n, len(shape.bands)):
                shown = publishable(quick_summary(shape, counts), MINIMUM)
                assert isinstance(shown, PublicScaleSummary)
                assert shown.mean is None, "no average beside the bands"
                add_piece(facts[shown], shape, counts, total_range(shape, counts))
        for published, known in facts.items():
            findings, checked = check(shape, n, published, known)
            assert not findings, findings[:3]
            cells += checked
        publications += len(facts)
    return publications, cells


def _counts_for(shape: Shape, n: int, total: int, *, from_top: bool) -> tuple[int, ...]:
    """Band counts of some histogram of *n* people totalling *total* (fills low or high first)."""
    scores = [shape.low] * n
    extra = total - n * shape.low
    order = range(n - 1, -1, -1) if from_top else range(n)
    for i in order:
        step = min(extra, shape.high - shape.low)
        scores[i] += step
        extra -= step
    return tuple(sum(1 for s in scores if lo <= s <= hi) for lo, hi in shape.bands)


def test_ortman_proved_on_band_counts_and_totals_for_rooms_of_5_to_40() -> None:
    publications, cells = _exact_audit(ORTMAN, range(5, 41))
    print(f"Ortman 5-40 (exact): {publications} publications, {cells} cells")


def test_epworth_proved_on_band_counts_and_totals_for_rooms_of_5_to_40() -> None:
    publications, cells = _exact_audit(EPWORTH, range(5, 41))
    print(f"Epworth 5-40 (exact): {publications} publications, {cells} cells")
    assert publications > 0


def test_a_0_40_scale_with_five_bands_proved_for_rooms_of_5_to_25() -> None:
    publications, cells = _exact_audit(FORTY, range(5, 26))
    print(f"0-40 scale 5-25 (exact): {publications} publications, {cells} cells")
    assert publications > 0


@st.composite
def rooms(draw: st.DrawFn, shape: Shape) -> tuple[int, ...]:
    """A histogram (people per score) of up to 500 people."""
    n = draw(st.integers(len(shape.bands) * MINIMUM, 500))
    width = shape.high - shape.low + 1
    skew = draw(st.sampled_from(["any", "low", "high", "one band"]))
    if skew == "one band":
        lo, hi = draw(st.sampled_from(shape.bands))
        weights = [1 if lo <= s <= hi else 0 for s in range(shape.low, shape.high + 1)]
    else:
        weights = draw(st.lists(st.integers(0, 20), min_size=width, max_size=width))
        if skew == "low":
            weights = [w * (width - i) ** 2 for i, w in enumerate(weights)]
        elif skew == "high":
            weights = [w * (i + 1) ** 2 for i, w in enumerate(weights)]
    if not any(weights):
        weights = [1] * width
    seed = draw(st.integers(0, 2**31))
    rng = np.random.default_rng(seed)
    p = np.array(weights, dtype=float) / sum(weights)
    return tuple(int(x) for x in rng.multinomial(n, p))


def _audit_one(shape: Shape, histogram: tuple[int, ...]) -> None:
    n = sum(histogram)
    published = publishable(summary_from_histogram(shape, histogram), MINIMUM)
    assert isinstance(published, PublicScaleSummary)
    # The rare room whose bands would pin something gets no breakdown; the exact audits cover
    # those rooms up to 40 people, listing them all.
    assume(published.shows_distribution)
    facts = CellFacts()
    for counts, piece in consistent_pieces(shape, n, published, MINIMUM):
        add_piece(facts, shape, counts, piece)
    findings, _checked = check(shape, n, published, facts)
    assert not findings, findings[:3]


@settings(max_examples=25, deadline=None)
@given(rooms(ORTMAN))
def test_ortman_rooms_up_to_500(histogram: tuple[int, ...]) -> None:
    _audit_one(ORTMAN, histogram)


@settings(max_examples=25, deadline=None)
@given(rooms(EPWORTH))
def test_epworth_rooms_up_to_500(histogram: tuple[int, ...]) -> None:
    _audit_one(EPWORTH, histogram)


@settings(max_examples=25, deadline=None)
@given(rooms(FORTY))
def test_0_40_rooms_up_to_500(histogram: tuple[int, ...]) -> None:
    _audit_one(FORTY, histogram)


@settings(max_examples=25, deadline=None)
@given(rooms(EPWORTH), st.randoms(use_true_random=False))
def test_the_publication_reads_only_band_counts_and_the_total(
    histogram: tuple[int, ...], rnd: object
) -> None:
    """What the audits rely on: two histograms with equal band counts and total publish alike."""
    n = sum(histogram)
    counts = [sum(histogram[lo : hi + 1]) for lo, hi in EPWORTH.bands]
    total = sum(s * c for s, c in enumerate(histogram))
    assert publishable(summary_from_histogram(EPWORTH, histogram), MINIMUM) == publish(
        EPWORTH, counts, total, MINIMUM
    )
    assert n == sum(counts)
