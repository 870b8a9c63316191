"""The benchmark's orchestration: a room and a baseline, each in its own process, and rounds.

For the room (``room_rounds.LocalRoom``): start it on loopback with a temporary session file and
a deck of one poll per round; join its crowd of simulated participants. For the baseline
(``fphkiosk.bench.baseline``): start it and join a second crowd of the same size. Then the two
take turns, room then baseline, round after round, so both bursts of a round see the same
machine state; an optional warm-up round comes first and is left out of every time figure.
Afterwards, compare the acknowledgements with what the session file holds and what the
presenter remote was told.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path

from fphkiosk.bench.affinity import CpuPlan, cpu_plan
from fphkiosk.bench.baseline import BASELINE_ACTIVITY
from fphkiosk.bench.crowd import Burst, Crowd, ProgressCallback
from fphkiosk.bench.report import AckLatency, BenchResult, percentile
from fphkiosk.bench.room_rounds import WARMUP_POLL, LocalRoom, RoomRound, round_poll
from fphkiosk.bench.servers import PresenterRemote, ServerProcess, read_rss_mb
from fphkiosk.bench.simulate import ws_url

# PresenterRemote, ServerProcess and read_rss_mb moved to servers.py; tests/net import them here.
__all__ = [
    "DEFAULT_ROUNDS",
    "PresenterRemote",
    "ServerProcess",
    "default_processes",
    "read_rss_mb",
    "run",
]

DEFAULT_ROUNDS = 5
DEFAULT_WARMUP = True


def default_processes() -> int:
    """Participant workers: one core is left to the room (and a few workers are plenty)."""
    return max(1, min(8, (os.cpu_count() or 2) - 1))


class LocalBaseline:
    """The bare acknowledging server in its own process, with its own crowd joined."""

    def __init__(self, server: ServerProcess, crowd: Crowd, timeout: float):
        self._server = server
        self._crowd = crowd
        self._timeout = timeout

    @classmethod
    async def start(
        cls,
        folder: Path,
        participants: int,
        processes: int,
        progress: ProgressCallback,
        timeout: float,
        plan: CpuPlan | None = None,
    ) -> LocalBaseline:
        server = await ServerProcess.start(
            "fphkiosk.bench.baseline",
            ["--host", "127.0.0.1", "--port", "0"],
            folder / "baseline.json",
            cpus=None if plan is None else plan.servers,
        )
        try:
            url = f"http://127.0.0.1:{server.info['port']}/ws"
            code = server.info["room_code"]
            crowd = await Crowd.join(
                url,
                code,
                participants,
                processes,
                progress,
                timeout,
                phase="baseline_joined",
                cpus=None if plan is None else plan.participants,
            )
        except BaseException:
            await server.stop()
            raise
        return cls(server, crowd, timeout)

    async def play(self, progress: ProgressCallback | None = None) -> Burst:
        """One burst; the baseline's poll stays open, so every round answers it again."""
        return await self._crowd.burst(BASELINE_ACTIVITY, self._timeout, progress, "baseline_acked")

    async def stop(self) -> None:
        try:
            await self._crowd.close()
        finally:
            await self._server.stop()


def _sorted(cpus: frozenset[int] | None) -> tuple[int, ...]:
    return tuple(sorted(cpus or ()))


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


async def _run_local(
    participants: int,
    processes: int,
    rounds: int,
    warmup: bool,
    baseline: bool,
    progress: ProgressCallback,
    timeout: float,
    plan: CpuPlan | None,
) -> BenchResult:
    polls = [round_poll(number) for number in range(1, rounds + 1)]
    with tempfile.TemporaryDirectory(prefix="fphkiosk-bench-") as folder:
        work = Path(folder)
        room = await LocalRoom.start(
            work,
            participants,
            processes,
            [WARMUP_POLL, *polls] if warmup else polls,
            progress,
            timeout,
            plan,
        )
        base: LocalBaseline | None = None
        warm: list[RoomRound] = []
        played: list[RoomRound] = []
        base_bursts: list[Burst] = []
        try:
            if baseline:
                base = await LocalBaseline.start(
                    work, participants, processes, progress, timeout, plan
                )
            if warmup:
                # A first burst is not typical (the baseline's runs slower): see docs/benchmarks.md.
                progress("warmup", 0, 1)
                warm.append(await room.play(WARMUP_POLL))
                if base is not None:
                    await base.play()
                progress("warmup", 1, 1)
            progress("rounds", 0, rounds)
            for number, poll in enumerate(polls, start=1):
                played.append(await room.play(poll))
                if base is not None:
                    base_bursts.append(await base.play())
                progress("rounds", number, rounds)
        finally:
            try:
                if base is not None:
                    await base.stop()
            finally:
                await room.stop()
        check = room.check([*warm, *played])
        loop_lag = room.loop_lag_ms_p99(played)
    burst_rounds = tuple(r.burst.burst_s for r in played)
    baseline_rounds = tuple(b.burst_s for b in base_bursts)
    return BenchResult(
        participants=participants,
        joined=participants,
        acked=sum(len(r.burst.acked) for r in played),
        refused=sum(r.burst.refused for r in played),
        lost=check.lost,
        duplicated=check.duplicated,
        counts_match=check.counts_match,
        ack_ms=AckLatency.of([x for r in played for x in r.burst.latencies_ms]),
        join_s=room.join_s,
        burst_s=statistics.median(burst_rounds),
        baseline_burst_s=_median(baseline_rounds),
        loop_lag_ms_p99=loop_lag,
        # The worst round: the target holds for every poll, not for a typical one.
        final_state_ms=max(r.final_state_ms for r in played),
        rss_mb=room.rss_mb,
        rss_peak_mb=room.rss_peak_mb,
        processes=processes,
        server_cpus=_sorted(plan.servers if plan else None),
        participant_cpus=_sorted(plan.participants if plan else None),
        rounds=rounds,
        warmup_rounds=len(warm),
        burst_rounds_s=burst_rounds,
        baseline_rounds_s=baseline_rounds,
        ack_p99_rounds_ms=tuple(percentile(r.burst.latencies_ms, 99) for r in played),
    )


async def _run_remote(
    url: str,
    code: str,
    participants: int,
    processes: int,
    baseline: bool,
    progress: ProgressCallback,
    timeout: float,
    plan: CpuPlan | None,
) -> BenchResult:
    """A room that runs elsewhere: one round, on whatever activity the trainer opens."""
    crowd = await Crowd.join(ws_url(url), code, participants, processes, progress, timeout)
    try:
        burst = await crowd.burst(None, timeout, progress)
    finally:
        await crowd.close()
    baseline_burst: Burst | None = None
    if baseline:
        with tempfile.TemporaryDirectory(prefix="fphkiosk-baseline-") as folder:
            base = await LocalBaseline.start(
                Path(folder), participants, processes, progress, timeout, plan
            )
            try:
                baseline_burst = await base.play(progress)
            finally:
                await base.stop()
    return BenchResult(
        participants=participants,
        joined=participants,
        acked=len(burst.acked),
        refused=burst.refused,
        lost=None,
        duplicated=None,
        counts_match=None,
        ack_ms=AckLatency.of(burst.latencies_ms),
        join_s=crowd.join_s,
        burst_s=burst.burst_s,
        baseline_burst_s=None if baseline_burst is None else baseline_burst.burst_s,
        loop_lag_ms_p99=None,
        final_state_ms=None,
        rss_mb=None,
        rss_peak_mb=None,
        processes=processes,
        server_cpus=_sorted(plan.servers if plan and baseline else None),
        participant_cpus=_sorted(plan.participants if plan and baseline else None),
        burst_rounds_s=(burst.burst_s,),
        baseline_rounds_s=() if baseline_burst is None else (baseline_burst.burst_s,),
    )


async def run(
    participants: int,
    *,
    url: str | None = None,
    code: str | None = None,
    processes: int | None = None,
    baseline: bool = True,
    rounds: int = DEFAULT_ROUNDS,
    warmup: bool = DEFAULT_WARMUP,
    pin_cpus: bool = True,
    progress: ProgressCallback = lambda phase, done, total: None,
    timeout: float = 180.0,
) -> BenchResult:
    """One benchmark run of *rounds* bursts (after a warm-up one with *warmup*).

    With *url* and *code*, against a room that is already running: then one round only, since
    the trainer opens the activity by hand. With *pin_cpus* (Linux, two cores or more), the
    servers run on one core and the simulated participants on the others.
    """
    if rounds < 1:
        raise ValueError("rounds must be at least 1")
    processes = processes or default_processes()
    plan = cpu_plan() if pin_cpus else None
    if url is not None and code is not None:
        return await _run_remote(
            url, code, participants, processes, baseline, progress, timeout, plan
        )
    return await _run_local(
        participants, processes, rounds, warmup, baseline, progress, timeout, plan
    )
