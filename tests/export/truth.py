"""Ground truth computed straight from a plan's answers, without the application's aggregation."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from fphkiosk.net.protocol import BestWorstBody, ChoiceBody, ScaleBody
from tests.export.recorded import Plan


@dataclass(frozen=True)
class ScaleTruth:
    n: int
    mean: float
    median: float
    bands: tuple[int, int, int]
    """Respondents in Faible (0-1), Moyen (2-3), Élevé (4)."""
    yes: tuple[int, ...]
    """Respondents who said "Oui" to each item."""


def choice_counts(plan: Plan, activity_id: str, size: int) -> list[int]:
    counts = [0] * size
    for body in plan.final(activity_id).values():
        assert isinstance(body, ChoiceBody)
        counts[body.choice] += 1
    return counts


def best_worst_counts(plan: Plan, activity_id: str, size: int) -> tuple[list[int], list[int]]:
    best, worst = [0] * size, [0] * size
    for body in plan.final(activity_id).values():
        assert isinstance(body, BestWorstBody)
        best[body.best] += 1
        worst[body.worst] += 1
    return best, worst


def scale_truth(plan: Plan, activity_id: str) -> ScaleTruth:
    answers = [b.options for b in plan.final(activity_id).values() if isinstance(b, ScaleBody)]
    scores = [sum(options) for options in answers]  # 1 point per "Oui", no reversed item
    bands = (
        sum(1 for s in scores if s <= 1),
        sum(1 for s in scores if 2 <= s <= 3),
        sum(1 for s in scores if s == 4),
    )
    yes = tuple(sum(options[i] for options in answers) for i in range(4))
    return ScaleTruth(len(answers), statistics.fmean(scores), statistics.median(scores), bands, yes)
