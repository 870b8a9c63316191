"""Audience mode, wired: a participant's window on a tablet, driven by a ParticipantClient.

The controller turns the client's snapshot (and its connection state) into what the window shows,
and the window's taps into answers. The participant's own scale result is never written anywhere;
it leaves the screen when the next activity starts, after a short delay, or on "Terminer".
"""

from __future__ import annotations

import asyncio
import functools
import sys
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import qasync
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import QApplication

from fphkiosk.core.i18n import Translator
from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import (
    AckMsg,
    ActivityMsg,
    AnswerBody,
    ErrorMsg,
    ServerMessage,
    Snapshot,
)
from fphkiosk.ui.audience.kiosk import InvalidPin, KioskLock, valid_pin
from fphkiosk.ui.audience.window import AudienceView, AudienceWindow, Connection
from fphkiosk.ui.slides.fonts import register_fonts

EXIT_OK = 0
EXIT_USAGE = 2
RESULT_LIFETIME_MS = 60_000
"""How long a participant's own scale result stays on a (possibly shared) tablet."""
APP_FONT_POINT_SIZE = 14
SCHEMES = {"http": "http", "https": "https", "ws": "http", "wss": "https"}

ClientFactory = Callable[[str, str, str | None], ParticipantClient]


class InvalidAddress(ValueError):
    """The room address typed or given is not usable; ``key`` is the message to show."""

    key = "audience.join.bad_address"


def room_ws_url(address: str) -> str:
    """The WebSocket URL of the room at *address* ("192.168.1.10:8765", "http://…/", "ws://…")."""
    text = address.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    scheme = SCHEMES.get(parts.scheme.lower())
    try:
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        raise InvalidAddress(address) from None
    if scheme is None or not parts.hostname:
        raise InvalidAddress(address)
    return urlunsplit((scheme, parts.netloc, "/ws", "", ""))


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
        self._pending: dict[str, tuple[str, AnswerBody]] = {}
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
        client.subscribe(self._on_client_message)
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
        if client is None or client.snapshot is None:
            return  # Still on the "connecting" page.
        snapshot = client.snapshot
        self._follow_result(snapshot)
        activity_id = snapshot.activity.id if snapshot.activity is not None else None
        self.window.show_view(
            AudienceView(
                snapshot,
                self.connection,
                pending=self._latest_pending(client, activity_id),
                show_result=not self._result_hidden,
                result_seconds=max(1, round(self._lifetime_ms / 1000)),
                error=self._error,
            )
        )

    def _follow_result(self, snapshot: Snapshot) -> None:
        activity_id = snapshot.activity.id if snapshot.activity is not None else None
        if activity_id != self._result_activity:
            # Another activity: the previous private result and any refusal leave the screen.
            self._result_activity = activity_id
            self._result_hidden = False
            self._error = ""
            self._cancel_expiry()
        result = snapshot.my_result
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

    def _latest_pending(
        self, client: ParticipantClient, activity_id: str | None
    ) -> AnswerBody | None:
        waiting = set(client.unacknowledged)
        for answer_id in [a for a in self._pending if a not in waiting]:
            del self._pending[answer_id]
        bodies = [body for (aid, body) in self._pending.values() if aid == activity_id]
        return bodies[-1] if bodies else None

    # From the client --------------------------------------------------------------------------

    def _on_client_message(self, message: ServerMessage) -> None:
        client = self.client
        if client is not None and client.failure is not None:
            # A wrong room code: retrying cannot help, the participant must retype it.
            self._spawn(self.leave())
            self.ask_for_room(self._address, self._code, client.failure.message)
            return
        if isinstance(message, AckMsg) and message.my_result is not None:
            # A new answer to the scale: its result gets the whole delay again.
            self._result_hidden = False
            self._start_expiry()
        elif isinstance(message, ErrorMsg) and message.answer_id in self._pending:
            self._error = message.message
        elif isinstance(message, ActivityMsg) and message.activity.id != self._result_activity:
            self._error = ""
        self.render()

    # From the window --------------------------------------------------------------------------

    def _on_window_join_requested(self, address: str, code: str) -> None:
        self._spawn(self.join(address, code))

    def _on_window_join_cancelled(self) -> None:
        address, code = self._address, self._code
        self._spawn(self.leave())
        self.ask_for_room(address, code)

    def _on_window_answer_chosen(self, activity_id: str, body: AnswerBody) -> None:
        client = self.client
        if client is None or not activity_id:
            return
        self._error = ""
        answer_id = client.answer(activity_id, body)
        self._pending[answer_id] = (activity_id, body)
        self.render()

    def _on_window_result_finished(self) -> None:
        self._hide_result()

    def _on_result_expired(self) -> None:
        self._expiry = None
        self._hide_result()

    def _hide_result(self) -> None:
        self._result_hidden = True
        self._cancel_expiry()
        self.result_cleared.set()
        self.render()


def _changed_from(joined: bool) -> Callable[[ParticipantClient], bool]:
    return lambda c: c.is_joined != joined or c.failure is not None


class _ClosingWindow(AudienceWindow):
    """The window, telling the loop when it has really closed (the kiosk lock may refuse)."""

    def __init__(self, *args: Any, on_closed: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._on_closed = on_closed

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self._on_closed()


async def _room_check(controller: AudienceController, pin: str) -> bool | None:
    client = controller.client
    return None if client is None else await client.check_kiosk_pin(pin)


def run_audience(
    url: str | None,
    code: str | None,
    *,
    windowed: bool,
    pin: str | None,
    tr: Translator,
    result_lifetime_ms: int = RESULT_LIFETIME_MS,
) -> int:
    """Open the participant's window (locked full screen unless *windowed*) until unlocked."""
    if pin is not None:
        try:
            pin = valid_pin(pin)
        except InvalidPin as exc:
            print(tr(exc.key), file=sys.stderr)
            return EXIT_USAGE
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("fphkiosk")
    app.setQuitOnLastWindowClosed(False)
    family = register_fonts()
    app.setFont(QFont(family, APP_FONT_POINT_SIZE))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    window = _ClosingWindow(tr, family=family, show_quit=not windowed, on_closed=closed.set)
    lock: KioskLock | None = None
    controller = AudienceController(window, tr, result_lifetime_ms=result_lifetime_ms)
    if not windowed:
        # The console's PIN, checked by the room; --pin also unlocks when the room is out of reach.
        lock = KioskLock(window, pin, tr, room_check=functools.partial(_room_check, controller))
        window.quit_requested.connect(lock.request_exit)
        lock.unlocked.connect(window.close)
    with loop:
        if lock is not None:
            lock.show()
        else:
            window.show()
        if url and code:
            loop.create_task(controller.join(url, code))
        else:
            controller.ask_for_room(url or "", code or "")
        loop.run_until_complete(closed.wait())
        loop.run_until_complete(controller.close())
    return EXIT_OK
