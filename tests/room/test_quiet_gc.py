"""Full garbage collections wait for a quiet room, and everything is as before once it closes."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator

import pytest

from fphkiosk.room.quiet_gc import OLDEST_THRESHOLD, YOUNG_THRESHOLD, QuietCollector


class _Node:
    def __init__(self) -> None:
        self.itself = self


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)
    gc.unfreeze()


def _old_garbage() -> weakref.ref[_Node]:
    """A reference cycle that reached the oldest generation, then became garbage."""
    node = _Node()
    gc.collect(1)
    gc.collect(1)
    alive = weakref.ref(node)
    del node
    # Only a full collection frees it; the young ones pass it by.
    gc.collect(1)
    assert alive() is not None
    return alive


async def test_old_garbage_waits_for_a_quiet_room(thresholds: tuple[int, int, int]) -> None:
    clock = _Clock()
    last_input = [clock.now]
    collector = QuietCollector(lambda: last_input[0], quiet_s=1.0, clock=clock)
    collector.start()
    try:
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (
            max(thresholds[0], YOUNG_THRESHOLD),
            thresholds[1],
            OLDEST_THRESHOLD,
        )
        alive = _old_garbage()
        # Answers are coming in: no full collection.
        clock.now += 0.5
        last_input[0] = clock.now
        assert not collector.check()
        assert alive() is not None
        # A second of quiet: collected.
        clock.now += 1.0
        assert collector.check()
        assert alive() is None
        # Nothing collected young since: nothing to do.
        clock.now += 5.0
        assert not collector.check()
        assert collector.collections == 1
    finally:
        collector.stop()
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


async def test_a_room_never_quiet_still_collects_in_time(
    thresholds: tuple[int, int, int],
) -> None:
    clock = _Clock()
    collector = QuietCollector(clock, quiet_s=1.0, longest_wait_s=60.0, clock=clock)
    collector.start()
    try:
        alive = _old_garbage()
        clock.now += 30.0
        assert not collector.check()
        assert alive() is not None
        clock.now += 31.0
        assert collector.check()
        assert alive() is None
    finally:
        collector.stop()


async def test_the_timer_checks_on_the_running_loop(thresholds: tuple[int, int, int]) -> None:
    collector = QuietCollector(lambda: 0.0, quiet_s=0.0, check_every_s=0.01)
    collector.start()
    try:
        alive = _old_garbage()
        for _ in range(500):
            if alive() is None:
                break
            await asyncio.sleep(0.01)
        assert alive() is None
        assert collector.collections >= 1
    finally:
        collector.stop()


async def test_young_garbage_is_still_collected_while_answers_come_in(
    thresholds: tuple[int, int, int],
) -> None:
    clock = _Clock()
    collector = QuietCollector(clock, quiet_s=1.0, clock=clock)
    collector.start()
    try:
        gc.collect(0)
        node = _Node()
        alive = weakref.ref(node)
        del node
        # Never quiet (the clock does not move), but the room goes on allocating: a young
        # collection comes in time and frees the cycle, without any full one.
        kept = [_Node() for _ in range(YOUNG_THRESHOLD + 1_000)]
        assert alive() is None
        assert collector.collections == 0
        del kept
    finally:
        collector.stop()
