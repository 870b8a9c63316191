"""Simulated participants in a worker process, driven over its stdin and stdout.

A worker holds *count* ``ParticipantClient``s on one ``ClientSession`` (``TCPConnector(limit=0)``)
in its own asyncio loop, so the room's process is measured alone and the load can come from
several processes (or from inside a network namespace: ``ip netns exec NS python -m ...``).

It speaks JSON lines. Events on stdout: ``started``, ``joined`` (progress), ``ready`` (every client
in the room, with their tokens), ``acked`` (progress), ``answered`` (the burst's figures),
``report``. Commands on stdin: ``{"cmd": "answer", "repeat": k, "activity": id}`` (each client
answers the open activity *k* times, changing its mind; with ``activity``, once that one is open),
``{"cmd": "report"}``, ``{"cmd": "close"}``. A worker answers as many bursts as it is told to.

Times are ``time.monotonic()``, which on Linux is one clock for every process of the machine, so
the parent can compare the workers' send and acknowledgement times.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import msgspec

from fphkiosk.bench.affinity import pin
from fphkiosk.bench.simulate import random_body
from fphkiosk.net.client import AnswerRefused, ParticipantClient

Event = dict[str, Any]
PROGRESS_EVERY = 0.1
WORKER_ALLOCATOR = {"MALLOC_MMAP_THRESHOLD_": str(1 << 20), "MALLOC_TRIM_THRESHOLD_": str(64 << 20)}
"""glibc's allocator settings for the workers, fixed so that each worker costs the same.

asyncio reads a socket into a fresh 256 KiB buffer, shrunk to what came. Left to itself, glibc
serves that buffer from its heap or with a memory mapping of its own, depending on what the
process happened to free before (its threshold moves up, never down). In a worker on mappings,
every message read costs an ``mmap``, an ``mremap`` and a ``munmap`` (4 500 of each in 3 s in
one crowd, none in the other crowd of the same run), page faults and TLB flushes: a third more
time per burst, in one crowd and not the other, and in some runs and not others. A fixed
threshold above the buffer keeps every worker on its heap (elsewhere than glibc, the variables
are ignored)."""
_LINE_LIMIT = 1 << 26  # the `ready` and `answered` lines carry one entry per client


@dataclass
class _Burst:
    sent: list[tuple[str, str, object]] = field(default_factory=list)
    """(token, answer id, answer as JSON) in the order sent."""
    latencies_ms: list[float] = field(default_factory=list)
    acked: list[str] = field(default_factory=list)
    refused: dict[str, int] = field(default_factory=dict)
    first_sent: float = 0.0
    last_ack: float = 0.0


class Worker:
    """The worker's side: its clients and the commands it obeys."""

    def __init__(self, clients: list[ParticipantClient], emit: Callable[[Event], None]):
        self.clients = clients
        self._emit = emit
        self._acked: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def join(self) -> None:
        self._emit({"event": "started", "t": time.monotonic(), "pid": os.getpid()})
        for client in self.clients:
            await client.start()
        pending = [asyncio.ensure_future(c.joined()) for c in self.clients]
        last = 0.0
        while pending:
            _, not_done = await asyncio.wait(pending, timeout=PROGRESS_EVERY)
            pending = list(not_done)
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY or not pending:
                last = now
                self._emit({"event": "joined", "count": len(self.clients) - len(pending)})
        self._emit(
            {"event": "ready", "t": time.monotonic(), "tokens": [c.token for c in self.clients]}
        )

    async def answer(self, repeat: int, seed: int, activity_id: str | None = None) -> None:
        """Every client answers the open activity (*activity_id*) *repeat* times, all at once."""
        rng = random.Random(seed)

        def ready(client: ParticipantClient) -> bool:
            # A client may still hold the previous round's activity: wait for the one asked.
            open_now = _open_activity(client)
            return open_now is not None and activity_id in (None, open_now.id)

        await asyncio.gather(*(c.wait_until(ready) for c in self.clients))
        # The simulator's own garbage collection is not the server's cost: collect now, and not
        # during the burst, where a full collection of this process's many objects would land
        # in one round (the same round for the room's crowd and the baseline's) and skew it.
        gc.collect()
        gc.disable()
        try:
            await self._burst(repeat, rng)
        finally:
            gc.enable()

    async def _burst(self, repeat: int, rng: random.Random) -> None:
        burst = _Burst()
        waits: list[asyncio.Future[None]] = []
        burst.first_sent = time.monotonic()
        for client in self.clients:
            activity = _open_activity(client)
            assert activity is not None
            for _ in range(repeat):
                body = random_body(activity, rng)
                if body is None:
                    continue
                sent_at = time.monotonic()
                answer_id = client.answer(activity.id, body)
                burst.sent.append((client.token or "", answer_id, msgspec.to_builtins(body)))
                waiting = self._await_ack(client, answer_id, sent_at, burst)
                waits.append(asyncio.ensure_future(waiting))
        progress = asyncio.ensure_future(self._report_progress(len(waits), burst))
        await asyncio.gather(*waits)
        progress.cancel()
        self._emit(
            {
                "event": "answered",
                "first_sent": burst.first_sent,
                "last_ack": burst.last_ack,
                "latencies_ms": burst.latencies_ms,
                "sent": burst.sent,
                "acked": burst.acked,
                "refused": burst.refused,
            }
        )

    async def _await_ack(
        self, client: ParticipantClient, answer_id: str, sent_at: float, burst: _Burst
    ) -> None:
        try:
            await client.acknowledged(answer_id)
        except AnswerRefused as refused:
            burst.refused[refused.code] = burst.refused.get(refused.code, 0) + 1
            return
        now = time.monotonic()
        burst.latencies_ms.append((now - sent_at) * 1000.0)
        burst.last_ack = max(burst.last_ack, now)
        burst.acked.append(answer_id)
        if not self._acked:
            self._emit({"event": "acked", "count": 1})  # the first one at once: tests kill on it
        self._acked.add(answer_id)

    async def _report_progress(self, total: int, burst: _Burst) -> None:
        while True:
            await asyncio.sleep(PROGRESS_EVERY)
            self._emit({"event": "acked", "count": len(burst.acked), "total": total})

    def report(self) -> Event:
        return {
            "event": "report",
            "t": time.monotonic(),
            "joined": sum(c.is_joined for c in self.clients),
            "acked": sorted(self._acked),
            "unacked": sum(len(c.unacknowledged) for c in self.clients),
            "connections": [c.connections for c in self.clients],
            "tokens": [c.token for c in self.clients],
        }

    def spawn(self, coroutine: Any) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        for task in tuple(self._tasks):
            task.cancel()
        for client in self.clients:
            await client.close()


def _open_activity(client: ParticipantClient) -> Any:
    snapshot = client.snapshot
    if snapshot is None or snapshot.activity is None or snapshot.activity.status != "open":
        return None
    return snapshot.activity


async def _worker_main(args: argparse.Namespace) -> None:
    loop = asyncio.get_running_loop()
    stdin = asyncio.StreamReader(limit=_LINE_LIMIT)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)

    def emit(event: Event) -> None:
        sys.stdout.write(json.dumps(event, separators=(",", ":")) + "\n")
        sys.stdout.flush()

    timeout = aiohttp.ClientTimeout(total=None, sock_connect=args.connect_timeout)
    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), timeout=timeout)
    rng = random.Random(args.seed)
    clients = [
        ParticipantClient(
            args.url,
            args.code,
            session=http,
            backoff_initial=args.backoff_initial,
            backoff_max=args.backoff_max,
            heartbeat=args.heartbeat,
            rng=random.Random(rng.getrandbits(64)),
        )
        for _ in range(args.count)
    ]
    worker = Worker(clients, emit)
    try:
        worker.spawn(worker.join())
        while line := await stdin.readline():
            command = json.loads(line)
            if command["cmd"] == "answer":
                repeat = int(command.get("repeat", 1))
                activity = command.get("activity")
                worker.spawn(worker.answer(repeat, rng.getrandbits(32), activity))
            elif command["cmd"] == "report":
                emit(worker.report())
            elif command["cmd"] == "close":
                break
    finally:
        await worker.close()
        await http.close()


def worker_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fphkiosk.bench.participants")
    parser.add_argument("url")
    parser.add_argument("code")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--heartbeat", type=float, default=15.0)
    parser.add_argument("--connect-timeout", type=float, default=10.0)
    parser.add_argument("--backoff-initial", type=float, default=0.2)
    parser.add_argument("--backoff-max", type=float, default=5.0)
    asyncio.run(_worker_main(parser.parse_args(argv)))
    return 0


# The parent's side ------------------------------------------------------------------------------


class ParticipantProcess:
    """A worker process seen from the benchmark: send commands, wait for events."""

    def __init__(self, process: asyncio.subprocess.Process, count: int):
        self.process = process
        self.count = count
        self.joined = 0
        self.acked = 0
        self._events: asyncio.Queue[Event] = asyncio.Queue()
        self._on_progress: Callable[[], None] = lambda: None
        self._reader = asyncio.ensure_future(self._read())

    @classmethod
    async def start(
        cls,
        url: str,
        code: str,
        count: int,
        *,
        seed: int = 0,
        prefix: Sequence[str] = (),
        options: Sequence[str] = (),
        cpus: frozenset[int] | None = None,
    ) -> ParticipantProcess:
        """Start a worker; *prefix* runs it elsewhere (``ip netns exec NS``), *cpus* pins it."""
        repo = Path(__file__).resolve().parents[2]
        python_path = os.pathsep.join(filter(None, (str(repo), os.environ.get("PYTHONPATH"))))
        process = await asyncio.create_subprocess_exec(
            *prefix,
            sys.executable,
            "-m",
            "fphkiosk.bench.participants",
            url,
            code,
            str(count),
            "--seed",
            str(seed),
            *options,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": python_path, **WORKER_ALLOCATOR},
            limit=_LINE_LIMIT,
        )
        pin(process.pid, cpus)
        return cls(process, count)

    def on_progress(self, callback: Callable[[], None]) -> None:
        self._on_progress = callback

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while line := await self.process.stdout.readline():
            event: Event = json.loads(line)
            if event["event"] == "joined":
                self.joined = int(event["count"])
                self._on_progress()
            elif event["event"] == "acked":
                self.acked = max(self.acked, int(event["count"]))
                self._on_progress()
            self._events.put_nowait(event)
        self._events.put_nowait({"event": "exited"})

    async def expect(self, kind: str, timeout: float) -> Event:
        """The next event of *kind* (progress events in between are skipped)."""
        async with asyncio.timeout(timeout):
            while True:
                event = await self._events.get()
                if event["event"] == kind:
                    return event
                if event["event"] == "exited":
                    raise RuntimeError(f"participant worker exited before {kind!r}")

    async def command(self, cmd: str, **fields: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps({"cmd": cmd, **fields}) + "\n").encode())
        await self.process.stdin.drain()

    async def report(self, timeout: float = 30.0) -> Event:
        await self.command("report")
        return await self.expect("report", timeout)

    async def close(self, timeout: float = 30.0) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ConnectionError):
                await self.command("close")
            try:
                async with asyncio.timeout(timeout):
                    await self.process.wait()
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


def split(total: int, parts: int) -> list[int]:
    """*total* participants over *parts* workers, as evenly as can be, no empty worker."""
    parts = max(1, min(parts, total))
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


if __name__ == "__main__":
    sys.exit(worker_main())
