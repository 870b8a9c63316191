"""The room's commands (what someone asks) and changes (what happened), as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


@dataclass(frozen=True)
class CloseActivity:
    activity_id: str


@dataclass(frozen=True)
class RevealActivity:
    activity_id: str


@dataclass(frozen=True)
class SubmitAnswer:
    token: str
    activity_id: str
    answer_id: str
    """Made by the client; a retry with the same id is counted once."""
    answer: Answer


@dataclass(frozen=True)
class Join:
    token: str


@dataclass(frozen=True)
class Leave:
    token: str


PresenterCommand = (
    GoToSlide | NextSlide | PreviousSlide | OpenActivity | CloseActivity | RevealActivity
)
Command = PresenterCommand | SubmitAnswer | Join | Leave


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


@dataclass(frozen=True)
class AnswerRecorded:
    token: str
    activity_id: str
    answer_id: str
    answer: Answer
    replaced: bool
    """True when this participant had already answered (the new answer counts)."""
    respondents: int


@dataclass(frozen=True)
class AnswerRepeated:
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


Change = (
    SlideChanged
    | ActivityStatusChanged
    | AnswerRecorded
    | AnswerRepeated
    | ConnectedChanged
    | KioskPinGuessed
)
