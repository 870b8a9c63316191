"""How much of a self-scoring scale's room-wide results may be told, and how coarsely.

A scale's score says something close to a person's health, and a training room is small: 7 to 30
people who know each other. What is published is therefore coarse on purpose (the reasons are in
``docs/privacy.md``):

- from the minimum group (``k``, 5 by default) the room's average, rounded to a whole point; near
  either end of the scale the rounding widens into "at most m" / "at least m", where m is chosen
  from the scale and the room size alone (never from the answers) so that the average can never
  tell that everybody, or all but one, sits in one band, nor that nobody (or somebody) has a
  given score;
- from twice the minimum group (``distribution_from``), the count of each band: under ``k`` it
  reads "moins de k" exactly as a zero does; from ``k`` it is rounded to a multiple of ``k``, and
  never above the room size rounded down to that multiple, so that "all in one band" never shows;
- never the count of each score, the median or the items' shares: together with the rest they
  would pin down withheld cells (see the audit in ``tests/core/test_scale_publication_audit.py``).

The rule assumes, as every deck scale does, that a person's total can take every whole value
between the scale's minimum and maximum, and that the bands are contiguous and ordered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

MeanRelation = Literal["about", "at_most", "at_least"]


@dataclass(frozen=True)
class PublicMean:
    """The room's average as published: ``value`` points, or at most / at least ``value``."""

    value: int
    relation: MeanRelation = "about"


@dataclass(frozen=True)
class BandRange:
    """A band as the scale defines it (inclusive scores)."""

    min: int
    max: int


def distribution_from(minimum: int, bands: int) -> int:
    """The room size from which the bands' counts are published: the minimum group per band,
    so that at least one band always holds the minimum group."""
    return max(1, minimum) * max(2, bands)


@dataclass(frozen=True)
class PublicBand:
    """One band's count as published (see ``public_bands``)."""

    count: int | None
    """Rounded to a multiple of the minimum group; None reads "moins de k", as zero does."""
    rest: tuple[int, int] | None = None
    """For the largest band: the range the others leave for it (lowest, highest); else None."""


def public_bands(counts: Sequence[int], minimum: int) -> tuple[PublicBand, ...]:
    """The bands' counts as published, in a room of at least ``distribution_from`` people.

    A band under the minimum group reads "moins de k" like an empty one; the others are rounded
    to a multiple of the minimum group, except the largest band (the first of equals), which is
    told only as what the others leave: from the room size less the others' highest possible
    counts to the room size less their lowest. Had it been rounded too, a room whose rounded
    counts sat at the bottom of their rounding would pin the withheld bands to zero.
    """
    base = max(1, minimum)
    n = sum(counts)
    largest = next((i for i, count in enumerate(counts) if count >= base), 0)
    shown: list[PublicBand] = []
    low_others = high_others = 0
    for i, count in enumerate(counts):
        if i == largest:
            shown.append(PublicBand(None))
            continue
        value = None if count < base else base * ((2 * count + base) // (2 * base))
        low, high = (0, base - 1) if value is None else _rounding_range(value, base)
        low_others, high_others = low_others + low, high_others + high
        shown.append(PublicBand(value))
    rest = (max(0, n - high_others), n - low_others)
    shown[largest] = PublicBand(None, rest)
    return tuple(shown)


def bands_are_safe(counts: Sequence[int], minimum: int) -> bool:
    """True when ``public_bands(counts)`` pins no band down, told from the publication alone.

    Among the band counts that publish the same thing, every band that reads "moins de k" must
    be able to be 0 and to be more, and no band may hold everybody or all but one. Sums near the
    rounding's edges can fail that (the others' counts at the bottom of their rounding leave
    nothing for a withheld band): the room then gets the small-room view instead.
    """
    published = public_bands(counts, minimum)
    return _safe(published, sum(counts), max(1, minimum))


@lru_cache(maxsize=4096)
def _safe(published: tuple[PublicBand, ...], n: int, base: int) -> bool:
    choices: list[range] = []
    for band in published:
        if band.rest is not None:
            choices.append(range(n + 1))
        elif band.count is None:
            choices.append(range(base))
        else:
            low, high = _rounding_range(band.count, base)
            choices.append(range(low, high + 1))
    seen = [set[int]() for _band in published]
    for counts in _vectors(choices, n):
        if public_bands(counts, base) == published:
            for i, count in enumerate(counts):
                seen[i].add(count)
    for band, values in zip(published, seen, strict=True):
        if band.count is None and band.rest is None and (0 not in values or len(values) < 2):
            return False
        if n >= 3 and min(values) > n - 2:
            return False
    return True


def _vectors(choices: Sequence[range], n: int) -> Iterator[tuple[int, ...]]:
    """Every vector taking its i-th value in ``choices[i]`` and adding up to *n*."""
    if len(choices) == 1:
        if n in choices[0]:
            yield (n,)
        return
    head, tail = choices[0], choices[1:]
    for value in head:
        if value <= n:
            for rest in _vectors(tail, n - value):
                yield (value, *rest)


def _rounding_range(value: int, base: int) -> tuple[int, int]:
    """The counts that round (half up) to *value*, never under the minimum group."""
    return max(base, value - base // 2), value + (base - 1) // 2


def rounded_mean(total: int, respondents: int) -> int:
    """The average ``total / respondents`` rounded half up to a whole number (exact integers)."""
    return (2 * total + respondents) // (2 * respondents)


def mean_limits(
    low: int, high: int, bands: Sequence[BandRange], respondents: int
) -> tuple[int, int] | None:
    """The published average's floor and ceiling ("at most" / "at least") for this room size.

    The floor is the rounded average of the smallest total that still allows each of: somebody
    at the top score, nobody at the bottom score, and two people outside the lowest band. A
    published "at most m" therefore never rules those out. The ceiling mirrors it. None when the
    two meet: the room is too small for any average to be told safely.
    """
    n = respondents
    if n < 1 or high <= low:
        return None
    ordered = sorted(bands, key=lambda band: band.min)
    first_top, last_bottom = ordered[0].max, ordered[-1].min
    floor_total = max(high + (n - 1) * low, n * (low + 1))
    ceiling_total = min(low + (n - 1) * high, n * (high - 1))
    if n >= 2 and len(ordered) > 1:
        floor_total = max(floor_total, 2 * (first_top + 1) + (n - 2) * low)
        ceiling_total = min(ceiling_total, 2 * (last_bottom - 1) + (n - 2) * high)
    floor_mean = rounded_mean(floor_total, n)
    ceiling_mean = rounded_mean(ceiling_total, n)
    if floor_mean >= ceiling_mean:
        return None
    return floor_mean, ceiling_mean


def public_mean(
    total: int, respondents: int, low: int, high: int, bands: Sequence[BandRange]
) -> PublicMean | None:
    """The average of *respondents* scores adding up to *total*, as it may be published."""
    limits = mean_limits(low, high, bands, respondents)
    if limits is None:
        return None
    floor_mean, ceiling_mean = limits
    mean = rounded_mean(total, respondents)
    if mean <= floor_mean:
        return PublicMean(floor_mean, "at_most")
    if mean >= ceiling_mean:
        return PublicMean(ceiling_mean, "at_least")
    return PublicMean(mean)
