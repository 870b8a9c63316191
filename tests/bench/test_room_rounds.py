"""The bench deck carries one poll per round; the CPU plan keeps a core for the servers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fphkiosk.bench.affinity import cpu_plan, pin
from fphkiosk.bench.room_rounds import WARMUP_POLL, round_poll, write_bench_deck
from fphkiosk.core.deck_loader import load_deck


def test_the_bench_deck_has_a_poll_per_round(tmp_path: Path) -> None:
    polls = [WARMUP_POLL, *(round_poll(n) for n in range(1, 6))]
    deck = load_deck(write_bench_deck(tmp_path, polls))
    ids = [activity.id for slide in deck.slides for activity in slide.activities]
    assert ids == ["bench-warmup", "bench-1", "bench-2", "bench-3", "bench-4", "bench-5"]


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux only")
def test_the_cpu_plan_splits_this_process_cores() -> None:
    cpus = os.sched_getaffinity(0)
    plan = cpu_plan()
    if len(cpus) < 2:
        assert plan is None
        return
    assert plan is not None
    assert plan.servers | plan.participants == cpus
    assert len(plan.servers) == 1 and not plan.servers & plan.participants
    pin(os.getpid(), None)  # nothing asked, nothing changed
    assert os.sched_getaffinity(0) == cpus
