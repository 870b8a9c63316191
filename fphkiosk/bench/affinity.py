"""Where the benchmark's processes run: servers on one core, simulated participants on the others.

Left to the scheduler, a server and the participant worker that loads it share a core in some
runs and not in others, which halves or doubles a burst from one run to the next. Pinning the
room and the baseline to the same core (they take turns, never both busy) and the participants
to the rest gives both servers the same placement in every run. Linux only; elsewhere, or with
a single core, nothing is pinned.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class CpuPlan:
    servers: frozenset[int]
    participants: frozenset[int]


def cpu_plan() -> CpuPlan | None:
    """The last core this process may use for the servers, the others for the participants."""
    get_affinity = getattr(os, "sched_getaffinity", None)
    if get_affinity is None:
        return None
    cpus = sorted(get_affinity(0))
    if len(cpus) < 2:
        return None
    return CpuPlan(servers=frozenset(cpus[-1:]), participants=frozenset(cpus[:-1]))


def pin(pid: int, cpus: frozenset[int] | None) -> None:
    """Keep process *pid* (and the threads it starts from now on) on *cpus*; best effort."""
    set_affinity = getattr(os, "sched_setaffinity", None)
    if cpus is None or set_affinity is None:
        return
    # A process that already exited, or a container that forbids it: run unpinned.
    with contextlib.suppress(OSError):
        set_affinity(pid, cpus)
