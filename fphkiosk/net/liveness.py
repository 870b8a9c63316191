"""Tablets that vanished (Wi-Fi lost, battery out), found by one timer for the whole room.

aiohttp's own heartbeat re-arms a timer for every message a connection receives: in a burst of
answers, one more loop callback per answer, 5-10 % of the room's main-thread time per answer
(measured with ``fphkiosk bench``, see docs/benchmarks.md). Here a message only marks its
connection as heard, and every half heartbeat one sweep asks each connection whether its client
is still there (``Connection.still_there``): a client quiet for a heartbeat is pinged, and one
that still says nothing half a heartbeat later is cut off. A vanished tablet is found within two
heartbeats.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection

from fphkiosk.net.connection import Connection


class LivenessSweep:
    """``start()`` on the room's loop, ``stop()`` when the room closes."""

    def __init__(self, heartbeat: float, connections: Callable[[], Collection[Connection]]):
        if heartbeat <= 0:
            raise ValueError("heartbeat must be positive")
        self._period = heartbeat / 2
        self._connections = connections
        self._timer: asyncio.TimerHandle | None = None

    def start(self) -> None:
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self._period, self._sweep)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _sweep(self) -> None:
        self._timer = asyncio.get_running_loop().call_later(self._period, self._sweep)
        for connection in tuple(self._connections()):
            connection.still_there()
