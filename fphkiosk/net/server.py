"""The room server: an aiohttp application with the participant and presenter-remote WebSocket.

It runs on the caller's event loop (``AppRunner`` and a listening socket, no thread), so the
presenter app can host it on its qasync loop. Nothing personal is logged: no address, no token,
no answer; the access log is off and aiohttp's own messages are scrubbed (``http_guard``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from aiohttp import WSCloseCode, WSMsgType, web

from fphkiosk.core.i18n import Translator
from fphkiosk.core.room_changes import (
    ActivityStatusChanged,
    Change,
    SlideChanged,
    TextItemChanged,
)
from fphkiosk.net.addresses import room_hosts
from fphkiosk.net.connection import Connection
from fphkiosk.net.http_guard import (
    add_headers,
    guard_middleware,
    origin_allowed,
    protocol_factory,
)
from fphkiosk.net.limits import AddressGuesses, AddressLimiter, ServerLimits
from fphkiosk.net.liveness import LivenessSweep
from fphkiosk.net.message_handler import MessageHandler
from fphkiosk.net.pacing import TurnPacer
from fphkiosk.net.protocol import WS_PATH, ActivityMsg, BoardMsg, SlideMsg, encode
from fphkiosk.net.views import activity_view, board_view, presenter_state, slide_view
from fphkiosk.room.live_room import LiveRoom

_log = logging.getLogger(__name__)
_HOSTS_REREAD = 30.0
"""Seconds after which the laptop's addresses are read again (the Wi-Fi may give a new one)."""
_PRESENTER_STATE_DELAY = 0.05
"""Presenter remotes get at most ~20 state updates a second, however fast answers arrive."""


class RoomServer:
    """Serves one LiveRoom over WebSocket; ``await start(host, port)``, ``await stop()``."""

    def __init__(
        self,
        live: LiveRoom,
        tr: Translator,
        limits: ServerLimits | None = None,
        setup_app: Callable[[web.Application], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.live = live
        self.limits = limits or ServerLimits()
        self._tr = tr
        self._addresses = AddressLimiter(self.limits.connections_per_address)
        self._connections: set[Connection] = set()
        self._handler = MessageHandler(live, tr, self.limits, AddressGuesses(clock))
        self._pacer = TurnPacer()
        self._liveness = LivenessSweep(self.limits.heartbeat, lambda: self._connections)
        self._presenter_timer: asyncio.TimerHandle | None = None
        self._board_timer: asyncio.TimerHandle | None = None
        self._boards_due: set[str] = set()
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.Server | None = None
        self._open_connections = AddressLimiter(self.limits.open_connections_cap)
        self._hosts: frozenset[str] = frozenset()
        self._listen_host = "127.0.0.1"
        self._hosts_read_at = 0.0
        self.port = 0
        self.app = web.Application(middlewares=[guard_middleware(self._room_names)])
        self.app.on_response_prepare.append(add_headers())
        self.app.router.add_get(WS_PATH, self._websocket)
        self.app.on_shutdown.append(self._on_shutdown)
        if setup_app is not None:
            setup_app(self.app)
        self._unsubscribe = live.subscribe(self._on_room_changes)

    @property
    def connections(self) -> int:
        return len(self._connections)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on *host*:*port* (0 picks a free port, then ``self.port`` tells which)."""
        self._listen_host = host
        self._hosts = room_hosts(host)
        self._hosts_read_at = time.monotonic()
        # No access log (it would write every tablet's address); the protocol is aiohttp's own,
        # guarded (see http_guard), on a listening socket of ours.
        self._runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await self._runner.setup()
        factory = protocol_factory(
            self._runner,
            self._open_connections,
            self.limits.header_timeout,
            keepalive_timeout=self.limits.keepalive_timeout,
        )
        loop = asyncio.get_running_loop()
        self._listener = await loop.create_server(factory, host or None, port, reuse_address=True)
        self.port = int(self._listener.sockets[0].getsockname()[1])
        self._liveness.start()

    def _room_names(self) -> frozenset[str]:
        """The names a request may give as its Host; read again now and then (a new address)."""
        if time.monotonic() - self._hosts_read_at > _HOSTS_REREAD:
            self._hosts = room_hosts(self._listen_host)
            self._hosts_read_at = time.monotonic()
        return self._hosts

    async def stop(self) -> None:
        self._unsubscribe()
        self._liveness.stop()
        if self._presenter_timer is not None:
            self._presenter_timer.cancel()
        if self._board_timer is not None:
            self._board_timer.cancel()
        if self._listener is not None:
            self._listener.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._listener is not None:
            await self._listener.wait_closed()
            self._listener = None

    async def _on_shutdown(self, app: web.Application) -> None:
        for connection in tuple(self._connections):
            connection.drop(WSCloseCode.GOING_AWAY)

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if not origin_allowed(request, self._room_names()):
            raise web.HTTPForbidden(text=self._tr("room.error.bad_origin"))
        address = request.remote or ""
        if not self._addresses.acquire(address):
            raise web.HTTPTooManyRequests(text=self._tr("room.error.too_many_connections"))
        try:
            # No heartbeat of aiohttp's (a timer re-armed at each message): the liveness sweep
            # pings quiet clients, and the receive loop answers theirs.
            ws = web.WebSocketResponse(autoping=False, max_msg_size=self.limits.max_message_bytes)
            await ws.prepare(request)
            connection = Connection(ws, self.limits, request.transport, address)
            self._connections.add(connection)
            try:
                await self._receive(connection)
            finally:
                self._connections.discard(connection)
                self._handler.forget(connection)
                await connection.stop()
            return ws
        finally:
            self._addresses.release(address)

    async def _receive(self, connection: Connection) -> None:
        async for message in connection.ws:
            if connection.dropped:
                break
            connection.heard = True
            if message.type is WSMsgType.PING:
                if connection.bucket.take():
                    connection.pong(message.data)
                continue
            if message.type is WSMsgType.PONG:
                continue
            turn = self._pacer.admit()
            if turn is not None:
                await turn
                if connection.dropped:
                    break
            if message.type == WSMsgType.TEXT:
                await self._handler.handle(connection, message.data)
            elif message.type == WSMsgType.BINARY:
                self._handler.refuse_binary(connection)
            else:
                break

    def _on_room_changes(self, changes: tuple[Change, ...]) -> None:
        room = self.live.room
        for change in changes:
            if isinstance(change, SlideChanged):
                self._broadcast(encode(SlideMsg(slide=slide_view(room))))
            elif isinstance(change, ActivityStatusChanged):
                view = activity_view(room, change.activity_id)
                self._broadcast(encode(ActivityMsg(activity=view)))
            elif isinstance(change, TextItemChanged) and (
                change.was_published or change.item.published
            ):
                # Only what the room may see: a held or hidden text never causes a message.
                self._boards_due.add(change.item.activity_id)
        if self._boards_due and self._board_timer is None:
            self._board_timer = asyncio.get_running_loop().call_later(
                _PRESENTER_STATE_DELAY, self._send_boards
            )
        # Not "if any connection is a presenter": that scan of every connection, on each answer
        # of a burst, cost more than a timer that finds no remote 20 times a second.
        if self._presenter_timer is None:
            loop = asyncio.get_running_loop()
            self._presenter_timer = loop.call_later(
                _PRESENTER_STATE_DELAY, self._send_presenter_state
            )

    def _broadcast(self, text: str) -> None:
        for connection in tuple(self._connections):
            if connection.role == "participant":
                connection.send(text)

    def _send_boards(self) -> None:
        """Votes and approvals, at most ~20 times a second, to the devices that show the board."""
        self._board_timer = None
        due, self._boards_due = self._boards_due, set()
        room = self.live.room
        for activity_id in due:
            shown = (
                room.activity(activity_id).kind == "qa" or room.status(activity_id) == "revealed"
            )
            if activity_id != room.current_activity_id or not shown:
                continue
            board = board_view(room.texts.board(activity_id))
            self._broadcast(encode(BoardMsg(activity_id=activity_id, board=board)))

    def _send_presenter_state(self) -> None:
        self._presenter_timer = None
        remotes = [c for c in self._connections if c.role == "presenter"]
        if not remotes:
            return
        text = encode(presenter_state(self.live.room))
        for connection in remotes:
            connection.send(text)
