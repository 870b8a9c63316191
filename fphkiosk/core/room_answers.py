"""What a participant can answer, how an answer is checked against its activity, its JSON form.

An answer, like the commands and changes an answer makes (``SubmitAnswer``, ``AnswerRecorded``,
``AnswerRepeated``, ``RecordedAnswer``), is a frozen msgspec structure rather than a frozen
dataclass: the room builds four of them per answer, in a burst of hundreds, and a structure costs
a sixth of the time to build. They hold only text, numbers and other such structures, so they
never form a cycle and are left out of garbage collection (``gc=False``). Values built once
(decks, presenter commands) stay dataclasses.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from fphkiosk.core.deck import Activity, Poll, ScaleActivity, TextActivity
from fphkiosk.core.room_errors import Rejection, RejectionCode


class ChoiceAnswer(msgspec.Struct, frozen=True, gc=False):
    """One choice (0-based index) for a single-choice poll or quiz."""

    choice: int


class BestWorstAnswer(msgspec.Struct, frozen=True, gc=False):
    """The best and the worst choice (0-based indices, different) for a best-worst poll."""

    best: int
    worst: int


class MultiChoiceAnswer(msgspec.Struct, frozen=True, gc=False):
    """Several choices (0-based, distinct, in increasing order) for a ``multiple`` poll or quiz."""

    choices: tuple[int, ...]


class ScaleAnswer(msgspec.Struct, frozen=True, gc=False):
    """One option index per item of a scale, in item order."""

    options: tuple[int, ...]


Answer = ChoiceAnswer | BestWorstAnswer | MultiChoiceAnswer | ScaleAnswer


def check_answer(activity: Activity, answer: Answer) -> None:
    """Raise a Rejection if *answer* does not fit *activity*."""
    if isinstance(activity, TextActivity):
        # Texts are written with SubmitText, never answered as a choice.
        raise Rejection(RejectionCode.WRONG_ANSWER_KIND, activity=activity.id)
    if isinstance(activity, ScaleActivity):
        _check_scale(activity, answer)
    elif activity.multiple:
        _check_multiple(activity, answer)
    elif activity.mode == "best-worst":
        _check_best_worst(activity, answer)
    else:
        _check_single(activity, answer)


def _check_single(poll: Poll, answer: Answer) -> None:
    if not isinstance(answer, ChoiceAnswer):
        raise Rejection(RejectionCode.WRONG_ANSWER_KIND, activity=poll.id)
    _check_choice(poll, answer.choice)


def _check_multiple(poll: Poll, answer: Answer) -> None:
    if not isinstance(answer, MultiChoiceAnswer):
        raise Rejection(RejectionCode.WRONG_ANSWER_KIND, activity=poll.id)
    for choice in answer.choices:
        _check_choice(poll, choice)
    if len(set(answer.choices)) != len(answer.choices):
        raise Rejection(RejectionCode.DUPLICATE_CHOICE, activity=poll.id)
    if not 1 <= len(answer.choices) <= poll.most_choices:
        raise Rejection(RejectionCode.TOO_MANY_CHOICES, activity=poll.id, max=poll.most_choices)


def _check_best_worst(poll: Poll, answer: Answer) -> None:
    if not isinstance(answer, BestWorstAnswer):
        raise Rejection(RejectionCode.WRONG_ANSWER_KIND, activity=poll.id)
    _check_choice(poll, answer.best)
    _check_choice(poll, answer.worst)
    if answer.best == answer.worst:
        raise Rejection(RejectionCode.SAME_BEST_AND_WORST, activity=poll.id)


def _check_choice(poll: Poll, choice: int) -> None:
    if not 0 <= choice < len(poll.choices):
        raise Rejection(
            RejectionCode.CHOICE_OUT_OF_RANGE, activity=poll.id, count=len(poll.choices)
        )


def _check_scale(activity: ScaleActivity, answer: Answer) -> None:
    if not isinstance(answer, ScaleAnswer):
        raise Rejection(RejectionCode.WRONG_ANSWER_KIND, activity=activity.id)
    scale = activity.scale
    if len(answer.options) != len(scale.items):
        raise Rejection(
            RejectionCode.WRONG_SCALE_ANSWER_COUNT,
            activity=activity.id,
            expected=len(scale.items),
            count=len(answer.options),
        )
    if any(not 0 <= option < len(scale.options) for option in answer.options):
        raise Rejection(
            RejectionCode.OPTION_OUT_OF_RANGE, activity=activity.id, count=len(scale.options)
        )


def answer_to_json(answer: Answer) -> dict[str, object]:
    """The answer as a JSON-ready mapping, tagged by kind (the store keeps it in this form)."""
    if isinstance(answer, ChoiceAnswer):
        return {"kind": "choice", "choice": answer.choice}
    if isinstance(answer, BestWorstAnswer):
        return {"kind": "best_worst", "best": answer.best, "worst": answer.worst}
    if isinstance(answer, MultiChoiceAnswer):
        return {"kind": "choices", "choices": list(answer.choices)}
    return {"kind": "scale", "options": list(answer.options)}


def answer_from_json(data: Mapping[str, object]) -> Answer:
    """Inverse of answer_to_json; raise ValueError on anything else."""
    kind = data.get("kind")
    if kind == "choice":
        return ChoiceAnswer(_int(data.get("choice")))
    if kind == "best_worst":
        return BestWorstAnswer(_int(data.get("best")), _int(data.get("worst")))
    if kind == "choices":
        choices = data.get("choices")
        if not isinstance(choices, list):
            raise ValueError("multiple-choice answer without choices")
        return MultiChoiceAnswer(tuple(sorted(_int(c) for c in choices)))
    if kind == "scale":
        options = data.get("options")
        if not isinstance(options, list):
            raise ValueError("scale answer without options")
        return ScaleAnswer(tuple(_int(o) for o in options))
    raise ValueError(f"unknown answer kind {kind!r}")


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {value!r}")
    return value
