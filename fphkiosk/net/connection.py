"""One WebSocket connection on the server side: its role, its caps, and its outgoing queue.

Messages to a client go through a bounded queue to the connection's one sender task, which
writes them in order with aiohttp's public ``send_str``. A broadcast only queues, so it never
waits for a slow tablet: when a client's queue is full it is dropped, reconnects and gets a fresh
snapshot, instead of being buffered without bound. A write that has to wait for the client (its
socket's buffer is full) does so under the send timeout; a client that keeps up costs no timer.

A reply to the client's own message (an answer's acknowledgement) is written by the connection's
handler itself (``reply``) when nothing waits in the queue and the socket takes it at once: the
same ``send_str``, without waking the sender task, once per answer of a burst.

Pings and pongs go through the same queue, in order with the messages. Whether the client is still
there is the room's liveness sweep's business (``net/liveness.py``): the receive loop marks the
connection ``heard`` at each frame, and ``still_there`` is asked every half heartbeat.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Literal

from aiohttp import WSCloseCode, web

from fphkiosk.net.limits import ServerLimits, TokenBucket

Role = Literal["none", "participant", "presenter"]


@dataclass(frozen=True)
class _Control:
    """A ping (or a pong echoing *data*) waiting in the queue with the messages."""

    pong: bool
    data: bytes = b""


_PING = _Control(pong=False)
QUIET_SWEEPS_BEFORE_PING = 2
"""Sweeps (half heartbeats) without a frame from the client before it is pinged; one more
without an answer and it is taken for gone."""


class Connection:
    def __init__(
        self,
        ws: web.WebSocketResponse,
        limits: ServerLimits,
        transport: asyncio.Transport | None = None,
        address: str = "",
    ):
        self.ws = ws
        self.address = address
        """The client's address, for per-address limits in memory; never stored or logged."""
        self._transport = transport
        self.role: Role = "none"
        self.token: str | None = None
        self.bucket = TokenBucket(limits.messages_per_second, limits.message_burst)
        self.rejected_in_a_row = 0
        self.wrong_codes = 0
        self.dropped = False
        self.heard = True
        """A frame came from the client since the last liveness sweep (set by the receive loop)."""
        self._quiet_sweeps = 0
        self._limits = limits
        # None in the queue: close once the messages before it are sent.
        self._queue: asyncio.Queue[str | _Control | None] = asyncio.Queue(
            maxsize=limits.outgoing_queue
        )
        self._close_code: int = WSCloseCode.POLICY_VIOLATION
        self._sender: asyncio.Task[None] | None = None
        """Started with the first message; writes the queue in order until the connection ends."""
        self._writing = False
        self._closer: asyncio.Task[None] | None = None
        self._graceful = False

    def send(self, text: str) -> None:
        """Queue *text* for the client; drop the client if it cannot keep up."""
        self._put(text)

    def pong(self, data: bytes) -> None:
        """Answer the client's ping (after the messages already queued)."""
        self._put(_Control(pong=True, data=data))

    def still_there(self) -> None:
        """The liveness sweep's question, every half heartbeat: heard since the last sweep, the
        client is there; quiet for ``QUIET_SWEEPS_BEFORE_PING`` sweeps, it is pinged; quiet for
        one more (the ping unanswered), it is gone and the connection is cut."""
        if self.heard:
            self.heard = False
            self._quiet_sweeps = 0
            return
        self._quiet_sweeps += 1
        if self._quiet_sweeps == QUIET_SWEEPS_BEFORE_PING:
            self._put(_PING)
        elif self._quiet_sweeps > QUIET_SWEEPS_BEFORE_PING:
            self.vanished()

    def vanished(self) -> None:
        """The client is gone (its Wi-Fi, its battery): cut the connection at once. A close
        frame would wait for an answer that never comes, and the room would count the tablet
        as connected meanwhile."""
        if self._transport is None:
            self.drop(WSCloseCode.GOING_AWAY)
            return
        self.dropped = True
        self._transport.abort()

    def _put(self, item: str | _Control) -> None:
        if self.dropped:
            return
        try:
            self._queue.put_nowait(item)
        except asyncio.QueueFull:
            self.drop(WSCloseCode.TRY_AGAIN_LATER)
            return
        if self._sender is None:
            self._sender = asyncio.create_task(self._send_loop())

    async def reply(self, text: str) -> None:
        """Write *text* now if it can go before nothing else and without waiting for the client;
        otherwise queue it like ``send``."""
        if self.dropped:
            return
        if self._writing or not self._queue.empty() or not self._keeps_up(text):
            self.send(text)
            return
        # Marked as writing, in case the socket makes this wait after all: the sender task then
        # leaves the connection to this write until it is over.
        self._writing = True
        try:
            await self.ws.send_str(text)
        except asyncio.CancelledError:
            if _really_cancelled():
                raise
            self.drop(WSCloseCode.TRY_AGAIN_LATER)
        except Exception:
            self.drop(WSCloseCode.TRY_AGAIN_LATER)
        finally:
            self._writing = False

    def close_after_pending(self, code: int = WSCloseCode.POLICY_VIOLATION) -> None:
        """Close once the queued messages (the error that explains why, say) are sent."""
        if self.dropped:
            return
        self._close_code = code
        try:
            self._queue.put_nowait(None)
        except asyncio.QueueFull:
            self.drop(code)
            return
        if self._sender is None:
            self._sender = asyncio.create_task(self._send_loop())
        self.dropped = True
        self._graceful = True

    def drop(self, code: int = WSCloseCode.POLICY_VIOLATION) -> None:
        """Close the connection soon, from outside the handler's receive loop."""
        if self.dropped:
            return
        self.dropped = True
        self._closer = asyncio.create_task(self._close(code))

    async def _send_loop(self) -> None:
        try:
            while True:
                item = await self._queue.get()
                if item is None:
                    self._closer = asyncio.create_task(self._close(self._close_code))
                    return
                self._writing = True
                if isinstance(item, _Control):
                    async with asyncio.timeout(self._limits.send_timeout):
                        await (self.ws.pong(item.data) if item.pong else self.ws.ping())
                elif self._keeps_up(item):
                    await self.ws.send_str(item)
                else:
                    async with asyncio.timeout(self._limits.send_timeout):
                        await self.ws.send_str(item)
                self._writing = False
        except asyncio.CancelledError:
            if _really_cancelled():
                raise
            # aiohttp may say "connection gone" with a CancelledError no one asked for.
            self.drop(WSCloseCode.TRY_AGAIN_LATER)
        except Exception:
            # Timed out or connection gone: the client will reconnect and resync.
            self.drop(WSCloseCode.TRY_AGAIN_LATER)

    def _keeps_up(self, text: str) -> bool:
        """Whether the socket's buffer takes *text* without waiting for the client to read."""
        transport = self._transport
        if transport is None or transport.is_closing():
            return False
        _low, high = transport.get_write_buffer_limits()
        return transport.get_write_buffer_size() + len(text) < high

    async def _close(self, code: int) -> None:
        try:
            async with asyncio.timeout(self._limits.send_timeout):
                await self.ws.close(code=code)
        except asyncio.CancelledError:
            # aiohttp raises CancelledError out of a close whose write was cut short, with no
            # one cancelling this task: only a real cancellation goes on up.
            if _really_cancelled():
                raise
        except Exception:
            pass
        finally:
            # A client that stopped reading never takes the close frame: aiohttp then leaves
            # the socket open until its buffers drain (never) and the receive loop waiting.
            # Cutting it releases the buffers, the handler and the address's slot; after a
            # clean close (the transport already closed) it does nothing.
            if self._transport is not None:
                self._transport.abort()

    async def stop(self) -> None:
        if self._sender is not None and self._graceful:
            # Give the last messages (the reason for closing) a chance to leave.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self._sender), self._limits.send_timeout)
        if self._sender is not None:
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sender
        if self._closer is not None:
            with contextlib.suppress(Exception):
                await self._closer


def _really_cancelled() -> bool:
    current = asyncio.current_task()
    return current is not None and current.cancelling() > 0
