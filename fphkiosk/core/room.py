"""The live room's state machine: slide position, activity states, answers, connected devices.

Commands return the changes they caused; a refused command raises a Rejection and changes nothing.
Everything that shows the room (presenter console, projector, server) renders from those changes.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

import msgspec

from fphkiosk.core.aggregation import aggregate
from fphkiosk.core.deck import Activity, Deck, ScaleActivity, Slide, TextActivity
from fphkiosk.core.privacy import PersonalResult, PublicResults, personal_result, publishable
from fphkiosk.core.room_answers import Answer, ScaleAnswer, check_answer
from fphkiosk.core.room_changes import (
    ActivityStatus,
    ActivityStatusChanged,
    AnswerRecorded,
    AnswerRepeated,
    Change,
    CloseActivity,
    Command,
    ConnectedChanged,
    GoToSlide,
    Join,
    Leave,
    Moderate,
    NextSlide,
    OpenActivity,
    PreviousSlide,
    RevealActivity,
    SlideChanged,
    SpotlightChanged,
    SubmitAnswer,
    SubmitText,
    TextItem,
    TextItemChanged,
    TimerStarted,
    Vote,
)
from fphkiosk.core.room_errors import Rejection, RejectionCode
from fphkiosk.core.text_board import RestoredText, TextBoards


def room_clock() -> float:
    """The clock that stamps commands (timers, the pace of texts): monotonic seconds."""
    return time.monotonic()


class RecordedAnswer(msgspec.Struct, frozen=True, gc=False):
    token: str
    activity_id: str
    answer_id: str
    answer: Answer


class ReplacedAnswerId(msgspec.Struct, frozen=True, gc=False):
    """The id of an answer a participant replaced: its content is gone, its id stays known."""

    token: str
    activity_id: str
    answer_id: str


class Room:
    """One session's live state. Build it empty, or from a store's contents to resume."""

    def __init__(
        self,
        deck: Deck,
        *,
        slide_index: int = 0,
        statuses: Mapping[str, ActivityStatus] | None = None,
        answers: Iterable[RecordedAnswer] = (),
        replaced: Iterable[ReplacedAnswerId] = (),
        current_activity: str | None = None,
        peak_connected: int = 0,
        texts: Iterable[RestoredText] = (),
    ):
        self.deck = deck
        self._activities: dict[str, Activity] = {a.id: a for a in deck.activities}
        self._slide_index = max(0, min(len(deck.slides) - 1, slide_index))
        self._status: dict[str, ActivityStatus] = {a: "idle" for a in self._activities}
        for activity_id, status in (statuses or {}).items():
            if activity_id in self._status:
                self._status[activity_id] = status
        self._answers: dict[str, dict[str, RecordedAnswer]] = {a: {} for a in self._activities}
        self._answer_ids: dict[str, RecordedAnswer] = {}
        for recorded in answers:
            # Replayed in arrival order: the last answer of a participant is the one that counts.
            if recorded.activity_id in self._answers:
                self._answers[recorded.activity_id][recorded.token] = recorded
            self._answer_ids[recorded.answer_id] = recorded
        # A late retry of a replaced answer is recognised (and not counted) after a restart too.
        self._replaced_ids: dict[str, ReplacedAnswerId] = {r.answer_id: r for r in replaced}
        self._finished: set[tuple[str, str]] = set()
        """(token, activity) pairs whose participant said they are done: never shown again."""
        opened = [a for a, s in self._status.items() if s == "open"]
        self._current = opened[0] if opened else current_activity
        if self._current not in self._activities:
            self._current = None
        self._connections: dict[str, int] = {}
        self._peak = peak_connected
        self.texts = TextBoards(
            (a for a in self._activities.values() if isinstance(a, TextActivity)), deck.meta
        )
        self.texts.restore(texts)
        self._deadlines: dict[str, float] = {}

    # Reading ----------------------------------------------------------------------------------

    @property
    def slide_index(self) -> int:
        return self._slide_index

    @property
    def slide(self) -> Slide:
        return self.deck.slides[self._slide_index]

    @property
    def min_group_size(self) -> int:
        return self.deck.meta.min_group_size

    @property
    def connected(self) -> int:
        # Only tokens with at least one connection are kept: a count, not a scan of 2 000 tablets
        # on every join and leave.
        return len(self._connections)

    @property
    def peak_connected(self) -> int:
        return self._peak

    @property
    def current_activity_id(self) -> str | None:
        """The activity participants see: the open one, or the one opened last."""
        return self._current

    @property
    def open_activity_id(self) -> str | None:
        current = self._current
        return current if current is not None and self._status[current] == "open" else None

    def activity(self, activity_id: str) -> Activity:
        try:
            return self._activities[activity_id]
        except KeyError:
            raise Rejection(RejectionCode.UNKNOWN_ACTIVITY, activity=activity_id) from None

    def status(self, activity_id: str) -> ActivityStatus:
        self.activity(activity_id)
        return self._status[activity_id]

    def statuses(self) -> dict[str, ActivityStatus]:
        return dict(self._status)

    def respondents(self, activity_id: str) -> int:
        self.activity(activity_id)
        return len(self._answers[activity_id])

    def answers(self, activity_id: str) -> tuple[RecordedAnswer, ...]:
        """The answers that count (one per participant)."""
        self.activity(activity_id)
        return tuple(self._answers[activity_id].values())

    def answer_of(self, token: str, activity_id: str) -> Answer | None:
        recorded = self._answers.get(activity_id, {}).get(token)
        return recorded.answer if recorded else None

    def recorded_answer(self, token: str, activity_id: str) -> RecordedAnswer | None:
        """The answer of *token* that counts for *activity_id*, if any."""
        return self._answers.get(activity_id, {}).get(token)

    def knows_answer_id(self, answer_id: str) -> bool:
        return answer_id in self._answer_ids or answer_id in self._replaced_ids

    def own_answer_shown(self, token: str, activity_id: str) -> bool:
        """Whether a participant's own answer and result may be sent back to their device.

        Only while the activity is open and they have not said they are done: a shared tablet,
        reloaded later, must not show the previous person's answer or scale result.
        """
        return (
            self._status.get(activity_id) == "open" and (token, activity_id) not in self._finished
        )

    def finish(self, token: str, activity_id: str) -> None:
        """The participant is done with *activity_id*: their answer is not sent back any more."""
        self.activity(activity_id)
        self._finished.add((token, activity_id))

    def results(self, activity_id: str) -> PublicResults:
        """Room-wide results, withheld below the deck's minimum group size."""
        activity = self.activity(activity_id)
        if isinstance(activity, TextActivity):
            return publishable(self.texts.board(activity_id), self.min_group_size)
        results = aggregate(activity, (r.answer for r in self._answers[activity_id].values()))
        return publishable(results, self.min_group_size)

    def deadline(self, activity_id: str) -> float | None:
        """When a timed open activity closes, on the clock its OpenActivity was stamped with."""
        return self._deadlines.get(activity_id)

    def remaining(self, activity_id: str, now: float | None = None) -> float | None:
        """Seconds left before a timed open activity closes (None: not timed, or not open)."""
        deadline = self._deadlines.get(activity_id)
        if deadline is None:
            return None
        return max(0.0, deadline - (room_clock() if now is None else now))

    def restart_timer(self, activity_id: str, at: float) -> TimerStarted | None:
        """Give an open timed activity its whole time from *at* (a resumed session does)."""
        activity = self.activity(activity_id)
        if activity.timer is None or self._status[activity_id] != "open":
            return None
        self._deadlines[activity_id] = at + activity.timer
        return TimerStarted(activity_id, activity.timer, at + activity.timer)

    def text_items(self, activity_id: str) -> tuple[TextItem, ...]:
        """Every text of a qa, open or words activity, held ones included: the trainer's queue."""
        self._text_activity(activity_id)
        return self.texts.items(activity_id)

    def _text_activity(self, activity_id: str) -> TextActivity:
        activity = self.activity(activity_id)
        if not isinstance(activity, TextActivity):
            raise Rejection(RejectionCode.NOT_A_TEXT_ACTIVITY, activity=activity_id)
        return activity

    def personal_result(self, token: str, activity_id: str) -> PersonalResult | None:
        """A participant's own scale result, for that participant's device only."""
        activity = self._activities.get(activity_id)
        answer = self.answer_of(token, activity_id)
        if isinstance(activity, ScaleActivity) and isinstance(answer, ScaleAnswer):
            return personal_result(activity, answer)
        return None

    # Commands ---------------------------------------------------------------------------------

    def apply(self, command: Command) -> tuple[Change, ...]:
        """Carry out *command*; raise Rejection (state unchanged) if it cannot be."""
        match command:
            case GoToSlide(index):
                return self.go_to_slide(index)
            case NextSlide():
                return self._move_to(self._slide_index + 1)
            case PreviousSlide():
                return self._move_to(self._slide_index - 1)
            case OpenActivity(activity_id, at):
                return self.open(activity_id, at)
            case CloseActivity(activity_id):
                return self.close(activity_id)
            case RevealActivity(activity_id):
                return self.reveal(activity_id)
            case SubmitAnswer():
                return self.submit(command)
            case SubmitText():
                return self.submit_text(command)
            case Vote():
                return self.vote(command)
            case Moderate():
                return self.moderate(command)
            case Join(token):
                return self.join(token)
            case Leave(token):
                return self.leave(token)
        raise TypeError(f"not a room command: {command!r}")

    def go_to_slide(self, index: int) -> tuple[Change, ...]:
        if not 0 <= index < len(self.deck.slides):
            raise Rejection(RejectionCode.SLIDE_OUT_OF_RANGE, count=len(self.deck.slides))
        return self._move_to(index)

    def _move_to(self, index: int) -> tuple[Change, ...]:
        # Next on the last slide (or previous on the first) is a no-op rather than an error.
        target = max(0, min(len(self.deck.slides) - 1, index))
        if target == self._slide_index:
            return ()
        self._slide_index = target
        return (SlideChanged(target, self.slide.title),)

    def open(self, activity_id: str, at: float = 0.0) -> tuple[Change, ...]:
        """Open *activity_id* (again); an activity that was open closes, as only one is live.

        A timed activity gets its deadline, ``timer`` seconds after *at*.
        """
        activity = self.activity(activity_id)
        if self._status[activity_id] == "open":
            raise Rejection(RejectionCode.ACTIVITY_ALREADY_OPEN, activity=activity_id)
        changes: list[Change] = []
        other = self.open_activity_id
        if other is not None:
            changes.append(self._set_status(other, "closed"))
        changes.append(self._set_status(activity_id, "open"))
        self._current = activity_id
        if activity.timer is not None:
            deadline = at + activity.timer
            self._deadlines[activity_id] = deadline
            changes.append(TimerStarted(activity_id, activity.timer, deadline))
        return tuple(changes)

    def close(self, activity_id: str) -> tuple[Change, ...]:
        self.activity(activity_id)
        if self._status[activity_id] != "open":
            raise Rejection(RejectionCode.ACTIVITY_NOT_OPEN, activity=activity_id)
        return (self._set_status(activity_id, "closed"),)

    def reveal(self, activity_id: str) -> tuple[Change, ...]:
        """Show the results (and the correct answer); an open activity is closed first."""
        self.activity(activity_id)
        status = self._status[activity_id]
        if status in ("idle", "revealed"):
            raise Rejection(RejectionCode.NOTHING_TO_REVEAL, activity=activity_id)
        changes: list[Change] = []
        if status == "open":
            changes.append(self._set_status(activity_id, "closed"))
        changes.append(self._set_status(activity_id, "revealed"))
        self._current = activity_id
        return tuple(changes)

    def _set_status(self, activity_id: str, status: ActivityStatus) -> ActivityStatusChanged:
        previous = self._status[activity_id]
        self._status[activity_id] = status
        if status != "open":
            self._deadlines.pop(activity_id, None)
        return ActivityStatusChanged(activity_id, status, previous)

    def submit(self, command: SubmitAnswer) -> tuple[Change, ...]:
        """Record a participant's answer; the last answer while the activity is open counts."""
        known = self._answer_ids.get(command.answer_id) or self._replaced_ids.get(command.answer_id)
        if known is not None:
            if known.token != command.token or known.activity_id != command.activity_id:
                raise Rejection(RejectionCode.ANSWER_ID_REUSED)
            if isinstance(known, RecordedAnswer) and known.answer != command.answer:
                # Another answer under an acknowledged id would be silently dropped otherwise.
                raise Rejection(RejectionCode.ANSWER_ID_REUSED)
            return (AnswerRepeated(command.token, command.activity_id, command.answer_id),)
        activity = self.activity(command.activity_id)
        if self._status[activity.id] != "open":
            raise Rejection(RejectionCode.ACTIVITY_NOT_OPEN, activity=activity.id)
        check_answer(activity, command.answer)
        recorded = RecordedAnswer(command.token, activity.id, command.answer_id, command.answer)
        per_token = self._answers[activity.id]
        replaced = command.token in per_token
        per_token[command.token] = recorded
        self._answer_ids[command.answer_id] = recorded
        return (
            AnswerRecorded(
                command.token,
                activity.id,
                command.answer_id,
                command.answer,
                replaced,
                len(per_token),
            ),
        )

    def submit_text(self, command: SubmitText) -> tuple[Change, ...]:
        """Take a participant's question, open answer or words (checked and screened first)."""
        activity = self._text_activity(command.activity_id)
        if self._status[activity.id] != "open" and not self.texts.knows(command.answer_id):
            raise Rejection(RejectionCode.ACTIVITY_NOT_OPEN, activity=activity.id)
        return self.texts.submit(command)

    def vote(self, command: Vote) -> tuple[Change, ...]:
        """Upvote a question (or withdraw the vote) while its activity is open."""
        activity = self._text_activity(command.activity_id)
        if self._status[activity.id] != "open":
            raise Rejection(RejectionCode.ACTIVITY_NOT_OPEN, activity=activity.id)
        return self.texts.vote(command)

    def moderate(self, command: Moderate) -> tuple[Change, ...]:
        """The trainer approves, hides, marks answered or spotlights a text, open or not."""
        self._text_activity(command.activity_id)
        return self.texts.moderate(command)

    def revert(self, changes: Iterable[Change], slide_index: int, current: str | None) -> None:
        """Undo a presenter command's *changes* (they could not be stored): as it was before."""
        for change in reversed(tuple(changes)):
            if isinstance(change, ActivityStatusChanged):
                self._status[change.activity_id] = change.previous
            elif isinstance(change, TimerStarted):
                self._deadlines.pop(change.activity_id, None)
            elif isinstance(change, TextItemChanged | SpotlightChanged):
                self.texts.revert(change)
        self._slide_index = slide_index
        self._current = current

    def withdraw(self, change: AnswerRecorded, previous: RecordedAnswer | None) -> None:
        """Undo *change* (its answer could not be stored): *previous* counts again.

        The answer id is forgotten too, so that the device's retry is recorded afresh.
        """
        recorded = self._answer_ids.pop(change.answer_id, None)
        per_token = self._answers.get(change.activity_id, {})
        if recorded is None or per_token.get(change.token) is not recorded:
            return  # already replaced by a later answer of the same participant
        if previous is None:
            del per_token[change.token]
        else:
            per_token[change.token] = previous

    def join(self, token: str) -> tuple[Change, ...]:
        """A device connected (the same token may hold several connections: it counts once)."""
        before = self.connected
        self._connections[token] = self._connections.get(token, 0) + 1
        return self._connected_change(before)

    def leave(self, token: str) -> tuple[Change, ...]:
        before = self.connected
        remaining = self._connections.get(token, 0) - 1
        if remaining > 0:
            self._connections[token] = remaining
        else:
            self._connections.pop(token, None)
        return self._connected_change(before)

    def _connected_change(self, before: int) -> tuple[Change, ...]:
        now = self.connected
        if now == before:
            return ()
        self._peak = max(self._peak, now)
        return (ConnectedChanged(now, self._peak),)
