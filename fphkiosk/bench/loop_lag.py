"""The room's event-loop lag, measured from inside the room's own process.

A task sleeps for a short interval and records how late it woke up: while the loop is busy with a
burst of answers, the wake-ups come late by as long as the loop was blocked. Samples carry the
system-wide monotonic time, so the benchmark (another process) can keep only the burst's window.

``python -m fphkiosk.bench.loop_lag --lag-file F DECK --session S [--host H --port P ...]`` runs the
headless room (``fphkiosk.net.headless.run_room``, the same code) with the monitor beside it and
writes the samples to F when the room stops (SIGTERM or SIGINT). It also takes the limits a test
needs shortened (``--send-timeout``, ``--heartbeat``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

from fphkiosk.bench.report import percentile
from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import load_translator
from fphkiosk.net.headless import serve_until_signalled
from fphkiosk.net.limits import ServerLimits
from fphkiosk.paths import assets_dir
from fphkiosk.storage.errors import SessionStoreError

DEFAULT_INTERVAL = 0.005


class LoopLagMonitor:
    """Samples the running loop's lag every *interval* seconds until stopped."""

    def __init__(
        self, interval: float = DEFAULT_INTERVAL, clock: Callable[[], float] = time.monotonic
    ):
        self.interval = interval
        self._clock = clock
        # Two flat arrays rather than a list of tuples: the monitor must not weigh on the RSS
        # figure of the process it measures.
        self.times = array("d")
        self.lags = array("d")
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            before = self._clock()
            await asyncio.sleep(self.interval)
            woke = self._clock()
            self.times.append(woke)
            self.lags.append(max(0.0, woke - before - self.interval))

    def p99_ms(self, since: float | None = None, until: float | None = None) -> float:
        return lag_p99_ms(self.times, self.lags, since, until)

    def save(self, path: Path) -> None:
        data = {"interval_s": self.interval, "t": list(self.times), "lag_s": list(self.lags)}
        path.write_text(json.dumps(data), encoding="utf-8")


def lag_p99_ms(
    times: Sequence[float],
    lags: Sequence[float],
    since: float | None = None,
    until: float | None = None,
) -> float:
    """p99 of the lags whose wake-up falls in [since, until + one late wake-up]."""
    chosen = [
        lag
        for t, lag in zip(times, lags, strict=True)
        if (since is None or t >= since) and (until is None or t - lag <= until)
    ]
    return percentile(chosen, 99) * 1000.0


def lag_p99_ms_windows(
    times: Sequence[float], lags: Sequence[float], windows: Sequence[tuple[float, float]]
) -> float:
    """p99 of the lags that fall in any of *windows* (each ``(since, until)`` as above)."""
    chosen = [
        lag
        for t, lag in zip(times, lags, strict=True)
        if any(t >= since and t - lag <= until for since, until in windows)
    ]
    return percentile(chosen, 99) * 1000.0


def read_lag_file(path: Path) -> tuple[list[float], list[float]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [float(t) for t in data["t"]], [float(x) for x in data["lag_s"]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fphkiosk.bench.loop_lag")
    parser.add_argument("deck", type=Path)
    parser.add_argument("--lag-file", type=Path, required=True)
    parser.add_argument("--interval", type=float, default=DEFAULT_INTERVAL)
    parser.add_argument("--session", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--info-file", type=Path)
    parser.add_argument("--connections-per-address", type=int, default=16)
    parser.add_argument("--send-timeout", type=float, default=ServerLimits.send_timeout)
    parser.add_argument("--heartbeat", type=float, default=ServerLimits.heartbeat)
    args = parser.parse_args(argv)
    tr = load_translator(assets_dir() / "i18n")
    try:
        deck = load_deck(args.deck)
    except DeckError as exc:
        print(exc.render(tr), file=sys.stderr)
        return 2
    limits = ServerLimits(
        connections_per_address=args.connections_per_address,
        # Every simulated participant comes from loopback: one address, many voices.
        participants_per_address=args.connections_per_address,
        send_timeout=args.send_timeout,
        heartbeat=args.heartbeat,
    )

    async def serve() -> None:
        monitor = LoopLagMonitor(args.interval)
        monitor.start()
        try:
            await serve_until_signalled(deck, args, tr, limits)
        finally:
            await monitor.stop()
            monitor.save(args.lag_file)

    try:
        asyncio.run(serve())
    except SessionStoreError as exc:
        print(tr(exc.key, **exc.params), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
