"""Privacy rules applied before any result leaves the room's memory.

Room-wide results are shown only from a minimum number of respondents (the deck's
``min_group_size``): below it, a handful of answers could single a person out. A scale's individual
score goes to its participant only.
"""

from __future__ import annotations

from dataclasses import dataclass

from fphkiosk.core.aggregation import Results
from fphkiosk.core.deck import ScaleActivity
from fphkiosk.core.room_answers import ScaleAnswer


@dataclass(frozen=True)
class TooFewRespondents:
    """Results withheld: fewer respondents than the minimum group size."""

    activity_id: str
    respondents: int
    minimum: int


PublicResults = Results | TooFewRespondents


def publishable(results: Results, min_group_size: int) -> PublicResults:
    """*results* if enough people answered, otherwise the typed "too few respondents" result."""
    if results.respondents < max(1, min_group_size):
        return TooFewRespondents(results.activity_id, results.respondents, min_group_size)
    return results


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
