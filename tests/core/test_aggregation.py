"""Room-wide results per activity kind (needs no display)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.core.aggregation import (
    BandCount,
    BestWorstCounts,
    ChoiceCounts,
    ScaleSummary,
    aggregate,
)
from fphkiosk.core.deck import Deck, Poll, ScaleActivity
from fphkiosk.core.privacy import TooFewRespondents, publishable
from fphkiosk.core.room_answers import (
    BestWorstAnswer,
    ChoiceAnswer,
    ScaleAnswer,
    answer_from_json,
    answer_to_json,
)
from tests.net.sample_deck import sample_deck


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    return sample_deck(tmp_path)


def _activity(deck: Deck, activity_id: str) -> Poll | ScaleActivity:
    activity = deck.activity(activity_id)
    assert isinstance(activity, Poll | ScaleActivity)
    return activity


def test_poll_counts_without_a_correct_answer(deck: Deck) -> None:
    results = aggregate(_activity(deck, "sondage"), [ChoiceAnswer(c) for c in (0, 2, 2, 2)])
    assert results == ChoiceCounts("sondage", 4, (1, 0, 3), (), None)


def test_quiz_correct_share(deck: Deck) -> None:
    results = aggregate(_activity(deck, "quiz"), [ChoiceAnswer(c) for c in (1, 1, 1, 0)])
    assert isinstance(results, ChoiceCounts)
    assert results.correct == (1,)
    assert results.correct_share == pytest.approx(0.75)


def test_empty_quiz_has_no_share(deck: Deck) -> None:
    results = aggregate(_activity(deck, "quiz"), [])
    assert results == ChoiceCounts("quiz", 0, (0, 0, 0), (1,), None)


def test_best_worst_counts_per_prompt(deck: Deck) -> None:
    answers = [BestWorstAnswer(3, 0), BestWorstAnswer(3, 2), BestWorstAnswer(1, 0)]
    results = aggregate(_activity(deck, "meilleure-pire"), answers)
    assert results == BestWorstCounts("meilleure-pire", 3, (0, 1, 0, 2), (2, 0, 1, 0))


def test_scale_summary(deck: Deck) -> None:
    # Scores (third item reversed): (0,0,1)->0, (1,0,0)->2, (1,1,0)->3, (1,1,0)->3
    answers = [ScaleAnswer(o) for o in ((0, 0, 1), (1, 0, 0), (1, 1, 0), (1, 1, 0))]
    results = aggregate(_activity(deck, "echelle"), answers)
    assert isinstance(results, ScaleSummary)
    assert results.respondents == 4
    assert results.mean == pytest.approx(2.0)
    assert results.median == pytest.approx(2.5)
    assert results.totals == ((0, 1), (1, 0), (2, 1), (3, 2))
    assert results.bands == (BandCount("Faible", 0, 1, 1), BandCount("Élevé", 2, 3, 3))
    # Share of "Oui" (the option worth 1) per item, whatever the reverse scoring.
    assert results.yes_share == pytest.approx((0.75, 0.5, 0.25))


def test_withheld_below_minimum_and_shown_from_it(deck: Deck) -> None:
    results = aggregate(_activity(deck, "sondage"), [ChoiceAnswer(0)] * 4)
    assert publishable(results, 5) == TooFewRespondents("sondage", 4, 5)
    assert publishable(results, 4) is results
    empty = aggregate(_activity(deck, "sondage"), [])
    assert isinstance(publishable(empty, 1), TooFewRespondents)


@pytest.mark.parametrize("answer", [ChoiceAnswer(2), BestWorstAnswer(0, 3), ScaleAnswer((1, 0, 1))])
def test_answers_round_trip_through_json(
    answer: ChoiceAnswer | BestWorstAnswer | ScaleAnswer,
) -> None:
    assert answer_from_json(answer_to_json(answer)) == answer


@pytest.mark.parametrize(
    "data",
    [{}, {"kind": "choice", "choice": "1"}, {"kind": "choice", "choice": True}, {"kind": "x"}],
)
def test_bad_answer_json_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        answer_from_json(data)
