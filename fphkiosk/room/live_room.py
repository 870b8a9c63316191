"""The live room bound to its session file: commands are applied, persisted, and announced.

This is the in-process API the presenter console uses (no Qt, no aiohttp): ``subscribe`` a plain
callable to hear every change, ``await command(...)`` to open, close, reveal or move slides. The
room server is one more subscriber.

Listeners hear of an answer, a slide or an activity's status only once it is committed to the
session file: if the commit fails, the room forgets the change, so screens and disk agree. Only
the count of connected devices, which is not stored, is announced at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from fphkiosk.core.deck import Deck
from fphkiosk.core.guess_backoff import BackoffPolicy, GuessLimiter
from fphkiosk.core.room import RecordedAnswer, Room, room_clock
from fphkiosk.core.room_answers import answer_to_json
from fphkiosk.core.room_changes import (
    ActivityStatusChanged,
    AnswerRecorded,
    AnswerRepeated,
    Change,
    CloseActivity,
    ConnectedChanged,
    KioskPinGuessed,
    OpenActivity,
    PresenterCommand,
    SlideChanged,
    SubmitAnswer,
    SubmitText,
    TextReceived,
    TimerStarted,
    Vote,
    VoteCast,
)
from fphkiosk.room.credentials import (
    TokenIssuer,
    kiosk_pin,
    new_presenter_secret,
    new_room_code,
    new_token_key,
    pin_matches,
)
from fphkiosk.room.text_writes import TextKeeping
from fphkiosk.storage.errors import SessionPurged
from fphkiosk.storage.resume import room_from_store
from fphkiosk.storage.store import (
    AnswerWrite,
    ClockWrite,
    EndWrite,
    PeakWrite,
    PositionWrite,
    RehearsalWrite,
    SessionSeed,
    StatusWrite,
    StoredSession,
    Write,
    utc_minute,
    utc_now,
)
from fphkiosk.storage.writer import SessionWriter, resolve

Listener = Callable[[tuple[Change, ...]], None]
Durable = Callable[[BaseException | None], None]
"""Told that an answer is on disk (None), or that its commit failed (the store's error)."""
_log = logging.getLogger(__name__)

KIOSK_PIN_BACKOFF = BackoffPolicy(free=3, first_wait=10.0, max_wait=300.0, forget_after=900.0)
"""For the whole room, however many connections: three slips, then 10 s, 20 s, ... 5 min."""
_ROOM = "room"


@dataclass(frozen=True)
class PinVerdict:
    unlocked: bool
    wait: float = 0.0
    """Seconds before another PIN is checked; when above 0 this PIN was not checked at all."""


class LiveRoom:
    """A Room, its session file and its listeners."""

    def __init__(
        self,
        room: Room,
        writer: SessionWriter,
        stored: StoredSession,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.room = room
        self._writer = writer
        self.room_code = stored.room_code
        self.presenter_secret = stored.presenter_secret
        self.kiosk_pin = kiosk_pin(stored.presenter_secret)
        """Unlocks audience mode's kiosk; shown on the presenter console only."""
        self.tokens = TokenIssuer(stored.token_key)
        self.course_started_at = stored.course_started_at
        """When the trainer's elapsed clock started (UTC, ISO 8601), kept for a resume."""
        self.rehearsal = stored.rehearsal
        """Simulated participants answered in this session (``present --simulate``)."""
        self._clock = clock
        self._pin_guesses = GuessLimiter(KIOSK_PIN_BACKOFF, clock)
        self.last_input_at = 0.0
        """When (on *clock*) a participant last joined, answered, wrote or voted."""
        self._listeners: list[Listener] = []
        # Answers whose commit is under way, with who waits for it: a retry of the same answer
        # waits for that commit before its acknowledgement.
        self._in_flight: dict[str, list[Durable]] = {}
        self._background: set[asyncio.Future[None]] = set()
        self._texts = TextKeeping(room.deck.meta.keep_texts == "all", stored.texts)
        self._timers: dict[str, asyncio.TimerHandle] = {}

    @classmethod
    async def open(
        cls, deck: Deck, session_path: Path, clock: Callable[[], float] = time.monotonic
    ) -> LiveRoom:
        """Open the session at *session_path* (new, or resumed with its room code)."""
        seed = SessionSeed(
            deck.meta.title, new_room_code(), new_presenter_secret(), new_token_key()
        )
        writer, stored = await SessionWriter.open(session_path, seed)
        try:
            if not stored.presenter_secret or not stored.room_code:
                # Purged: its secrets are gone, and an empty code must never open a room.
                raise SessionPurged(session_path)
            room = room_from_store(deck, stored, session_path)
        except BaseException:
            await writer.close()
            raise
        live = cls(room, writer, stored, clock)
        live._restart_timers()
        return live

    @property
    def writer(self) -> SessionWriter:
        return self._writer

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call *listener* with every batch of changes; returns a function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _notify(self, changes: tuple[Change, ...]) -> None:
        if not changes:
            return
        for listener in tuple(self._listeners):
            try:
                listener(changes)
            except Exception as exc:
                # A broken screen must not stop the room; the type is enough, nothing personal.
                _log.error("room listener failed: %s", type(exc).__name__)

    async def command(self, command: PresenterCommand) -> tuple[Change, ...]:
        """Apply a presenter command (raises Rejection), commit it, then announce it.

        If the commit fails, the room is put back as it was and the store's error is raised.
        """
        slide_index, current = self.room.slide_index, self.room.current_activity_id
        if isinstance(command, OpenActivity):
            command = replace(command, at=room_clock())
        changes = self.room.apply(command)
        writes = self._writes_for(changes)
        try:
            await asyncio.gather(*(self._writer.submit(w) for w in writes))
        except Exception:
            self.room.revert(changes, slide_index, current)
            raise
        self._notify(changes)
        self._time(changes)
        return changes

    async def submit_text(self, command: SubmitText) -> tuple[Change, ...]:
        """Take a participant's text (raises Rejection); return, and announce it, once stored.

        A text that is held is in memory only (unless the deck keeps all texts): it reaches the
        file when the trainer approves it.
        """
        self.last_input_at = self._clock()
        changes = self.room.submit_text(replace(command, at=room_clock()))
        try:
            await self._commit(self._texts.writes_for(changes))
        except Exception:
            for change in changes:
                if isinstance(change, TextReceived):
                    self.room.texts.withdraw(change)
            raise
        self._notify(changes)
        return changes

    async def vote(self, command: Vote) -> tuple[Change, ...]:
        """Upvote a question or withdraw the vote (raises Rejection); return once stored."""
        self.last_input_at = self._clock()
        changes = self.room.vote(command)
        try:
            await self._commit(self._texts.writes_for(changes))
        except Exception:
            for change in changes:
                if isinstance(change, VoteCast):
                    self.room.texts.unvote(change)
            raise
        self._notify(changes)
        return changes

    async def _commit(self, writes: Iterable[Write]) -> None:
        await asyncio.gather(*(self._writer.submit(w) for w in writes))

    def _time(self, changes: Iterable[Change]) -> None:
        """A timed activity closes itself at zero: the room does it, whatever the clients do."""
        for change in changes:
            if isinstance(change, TimerStarted):
                self._arm(change.activity_id, change.deadline)
            elif isinstance(change, ActivityStatusChanged) and change.status != "open":
                handle = self._timers.pop(change.activity_id, None)
                if handle is not None:
                    handle.cancel()

    def _arm(self, activity_id: str, deadline: float) -> None:
        old = self._timers.pop(activity_id, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        delay = max(0.0, deadline - room_clock())
        self._timers[activity_id] = loop.call_later(delay, self._on_timer_done, activity_id)

    def _on_timer_done(self, activity_id: str) -> None:
        self._timers.pop(activity_id, None)
        if self.room.status(activity_id) != "open":
            return
        task = asyncio.ensure_future(self._close_on_time(activity_id))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _close_on_time(self, activity_id: str) -> None:
        try:
            await self.command(CloseActivity(activity_id))
        except Exception as exc:
            _log.error("timed close failed: %s", type(exc).__name__)

    def _restart_timers(self) -> None:
        """A resumed session's open timed activity gets its whole time again."""
        current = self.room.open_activity_id
        if current is None:
            return
        change = self.room.restart_timer(current, room_clock())
        if change is not None:
            self._time((change,))

    async def submit_answer(self, command: SubmitAnswer) -> tuple[Change, ...]:
        """Record an answer (raises Rejection); return, and announce it, once it is committed.

        If the commit fails, the answer no longer counts and the store's error is raised. A
        caller cancelled meanwhile does not stop the write.
        """
        durable: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        changes = self.record_answer(command, partial(resolve, durable))
        await durable
        return changes

    def record_answer(self, command: SubmitAnswer, then: Durable) -> tuple[Change, ...]:
        """Record an answer (raises Rejection) and return its changes, without waiting.

        *then* is told when the answer is durable: at once for a retry of an answer already on
        disk; after its commit otherwise, once the room has announced the answer to its
        listeners, or forgotten it if the commit failed (then *then* gets the store's error). A
        retry of an answer whose commit is under way is told when that commit is over. No future
        per answer: in a burst, a future and the loop callback that resolves it cost as much as
        the rest of an answer's bookkeeping.
        """
        self.last_input_at = self._clock()
        previous = self.room.recorded_answer(command.token, command.activity_id)
        changes = self.room.submit(command)
        for change in changes:
            if isinstance(change, AnswerRecorded):
                waiting = [then]
                self._in_flight[change.answer_id] = waiting
                self._writer.submit_then(
                    AnswerWrite(
                        answer_id=change.answer_id,
                        token=change.token,
                        activity_id=change.activity_id,
                        payload=answer_to_json(change.answer),
                        received_at=utc_minute(),
                        first=previous is None,
                    ),
                    partial(self._settle, changes, change, previous, waiting),
                )
                return changes
            if isinstance(change, AnswerRepeated):
                pending = self._in_flight.get(change.answer_id)
                if pending is not None:
                    pending.append(then)
                    return changes
        then(None)
        return changes

    def _settle(
        self,
        changes: tuple[Change, ...],
        change: AnswerRecorded,
        previous: RecordedAnswer | None,
        waiting: list[Durable],
        error: BaseException | None,
    ) -> None:
        if self._in_flight.get(change.answer_id) is waiting:
            del self._in_flight[change.answer_id]
        if error is None:
            self._notify(changes)
        else:
            # Not on disk, so not counted: a retry of the same answer is recorded afresh.
            self.room.withdraw(change, previous)
        for then in waiting:
            then(error)

    def check_kiosk_pin(self, typed: str) -> PinVerdict:
        """Check a PIN typed on a tablet, under one limit for the whole room.

        Wrong PINs are counted room-wide, not per connection, so reconnecting buys nothing; each
        one is announced (``KioskPinGuessed``) so the console can warn the trainer.
        """
        wait = self._pin_guesses.wait(_ROOM)
        if wait > 0:
            return PinVerdict(False, wait)
        if pin_matches(self.kiosk_pin, typed):
            self._pin_guesses.succeeded(_ROOM)
            return PinVerdict(True)
        self._pin_guesses.failed(_ROOM)
        wrong = self._pin_guesses.wrong(_ROOM)
        self._notify((KioskPinGuessed(wrong, self._pin_guesses.wait(_ROOM)),))
        return PinVerdict(False)

    def finish(self, token: str, activity_id: str) -> None:
        """The participant is done with *activity_id* (raises Rejection for an unknown one)."""
        self.room.finish(token, activity_id)

    def join(self, token: str) -> tuple[Change, ...]:
        self.last_input_at = self._clock()
        return self._apply_attendance(self.room.join(token))

    def leave(self, token: str) -> tuple[Change, ...]:
        return self._apply_attendance(self.room.leave(token))

    async def mark_rehearsal(self) -> None:
        """Record that simulated participants answer in this session (a rehearsal, for good)."""
        await self._commit([RehearsalWrite()])
        self.rehearsal = True

    def mark_course_started(self, at: str) -> None:
        """Keep when the elapsed clock (re)started, so a resumed session's clock carries on."""
        self.course_started_at = at
        self._persist_in_background([ClockWrite(at)])

    def _apply_attendance(self, changes: tuple[Change, ...]) -> tuple[Change, ...]:
        self._persist_in_background(self._writes_for(changes))
        self._notify(changes)
        return changes

    def _writes_for(self, changes: Iterable[Change]) -> list[Write]:
        writes: list[Write] = []
        for change in changes:
            if isinstance(change, SlideChanged | ActivityStatusChanged):
                if isinstance(change, ActivityStatusChanged):
                    writes.append(StatusWrite(change.activity_id, change.status, utc_now()))
                writes.append(PositionWrite(self.room.slide_index, self.room.current_activity_id))
            elif isinstance(change, ConnectedChanged) and change.peak == change.connected:
                writes.append(PeakWrite(change.peak))
        writes.extend(self._texts.writes_for(changes))
        return writes

    def _persist_in_background(self, writes: list[Write]) -> None:
        for write in writes:
            future = self._writer.submit(write)
            self._background.add(future)
            future.add_done_callback(self._on_background_write_done)

    def _on_background_write_done(self, future: asyncio.Future[None]) -> None:
        self._background.discard(future)
        if not future.cancelled() and future.exception() is not None:
            _log.error("session write failed: %s", type(future.exception()).__name__)

    async def close(self) -> None:
        """Mark the session ended and close its file."""
        for handle in self._timers.values():
            handle.cancel()
        self._timers.clear()
        try:
            await self._writer.submit(EndWrite(utc_now()))
        finally:
            await self._writer.close()
