"""A crowd: simulated participants in worker processes, joined once, answering burst after burst.

The benchmark keeps one crowd on the room and one on the baseline for the whole run, so each
burst (a round) is measured on connections that are already open, and the two servers' rounds
can take turns on the same machine state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fphkiosk.bench.participants import ParticipantProcess, split

ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Burst:
    """One burst: every participant answered once, all at once."""

    first_sent: float
    last_ack: float
    latencies_ms: list[float]
    sent: list[tuple[str, str, Any]]
    """(token, answer id, answer as JSON) for every answer sent."""
    acked: list[str]
    refused: int

    @property
    def burst_s(self) -> float:
        return max(0.0, self.last_ack - self.first_sent)


class Crowd:
    """*participants* over worker processes, all joined to one server: ``await burst()``."""

    def __init__(self, workers: list[ParticipantProcess], participants: int, join_s: float):
        self.workers = workers
        self.participants = participants
        self.join_s = join_s
        """First worker starting to connect → last participant welcomed."""
        self.bursts = 0

    @classmethod
    async def join(
        cls,
        url: str,
        code: str,
        participants: int,
        processes: int,
        progress: ProgressCallback,
        timeout: float,
        *,
        phase: str = "joined",
        cpus: frozenset[int] | None = None,
    ) -> Crowd:
        """Start the workers (on *cpus*) and wait until every participant is in.

        *phase* names the progress reported while they join.
        """
        workers: list[ParticipantProcess] = []
        try:
            for index, count in enumerate(split(participants, processes)):
                worker = await ParticipantProcess.start(url, code, count, seed=index, cpus=cpus)
                workers.append(worker)

            def joined() -> None:
                progress(phase, sum(w.joined for w in workers), participants)

            for worker in workers:
                worker.on_progress(joined)
            started = [await w.expect("started", timeout) for w in workers]
            ready = [await w.expect("ready", timeout) for w in workers]
        except BaseException:
            for worker in workers:
                await worker.close()
            raise
        progress(phase, participants, participants)
        join_s = max(e["t"] for e in ready) - min(e["t"] for e in started)
        return cls(workers, participants, join_s)

    async def burst(
        self,
        activity_id: str | None,
        timeout: float,
        progress: ProgressCallback | None = None,
        phase: str = "acked",
    ) -> Burst:
        """Every participant answers *activity_id* (or whatever is open) once, all at once.

        The workers start once each of their clients sees the activity open, so the burst time
        runs from the first answer sent, not from the presenter's click.
        """

        def acked() -> None:
            if progress is not None:
                progress(phase, sum(w.acked for w in self.workers), self.participants)

        for worker in self.workers:
            worker.acked = 0  # the workers count each burst's acks from zero
            worker.on_progress(acked)
        for worker in self.workers:
            await worker.command("answer", repeat=1, activity=activity_id)
        answered = [await w.expect("answered", timeout) for w in self.workers]
        self.bursts += 1
        burst = Burst(
            first_sent=min(e["first_sent"] for e in answered),
            last_ack=max(e["last_ack"] for e in answered),
            latencies_ms=[x for e in answered for x in e["latencies_ms"]],
            sent=[tuple(s) for e in answered for s in e["sent"]],
            acked=[a for e in answered for a in e["acked"]],
            refused=sum(sum(e["refused"].values()) for e in answered),
        )
        if progress is not None:
            progress(phase, len(burst.acked), self.participants)
        return burst

    async def close(self) -> None:
        for worker in self.workers:
            await worker.close()
