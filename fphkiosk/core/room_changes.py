"""The room's commands (what someone asks) and changes (what happened), as plain values.

Those of an answer are frozen msgspec structures, like the answers themselves: see
``core/room_answers.py`` for why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import msgspec

from fphkiosk.core.room_answers import Answer

ActivityStatus = Literal["idle", "open", "closed", "revealed"]
ACTIVITY_STATUSES: tuple[ActivityStatus, ...] = ("idle", "open", "closed", "revealed")


# Commands -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoToSlide:
    index: int
    """0-based."""


@dataclass(frozen=True)
class NextSlide:
    pass


@dataclass(frozen=True)
class PreviousSlide:
    pass


@dataclass(frozen=True)
class OpenActivity:
    activity_id: str
    at: float = 0.0
    """When (the room's monotonic clock, in seconds): a timed activity closes ``timer`` later."""


@dataclass(frozen=True)
class CloseActivity:
    activity_id: str


@dataclass(frozen=True)
class RevealActivity:
    activity_id: str


class SubmitAnswer(msgspec.Struct, frozen=True, gc=False):
    token: str
    activity_id: str
    answer_id: str
    """Made by the client; a retry with the same id is counted once."""
    answer: Answer


@dataclass(frozen=True)
class SubmitText:
    """A participant writes a question (qa), an answer (open) or one to three words (words)."""

    token: str
    activity_id: str
    answer_id: str
    text: str
    at: float = 0.0
    """The room's monotonic clock, in seconds: a device writing too often is refused."""


@dataclass(frozen=True)
class Vote:
    """A participant upvotes a question (``on``), or withdraws that vote."""

    token: str
    activity_id: str
    item_id: str
    on: bool = True


ModerationAction = Literal["approve", "hide", "answered", "spotlight", "unspotlight"]
MODERATION_ACTIONS: tuple[ModerationAction, ...] = (
    "approve",
    "hide",
    "answered",
    "spotlight",
    "unspotlight",
)


@dataclass(frozen=True)
class Moderate:
    """The trainer decides about one text: show it, hide it, mark it answered, spotlight it."""

    activity_id: str
    item_id: str
    action: ModerationAction


@dataclass(frozen=True)
class Join:
    token: str


@dataclass(frozen=True)
class Leave:
    token: str


PresenterCommand = (
    GoToSlide | NextSlide | PreviousSlide | OpenActivity | CloseActivity | RevealActivity | Moderate
)
Command = PresenterCommand | SubmitAnswer | SubmitText | Vote | Join | Leave


# Changes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlideChanged:
    index: int
    title: str


@dataclass(frozen=True)
class ActivityStatusChanged:
    activity_id: str
    status: ActivityStatus
    previous: ActivityStatus


class AnswerRecorded(msgspec.Struct, frozen=True, gc=False):
    token: str
    activity_id: str
    answer_id: str
    answer: Answer
    replaced: bool
    """True when this participant had already answered (the new answer counts)."""
    respondents: int


class AnswerRepeated(msgspec.Struct, frozen=True, gc=False):
    """A retry of an answer already recorded: nothing changed, the client is acknowledged again."""

    token: str
    activity_id: str
    answer_id: str


@dataclass(frozen=True)
class ConnectedChanged:
    connected: int
    peak: int


@dataclass(frozen=True)
class KioskPinGuessed:
    """A wrong kiosk PIN was typed: the console warns the trainer that someone may be guessing."""

    wrong: int
    """Wrong PINs since the last right one (or a long quiet spell)."""
    wait: float
    """Seconds before the room checks another PIN."""


TextState = Literal["new", "approved", "answered", "hidden"]
TEXT_STATES: tuple[TextState, ...] = ("new", "approved", "answered", "hidden")
PUBLISHED_TEXT_STATES: tuple[TextState, ...] = ("approved", "answered")


@dataclass(frozen=True)
class TextFlagSpan:
    """A part of a text the detector flagged: its category and where it is (character offsets)."""

    category: str
    start: int
    end: int


@dataclass(frozen=True)
class TextItem:
    """One text of a qa, open or words activity as the trainer sees it."""

    item_id: str
    activity_id: str
    text: str
    state: TextState
    flags: tuple[TextFlagSpan, ...]
    count: int
    """Votes of a question; devices that wrote an answer or a word."""
    supporters: frozenset[str]
    """Tokens behind ``count`` (voters or writers), for one vote per device; never published."""
    seq: int
    """Arrival order in the activity."""

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def published(self) -> bool:
        return self.state in PUBLISHED_TEXT_STATES


@dataclass(frozen=True)
class TextReceived:
    """A participant's text was taken: new items, or more support for existing ones (words)."""

    token: str
    activity_id: str
    answer_id: str
    items: tuple[TextItem, ...]
    created: tuple[str, ...]
    """Ids of the items this text created (the others got one more supporter)."""
    held: bool
    """True when at least one of them waits for the trainer's approval."""


@dataclass(frozen=True)
class TextItemChanged:
    """A text's state, count or supporters changed (``was_published``: before the change)."""

    item: TextItem
    was_published: bool
    previous_state: TextState


@dataclass(frozen=True)
class VoteCast:
    token: str
    activity_id: str
    item_id: str
    on: bool
    votes: int


@dataclass(frozen=True)
class SpotlightChanged:
    """The text shown large on the projector, or none."""

    activity_id: str | None
    item_id: str | None
    previous: tuple[str, str] | None = None
    """(activity, item) spotlit before."""


@dataclass(frozen=True)
class TimerStarted:
    activity_id: str
    seconds: int
    deadline: float
    """On the room's monotonic clock."""


Change = (
    SlideChanged
    | ActivityStatusChanged
    | AnswerRecorded
    | AnswerRepeated
    | ConnectedChanged
    | KioskPinGuessed
    | TextReceived
    | TextItemChanged
    | VoteCast
    | SpotlightChanged
    | TimerStarted
)
