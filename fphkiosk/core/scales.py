"""Self-scoring scales: items, answer options with points, reverse-scored items, score bands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ScaleOption:
    label: str
    points: int


@dataclass(frozen=True)
class ScaleItem:
    text: str
    reverse: bool = False
    """A reverse-scored item gives the highest points to the lowest option."""


@dataclass(frozen=True)
class Band:
    min: int
    max: int
    label: str
    advice: str = ""

    def contains(self, score: int) -> bool:
        return self.min <= score <= self.max


@dataclass(frozen=True)
class ScaleDefinition:
    title: str
    options: tuple[ScaleOption, ...]
    items: tuple[ScaleItem, ...]
    bands: tuple[Band, ...]
    instructions: str = ""
    licence: str = ""
    source: str = ""
    file: str = ""

    @property
    def min_score(self) -> int:
        lowest = min(o.points for o in self.options)
        return lowest * len(self.items)

    @property
    def max_score(self) -> int:
        highest = max(o.points for o in self.options)
        return highest * len(self.items)

    @property
    def is_yes_no(self) -> bool:
        """Two options worth 0 and 1: the room chart shows the share of "yes" per item."""
        return sorted(o.points for o in self.options) == [0, 1]

    def item_points(self, item_index: int, option_index: int) -> int:
        """Points that one answer earns, taking reverse scoring into account."""
        if not 0 <= item_index < len(self.items):
            raise IndexError(item_index)
        if not 0 <= option_index < len(self.options):
            raise IndexError(option_index)
        points = self.options[option_index].points
        if self.items[item_index].reverse:
            values = [o.points for o in self.options]
            return max(values) + min(values) - points
        return points

    def score(self, answers: Sequence[int]) -> int:
        """Total score for one option index per item, in item order."""
        if len(answers) != len(self.items):
            raise ValueError(f"expected {len(self.items)} answers, got {len(answers)}")
        return sum(self.item_points(i, a) for i, a in enumerate(answers))

    def band_for(self, score: int) -> Band:
        for band in self.bands:
            if band.contains(score):
                return band
        raise ValueError(f"score {score} is outside every band")
