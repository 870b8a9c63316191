"""Caps that keep one device (or a flood) from hurting the room: rate, connections, sizes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from fphkiosk.core.guess_backoff import BackoffPolicy, GuessLimiter

ROOM_CODE_BACKOFF = BackoffPolicy(free=5, first_wait=1.0, max_wait=60.0, forget_after=600.0)
"""Wrong room codes or presenter secrets per address: five slips, then 1 s, 2 s, ... 1 min."""


@dataclass(frozen=True)
class ServerLimits:
    max_message_bytes: int = 16 * 1024
    messages_per_second: float = 10.0
    message_burst: int = 30
    connections_per_address: int = 16
    """Tablets have an address each; a load test on loopback raises this."""
    outgoing_queue: int = 64
    """Messages waiting for a slow client before it is dropped (it reconnects and resyncs)."""
    send_timeout: float = 10.0
    heartbeat: float = 15.0
    """Seconds a tablet may stay quiet before it is pinged; one that does not answer the ping
    within half of that is disconnected (``net/liveness.py``)."""
    max_rejected_in_a_row: int = 100
    """A client that only sends refused messages is disconnected."""
    max_wrong_codes: int = 5
    """Wrong room codes, secrets or PINs before the connection is closed."""
    header_timeout: float = 10.0
    """Seconds a connection has to send a request's head (a few slow sockets hold nothing)."""
    keepalive_timeout: float = 30.0
    """Seconds an idle HTTP connection is kept open between requests."""
    participants_per_address: int = 2
    """Live participant tokens per address: one device, one voice (two share a tablet in turn).
    A further join with a new token is refused with ``too_many_participants``."""
    open_connections_per_address: int = 0
    """Open HTTP connections (WebSockets included) per address; 0: ``connections_per_address``
    plus 8, room for a browser's page load beside its WebSocket."""

    @property
    def open_connections_cap(self) -> int:
        return self.open_connections_per_address or self.connections_per_address + 8


class TokenBucket:
    """Allows *rate* messages per second on average, with bursts of up to *capacity*."""

    def __init__(
        self, rate: float, capacity: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = rate
        self._capacity = float(capacity)
        self._tokens = float(capacity)
        self._clock = clock
        self._last = clock()

    def take(self) -> bool:
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._last) * self._rate)
        self._last = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False


class AddressLimiter:
    """Open connections per remote address, in memory only: addresses are never stored or logged."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._open: dict[str, int] = {}

    def acquire(self, address: str) -> bool:
        count = self._open.get(address, 0)
        if count >= self._limit:
            return False
        self._open[address] = count + 1
        return True

    def release(self, address: str) -> None:
        count = self._open.get(address, 0) - 1
        if count > 0:
            self._open[address] = count
        else:
            self._open.pop(address, None)


class ParticipantTokens:
    """Live participant tokens per remote address, in memory only: never stored or logged.

    A token is live on an address while it holds a connection from it. A device that reconnects
    with its own token gets it back; a new token beyond the limit is refused, so one device
    cannot answer as several people (nor reach the minimum group alone).
    """

    def __init__(self, limit: int) -> None:
        self._limit = max(1, limit)
        self._live: dict[str, dict[str, int]] = {}

    def admit(self, address: str, token: str | None) -> bool:
        """True when *token* (None: a new one) may join from *address* now."""
        tokens = self._live.get(address, {})
        return (token is not None and token in tokens) or len(tokens) < self._limit

    def hold(self, address: str, token: str) -> None:
        tokens = self._live.setdefault(address, {})
        tokens[token] = tokens.get(token, 0) + 1

    def release(self, address: str, token: str) -> None:
        tokens = self._live.get(address)
        if tokens is None or token not in tokens:
            return
        tokens[token] -= 1
        if tokens[token] <= 0:
            del tokens[token]
        if not tokens:
            del self._live[address]


class AddressGuesses(GuessLimiter):
    """Wrong room codes and presenter secrets per remote address, in memory only."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(ROOM_CODE_BACKOFF, clock)
