"""The loop-lag baseline of ``benchmarks.presenter_burst``: a bare qasync loop with an empty window.

    python -m benchmarks.presenter_burst_bare [--seconds 3]

Shows one empty 1280 x 720 window on a ``qasync.QEventLoop`` and samples the loop's lag with the
same ``LoopLagMonitor`` the presenter is measured with, for *seconds*; then prints one JSON line
(``{"interval_s": ..., "t": [...], "lag_s": [...]}``, system-wide monotonic times). What it shows
is the lag an idle Qt + asyncio loop has on its own (timer granularity, scheduling), below which
the presenter's figure cannot go. Run in a process of its own so nothing of the presenter (its
heap, its threads, matplotlib) weighs on it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence

DEFAULT_SECONDS = 3.0


def sample_bare_loop(seconds: float) -> tuple[float, list[float], list[float]]:
    """(interval, wake-up times, lags) of an idle qasync loop showing an empty window."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication, QWidget

    from fphkiosk.bench.loop_lag import LoopLagMonitor

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    window = QWidget()
    window.resize(1280, 720)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    monitor = LoopLagMonitor()

    async def sample() -> None:
        window.show()
        # The window's first paint is start-up, not idling: leave it out.
        await asyncio.sleep(0.3)
        monitor.start()
        await asyncio.sleep(seconds)
        await monitor.stop()

    with loop:
        loop.run_until_complete(sample())
    window.close()
    return monitor.interval, list(monitor.times), list(monitor.lags)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.presenter_burst_bare")
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS)
    args = parser.parse_args(argv)
    interval, times, lags = sample_bare_loop(args.seconds)
    print(json.dumps({"interval_s": interval, "t": times, "lag_s": lags}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
