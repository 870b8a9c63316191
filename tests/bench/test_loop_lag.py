"""The loop-lag monitor sees a blocked loop, and only in the window asked for."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from fphkiosk.bench.loop_lag import LoopLagMonitor, lag_p99_ms, lag_p99_ms_windows, read_lag_file


def _block_loop(seconds: float) -> None:
    """Hold the event loop, as a slow handler would."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


async def test_a_blocked_loop_shows_as_lag(tmp_path: Path) -> None:
    monitor = LoopLagMonitor(interval=0.005)
    monitor.start()
    await asyncio.sleep(0.05)  # the monitor needs samples before the block
    blocked_at = time.monotonic()
    _block_loop(0.1)
    await asyncio.sleep(0.05)
    await monitor.stop()
    # Lower bounds only: the block holds the loop 100 ms whatever the machine's load, while how
    # late the samples around it wake depends on what else runs (a benchmark's figure, no test's).
    assert max(monitor.lags) >= 0.09
    assert monitor.p99_ms(since=blocked_at, until=blocked_at + 0.1) >= 90.0
    before = [t for t in monitor.times if t < blocked_at]
    assert before, "the monitor sampled the loop before the block"
    monitor.save(tmp_path / "lag.json")
    times, lags = read_lag_file(tmp_path / "lag.json")
    assert lag_p99_ms(times, lags) == monitor.p99_ms()


def test_window_keeps_the_late_wake_up_of_the_window() -> None:
    # A wake-up 0.1 s late at t=1.1 began at t=1.0, inside a window that ends at 1.05.
    assert lag_p99_ms([0.5, 1.1, 2.0], [0.0, 0.1, 0.0], since=0.9, until=1.05) == 100.0
    assert lag_p99_ms([0.5, 1.1, 2.0], [0.0, 0.1, 0.0], since=1.5) == 0.0


def test_windows_keep_only_the_bursts() -> None:
    times = [0.5, 1.1, 1.5, 2.2, 3.0]
    lags = [0.2, 0.1, 0.3, 0.05, 0.4]
    # The 0.3 s lag at 1.5 and the 0.4 s one at 3.0 fall between the bursts' windows.
    windows = [(0.9, 1.05), (2.0, 2.5)]
    assert lag_p99_ms_windows(times, lags, windows) == pytest.approx(99.5)
    assert lag_p99_ms_windows(times, lags, []) == 0.0
