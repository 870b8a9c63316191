"""One WebSocket connection on the server side: its role, its caps, and its outgoing queue.

A message to a client that is keeping up is written at once, by the caller: the frame goes to the
socket's buffer without waiting, so it needs no task, no queue and no timer (on the presenter's
qasync loop each of those is a Qt timer, paid for every acknowledgement of a burst). When a write
has to wait (the socket's buffer is full), it is finished by a sender task under the send timeout,
and later messages wait in a bounded queue behind it, so a broadcast never waits for a slow
tablet: when the queue is full the client is dropped, reconnects and gets a fresh snapshot,
instead of being buffered without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine
from typing import Any, Literal

from aiohttp import WSCloseCode, web

from fphkiosk.net.limits import ServerLimits, TokenBucket

Role = Literal["none", "participant", "presenter"]


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
        self._limits = limits
        # None in the queue: close once the messages before it are sent.
        self._queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=limits.outgoing_queue)
        self._close_code: int = WSCloseCode.POLICY_VIOLATION
        self._sender: asyncio.Task[None] | None = None
        """Runs only while a write waits: it finishes it, then sends the queue."""
        self._closer: asyncio.Task[None] | None = None
        self._graceful = False

    @property
    def _sending(self) -> bool:
        return self._sender is not None and not self._sender.done()

    def send(self, text: str) -> None:
        """Send *text* to the client, or queue it; drop the client if it cannot keep up."""
        if self.dropped:
            return
        if self._sending:
            try:
                self._queue.put_nowait(text)
            except asyncio.QueueFull:
                self.drop(WSCloseCode.TRY_AGAIN_LATER)
            return
        coroutine = self.ws.send_str(text)
        try:
            # Run by hand up to its first wait: a client keeping up never makes it wait.
            waiting = coroutine.send(None)
        except StopIteration:
            return
        except (Exception, asyncio.CancelledError):
            # Connection gone (aiohttp may say so with a CancelledError): never the caller's
            # problem, a broadcast goes on to the others. The client reconnects and resyncs.
            coroutine.close()
            self.drop(WSCloseCode.TRY_AGAIN_LATER)
            return
        self._sender = asyncio.create_task(self._send_loop(coroutine, waiting))

    def close_after_pending(self, code: int = WSCloseCode.POLICY_VIOLATION) -> None:
        """Close once the queued messages (the error that explains why, say) are sent."""
        if self.dropped:
            return
        self._close_code = code
        if not self._sending:
            self._closer = asyncio.create_task(self._close(code))
        else:
            try:
                self._queue.put_nowait(None)
            except asyncio.QueueFull:
                self.drop(code)
                return
        self.dropped = True
        self._graceful = True

    def drop(self, code: int = WSCloseCode.POLICY_VIOLATION) -> None:
        """Close the connection soon, from outside the handler's receive loop."""
        if self.dropped:
            return
        self.dropped = True
        self._closer = asyncio.create_task(self._close(code))

    async def _close(self, code: int) -> None:
        try:
            async with asyncio.timeout(self._limits.send_timeout):
                await self.ws.close(code=code)
        except asyncio.CancelledError:
            # aiohttp raises CancelledError out of a close whose write was cut short, with no
            # one cancelling this task: only a real cancellation goes on up.
            current = asyncio.current_task()
            if current is not None and current.cancelling():
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

    async def _send_loop(self, started: Coroutine[Any, Any, None], waiting: object) -> None:
        try:
            # A timeout scope, not wait_for: wait_for wraps every send in a task of its own.
            async with asyncio.timeout(self._limits.send_timeout):
                await _carry_on(started, waiting)
            while not self._queue.empty():
                text = self._queue.get_nowait()
                if text is None:
                    self._closer = asyncio.create_task(self._close(self._close_code))
                    return
                async with asyncio.timeout(self._limits.send_timeout):
                    await self.ws.send_str(text)
        except Exception:
            # Timed out or connection gone: the client will reconnect and resync.
            self.drop(WSCloseCode.TRY_AGAIN_LATER)

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


async def _carry_on(coroutine: Coroutine[Any, Any, None], waiting: object) -> None:
    """Finish *coroutine*, run by hand until it yielded *waiting*, as its own task would have."""
    try:
        while True:
            if isinstance(waiting, asyncio.Future):
                # What a task does with a future its coroutine yields: take the "blocking" mark
                # (set by the yield), then wait. Its outcome is the coroutine's to read (it
                # raises it), not ours; our own cancellation (the send timeout) cancels it and
                # ends here, as in a task.
                waiting._asyncio_future_blocking = False
                with contextlib.suppress(Exception):
                    await waiting
            else:
                await asyncio.sleep(0)  # a bare yield: one turn of the loop
            try:
                waiting = coroutine.send(None)
            except StopIteration:
                return
    finally:
        coroutine.close()
