"""Audience mode's controller: joins the room, draws the client's view of it in the window, and
sends the window's answers.

The participant's own scale result is never written anywhere; it leaves the screen when the next
activity starts, after a short delay, or on "Terminer".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from fphkiosk.core.i18n import Translator
from fphkiosk.core.participant_view import (
    ActivityShown,
    AnswerAcknowledged,
    ParticipantView,
    RoomNews,
    RoomRefused,
)
from fphkiosk.core.room_answers import Answer
from fphkiosk.net.client import AnswerRefused, ParticipantClient
from fphkiosk.ui.audience.room_address import InvalidAddress, room_ws_url
from fphkiosk.ui.audience.window import AudienceView, AudienceWindow, Connection

RESULT_LIFETIME_MS = 60_000
"""How long a participant's own scale result stays on a (possibly shared) tablet."""

ClientFactory = Callable[[str, str, str | None], ParticipantClient]


def default_client(ws_url: str, room_code: str, token: str | None) -> ParticipantClient:
    return ParticipantClient(ws_url, room_code, token=token)


class AudienceController:
    """Joins the room, renders the client's state into the window, sends the window's answers."""

    def __init__(
        self,
        window: AudienceWindow,
        tr: Translator,
        *,
        client_factory: ClientFactory = default_client,
        result_lifetime_ms: int = RESULT_LIFETIME_MS,
    ) -> None:
        self.window = window
        self.client: ParticipantClient | None = None
        self._tr = tr
        self._client_factory = client_factory
        self._lifetime_ms = result_lifetime_ms
        self._address = ""
        self._code = ""
        self._tokens: dict[tuple[str, str], str] = {}
        self._pending: dict[str, tuple[str, Answer]] = {}
        self._texts: dict[str, str] = {}
        """Texts on their way: answer id -> activity id."""
        self._text_held: bool | None = None
        self._error = ""
        self._result_activity: str | None = None
        self._result_hidden = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._expiry: asyncio.TimerHandle | None = None
        self.result_cleared = asyncio.Event()
        """Set whenever a personal result leaves the screen (for whoever must know, tests too)."""
        window.join_requested.connect(self._on_window_join_requested)
        window.join_cancelled.connect(self._on_window_join_cancelled)
        window.answer_chosen.connect(self._on_window_answer_chosen)
        window.text_written.connect(self._on_window_text_written)
        window.vote_cast.connect(self._on_window_vote_cast)
        window.result_finished.connect(self._on_window_result_finished)

    # Joining ----------------------------------------------------------------------------------

    def ask_for_room(self, address: str = "", code: str = "", error: str = "") -> None:
        self.window.show_join(address, code, error)

    async def join(self, address: str, code: str) -> None:
        """Connect to the room at *address* with *code*; the window follows on its own."""
        await self.leave()
        self._address, self._code = address, code
        if not code.strip():
            self.ask_for_room(address, code, self._tr("audience.join.no_code"))
            return
        try:
            ws_url = room_ws_url(address)
        except InvalidAddress as exc:
            self.ask_for_room(address, code, self._tr(exc.key))
            return
        room = (ws_url, code.strip())
        client = self._client_factory(ws_url, room[1], self._tokens.get(room))
        client.watch(self._on_client_news)
        self.client = client
        self.window.show_connecting(address)
        await client.start()
        self._spawn(self._watch(client, room))

    async def leave(self) -> None:
        """Drop the connection (its token is kept in memory, should the same room be rejoined)."""
        client, self.client = self.client, None
        self._pending.clear()
        self._error = ""
        self._cancel_expiry()
        if client is not None:
            await client.close()

    async def close(self) -> None:
        await self.leave()
        for task in tuple(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _watch(self, client: ParticipantClient, room: tuple[str, str]) -> None:
        """Follow the connection state, which arrives without any message (a drop, a rejoin)."""
        while self.client is client:
            await client.wait_until(_changed_from(client.is_joined))
            if self.client is not client:
                return
            if client.token is not None:
                self._tokens[room] = client.token
            if client.failure is not None:
                return  # Handled with the refusal message itself.
            self.render()

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # Rendering --------------------------------------------------------------------------------

    @property
    def connection(self) -> Connection:
        client = self.client
        if client is not None and client.is_joined:
            return Connection.CONNECTED
        if client is not None and client.connections > 0:
            return Connection.RECONNECTING
        return Connection.CONNECTING

    def render(self) -> None:
        client = self.client
        room = None if client is None else client.view
        if client is None or room is None:
            return  # Still on the "connecting" page.
        self._follow_result(room)
        activity_id = room.activity.id if room.activity is not None else None
        self.window.show_view(
            AudienceView(
                room,
                self.connection,
                pending=self._latest_pending(client, activity_id),
                show_result=not self._result_hidden,
                result_seconds=max(1, round(self._lifetime_ms / 1000)),
                error=self._error,
                text_pending=any(
                    a == activity_id and i in set(client.unacknowledged)
                    for i, a in self._texts.items()
                ),
                text_held=self._text_held,
            )
        )

    def _follow_result(self, room: ParticipantView) -> None:
        activity_id = room.activity.id if room.activity is not None else None
        if activity_id != self._result_activity:
            # Another activity: the previous private result and any refusal leave the screen.
            self._result_activity = activity_id
            self._result_hidden = False
            self._error = ""
            self._text_held = None
            self._cancel_expiry()
        result = room.my_result
        if result is None or result.activity_id != activity_id:
            self._cancel_expiry()
        elif not self._result_hidden and self._expiry is None:
            self._start_expiry()

    @property
    def result_expiry_pending(self) -> bool:
        return self._expiry is not None

    def _start_expiry(self) -> None:
        # The loop's timer, not a QTimer: it runs on any asyncio loop (qasync's, or a test's).
        self._cancel_expiry()
        self.result_cleared.clear()
        loop = asyncio.get_running_loop()
        self._expiry = loop.call_later(self._lifetime_ms / 1000, self._on_result_expired)

    def _cancel_expiry(self) -> None:
        if self._expiry is not None:
            self._expiry.cancel()
            self._expiry = None

    def _latest_pending(self, client: ParticipantClient, activity_id: str | None) -> Answer | None:
        waiting = set(client.unacknowledged)
        for answer_id in [a for a in self._pending if a not in waiting]:
            del self._pending[answer_id]
        bodies = [body for (aid, body) in self._pending.values() if aid == activity_id]
        return bodies[-1] if bodies else None

    # From the client --------------------------------------------------------------------------

    def _on_client_news(self, news: RoomNews) -> None:
        client = self.client
        if client is not None and client.failure is not None:
            # A wrong room code: retrying cannot help, the participant must retype it.
            self._spawn(self.leave())
            self.ask_for_room(self._address, self._code, client.failure.message)
            return
        if isinstance(news, AnswerAcknowledged) and news.with_result:
            # A new answer to the scale: its result gets the whole delay again.
            self._result_hidden = False
            self._start_expiry()
        elif isinstance(news, AnswerAcknowledged) and news.answer_id in self._texts:
            del self._texts[news.answer_id]
            self._text_held = news.held
            self._error = ""
        elif isinstance(news, RoomRefused) and news.answer_id in self._texts:
            del self._texts[news.answer_id]
            self._error = news.message
        elif isinstance(news, RoomRefused) and news.answer_id in self._pending:
            self._error = news.message
        elif isinstance(news, ActivityShown) and news.activity_id != self._result_activity:
            self._error = ""
        self.render()

    # From the window --------------------------------------------------------------------------

    def _on_window_join_requested(self, address: str, code: str) -> None:
        self._spawn(self.join(address, code))

    def _on_window_join_cancelled(self) -> None:
        address, code = self._address, self._code
        self._spawn(self.leave())
        self.ask_for_room(address, code)

    def _on_window_answer_chosen(self, activity_id: str, answer: Answer) -> None:
        client = self.client
        if client is None or not activity_id:
            return
        self._error = ""
        answer_id = client.send_answer(activity_id, answer)
        self._pending[answer_id] = (activity_id, answer)
        self.render()

    def _on_window_text_written(self, activity_id: str, text: str) -> None:
        client = self.client
        if client is None or not activity_id:
            return
        self._error = ""
        self._text_held = None
        self._texts[client.write(activity_id, text)] = activity_id
        self.render()

    def _on_window_vote_cast(self, activity_id: str, item_id: str, on: bool) -> None:
        client = self.client
        if client is None or not activity_id:
            return
        self._spawn(self._vote(client, activity_id, item_id, on))

    async def _vote(
        self, client: ParticipantClient, activity_id: str, item_id: str, on: bool
    ) -> None:
        try:
            await client.vote(activity_id, item_id, on)
        except AnswerRefused as refused:
            self._error = refused.message
        except ConnectionError:
            return
        self.render()

    def _on_window_result_finished(self) -> None:
        self._hide_result()

    def _on_result_expired(self) -> None:
        self._expiry = None
        self._hide_result()

    def _hide_result(self) -> None:
        client = self.client
        if client is not None and client.snapshot is not None:
            shown = client.snapshot.my_result
            if shown is not None:
                # Tablets are shared: once read, the result is never sent back to this device.
                client.finish(shown.activity_id)
        self._result_hidden = True
        self._cancel_expiry()
        self.result_cleared.set()
        self.render()


def _changed_from(joined: bool) -> Callable[[ParticipantClient], bool]:
    return lambda c: c.is_joined != joined or c.failure is not None


async def room_check(controller: AudienceController, pin: str) -> bool | None:
    """Whether the room says *pin* unlocks the kiosk (None when no room can tell)."""
    client = controller.client
    return None if client is None else await client.check_kiosk_pin(pin)
