"""Polls with several answers, quizzes with several correct ones, timed activities (no display)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.core.aggregation import ChoiceCounts
from fphkiosk.core.deck import Deck, Poll, TextActivity
from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.outline import deck_outline
from fphkiosk.core.room import Room
from fphkiosk.core.room_answers import (
    ChoiceAnswer,
    MultiChoiceAnswer,
    answer_from_json,
    answer_to_json,
)
from fphkiosk.core.room_changes import CloseActivity, OpenActivity, SubmitAnswer, TimerStarted
from fphkiosk.core.room_errors import Rejection, RejectionCode
from tests.net.sample_deck import sample_deck


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    return sample_deck(tmp_path, min_group_size=3, round_table=True)


def test_a_multiple_quiz_counts_choices_and_respondents_apart(deck: Deck) -> None:
    poll = deck.activity("plusieurs")
    assert isinstance(poll, Poll)
    assert poll.multiple and poll.most_choices == 3 and poll.correct == (0, 2)
    room = Room(deck)
    room.apply(OpenActivity("plusieurs"))
    answers = {"a": (0, 2), "b": (0,), "c": (0, 1, 2), "d": (2, 0)}
    for token, choices in answers.items():
        room.apply(SubmitAnswer(token, "plusieurs", token, MultiChoiceAnswer(choices)))
    results = room.results("plusieurs")
    assert isinstance(results, ChoiceCounts)
    assert results.respondents == 4 and results.multiple
    assert results.counts == (4, 1, 3, 0)
    # Right: exactly the correct choices ("a" and "d"); "c" ticked one too many.
    assert results.correct_share == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (MultiChoiceAnswer((0, 1, 2, 3)), RejectionCode.TOO_MANY_CHOICES),
        (MultiChoiceAnswer(()), RejectionCode.TOO_MANY_CHOICES),
        (MultiChoiceAnswer((1, 1)), RejectionCode.DUPLICATE_CHOICE),
        (MultiChoiceAnswer((0, 9)), RejectionCode.CHOICE_OUT_OF_RANGE),
        (ChoiceAnswer(0), RejectionCode.WRONG_ANSWER_KIND),
    ],
)
def test_bad_multiple_answers_change_nothing(
    deck: Deck, answer: MultiChoiceAnswer, code: RejectionCode
) -> None:
    room = Room(deck)
    room.apply(OpenActivity("plusieurs"))
    with pytest.raises(Rejection) as refused:
        room.apply(SubmitAnswer("a", "plusieurs", "x", answer))
    assert refused.value.code is code
    assert room.respondents("plusieurs") == 0


def test_a_multiple_answer_survives_its_json_form() -> None:
    answer = MultiChoiceAnswer((1, 3))
    assert answer_from_json(answer_to_json(answer)) == answer


def test_a_timed_activity_gets_its_deadline_and_loses_it_when_closed(deck: Deck) -> None:
    room = Room(deck)
    changes = room.apply(OpenActivity("minute", at=100.0))
    assert changes[-1] == TimerStarted("minute", 5, 105.0)
    assert room.remaining("minute", now=102.0) == pytest.approx(3.0)
    assert room.remaining("minute", now=200.0) == 0.0
    room.apply(CloseActivity("minute"))
    assert room.deadline("minute") is None and room.remaining("minute") is None
    assert room.apply(OpenActivity("sondage"))[-1] != TimerStarted("sondage", 0, 0.0)
    assert room.deadline("sondage") is None


def test_the_outline_lists_the_new_kinds(deck: Deck) -> None:
    outline = deck_outline(deck)
    entries = {a["id"]: a for s in outline["slides"] for a in s["activities"]}
    assert entries["questions"]["kind"] == "qa"
    assert entries["mots"]["kind"] == "words" and entries["mots"]["max_words"] == 3
    assert entries["libre"]["kind"] == "open" and entries["libre"]["max_length"] == 280
    assert entries["plusieurs"]["correct"] == [1, 3] and entries["plusieurs"]["multiple"]
    assert entries["minute"]["timer"] == 5
    assert outline["moderation"] == "manual"


BAD = {
    "multiple: true\nmode: best-worst\nprompts: [A, B]": "multiple_best_worst",
    "correct: [1, 2]": "several_correct_needs_multiple",
    "max: 2": "max_needs_multiple",
    "multiple: true\nmax: 9": "bad_max_choices",
    "timer: 2": "bad_timer",
    "correct: [1, Pas là]\nmultiple: true": "correct_not_in_choices",
}


@pytest.mark.parametrize(("extra", "key"), BAD.items())
def test_bad_fields_are_located_and_named(tmp_path: Path, extra: str, key: str) -> None:
    block = f"```quiz\nid: q\nquestion: Q ?\nchoices: [A, B, C]\n{extra}\n```"
    path = tmp_path / "deck.md"
    path.write_text(f"---\ntitle: T\n---\n# S\n\n{block}\n", encoding="utf-8")
    with pytest.raises(DeckError) as error:
        load_deck(path)
    assert key in [issue.key for issue in error.value.issues]


@pytest.mark.parametrize(
    ("front", "key"),
    [("moderation: sometimes", "bad_moderation"), ("keep_texts: never", "bad_keep_texts")],
)
def test_bad_text_settings_are_named(tmp_path: Path, front: str, key: str) -> None:
    path = tmp_path / "deck.md"
    path.write_text(f"---\ntitle: T\n{front}\n---\n# S\n", encoding="utf-8")
    with pytest.raises(DeckError) as error:
        load_deck(path)
    assert [issue.key for issue in error.value.issues] == [key]


def test_a_words_block_takes_max_words(tmp_path: Path) -> None:
    path = tmp_path / "deck.md"
    block = "```words\nid: w\nquestion: Trois mots ?\nmax_words: 2\ntimer: 60\n```"
    path.write_text(f"---\ntitle: T\n---\n# S\n\n{block}\n", encoding="utf-8")
    (activity,) = load_deck(path).activities
    assert isinstance(activity, TextActivity)
    assert activity.kind == "words" and activity.timer == 60 and activity.max_words == 2
