"""The room's state machine, without sockets or files (needs no display)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from fphkiosk.core.deck import Deck
from fphkiosk.core.room import RecordedAnswer, Room
from fphkiosk.core.room_answers import BestWorstAnswer, ChoiceAnswer, ScaleAnswer
from fphkiosk.core.room_changes import (
    ActivityStatusChanged,
    AnswerRecorded,
    AnswerRepeated,
    CloseActivity,
    Command,
    ConnectedChanged,
    GoToSlide,
    Join,
    Leave,
    NextSlide,
    OpenActivity,
    PreviousSlide,
    RevealActivity,
    SlideChanged,
    SubmitAnswer,
)
from fphkiosk.core.room_errors import Rejection, RejectionCode
from tests.net.sample_deck import sample_deck


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    return sample_deck(tmp_path, min_group_size=3)


@pytest.fixture
def room(deck: Deck) -> Room:
    return Room(deck)


def _state(room: Room) -> object:
    """Everything observable about the room, to prove a refused command changed nothing."""
    return copy.deepcopy(
        (
            room.slide_index,
            room.statuses(),
            room.current_activity_id,
            {a.id: room.answers(a.id) for a in room.deck.activities},
            room.connected,
            room.peak_connected,
        )
    )


def test_slides_move_and_report_their_title(room: Room) -> None:
    assert room.apply(NextSlide()) == (SlideChanged(1, "Sondage"),)
    assert room.apply(GoToSlide(4)) == (SlideChanged(4, "Échelle"),)
    assert room.apply(NextSlide()) == ()  # already on the last slide
    assert room.apply(PreviousSlide()) == (SlideChanged(3, "Meilleure et pire"),)


def test_activity_lifecycle_with_reopen(room: Room) -> None:
    assert room.apply(OpenActivity("sondage")) == (
        ActivityStatusChanged("sondage", "open", "idle"),
    )
    assert room.open_activity_id == "sondage"
    assert room.apply(CloseActivity("sondage")) == (
        ActivityStatusChanged("sondage", "closed", "open"),
    )
    assert room.apply(RevealActivity("sondage")) == (
        ActivityStatusChanged("sondage", "revealed", "closed"),
    )
    assert room.apply(OpenActivity("sondage")) == (
        ActivityStatusChanged("sondage", "open", "revealed"),
    )


def test_reveal_of_an_open_activity_closes_it_first(room: Room) -> None:
    room.open("quiz")
    assert room.reveal("quiz") == (
        ActivityStatusChanged("quiz", "closed", "open"),
        ActivityStatusChanged("quiz", "revealed", "closed"),
    )


def test_opening_another_activity_closes_the_open_one(room: Room) -> None:
    room.open("sondage")
    changes = room.open("quiz")
    assert changes == (
        ActivityStatusChanged("sondage", "closed", "open"),
        ActivityStatusChanged("quiz", "open", "idle"),
    )
    assert room.current_activity_id == "quiz"


def test_one_answer_per_token_and_the_last_one_counts(room: Room) -> None:
    room.open("sondage")
    first = room.apply(SubmitAnswer("t1", "sondage", "a1", ChoiceAnswer(0)))
    assert first == (AnswerRecorded("t1", "sondage", "a1", ChoiceAnswer(0), False, 1),)
    room.apply(SubmitAnswer("t2", "sondage", "a2", ChoiceAnswer(2)))
    changed = room.apply(SubmitAnswer("t1", "sondage", "a3", ChoiceAnswer(1)))
    assert changed == (AnswerRecorded("t1", "sondage", "a3", ChoiceAnswer(1), True, 2),)
    assert room.answer_of("t1", "sondage") == ChoiceAnswer(1)
    assert room.respondents("sondage") == 2


def test_a_retried_answer_id_is_counted_once(room: Room) -> None:
    room.open("sondage")
    room.submit(SubmitAnswer("t1", "sondage", "a1", ChoiceAnswer(0)))
    room.submit(SubmitAnswer("t1", "sondage", "a2", ChoiceAnswer(2)))
    again = room.submit(SubmitAnswer("t1", "sondage", "a1", ChoiceAnswer(0)))
    assert again == (AnswerRepeated("t1", "sondage", "a1"),)
    # The retry of an older answer does not bring it back: the last new answer still counts.
    assert room.answer_of("t1", "sondage") == ChoiceAnswer(2)
    assert room.respondents("sondage") == 1


def test_retry_after_close_is_still_acknowledged(room: Room) -> None:
    room.open("sondage")
    room.submit(SubmitAnswer("t1", "sondage", "a1", ChoiceAnswer(0)))
    room.close("sondage")
    assert room.submit(SubmitAnswer("t1", "sondage", "a1", ChoiceAnswer(0))) == (
        AnswerRepeated("t1", "sondage", "a1"),
    )


def _open_all(room: Room) -> Room:
    room.open("echelle")
    return room


REJECTED: list[tuple[str, Command, RejectionCode]] = [
    ("unknown activity", OpenActivity("nope"), RejectionCode.UNKNOWN_ACTIVITY),
    ("close idle", CloseActivity("quiz"), RejectionCode.ACTIVITY_NOT_OPEN),
    ("reveal idle", RevealActivity("quiz"), RejectionCode.NOTHING_TO_REVEAL),
    ("open twice", OpenActivity("echelle"), RejectionCode.ACTIVITY_ALREADY_OPEN),
    ("slide", GoToSlide(99), RejectionCode.SLIDE_OUT_OF_RANGE),
    (
        "answer closed",
        SubmitAnswer("t", "quiz", "x1", ChoiceAnswer(0)),
        RejectionCode.ACTIVITY_NOT_OPEN,
    ),
    (
        "answer unknown",
        SubmitAnswer("t", "nope", "x2", ChoiceAnswer(0)),
        RejectionCode.UNKNOWN_ACTIVITY,
    ),
    (
        "wrong kind",
        SubmitAnswer("t", "echelle", "x3", ChoiceAnswer(0)),
        RejectionCode.WRONG_ANSWER_KIND,
    ),
    (
        "too few scale answers",
        SubmitAnswer("t", "echelle", "x4", ScaleAnswer((1, 0))),
        RejectionCode.WRONG_SCALE_ANSWER_COUNT,
    ),
    (
        "scale option out of range",
        SubmitAnswer("t", "echelle", "x5", ScaleAnswer((1, 0, 2))),
        RejectionCode.OPTION_OUT_OF_RANGE,
    ),
    (
        "reused answer id",
        SubmitAnswer("other", "echelle", "taken", ScaleAnswer((1, 1, 1))),
        RejectionCode.ANSWER_ID_REUSED,
    ),
]


@pytest.mark.parametrize(("name", "command", "code"), REJECTED, ids=[r[0] for r in REJECTED])
def test_rejections_are_typed_and_change_nothing(
    room: Room, name: str, command: Command, code: RejectionCode
) -> None:
    _open_all(room)
    room.submit(SubmitAnswer("t0", "echelle", "taken", ScaleAnswer((0, 0, 0))))
    room.join("t0")
    before = _state(room)
    with pytest.raises(Rejection) as caught:
        room.apply(command)
    assert caught.value.code is code
    assert caught.value.key == f"room.rejected.{code.value}"
    assert _state(room) == before


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (ChoiceAnswer(3), RejectionCode.CHOICE_OUT_OF_RANGE),
        (BestWorstAnswer(0, 1), RejectionCode.WRONG_ANSWER_KIND),
    ],
)
def test_single_poll_rejections(room: Room, answer: ChoiceAnswer, code: RejectionCode) -> None:
    room.open("sondage")
    before = _state(room)
    with pytest.raises(Rejection) as caught:
        room.submit(SubmitAnswer("t", "sondage", "id", answer))
    assert caught.value.code is code
    assert _state(room) == before


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (BestWorstAnswer(1, 1), RejectionCode.SAME_BEST_AND_WORST),
        (BestWorstAnswer(0, 4), RejectionCode.CHOICE_OUT_OF_RANGE),
        (ChoiceAnswer(0), RejectionCode.WRONG_ANSWER_KIND),
    ],
)
def test_best_worst_rejections(room: Room, answer: BestWorstAnswer, code: RejectionCode) -> None:
    room.open("meilleure-pire")
    before = _state(room)
    with pytest.raises(Rejection) as caught:
        room.submit(SubmitAnswer("t", "meilleure-pire", "id", answer))
    assert caught.value.code is code
    assert _state(room) == before


def test_every_rejection_has_a_french_message(tr: object) -> None:
    from fphkiosk.core.i18n import Translator

    assert isinstance(tr, Translator)
    for code in RejectionCode:
        assert tr.has(f"room.rejected.{code.value}"), code


def test_results_are_withheld_below_the_minimum_group_size(room: Room) -> None:
    from fphkiosk.core.aggregation import ChoiceCounts
    from fphkiosk.core.privacy import TooFewRespondents

    room.open("quiz")
    for n, choice in enumerate((1, 1)):
        room.submit(SubmitAnswer(f"t{n}", "quiz", f"a{n}", ChoiceAnswer(choice)))
    assert room.results("quiz") == TooFewRespondents("quiz", 2, 3)
    room.submit(SubmitAnswer("t9", "quiz", "a9", ChoiceAnswer(0)))
    results = room.results("quiz")
    assert isinstance(results, ChoiceCounts)
    assert results.counts == (1, 2, 0)
    assert results.correct == (1,)
    assert results.correct_share == pytest.approx(2 / 3)


def test_personal_scale_result_goes_to_its_participant_only(room: Room) -> None:
    room.open("echelle")
    # Yes, yes, and "no" to the reversed item: 1 + 1 + 1 = 3 points.
    room.submit(SubmitAnswer("me", "echelle", "a1", ScaleAnswer((1, 1, 0))))
    mine = room.personal_result("me", "echelle")
    assert mine is not None
    assert (mine.score, mine.band_label, mine.advice) == (3, "Élevé", "Faites une pause.")
    assert room.personal_result("someone-else", "echelle") is None
    assert room.personal_result("me", "quiz") is None


def test_connected_count_and_peak(room: Room) -> None:
    assert room.apply(Join("a")) == (ConnectedChanged(1, 1),)
    assert room.apply(Join("a")) == ()  # a second tab of the same device
    assert room.apply(Join("b")) == (ConnectedChanged(2, 2),)
    assert room.apply(Leave("a")) == ()
    assert room.apply(Leave("a")) == (ConnectedChanged(1, 2),)
    assert room.apply(Leave("zzz")) == ()
    assert (room.connected, room.peak_connected) == (1, 2)


def test_a_room_rebuilt_from_its_answers_resumes(deck: Deck) -> None:
    answers = [
        RecordedAnswer("t1", "sondage", "a1", ChoiceAnswer(0)),
        RecordedAnswer("t1", "sondage", "a2", ChoiceAnswer(2)),
        RecordedAnswer("t2", "sondage", "a3", ChoiceAnswer(1)),
    ]
    room = Room(
        deck,
        slide_index=1,
        statuses={"sondage": "open", "gone": "closed"},
        answers=answers,
        peak_connected=7,
    )
    assert room.slide_index == 1
    assert room.open_activity_id == "sondage"
    assert room.answer_of("t1", "sondage") == ChoiceAnswer(2)
    assert room.knows_answer_id("a1")
    assert room.peak_connected == 7
    assert room.submit(SubmitAnswer("t1", "sondage", "a1", ChoiceAnswer(0))) == (
        AnswerRepeated("t1", "sondage", "a1"),
    )
