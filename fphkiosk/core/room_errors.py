"""Why the room refused a command. The state is never changed by a refused command."""

from __future__ import annotations

from enum import StrEnum


class RejectionCode(StrEnum):
    UNKNOWN_ACTIVITY = "unknown_activity"
    ACTIVITY_NOT_OPEN = "activity_not_open"
    ACTIVITY_ALREADY_OPEN = "activity_already_open"
    NOTHING_TO_REVEAL = "nothing_to_reveal"
    WRONG_ANSWER_KIND = "wrong_answer_kind"
    CHOICE_OUT_OF_RANGE = "choice_out_of_range"
    SAME_BEST_AND_WORST = "same_best_and_worst"
    WRONG_SCALE_ANSWER_COUNT = "wrong_scale_answer_count"
    OPTION_OUT_OF_RANGE = "option_out_of_range"
    SLIDE_OUT_OF_RANGE = "slide_out_of_range"
    ANSWER_ID_REUSED = "answer_id_reused"
    DUPLICATE_CHOICE = "duplicate_choice"
    TOO_MANY_CHOICES = "too_many_choices"
    NOT_A_TEXT_ACTIVITY = "not_a_text_activity"
    TEXT_INVALID = "text_invalid"
    DUPLICATE_QUESTION = "duplicate_question"
    ALREADY_WRITTEN = "already_written"
    TOO_MANY_TEXTS = "too_many_texts"
    TEXT_TOO_SOON = "text_too_soon"
    UNKNOWN_TEXT = "unknown_text"
    CANNOT_VOTE = "cannot_vote"
    NOT_A_QUESTION = "not_a_question"


class Rejection(Exception):
    """A command the room refused; ``key`` is the translation key of the message for the user."""

    def __init__(self, code: RejectionCode, *, message_key: str = "", **params: object):
        self.code = code
        self._message_key = message_key
        """A finer message than the code's (why a text is invalid: empty, too long...)."""
        self.params = params
        super().__init__(f"{code.value} {message_key} {params}")

    @property
    def key(self) -> str:
        return self._message_key or f"room.rejected.{self.code.value}"
