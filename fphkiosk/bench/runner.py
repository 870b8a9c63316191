"""The benchmark's orchestration: a room and a baseline, each in its own process, and a burst.

For the room: start it (``fphkiosk.bench.loop_lag``: the headless room plus its loop-lag monitor)
on loopback with a temporary session file and a one-poll deck; start the participant workers; once
all have joined, a presenter remote opens the poll and every participant answers at once. Then
compare the acknowledgements with what the session file holds and what the presenter remote is
told. For the baseline: the same participants against ``fphkiosk.bench.baseline``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from fphkiosk.bench.loop_lag import lag_p99_ms, read_lag_file
from fphkiosk.bench.participants import ParticipantProcess, split
from fphkiosk.bench.report import AckLatency, BenchResult
from fphkiosk.bench.simulate import ws_url
from fphkiosk.net.protocol import (
    ChoiceCountsView,
    OpenMsg,
    PresenterStateMsg,
    RemoteJoinMsg,
    encode,
    server_decoder,
)
from fphkiosk.storage.store import SessionSeed, SessionStore

REPO = Path(__file__).resolve().parents[2]
BENCH_ACTIVITY = "bench"
BENCH_DECK = """---
title: Banc d'essai
min_group_size: 5
---
# Accueil

Banc d'essai de la salle.
---
# Sondage

```poll
id: bench
question: Quelle couleur ?
choices: [Rouge, Vert, Bleu, Jaune]
```
"""


def write_bench_deck(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deck.md"
    path.write_text(BENCH_DECK, encoding="utf-8")
    return path


def read_rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """Resident memory of process *pid* from /proc (None where /proc is not there)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024.0
    return None


def default_processes() -> int:
    """Participant workers: one core is left to the room (and a few workers are plenty)."""
    return max(1, min(8, (os.cpu_count() or 2) - 1))


class ServerProcess:
    """A room or baseline server in its own process; it writes an info file once listening."""

    def __init__(self, process: asyncio.subprocess.Process, info: dict[str, Any]):
        self.process = process
        self.info = info

    @property
    def pid(self) -> int:
        return self.process.pid

    @classmethod
    async def start(cls, module: str, args: Sequence[str], info_file: Path) -> ServerProcess:
        info_file.unlink(missing_ok=True)
        python_path = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            module,
            *args,
            "--info-file",
            str(info_file),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": python_path},
        )
        async with asyncio.timeout(30.0):
            # The info file appears by an atomic rename once the server listens.
            while not info_file.exists():
                if process.returncode is not None:
                    error = await process.stderr.read() if process.stderr else b""
                    raise RuntimeError(error.decode(errors="replace"))
                await asyncio.sleep(0.02)
        return cls(process, json.loads(info_file.read_text(encoding="utf-8")))

    async def stop(self, timeout: float = 30.0) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(timeout):
                    await self.process.wait()
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return self.process.returncode or 0


class PresenterRemote:
    """Just enough of a presenter remote: open an activity, follow the presenter state."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse):
        self._ws = ws
        self.state: PresenterStateMsg | None = None
        self.history: list[tuple[float, PresenterStateMsg]] = []
        """Every state received, with its monotonic arrival time."""
        self._changed = asyncio.Condition()
        self._reader = asyncio.ensure_future(self._read())

    @classmethod
    async def connect(cls, http: aiohttp.ClientSession, url: str, secret: str) -> PresenterRemote:
        ws = await http.ws_connect(url)
        await ws.send_str(encode(RemoteJoinMsg(v=1, secret=secret)))
        remote = cls(ws)
        await remote.wait_for(lambda s: True, 10.0)
        return remote

    async def _read(self) -> None:
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            decoded = server_decoder.decode(message.data)
            if isinstance(decoded, PresenterStateMsg):
                self.state = decoded
                self.history.append((time.monotonic(), decoded))
                async with self._changed:
                    self._changed.notify_all()

    async def wait_for(
        self, predicate: Callable[[PresenterStateMsg], bool], timeout: float
    ) -> PresenterStateMsg:
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: self.state is not None and predicate(self.state))
        assert self.state is not None
        return self.state

    async def open(self, activity_id: str) -> None:
        await self._ws.send_str(encode(OpenMsg(v=1, activity_id=activity_id)))

    async def close(self) -> None:
        await self._ws.close()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


@dataclass(frozen=True)
class Burst:
    joined: int
    join_s: float
    first_sent: float
    last_ack: float
    latencies_ms: list[float]
    sent: list[tuple[str, str, Any]]
    acked: list[str]
    refused: int

    @property
    def burst_s(self) -> float:
        return max(0.0, self.last_ack - self.first_sent)


ProgressCallback = Callable[[str, int, int], None]


async def run_burst(
    url: str,
    code: str,
    participants: int,
    processes: int,
    progress: ProgressCallback,
    timeout: float,
    before_answers: Callable[[], Awaitable[None]] | None = None,
) -> Burst:
    """Join *participants* over *processes* workers, then have them all answer at once."""
    workers = [
        await ParticipantProcess.start(url, code, count, seed=index)
        for index, count in enumerate(split(participants, processes))
    ]
    try:

        def joined() -> None:
            progress("joined", sum(w.joined for w in workers), participants)

        def acked() -> None:
            progress("acked", sum(w.acked for w in workers), participants)

        for worker in workers:
            worker.on_progress(joined)
        started = [await w.expect("started", timeout) for w in workers]
        ready = [await w.expect("ready", timeout) for w in workers]
        progress("joined", participants, participants)
        join_s = max(e["t"] for e in ready) - min(e["t"] for e in started)
        if before_answers is not None:
            await before_answers()
        for worker in workers:
            worker.on_progress(acked)
        for worker in workers:
            await worker.command("answer", repeat=1)
        answered = [await w.expect("answered", timeout) for w in workers]
        progress("acked", sum(len(e["acked"]) for e in answered), participants)
    finally:
        for worker in workers:
            await worker.close()
    return Burst(
        joined=participants,
        join_s=join_s,
        first_sent=min(e["first_sent"] for e in answered),
        last_ack=max(e["last_ack"] for e in answered),
        latencies_ms=[x for e in answered for x in e["latencies_ms"]],
        sent=[tuple(s) for e in answered for s in e["sent"]],
        acked=[a for e in answered for a in e["acked"]],
        refused=sum(sum(e["refused"].values()) for e in answered),
    )


@dataclass(frozen=True)
class RoomFigures:
    burst: Burst
    lost: int | None
    duplicated: int | None
    counts_match: bool | None
    final_state_ms: float | None
    loop_lag_ms_p99: float | None
    rss_mb: float | None
    rss_peak_mb: float | None


def _sent_counts(burst: Burst, choices: int) -> list[int]:
    counts = [0] * choices
    for _, _, body in burst.sent:
        counts[int(body["choice"])] += 1
    return counts


async def bench_local_room(
    participants: int, processes: int, progress: ProgressCallback, timeout: float
) -> RoomFigures:
    """The room on loopback in its own process, with the burst measured against it."""
    with tempfile.TemporaryDirectory(prefix="fphkiosk-bench-") as folder:
        work = Path(folder)
        deck = write_bench_deck(work / "deck")
        session = work / "bench.fphk"
        lag_file = work / "lag.json"
        room = await ServerProcess.start(
            "fphkiosk.bench.loop_lag",
            [
                *(str(deck), "--session", str(session), "--lag-file", str(lag_file)),
                *("--host", "127.0.0.1", "--port", "0"),
                *("--connections-per-address", str(participants + 16)),
            ],
            work / "room.json",
        )
        url = f"http://127.0.0.1:{room.info['port']}/ws"
        http = aiohttp.ClientSession()
        remote: PresenterRemote | None = None
        try:
            remote = await PresenterRemote.connect(http, url, room.info["presenter_secret"])

            async def open_poll() -> None:
                assert remote is not None
                await remote.open(BENCH_ACTIVITY)
                await remote.wait_for(lambda s: s.current_activity == BENCH_ACTIVITY, timeout)

            burst = await run_burst(
                url, room.info["room_code"], participants, processes, progress, timeout, open_poll
            )
            rss_mb = read_rss_mb(room.pid)
            tokens = {token for token, _, _ in burst.sent}
            state = await remote.wait_for(lambda s: _respondents(s) >= len(tokens), timeout=5.0)
            shown = next(t for t, s in remote.history if _respondents(s) >= len(tokens))
            # The room shows an answer before its commit, so this can come before the last ack.
            final_state_ms = max(0.0, shown - burst.last_ack) * 1000.0
            counts = state.results.counts if isinstance(state.results, ChoiceCountsView) else None
            rss_peak_mb = read_rss_mb(room.pid, "VmHWM")
        finally:
            if remote is not None:
                await remote.close()
            await http.close()
            await room.stop()
        stored = SessionStore.open(session, SessionSeed("", "", "", "")).read().answers
        ids = [a.answer_id for a in stored if a.activity_id == BENCH_ACTIVITY]
        stored_tokens = [a.token for a in stored if a.activity_id == BENCH_ACTIVITY]
        lost = len(set(burst.acked) - set(ids))
        # A row stored twice, or a participant counted twice on the room's screen.
        duplicated = (len(ids) - len(set(ids))) + max(0, sum(counts or []) - len(tokens))
        duplicated += len(stored_tokens) - len(set(stored_tokens))
        counts_match = counts == _sent_counts(burst, len(counts)) if counts else None
        times, lags = read_lag_file(lag_file)
        return RoomFigures(
            burst=burst,
            lost=lost,
            duplicated=duplicated,
            counts_match=counts_match,
            final_state_ms=final_state_ms,
            loop_lag_ms_p99=lag_p99_ms(times, lags, burst.first_sent, burst.last_ack),
            rss_mb=rss_mb,
            rss_peak_mb=rss_peak_mb,
        )


def _respondents(state: PresenterStateMsg) -> int:
    for activity in state.activities:
        if activity.id == BENCH_ACTIVITY:
            return activity.respondents
    return 0


async def bench_baseline(
    participants: int, processes: int, progress: ProgressCallback, timeout: float
) -> Burst:
    with tempfile.TemporaryDirectory(prefix="fphkiosk-baseline-") as folder:
        server = await ServerProcess.start(
            "fphkiosk.bench.baseline", ["--host", "127.0.0.1", "--port", "0"], Path(folder) / "i"
        )
        try:
            url = f"http://127.0.0.1:{server.info['port']}/ws"
            return await run_burst(
                url, server.info["room_code"], participants, processes, progress, timeout
            )
        finally:
            await server.stop()


async def bench_remote_room(
    url: str,
    code: str,
    participants: int,
    processes: int,
    progress: ProgressCallback,
    timeout: float,
) -> Burst:
    """A room that runs elsewhere: the participants answer whatever activity is open."""
    return await run_burst(ws_url(url), code, participants, processes, progress, timeout)


async def run(
    participants: int,
    *,
    url: str | None = None,
    code: str | None = None,
    processes: int | None = None,
    baseline: bool = True,
    progress: ProgressCallback = lambda phase, done, total: None,
    timeout: float = 180.0,
) -> BenchResult:
    """One benchmark run; with *url* and *code*, against a room that is already running."""
    processes = processes or default_processes()
    notes: list[str] = []
    if url is not None and code is not None:
        burst = await bench_remote_room(url, code, participants, processes, progress, timeout)
        room: RoomFigures | None = None
    else:
        room = await bench_local_room(participants, processes, progress, timeout)
        burst = room.burst
    baseline_burst: Burst | None = None
    if baseline:

        def baseline_progress(phase: str, done: int, total: int) -> None:
            progress("baseline_" + phase, done, total)

        baseline_burst = await bench_baseline(participants, processes, baseline_progress, timeout)
    return BenchResult(
        participants=participants,
        joined=burst.joined,
        acked=len(burst.acked),
        refused=burst.refused,
        lost=None if room is None else room.lost,
        duplicated=None if room is None else room.duplicated,
        counts_match=None if room is None else room.counts_match,
        ack_ms=AckLatency.of(burst.latencies_ms),
        join_s=burst.join_s,
        burst_s=burst.burst_s,
        baseline_burst_s=None if baseline_burst is None else baseline_burst.burst_s,
        loop_lag_ms_p99=None if room is None else room.loop_lag_ms_p99,
        final_state_ms=None if room is None else room.final_state_ms,
        rss_mb=None if room is None else room.rss_mb,
        rss_peak_mb=None if room is None else room.rss_peak_mb,
        processes=processes,
        notes=tuple(notes),
    )
