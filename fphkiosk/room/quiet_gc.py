"""Full garbage collections while the room is quiet, not in the middle of a burst of answers.

CPython's full collection walks every object it tracks: with 2 000 tablets connected, about
150 000 objects and 130-140 ms on the benchmark machine, during which the room answers nobody
(``docs/benchmarks.md``). Left to itself, the interpreter starts one whenever enough objects have
survived the younger collections, and in a room that happens during a burst of answers, since
answers are what allocates. So, for the room's process:

- what exists when the room opens (modules, the deck, the web page) is collected once and then
  frozen (``gc.freeze``): no later full collection walks it again;
- the oldest generation's threshold is raised, so the interpreter practically never starts a
  full collection by itself;
- the youngest generation's threshold is raised too. An answer's objects live until its commit
  and acknowledgement, a few milliseconds, so a burst keeps thousands of them alive: with the
  default threshold (700 allocations) each young collection walked them again, and those
  collections took 15-20 % of the room's time in a burst of 500 answers. With 50 000, a burst
  costs one or two young collections of a few milliseconds, and garbage cycles are still
  collected as the room runs;
- the room runs the full collection itself once nothing has come in for ``quiet_s`` seconds and
  the young generations were collected since the last one; if the room is never quiet for
  ``longest_wait_s``, it collects anyway, so memory stays bounded.

One collector per process: the thresholds and the frozen objects are the interpreter's. The
entry points that host a room for real start one (``fphkiosk present``, the headless room);
tests that open many rooms in one process do not.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable

QUIET_S = 1.0
"""Seconds without an answer, text or vote after which a full collection may run."""
CHECK_EVERY_S = 0.5
LONGEST_WAIT_S = 120.0
"""A room that is never quiet still gets a full collection this often."""
OLDEST_THRESHOLD = 1_000
"""Young collections between two full ones the interpreter would start itself (10 by default)."""
YOUNG_THRESHOLD = 50_000
"""Allocations (less deallocations) between two young collections (700 by default)."""


class QuietCollector:
    """``start()`` on the room's loop, ``stop()`` when the room closes."""

    def __init__(
        self,
        last_input_at: Callable[[], float],
        *,
        quiet_s: float = QUIET_S,
        check_every_s: float = CHECK_EVERY_S,
        longest_wait_s: float = LONGEST_WAIT_S,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._last_input_at = last_input_at
        self._quiet_s = quiet_s
        self._check_every_s = check_every_s
        self._longest_wait_s = longest_wait_s
        self._clock = clock
        self._previous_thresholds: tuple[int, int, int] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._collected_at = 0.0
        self.collections = 0
        """Full collections this collector ran (for tests and benchmarks)."""

    def start(self) -> None:
        gc.collect()
        gc.freeze()
        young, middle, oldest = gc.get_threshold()
        self._previous_thresholds = (young, middle, oldest)
        gc.set_threshold(max(young, YOUNG_THRESHOLD), middle, max(oldest, OLDEST_THRESHOLD))
        self._collected_at = self._clock()
        self._schedule()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._previous_thresholds is not None:
            gc.set_threshold(*self._previous_thresholds)
            self._previous_thresholds = None
            gc.unfreeze()

    def check(self) -> bool:
        """Collect now if the room is quiet (or has waited too long) and there is work to do."""
        # The count of young collections since the last full one: nothing new to walk if 0.
        if gc.get_count()[2] == 0:
            return False
        now = self._clock()
        quiet = now - self._last_input_at() >= self._quiet_s
        overdue = now - self._collected_at >= self._longest_wait_s
        if not (quiet or overdue):
            return False
        gc.collect()
        self._collected_at = now
        self.collections += 1
        return True

    def _schedule(self) -> None:
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self._check_every_s, self._on_timer)

    def _on_timer(self) -> None:
        self.check()
        self._schedule()
