"""How many tablets this computer holds: the room measured with growing crowds until it fails.

From 50 simulated tablets up to 2 000, each crowd answers bursts of a poll on a room started on
loopback. A crowd is held when every answer is acknowledged once and the median of its rounds'
acknowledgement p99 stays within 250 ms (the design's target); the search stops at the first
crowd that is not. One round is noisy on a busy laptop, so a crowd is judged on the median of
several rounds, and more rounds are played until the verdict stops changing: the same laptop
gives the same answer from one run to the next.
"""

from __future__ import annotations

import statistics
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from fphkiosk.bench.crowd import ProgressCallback
from fphkiosk.bench.report import ACK_P99_TARGET_MS
from fphkiosk.bench.runner import run

LEVELS = (50, 100, 200, 300, 500, 750, 1000, 1500, 2000)
TARGET_TABLETS = 500
"""The design's target: a room of 500 tablets answering at once."""
ROUNDS_PER_BATCH = 3
MAX_BATCHES = 3
CLEAR_SHARE = 0.5
"""Rounds whose p99 all lie under half the limit (or over twice it) need no second batch."""


@dataclass(frozen=True)
class Batch:
    """Some rounds played by one crowd."""

    participants: int
    every_answer_counted: bool
    """Every answer acknowledged, none lost or counted twice, the room's counts as sent."""
    p99_rounds_ms: tuple[float, ...]


Measure = Callable[[int, int], Awaitable[Batch]]
"""Play *rounds* bursts with a crowd of *participants* (a new room and crowd each call)."""


@dataclass(frozen=True)
class LevelVerdict:
    participants: int
    every_answer_counted: bool
    p99_ms: float
    """The median of the rounds' acknowledgement p99."""
    rounds: int

    @property
    def holds(self) -> bool:
        return self.every_answer_counted and self.p99_ms <= ACK_P99_TARGET_MS


@dataclass(frozen=True)
class Capacity:
    levels: tuple[LevelVerdict, ...]

    @property
    def tablets(self) -> int:
        """The largest crowd held before the first that was not (0: not even the first)."""
        held = 0
        for level in self.levels:
            if not level.holds:
                break
            held = level.participants
        return held

    @property
    def first_failure(self) -> LevelVerdict | None:
        return next((level for level in self.levels if not level.holds), None)

    @property
    def held_level(self) -> LevelVerdict | None:
        return next((v for v in self.levels if v.participants == self.tablets), None)

    @property
    def meets_target(self) -> bool:
        return self.tablets >= TARGET_TABLETS

    def as_json(self) -> dict[str, object]:
        return {
            "tablets": self.tablets,
            "target_tablets": TARGET_TABLETS,
            "ack_p99_limit_ms": ACK_P99_TARGET_MS,
            "meets_target": self.meets_target,
            "levels": [
                {
                    "participants": v.participants,
                    "holds": v.holds,
                    "every_answer_counted": v.every_answer_counted,
                    "ack_p99_ms": round(v.p99_ms, 2),
                    "rounds": v.rounds,
                }
                for v in self.levels
            ],
        }


def _clear(p99s: Sequence[float]) -> bool:
    low, high = ACK_P99_TARGET_MS * CLEAR_SHARE, ACK_P99_TARGET_MS / CLEAR_SHARE
    return all(p <= low for p in p99s) or all(p >= high for p in p99s)


async def judge_level(measure: Measure, participants: int) -> LevelVerdict:
    """Play batches of rounds with *participants* until the median's verdict is stable."""
    p99s: list[float] = []
    verdicts: list[bool] = []
    for _ in range(MAX_BATCHES):
        batch = await measure(participants, ROUNDS_PER_BATCH)
        if not batch.every_answer_counted:
            # A lost or doubled answer is no matter of noise: the crowd is not held.
            median = statistics.median(batch.p99_rounds_ms) if batch.p99_rounds_ms else 0.0
            return LevelVerdict(participants, False, median, len(p99s) + ROUNDS_PER_BATCH)
        p99s.extend(batch.p99_rounds_ms)
        verdicts.append(statistics.median(p99s) <= ACK_P99_TARGET_MS)
        if len(verdicts) == 1 and _clear(batch.p99_rounds_ms):
            break
        if len(verdicts) >= 2 and verdicts[-1] == verdicts[-2]:
            break
    return LevelVerdict(participants, True, statistics.median(p99s), len(p99s))


async def find_capacity(
    measure: Measure,
    levels: Sequence[int] = LEVELS,
    on_level: Callable[[LevelVerdict], None] = lambda verdict: None,
) -> Capacity:
    """Judge each crowd of *levels* in turn, up to the first one that is not held."""
    judged: list[LevelVerdict] = []
    for participants in levels:
        verdict = await judge_level(measure, participants)
        judged.append(verdict)
        on_level(verdict)
        if not verdict.holds:
            break
    return Capacity(tuple(judged))


def local_room_measure(progress: Callable[[int], ProgressCallback]) -> Measure:
    """Measure on a room started on loopback for each batch (``progress(n)`` reports on it)."""

    async def measure(participants: int, rounds: int) -> Batch:
        result = await run(
            participants, rounds=rounds, baseline=False, progress=progress(participants)
        )
        return Batch(participants, result.correct, result.ack_p99_rounds_ms)

    return measure
