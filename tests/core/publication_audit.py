"""Exact audit of a scale's publication: what can an onlooker work out from what is published?

A scale's publication (``core.privacy.publishable``) reads only the number of respondents, the
count of each band and the total of the scores (a property checked in the audit test). So the
histograms that publish the same thing are exactly those with a band-count vector ``c`` and a
total ``T`` that publish it, and such a histogram exists iff ``T`` lies between the lowest and
the highest total that ``c`` allows (every whole score of a band is reachable, so sums of people
in contiguous bands are contiguous). On that ground each question below has an exact answer
without listing histograms: can score ``s`` be held by nobody / by somebody, can band ``b`` be
empty / not, can two people be outside band ``b``?
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from fphkiosk.core.aggregation import BandCount, ScaleSummary
from fphkiosk.core.privacy import PublicScaleSummary, publishable
from fphkiosk.core.scale_publication import rounded_mean
from fphkiosk.core.scales import ScaleDefinition

Interval = tuple[int, int]


@dataclass(frozen=True)
class Shape:
    """A scale's score range and bands (inclusive, ordered, contiguous)."""

    low: int
    high: int
    bands: tuple[Interval, ...]

    @classmethod
    def of(cls, scale: ScaleDefinition) -> Shape:
        bands = tuple(sorted((b.min, b.max) for b in scale.bands))
        return cls(scale.min_score, scale.max_score, bands)

    def band_of(self, score: int) -> int:
        return next(i for i, (lo, hi) in enumerate(self.bands) if lo <= score <= hi)


def summary_of(shape: Shape, counts: Sequence[int], total: int) -> ScaleSummary:
    """A ScaleSummary with band counts *counts* and score total *total*, built from a real
    histogram (the lowest scores of each band, then the rest moved up one point at a time)."""
    per_score = dict.fromkeys(range(shape.low, shape.high + 1), 0)
    people: list[list[int]] = []
    for (lo, _hi), count in zip(shape.bands, counts, strict=True):
        people.append([lo] * count)
    extra = total - sum(sum(p) for p in people)
    for b, (_lo, hi) in enumerate(shape.bands):
        for i in range(len(people[b])):
            step = min(extra, hi - people[b][i])
            people[b][i] += step
            extra -= step
    if extra != 0:
        raise ValueError("total out of reach for these band counts")
    for group in people:
        for score in group:
            per_score[score] += 1
    return summary_from_histogram(shape, [per_score[s] for s in range(shape.low, shape.high + 1)])


def summary_from_histogram(shape: Shape, histogram: Sequence[int]) -> ScaleSummary:
    """The ScaleSummary that aggregation gives for *histogram* (counts per score, low to high)."""
    n = sum(histogram)
    scores = range(shape.low, shape.high + 1)
    total = sum(s * c for s, c in zip(scores, histogram, strict=True))
    bands = tuple(
        BandCount(f"{lo}-{hi}", lo, hi, sum(histogram[lo - shape.low : hi - shape.low + 1]))
        for lo, hi in shape.bands
    )
    return ScaleSummary(
        "audit",
        n,
        total / n if n else 0.0,
        0.0,  # the median is never published; its value cannot matter
        tuple(zip(scores, histogram, strict=True)),
        bands,
    )


def quick_summary(shape: Shape, counts: Sequence[int]) -> ScaleSummary:
    """A ScaleSummary with band counts *counts*, everybody at their band's lowest score."""
    per_score = dict.fromkeys(range(shape.low, shape.high + 1), 0)
    for (lo, _hi), count in zip(shape.bands, counts, strict=True):
        per_score[lo] += count
    return summary_from_histogram(shape, [per_score[s] for s in range(shape.low, shape.high + 1)])


def publish(shape: Shape, counts: Sequence[int], total: int, minimum: int) -> PublicScaleSummary:
    published = publishable(summary_of(shape, counts, total), minimum)
    assert isinstance(published, PublicScaleSummary)
    return published


def compositions(n: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every vector of *parts* non-negative integers adding up to *n*."""
    for cuts in itertools.combinations(range(n + parts - 1), parts - 1):
        previous, vector = -1, []
        for cut in (*cuts, n + parts - 1):
            vector.append(cut - previous - 1)
            previous = cut
        yield tuple(vector)


def total_range(shape: Shape, counts: Sequence[int]) -> Interval:
    lo = sum(c * b[0] for c, b in zip(counts, shape.bands, strict=True))
    hi = sum(c * b[1] for c, b in zip(counts, shape.bands, strict=True))
    return lo, hi


def mean_steps(n: int, span: Interval) -> Iterator[Interval]:
    """*span* of totals cut where the rounded average changes (it is constant on each piece)."""
    t = span[0]
    while t <= span[1]:
        m = rounded_mean(t, n)
        # the last total with the same rounded average: 2T + n < 2n(m + 1)
        last = min(span[1], (2 * n * (m + 1) - n - 1) // 2)
        yield t, last
        t = last + 1


def _meets(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _shift(a: Interval, b: Interval) -> Interval:
    return a[0] + b[0], a[1] + b[1]


@dataclass
class CellFacts:
    """Over the histograms consistent with one publication: what each cell can be."""

    score_zero: set[int] = field(default_factory=set)
    score_some: set[int] = field(default_factory=set)
    band_values: dict[int, set[int]] = field(default_factory=dict)
    band_min: dict[int, int] = field(default_factory=dict)


def add_piece(facts: CellFacts, shape: Shape, counts: Sequence[int], totals: Interval) -> None:
    """Record what histograms with band counts *counts* and a total in *totals* allow."""
    n = sum(counts)
    for b, count in enumerate(counts):
        facts.band_values.setdefault(b, set()).add(count)
        facts.band_min[b] = min(facts.band_min.get(b, n), count)
    for b, (lo, hi) in enumerate(shape.bands):
        others = [c if j != b else 0 for j, c in enumerate(counts)]
        rest = total_range(shape, others)
        cb = counts[b]
        for s in range(lo, hi + 1):
            if cb >= 1:
                inside = (s + (cb - 1) * lo, s + (cb - 1) * hi)
                if _meets(_shift(inside, rest), totals):
                    facts.score_some.add(s)
            for piece in _avoiding(lo, hi, s, cb):
                if _meets(_shift(piece, rest), totals):
                    facts.score_zero.add(s)
                    break


def _avoiding(lo: int, hi: int, s: int, people: int) -> list[Interval]:
    """Totals that *people* in band [lo, hi] reach with nobody at score *s*."""
    if people == 0:
        return [(0, 0)]
    if lo == hi:
        return []
    if s == lo:
        return [(people * (lo + 1), people * hi)]
    if s == hi:
        return [(people * lo, people * (hi - 1))]
    if people == 1:
        return [(lo, s - 1), (s + 1, hi)]
    return [(people * lo, people * hi)]


@dataclass
class Finding:
    """One way the publication gives something away (empty list: the audit holds)."""

    room: int
    published: PublicScaleSummary
    what: str


def check(
    shape: Shape, n: int, published: PublicScaleSummary, facts: CellFacts
) -> tuple[list[Finding], int]:
    """The audit's property for one publication; returns the findings and the cells checked."""
    findings: list[Finding] = []
    checked = 0
    for s in range(shape.low, shape.high + 1):
        checked += 1  # a score's count is never published: it must admit 0 and another value
        if s not in facts.score_zero or s not in facts.score_some:
            findings.append(Finding(n, published, f"score {s} is pinned"))
    for b, band in enumerate(published.bands):
        values = facts.band_values[b]
        if published.shows_distribution and (band.count is not None or band.rest is not None):
            pass  # published (rounded, or what the others leave): only homogeneity below
        elif published.shows_distribution:
            checked += 1  # reads "moins de k": 0 and another value
            if 0 not in values or len(values) < 2:
                findings.append(Finding(n, published, f"withheld band {b} reads {values}"))
        else:
            checked += 1  # the small-room view tells no band count: not pinned
            if len(values) < 2:
                findings.append(Finding(n, published, f"band {b} pinned to {values}"))
        if n >= 3 and facts.band_min[b] > n - 2:
            findings.append(Finding(n, published, f"band {b} holds all or all but one"))
    return findings, checked


def consistent_pieces(
    shape: Shape, n: int, published: PublicScaleSummary, minimum: int
) -> Iterator[tuple[tuple[int, ...], Interval]]:
    """Every (band counts, range of totals) that publishes *published* (a breakdown by band),
    found from it alone: each band's candidates are every count that reads the same (a withheld
    band: 0 to k - 1; a rounded one: the counts that round to it); the band told as the rest
    takes what is left. The real rule is then asked about each candidate."""
    base = max(1, minimum)
    assert published.shows_distribution
    per_band: list[list[int]] = []
    rest_at = next(i for i, band in enumerate(published.bands) if band.rest is not None)
    for i, band in enumerate(published.bands):
        if i == rest_at:
            continue
        if band.count is None:
            per_band.append(list(range(base)))
        else:
            low = max(base, band.count - base // 2)
            per_band.append(list(range(low, band.count + (base - 1) // 2 + 1)))
    for others in itertools.product(*per_band):
        rest = n - sum(others)
        if rest < 0:
            continue
        counts = (*others[:rest_at], rest, *others[rest_at:])
        if publishable(quick_summary(shape, counts), minimum) == published:
            yield counts, total_range(shape, counts)


def _sums_to(choices: list[list[int]], n: int) -> Iterator[tuple[int, ...]]:
    if not choices:
        if n == 0:
            yield ()
        return
    head, tail = choices[0], choices[1:]
    if not tail:
        if n in head:
            yield (n,)
        return
    room_left = sum(max(c) for c in tail)
    for value in head:
        if value <= n and n - value <= room_left:
            for rest in _sums_to(tail, n - value):
                yield (value, *rest)


# The small-room view tells the room size and the average only: exact bounds on totals ----------


def sums(people: int, ranges: Sequence[Interval]) -> list[Interval]:
    """Every total that *people* reach, each with a score in one of *ranges* (at most two)."""
    if people == 0:
        return [(0, 0)]
    if not ranges:
        return []
    if len(ranges) == 1:
        (a, b) = ranges[0]
        return [(people * a, people * b)]
    (a1, b1), (a2, b2) = ranges
    pieces = sorted(
        (i * a1 + (people - i) * a2, i * b1 + (people - i) * b2) for i in range(people + 1)
    )
    merged: list[Interval] = []
    for lo, hi in pieces:
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _outside(shape: Shape, lo: int, hi: int) -> list[Interval]:
    return [r for r in ((shape.low, lo - 1), (hi + 1, shape.high)) if r[0] <= r[1]]


def small_view_facts(shape: Shape, n: int, totals: Interval) -> CellFacts:
    """What each cell can be among ALL histograms of *n* people with a total in *totals*."""
    facts = CellFacts()
    everything = [(shape.low, shape.high)]

    def reachable(parts: list[tuple[int, list[Interval]]]) -> bool:
        spans: list[Interval] = [(0, 0)]
        for people, ranges in parts:
            add = sums(people, ranges)
            spans = [_shift(a, b) for a in spans for b in add]
        return any(_meets(span, totals) for span in spans)

    for s in range(shape.low, shape.high + 1):
        if reachable([(1, [(s, s)]), (n - 1, everything)]):
            facts.score_some.add(s)
        if reachable([(n, _outside(shape, s, s))]):
            facts.score_zero.add(s)
    for b, (lo, hi) in enumerate(shape.bands):
        outside = _outside(shape, lo, hi)
        values = {j for j in range(n + 1) if reachable([(j, [(lo, hi)]), (n - j, outside)])}
        facts.band_values[b] = values
        facts.band_min[b] = min(values)
    return facts
