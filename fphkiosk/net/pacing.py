"""A bound on the client messages the room starts handling in one turn of its event loop.

When 2 000 tablets answer at once, their messages arrive within a few milliseconds and each wakes
its connection's handler in the same turn of the loop: tens of milliseconds in which the room
does nothing else (no other reading, no timer, no presenter key on the console's loop). A
``TurnPacer`` lets ``per_turn`` handlers go on in a turn and the others wait, in the order they
came, for the next turns. Each still costs the same work; the room just does it in short turns.
"""

from __future__ import annotations

import asyncio
from collections import deque

MESSAGES_PER_TURN = 100


class TurnPacer:
    """``waiting = pacer.admit()``; if not None, ``await waiting`` before handling the message."""

    def __init__(self, per_turn: int = MESSAGES_PER_TURN):
        if per_turn < 1:
            raise ValueError("per_turn must be at least 1")
        self._per_turn = per_turn
        self._left = per_turn
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._refill_queued = False

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def admit(self) -> asyncio.Future[None] | None:
        """None to go on now; otherwise a future resolved when this message's turn comes."""
        if self._left > 0 and not self._waiting:
            self._left -= 1
            self._queue_refill()
            return None
        future = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        self._queue_refill()
        return future

    def _queue_refill(self) -> None:
        if not self._refill_queued:
            self._refill_queued = True
            asyncio.get_running_loop().call_soon(self._refill)

    def _refill(self) -> None:
        """At the next turn: a new allowance, first for those who waited (a cancelled wait, a
        connection gone meanwhile, is skipped)."""
        self._refill_queued = False
        self._left = self._per_turn
        while self._left > 0 and self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_result(None)
                self._left -= 1
        if self._waiting:
            self._queue_refill()
