"""Questions, open answers and words: screening, moderation, votes (needs no display)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from fphkiosk.core.aggregation import TextBoard
from fphkiosk.core.deck import Deck
from fphkiosk.core.room import Room
from fphkiosk.core.room_changes import (
    AnswerRepeated,
    Moderate,
    OpenActivity,
    SpotlightChanged,
    SubmitText,
    TextItemChanged,
    TextReceived,
    Vote,
    VoteCast,
)
from fphkiosk.core.room_errors import Rejection, RejectionCode
from fphkiosk.core.text_board import MAX_QUESTIONS_PER_DEVICE, MIN_SECONDS_BETWEEN_TEXTS
from tests.net.sample_deck import sample_deck


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    return sample_deck(tmp_path, min_group_size=5, round_table=True)


def _room(deck: Deck, *opened: str) -> Room:
    room = Room(deck)
    for activity_id in opened:
        room.apply(OpenActivity(activity_id))
    return room


_clock = iter(range(0, 1_000_000, 10))


def _write(room: Room, token: str, text: str, activity: str = "questions") -> TextReceived:
    """A text from *token*, well spaced in time from its previous one."""
    changes = room.apply(SubmitText(token, activity, f"{token}-{text[:20]}", text, next(_clock)))
    received = changes[0]
    assert isinstance(received, TextReceived)
    return received


def _state(room: Room) -> object:
    return copy.deepcopy(
        {a: room.text_items(a) for a in ("questions", "mots", "libre")}
        | {"spotlight": room.texts.spotlight}
    )


def _board(room: Room, activity: str = "questions") -> TextBoard:
    board = room.results(activity)
    assert isinstance(board, TextBoard)
    return board


def test_a_question_is_held_until_the_trainer_approves_it(deck: Deck) -> None:
    room = _room(deck, "questions")
    received = _write(room, "a", "Quels risques pour les soignants ?")
    assert received.held
    (item,) = room.text_items("questions")
    assert item.state == "new" and not item.flagged
    assert _board(room).items == ()

    room.apply(Moderate("questions", item.item_id, "approve"))
    assert [i.text for i in _board(room).items] == ["Quels risques pour les soignants ?"]


def test_a_flagged_text_is_held_even_with_auto_moderation(tmp_path: Path) -> None:
    room = _room(sample_deck(tmp_path, front="moderation: auto", round_table=True), "questions")
    clean = _write(room, "a", "Comment signaler un faux compte ?")
    flagged = _write(room, "b", "Écrivez à jean.dupont@chu-nancy.fr pour la chambre 12")
    assert not clean.held and flagged.held
    held = flagged.items[0]
    assert held.state == "new"
    categories = {f.category for f in held.flags}
    assert "email" in categories
    email = next(f for f in held.flags if f.category == "email")
    assert held.text[email.start : email.end] == "jean.dupont@chu-nancy.fr"
    assert [i.text for i in _board(room).items] == ["Comment signaler un faux compte ?"]


def test_bad_texts_are_refused_and_change_nothing(deck: Deck) -> None:
    room = _room(deck, "questions")
    _write(room, "a", "Une première question ?")
    before = _state(room)
    cases = {
        "": "free_text.rejected.empty",
        "   \n ": "free_text.rejected.empty",
        "x" * 281: "free_text.rejected.too_long",
        "bon\x07jour": "free_text.rejected.control_characters",
        "abc\u202edef": "free_text.rejected.bidi_controls",
        "<b>gras</b> ?": "free_text.rejected.markup",
        "😀" * 40: "free_text.rejected.too_many_symbols",
        "😀" * 2000: "free_text.rejected.too_long",
    }
    for number, (text, key) in enumerate(cases.items()):
        with pytest.raises(Rejection) as refused:
            room.apply(SubmitText(f"t{number}", "questions", f"id{number}", text, 10_000.0))
        assert refused.value.code is RejectionCode.TEXT_INVALID
        assert refused.value.key == key
    assert _state(room) == before


def test_the_same_question_twice_is_refused(deck: Deck) -> None:
    room = _room(deck, "questions")
    _write(room, "a", "Faut-il un compte personnel ?")
    before = _state(room)
    with pytest.raises(Rejection) as refused:
        _write(room, "b", "  faut-il UN compte   personnel ? ")
    assert refused.value.code is RejectionCode.DUPLICATE_QUESTION
    assert _state(room) == before


def test_a_device_writing_too_fast_or_too_much_is_refused(deck: Deck) -> None:
    room = _room(deck, "questions")
    room.apply(SubmitText("a", "questions", "q1", "Première question ?", 100.0))
    with pytest.raises(Rejection) as too_soon:
        room.apply(SubmitText("a", "questions", "q2", "Deuxième question ?", 101.0))
    assert too_soon.value.code is RejectionCode.TEXT_TOO_SOON
    assert too_soon.value.params["seconds"] == 2
    room.apply(SubmitText("a", "questions", "q3", "Deuxième question ?", 100.0 + 3.0))
    at = 200.0
    for number in range(MAX_QUESTIONS_PER_DEVICE - 2):
        room.apply(SubmitText("a", "questions", f"n{number}", f"Question numéro {number} ?", at))
        at += MIN_SECONDS_BETWEEN_TEXTS
    with pytest.raises(Rejection) as flood:
        room.apply(SubmitText("a", "questions", "last", "Encore une question ?", at + 100))
    assert flood.value.code is RejectionCode.TOO_MANY_TEXTS
    assert len(room.text_items("questions")) == MAX_QUESTIONS_PER_DEVICE


def test_a_retried_text_is_taken_once(deck: Deck) -> None:
    room = _room(deck, "questions")
    room.apply(SubmitText("a", "questions", "same-id", "Une question ?", 0.0))
    again = room.apply(SubmitText("a", "questions", "same-id", "Une question ?", 50.0))
    assert again == (AnswerRepeated("a", "questions", "same-id"),)
    assert len(room.text_items("questions")) == 1
    with pytest.raises(Rejection) as reused:
        room.apply(SubmitText("b", "questions", "same-id", "Autre chose ?", 50.0))
    assert reused.value.code is RejectionCode.ANSWER_ID_REUSED


def test_votes_one_per_device_withdrawable_only_on_shown_questions(deck: Deck) -> None:
    room = _room(deck, "questions")
    first = _write(room, "a", "Première question ?").items[0]
    second = _write(room, "b", "Deuxième question ?").items[0]
    with pytest.raises(Rejection) as held:
        room.apply(Vote("c", "questions", first.item_id))
    assert held.value.code is RejectionCode.CANNOT_VOTE
    for item in (first, second):
        room.apply(Moderate("questions", item.item_id, "approve"))
    for voter in ("c", "d", "e"):
        room.apply(Vote(voter, "questions", second.item_id))
    changes = room.apply(Vote("c", "questions", first.item_id))
    assert changes[0] == VoteCast("c", "questions", first.item_id, True, 1)
    assert room.apply(Vote("c", "questions", first.item_id)) == ()  # twice counts once
    assert [(i.text, i.count) for i in _board(room).items] == [
        ("Deuxième question ?", 3),
        ("Première question ?", 1),
    ]
    room.apply(Vote("d", "questions", second.item_id, on=False))
    room.apply(Vote("e", "questions", second.item_id, on=False))
    assert [(i.text, i.count) for i in _board(room).items] == [
        ("Première question ?", 1),
        ("Deuxième question ?", 1),
    ]
    assert room.texts.voted_by("c", "questions") == (first.item_id, second.item_id)


def test_moderation_states_and_the_spotlight(deck: Deck) -> None:
    room = _room(deck, "questions")
    item = _write(room, "a", "Question pour la tribune ?").items[0]
    changes = room.apply(Moderate("questions", item.item_id, "spotlight"))
    # Spotlighting a held question approves it.
    assert isinstance(changes[0], TextItemChanged) and changes[0].item.state == "approved"
    assert changes[1] == SpotlightChanged("questions", item.item_id, None)
    spotlit = room.texts.spotlight
    assert spotlit is not None and spotlit.text == "Question pour la tribune ?"
    changes = room.apply(Moderate("questions", item.item_id, "answered"))
    assert room.texts.spotlight is None
    assert _board(room).items[0].answered
    room.apply(Moderate("questions", item.item_id, "hide"))
    assert _board(room).items == ()
    assert room.text_items("questions")[0].state == "hidden"
    with pytest.raises(Rejection) as unknown:
        room.apply(Moderate("questions", "t99", "approve"))
    assert unknown.value.code is RejectionCode.UNKNOWN_TEXT


def test_words_are_grouped_regardless_of_case_accents_and_plurals(deck: Deck) -> None:
    room = _room(deck, "mots")
    _write(room, "a", "Hôpitaux, soins, Partage", "mots")
    _write(room, "b", "hopital, Soin", "mots")
    _write(room, "c", "HÔPITAL", "mots")
    items = {i.text: i for i in room.text_items("mots")}
    assert {name: i.count for name, i in items.items()} == {"Hôpitaux": 3, "soins": 2, "Partage": 1}
    for item in items.values():
        room.apply(Moderate("mots", item.item_id, "approve"))
    board = _board(room, "mots")
    assert [(i.text, i.count) for i in board.items] == [
        ("Hôpitaux", 3),
        ("soins", 2),
        ("Partage", 1),
    ]
    assert board.respondents == 3
    with pytest.raises(Rejection) as again:
        _write(room, "a", "autre", "mots")
    assert again.value.code is RejectionCode.ALREADY_WRITTEN
    with pytest.raises(Rejection) as many:
        _write(room, "d", "un, deux, trois, quatre", "mots")
    assert many.value.key == "free_text.rejected.too_many_words"


def test_open_answers_one_per_device_and_never_votable(deck: Deck) -> None:
    room = _room(deck, "libre")
    item = _write(room, "a", "Relire mes paramètres de confidentialité", "libre").items[0]
    room.apply(Moderate("libre", item.item_id, "approve"))
    with pytest.raises(Rejection) as vote:
        room.apply(Vote("b", "libre", item.item_id))
    assert vote.value.code is RejectionCode.NOT_A_QUESTION
    with pytest.raises(Rejection) as answered:
        room.apply(Moderate("libre", item.item_id, "answered"))
    assert answered.value.code is RejectionCode.NOT_A_QUESTION


def test_texts_are_taken_only_while_open(deck: Deck) -> None:
    room = _room(deck)
    with pytest.raises(Rejection) as closed:
        room.apply(SubmitText("a", "questions", "x", "Trop tôt ?", 0.0))
    assert closed.value.code is RejectionCode.ACTIVITY_NOT_OPEN
    with pytest.raises(Rejection) as poll:
        room.apply(SubmitText("a", "sondage", "y", "Rouge", 0.0))
    assert poll.value.code is RejectionCode.NOT_A_TEXT_ACTIVITY


def test_a_text_that_could_not_be_stored_is_withdrawn(deck: Deck) -> None:
    room = _room(deck, "mots")
    _write(room, "a", "partage", "mots")
    before = _state(room)
    received = _write(room, "b", "partages, écoute", "mots")
    room.texts.withdraw(received)
    assert _state(room) == before
    assert not room.texts.has_written("b", "mots")
