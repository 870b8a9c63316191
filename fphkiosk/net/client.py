"""A participant's client: joins with the room code, keeps its token, answers, reconnects alone.

Audience mode and the load tests share it. Answers carry a client-made id and stay in a resend
list until the server acknowledges them (after its commit); after every reconnection they are sent
again with the same ids, and the server counts each once.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import secrets
from collections import OrderedDict
from collections.abc import Callable

import aiohttp
import msgspec

from fphkiosk.core.participant_view import ParticipantView, RoomNews
from fphkiosk.core.room_answers import Answer
from fphkiosk.net.participant_views import participant_view, room_news
from fphkiosk.net.protocol import (
    AckMsg,
    ActivityMsg,
    AnswerBody,
    AnswerMsg,
    BoardMsg,
    ErrorMsg,
    FinishMsg,
    JoinMsg,
    KioskUnlockedMsg,
    KioskUnlockMsg,
    ServerMessage,
    SlideMsg,
    Snapshot,
    SnapshotMsg,
    TextMsg,
    VotedMsg,
    VoteMsg,
    WelcomeMsg,
    encode,
    server_decoder,
)
from fphkiosk.net.views import body_from_answer

# Errors after which reconnecting cannot help: the participant must act (retype the code).
FATAL_JOIN_ERRORS = frozenset({"wrong_room_code", "unsupported_version", "too_many_participants"})


class AnswerRefused(Exception):
    """The server refused an answer; ``message`` is the French text to show."""

    def __init__(self, error: ErrorMsg):
        self.code = error.code
        self.message = error.message
        super().__init__(f"{error.code}: {error.message}")


class JoinFailed(Exception):
    def __init__(self, error: ErrorMsg):
        self.code = error.code
        self.message = error.message
        super().__init__(f"{error.code}: {error.message}")


class ParticipantClient:
    """Participant side of the room: start, joined, answer, acknowledged, close."""

    def __init__(
        self,
        ws_url: str,
        room_code: str,
        *,
        token: str | None = None,
        session: aiohttp.ClientSession | None = None,
        backoff_initial: float = 0.2,
        backoff_max: float = 5.0,
        heartbeat: float = 15.0,
        rng: random.Random | None = None,
    ):
        self.ws_url = ws_url
        self.room_code = room_code
        self.token = token
        self.snapshot: Snapshot | None = None
        self.failure: JoinFailed | None = None
        self.connections = 0
        """How many times the client has joined (1 + reconnections)."""
        self._session = session
        self._owns_session = session is None
        self._backoff_initial = backoff_initial
        self._backoff_max = backoff_max
        self._heartbeat = heartbeat
        self._rng = rng or random.Random()
        self._unacked: OrderedDict[str, AnswerMsg | TextMsg] = OrderedDict()
        self._acks: dict[str, asyncio.Future[AckMsg]] = {}
        self._votes: dict[str, asyncio.Future[VotedMsg]] = {}
        self._listeners: list[Callable[[ServerMessage], None]] = []
        self._watchers: list[Callable[[RoomNews], None]] = []
        self._viewed: tuple[Snapshot, ParticipantView] | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._joined = asyncio.Event()
        self._changed = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._pin_check: asyncio.Future[bool] | None = None

    # Lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        self._task = asyncio.create_task(self._run())

    async def joined(self) -> None:
        """Wait until the client is in the room (raise JoinFailed if it never can be)."""
        await self.wait_until(lambda c: c.is_joined or c.failure is not None)
        if self.failure is not None:
            raise self.failure

    @property
    def is_joined(self) -> bool:
        return self._joined.is_set()

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._owns_session and self._session is not None:
            await self._session.close()
        for future in self._acks.values():
            if not future.done():
                future.cancel()
        for vote in self._votes.values():
            if not vote.done():
                vote.cancel()

    def subscribe(self, listener: Callable[[ServerMessage], None]) -> None:
        """Call *listener* with every message from the server (for audience mode's screen)."""
        self._listeners.append(listener)

    def watch(self, watcher: Callable[[RoomNews], None]) -> None:
        """Call *watcher* with what every server message means to the participant's screen."""
        self._watchers.append(watcher)

    @property
    def view(self) -> ParticipantView | None:
        """The room as the participant's screen shows it (None before the first welcome)."""
        snapshot = self.snapshot
        if snapshot is None:
            return None
        if self._viewed is None or self._viewed[0] is not snapshot:
            self._viewed = (snapshot, participant_view(snapshot))
        return self._viewed[1]

    async def wait_until(self, predicate: Callable[[ParticipantClient], bool]) -> None:
        """Wait until *predicate* holds; it is checked after every message and state change."""
        async with self._changed:
            await self._changed.wait_for(lambda: predicate(self))

    # Answers ----------------------------------------------------------------------------------

    def answer(self, activity_id: str, body: AnswerBody, answer_id: str | None = None) -> str:
        """Send an answer (now, or as soon as connected); return its id."""
        answer_id = answer_id or secrets.token_urlsafe(12)
        message = AnswerMsg(v=1, activity_id=activity_id, answer_id=answer_id, answer=body)
        self._unacked[answer_id] = message
        self._acks[answer_id] = asyncio.get_running_loop().create_future()
        if self.is_joined:
            self._send_soon(message)
        return answer_id

    def send_answer(self, activity_id: str, answer: Answer) -> str:
        """Send a core answer (now, or as soon as connected); return its id."""
        return self.answer(activity_id, body_from_answer(answer))

    def write(self, activity_id: str, text: str, answer_id: str | None = None) -> str:
        """Send a question, an open answer or words (now, or once connected); return its id."""
        answer_id = answer_id or secrets.token_urlsafe(12)
        message = TextMsg(v=1, activity_id=activity_id, answer_id=answer_id, text=text)
        self._unacked[answer_id] = message
        self._acks[answer_id] = asyncio.get_running_loop().create_future()
        if self.is_joined:
            self._send_soon(message)
        return answer_id

    async def vote(self, activity_id: str, item_id: str, on: bool = True) -> VotedMsg:
        """Upvote a question (or withdraw the vote); raise AnswerRefused if refused.

        Not queued across a reconnection: a vote is for what the screen shows now.
        """
        ws = self._ws
        if ws is None or ws.closed or not self.is_joined:
            raise ConnectionError("not connected")
        vote_id = secrets.token_urlsafe(9)
        future: asyncio.Future[VotedMsg] = asyncio.get_running_loop().create_future()
        self._votes[vote_id] = future
        message = VoteMsg(v=1, activity_id=activity_id, item_id=item_id, on=on, vote_id=vote_id)
        try:
            await self._send(ws, encode(message))
            return await future
        finally:
            self._votes.pop(vote_id, None)

    async def acknowledged(self, answer_id: str) -> AckMsg:
        """The server's acknowledgement (after its commit); raise AnswerRefused if refused."""
        return await asyncio.shield(self._acks[answer_id])

    @property
    def unacknowledged(self) -> tuple[str, ...]:
        return tuple(self._unacked)

    def finish(self, activity_id: str) -> None:
        """The person is done with *activity_id*: the room never sends its answer back again."""
        activity = None if self.snapshot is None else self.snapshot.activity
        if self.snapshot is not None and activity is not None and activity.id == activity_id:
            self.snapshot = msgspec.structs.replace(self.snapshot, my_result=None)
        ws = self._ws
        if ws is not None and not ws.closed and self.is_joined:
            message = encode(FinishMsg(v=1, activity_id=activity_id))
            asyncio.create_task(self._send(ws, message)).add_done_callback(_ignore_result)

    # Kiosk ------------------------------------------------------------------------------------

    async def check_kiosk_pin(self, pin: str, timeout: float = 5.0) -> bool | None:
        """Ask the room whether *pin* unlocks the kiosk: True, False, or None when it cannot tell
        (not connected, no answer in time), so that audience mode can fall back to a local PIN."""
        ws = self._ws
        if ws is None or ws.closed or not self.is_joined:
            return None
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._pin_check = future
        await self._send(ws, encode(KioskUnlockMsg(v=1, pin=pin)))
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None
        finally:
            self._pin_check = None

    def _settle_pin_check(self, unlocked: bool) -> None:
        if self._pin_check is not None and not self._pin_check.done():
            self._pin_check.set_result(unlocked)

    # Connection loop --------------------------------------------------------------------------

    async def _run(self) -> None:
        attempt = 0
        assert self._session is not None
        while not self._closing:
            try:
                async with self._session.ws_connect(
                    self.ws_url, heartbeat=self._heartbeat, autoping=True
                ) as ws:
                    self._ws = ws
                    await ws.send_str(
                        encode(JoinMsg(v=1, room_code=self.room_code, token=self.token))
                    )
                    async for message in ws:
                        if message.type != aiohttp.WSMsgType.TEXT:
                            break
                        if await self._on_text(message.data):
                            attempt = 0
            except (TimeoutError, aiohttp.ClientError, OSError):
                pass
            finally:
                self._ws = None
                self._joined.clear()
                await self._notify()
            if self._closing or self.failure is not None:
                return
            await asyncio.sleep(self._backoff(attempt))
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        """Exponential back-off with jitter, so 500 tablets do not all come back at once."""
        ceiling: float = min(self._backoff_max, self._backoff_initial * 2.0 ** min(attempt, 30))
        return ceiling * (0.5 + self._rng.random() / 2)

    async def _on_text(self, text: str) -> bool:
        """Handle one server message; True when it was the welcome of a (re)join."""
        try:
            message = server_decoder.decode(text)
        except msgspec.DecodeError:
            return False
        welcomed = False
        match message:
            case WelcomeMsg():
                self.token = message.token or self.token
                self.snapshot = message.snapshot
                self.connections += 1
                self._joined.set()
                welcomed = True
                for pending in tuple(self._unacked.values()):
                    self._send_soon(pending)
            case SnapshotMsg():
                self.snapshot = message.snapshot
            case SlideMsg():
                if self.snapshot is not None:
                    self.snapshot = msgspec.structs.replace(self.snapshot, slide=message.slide)
            case ActivityMsg():
                self._on_activity(message)
            case AckMsg():
                self._on_ack(message)
            case VotedMsg():
                self._on_voted(message)
            case BoardMsg():
                self._on_board(message)
            case KioskUnlockedMsg():
                self._settle_pin_check(True)
            case ErrorMsg():
                if message.code in ("wrong_pin", "too_many_attempts"):
                    self._settle_pin_check(False)
                self._on_error(message)
        for listener in tuple(self._listeners):
            listener(message)
        if self._watchers:
            news = room_news(message)
            for watcher in tuple(self._watchers):
                watcher(news)
        await self._notify()
        return welcomed

    def _on_activity(self, message: ActivityMsg) -> None:
        if self.snapshot is None:
            return
        current = self.snapshot.activity
        if current is not None and current.id == message.activity.id:
            self.snapshot = msgspec.structs.replace(self.snapshot, activity=message.activity)
        else:
            # Another activity: the previous one's answer and private result leave the screen.
            self.snapshot = msgspec.structs.replace(
                self.snapshot,
                activity=message.activity,
                my_answer=None,
                my_result=None,
                my_votes=[],
                written=False,
            )

    def _on_voted(self, message: VotedMsg) -> None:
        future = self._votes.get(message.vote_id or "")
        if future is not None and not future.done():
            future.set_result(message)
        if self.snapshot is not None:
            votes = [v for v in self.snapshot.my_votes if v != message.item_id]
            if message.on:
                votes.append(message.item_id)
            self.snapshot = msgspec.structs.replace(self.snapshot, my_votes=votes)

    def _on_board(self, message: BoardMsg) -> None:
        activity = None if self.snapshot is None else self.snapshot.activity
        if self.snapshot is None or activity is None or activity.id != message.activity_id:
            return
        activity = msgspec.structs.replace(activity, results=message.board)
        self.snapshot = msgspec.structs.replace(self.snapshot, activity=activity)

    def _on_ack(self, message: AckMsg) -> None:
        sent = self._unacked.pop(message.answer_id, None)
        future = self._acks.get(message.answer_id)
        if future is not None and not future.done():
            future.set_result(message)
        if isinstance(sent, TextMsg):
            if self.snapshot is not None:
                self.snapshot = msgspec.structs.replace(self.snapshot, written=True)
            return
        if self.snapshot is not None and sent is not None:
            activity = self.snapshot.activity
            if activity is not None and activity.id == message.activity_id:
                self.snapshot = msgspec.structs.replace(
                    self.snapshot, my_answer=sent.answer, my_result=message.my_result
                )

    def _on_error(self, message: ErrorMsg) -> None:
        vote = self._votes.get(message.answer_id or "")
        if vote is not None:
            if not vote.done():
                vote.set_exception(AnswerRefused(message))
            return
        if message.answer_id is not None:
            self._unacked.pop(message.answer_id, None)
            future = self._acks.get(message.answer_id)
            if future is not None and not future.done():
                future.set_exception(AnswerRefused(message))
                future.exception()  # Marks it retrieved: the caller may not be waiting.
        elif not self.is_joined and message.code in FATAL_JOIN_ERRORS:
            self.failure = JoinFailed(message)
            if self._ws is not None:
                self._send_close_soon(self._ws)

    def _send_soon(self, message: AnswerMsg | TextMsg) -> None:
        ws = self._ws
        if ws is None or ws.closed:
            return
        task = asyncio.create_task(self._send(ws, encode(message)))
        task.add_done_callback(_ignore_result)

    @staticmethod
    async def _send(ws: aiohttp.ClientWebSocketResponse, text: str) -> None:
        # A send on a dropping connection fails quietly: the answer stays unacknowledged and
        # goes again after the reconnection.
        with contextlib.suppress(Exception):
            await ws.send_str(text)

    def _send_close_soon(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        asyncio.create_task(ws.close()).add_done_callback(_ignore_result)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()


def _ignore_result(task: asyncio.Task[object]) -> None:
    if not task.cancelled():
        task.exception()
