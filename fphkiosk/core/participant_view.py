"""What a participant's device knows of the room, whatever carried it there.

The network client builds these values from the server's messages; audience mode's screens are
drawn from them alone, so that they never depend on the wire's format.
"""

from __future__ import annotations

from dataclasses import dataclass

from fphkiosk.core.privacy import PersonalResult, PublicResults
from fphkiosk.core.room_answers import Answer
from fphkiosk.core.room_changes import ActivityStatus


@dataclass(frozen=True)
class SlideHeading:
    index: int
    """0-based."""
    count: int
    title: str


@dataclass(frozen=True)
class ScaleSheet:
    title: str
    instructions: str
    options: tuple[str, ...]
    items: tuple[str, ...]
    licence: str = ""


@dataclass(frozen=True)
class ActivitySheet:
    """The current activity as participants see it: correct answer and results once revealed."""

    id: str
    kind: str
    """"poll", "quiz", "scale", "qa", "open" or "words"."""
    status: ActivityStatus
    question: str
    mode: str | None = None
    choices: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    scale: ScaleSheet | None = None
    correct: tuple[int, ...] = ()
    """Once revealed."""
    results: PublicResults | None = None
    multiple: bool = False
    max_choices: int | None = None
    timer: int | None = None
    remaining: float | None = None
    """Seconds left when the room sent it (a timed activity that is open)."""
    max_length: int | None = None
    max_words: int | None = None


@dataclass(frozen=True)
class ParticipantView:
    """Everything a participant's screen shows of the room, with the participant's own answer."""

    slide: SlideHeading
    activity: ActivitySheet | None = None
    my_answer: Answer | None = None
    my_result: PersonalResult | None = None
    my_votes: tuple[str, ...] = ()
    """The questions this device upvoted."""
    written: bool = False
    """This device gave its open answer or its words."""


@dataclass(frozen=True)
class AnswerAcknowledged:
    """The room committed an answer; *with_result* when it brought the participant's own score."""

    answer_id: str
    activity_id: str
    with_result: bool
    held: bool = False
    """A text that waits for the trainer's approval before anyone sees it."""


@dataclass(frozen=True)
class RoomRefused:
    """The room refused something (an answer when *answer_id* is set); the message is for people."""

    answer_id: str | None
    message: str


@dataclass(frozen=True)
class ActivityShown:
    """The room's current activity was (re)sent: opened, closed, revealed, or another one."""

    activity_id: str


@dataclass(frozen=True)
class RoomUpdated:
    """Anything else that changed what the screen shows (a slide, a snapshot, a welcome)."""


RoomNews = AnswerAcknowledged | RoomRefused | ActivityShown | RoomUpdated
