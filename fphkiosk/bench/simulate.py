"""The rehearsal simulator: participants that answer every activity the trainer opens.

Each simulated participant is a real ``ParticipantClient`` (same protocol, same reconnection) on a
shared HTTP session. When an activity opens it waits a human-looking delay (log-normal, clipped,
median a few seconds) and then picks a random answer of the right shape; a change of activity or
a close before the delay cancels that answer. The trainer sees the charts fill as in a real room.

``python -m fphkiosk.bench.simulate URL CODE N`` runs it in its own process (so the presenter's
loop is not loaded by the simulated clients); ``Simulation`` runs it in the caller's loop.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import random
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import aiohttp

from fphkiosk.net.client import AnswerRefused, ParticipantClient
from fphkiosk.net.protocol import (
    WS_PATH,
    ActivityMsg,
    ActivityView,
    AnswerBody,
    BestWorstBody,
    ChoiceBody,
    ScaleBody,
    ServerMessage,
    WelcomeMsg,
)


def ws_url(url: str) -> str:
    """The room's WebSocket address from the URL the room shows (``http://host:port/``)."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    path = parts.path.rstrip("/")
    if not path.endswith(WS_PATH):
        path += WS_PATH
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def random_body(activity: ActivityView, rng: random.Random) -> AnswerBody | None:
    """A random answer of the shape *activity* takes (None if it takes none)."""
    if activity.kind == "scale":
        if activity.scale is None or not activity.scale.items or not activity.scale.options:
            return None
        count = len(activity.scale.options)
        return ScaleBody([rng.randrange(count) for _ in activity.scale.items])
    choices = len(activity.choices)
    if activity.mode == "best-worst":
        if choices < 2:
            return None
        best, worst = rng.sample(range(choices), 2)
        return BestWorstBody(best, worst)
    if choices < 1:
        return None
    return ChoiceBody(rng.randrange(choices))


@dataclass(frozen=True)
class HumanDelay:
    """Log-normal delays: most answers after a few seconds, a few quick ones, a slow tail."""

    median: float = 3.0
    spread: float = 0.6
    low: float = 1.0
    high: float = 8.0

    def draw(self, rng: random.Random) -> float:
        value = rng.lognormvariate(math.log(self.median), self.spread)
        return min(self.high, max(self.low, value))


class SimulatedParticipant:
    """One client that answers each opened activity once, after a human delay."""

    def __init__(self, client: ParticipantClient, delay: HumanDelay, rng: random.Random):
        self.client = client
        self.answered = 0
        self._delay = delay
        self._rng = rng
        self._pending: asyncio.Task[None] | None = None
        self._pending_for: str | None = None
        client.subscribe(self._on_message)

    @property
    def waiting(self) -> bool:
        """An answer is due once its delay has passed."""
        return self._pending is not None

    def _on_message(self, message: ServerMessage) -> None:
        if isinstance(message, WelcomeMsg):
            snapshot = message.snapshot
            if snapshot.activity is not None and snapshot.my_answer is None:
                self._on_activity(snapshot.activity)
        elif isinstance(message, ActivityMsg):
            self._on_activity(message.activity)

    def _on_activity(self, activity: ActivityView) -> None:
        if activity.status != "open":
            self._cancel()
            return
        if self._pending_for == activity.id and self._pending is not None:
            return  # Already on it (a reconnection's welcome repeats the open activity).
        self._cancel()
        self._pending_for = activity.id
        self._pending = asyncio.get_running_loop().create_task(self._answer_later(activity))

    def _cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._pending = None
        self._pending_for = None

    async def _answer_later(self, activity: ActivityView) -> None:
        await asyncio.sleep(self._delay.draw(self._rng))
        body = random_body(activity, self._rng)
        self._pending = None
        if body is None:
            return
        answer_id = self.client.answer(activity.id, body)
        # Refused (closed in the meantime): nothing to do, a person would just look up.
        with contextlib.suppress(AnswerRefused, asyncio.CancelledError):
            await self.client.acknowledged(answer_id)
            self.answered += 1

    async def close(self) -> None:
        self._cancel()
        await self.client.close()


class Simulation:
    """*count* simulated participants in the caller's loop: ``await start()``, ``await close()``."""

    def __init__(
        self,
        url: str,
        room_code: str,
        count: int,
        *,
        delay: HumanDelay | None = None,
        seed: int | None = None,
    ):
        self.url = ws_url(url)
        self.room_code = room_code
        self.count = count
        self._delay = delay or HumanDelay()
        self._rng = random.Random(seed)
        self._http: aiohttp.ClientSession | None = None
        self.participants: list[SimulatedParticipant] = []

    async def start(self) -> None:
        # limit=0: each participant holds a WebSocket; the default pool of 100 would queue them.
        self._http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        for _ in range(self.count):
            rng = random.Random(self._rng.getrandbits(64))
            client = ParticipantClient(self.url, self.room_code, session=self._http, rng=rng)
            self.participants.append(SimulatedParticipant(client, self._delay, rng))
        for participant in self.participants:
            await participant.client.start()

    async def joined(self) -> None:
        """Wait until every simulated participant is in the room (JoinFailed on a wrong code)."""
        await asyncio.gather(*(p.client.joined() for p in self.participants))

    @property
    def answered(self) -> int:
        return sum(p.answered for p in self.participants)

    async def close(self) -> None:
        for participant in self.participants:
            await participant.close()
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def __aenter__(self) -> Simulation:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fphkiosk.bench.simulate")
    parser.add_argument("url")
    parser.add_argument("code")
    parser.add_argument("count", type=int)
    parser.add_argument("--median-delay", type=float, default=HumanDelay.median)
    parser.add_argument("--seed", type=int)
    args = parser.parse_args(argv)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        delay = HumanDelay(median=args.median_delay)
        async with Simulation(args.url, args.code, args.count, delay=delay, seed=args.seed):
            await stop.wait()

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
