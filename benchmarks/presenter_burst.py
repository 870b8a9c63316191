"""The presenter's console during a burst of answers, against a bare qasync loop.

    python -m benchmarks.presenter_burst [--participants 500] [--rounds 3] [--json]

``fphkiosk bench`` measures a headless room; this measures presenter mode as the trainer runs it,
in one process: console and projector (windowed; offscreen Qt unless DISPLAY is set) and the live
room on one qasync loop, a ``LoopLagMonitor`` on that loop, and the simulated participants in
worker processes (``fphkiosk.bench.crowd``) so that the presenter's process is measured alone.
On Linux with two cores or more the presenter is pinned to the last core and the participants to
the others, as ``fphkiosk bench`` does. A deck of one poll per round (plus an unmeasured warm-up
poll, which pays matplotlib's import and the first charts); each round goes Right, O, everyone
answers at once, then R. Figures (DESIGN.md section 7: loop lag p99 <= 50 ms; the chart shows
the final count <= 500 ms after the last answer; <= 350 MB resident with 500 participants):

- loop lag p99 over the burst (first answer sent -> last acknowledgement, the workers' times on
  the system-wide monotonic clock), and over the burst plus the console catching up with it;
- last acknowledgement -> the console's live preview chart (``ActivityCard.preview``) drawn with
  every answer; R pressed -> the projector's ``ResultsView`` drawn with every answer;
- resident memory of this process after the last round;
- the same lag figures for a bare qasync loop showing an empty window, sampled in a process of its
  own in the same run (``benchmarks.presenter_burst_bare``).

Medians over the measured rounds. Prints figures and whether each target is met; exits 0 anyway.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PARTICIPANTS = 500
DEFAULT_ROUNDS = 3
DEFAULT_BARE_SECONDS = 3.0
TIMEOUT_S = 120.0


def _use_offscreen_without_display() -> str:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return os.environ.get("QT_QPA_PLATFORM", "default (DISPLAY)")


# Qt and the app are imported after the platform is chosen.
_use_offscreen_without_display()

import qasync  # noqa: E402
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.presenter_burst_report import LagSamples, PresenterBurstResult, table  # noqa: E402
from benchmarks.presenter_burst_rounds import PresenterUnderLoad, RoundResult  # noqa: E402
from fphkiosk.bench.affinity import cpu_plan, pin  # noqa: E402
from fphkiosk.bench.room_rounds import WARMUP_POLL, round_poll, write_bench_deck  # noqa: E402
from fphkiosk.bench.runner import default_processes  # noqa: E402
from fphkiosk.cli import translator  # noqa: E402
from fphkiosk.core.deck_loader import load_deck  # noqa: E402
from fphkiosk.ui.slides.fonts import register_fonts  # noqa: E402

CONSOLE_FONT_POINT_SIZE = 11  # as fphkiosk.app sets it for the console


def sample_bare_loop(seconds: float) -> LagSamples:
    """The bare qasync loop's lag, in a process of its own (on this process's cores)."""
    python_path = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.presenter_burst_bare", "--seconds", str(seconds)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": python_path},
        capture_output=True,
        text=True,
        timeout=60 + seconds,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the bare loop failed ({result.returncode}):\n{result.stderr}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return LagSamples([float(t) for t in data["t"]], [float(x) for x in data["lag_s"]])


class _JoinProgress:
    """Says once that every participant is in; the acknowledgement progress is left out."""

    def __init__(self) -> None:
        self._said = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase == "joined" and done == total and not self._said:
            self._said = True
            print(f"participants connectés / joined: {done}/{total}", file=sys.stderr, flush=True)


def _quiet_offscreen_warnings(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform says, for every window, that it cannot raise it or hint its size.
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def run(
    participants: int,
    rounds: int,
    *,
    warmup: bool = True,
    processes: int | None = None,
    pin_cpus: bool = True,
    bare_seconds: float = DEFAULT_BARE_SECONDS,
) -> PresenterBurstResult:
    """Measure presenter mode over *rounds* bursts of *participants* answers (in this process)."""
    if rounds < 1 or participants < 1:
        raise ValueError("at least one round and one participant")
    platform = _use_offscreen_without_display()
    plan = cpu_plan() if pin_cpus else None
    # Before Qt and the session writer start their threads, so they run on this core too.
    pin(os.getpid(), None if plan is None else plan.servers)
    processes = processes or default_processes()
    bare = sample_bare_loop(bare_seconds)
    polls = [round_poll(number) for number in range(1, rounds + 1)]
    played_polls = [WARMUP_POLL, *polls] if warmup else polls
    tr = translator()
    if platform == "offscreen":
        qInstallMessageHandler(_quiet_offscreen_warnings)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    app.setFont(QFont(register_fonts(), CONSOLE_FONT_POINT_SIZE))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def measure(folder: Path) -> tuple[list[RoundResult], LagSamples]:
        deck = load_deck(write_bench_deck(folder / "deck", played_polls).parent)
        presenter = await PresenterUnderLoad.start(
            app,
            deck,
            tr,
            folder / "presenter.fphk",
            participants=participants,
            processes=processes,
            plan=plan,
            timeout=TIMEOUT_S,
            progress=_JoinProgress(),
        )
        try:
            played = [await presenter.play(poll) for poll in played_polls]
        finally:
            await presenter.stop()
        monitor = presenter.monitor
        return played, LagSamples(list(monitor.times), list(monitor.lags))

    with tempfile.TemporaryDirectory(prefix="fphkiosk-presenter-burst-") as folder, loop:
        played, lag = loop.run_until_complete(measure(Path(folder)))
    warm = played[:1] if warmup else []
    return PresenterBurstResult(
        participants=participants,
        processes=processes,
        plan=plan,
        platform=platform,
        warmup=warm,
        rounds=played[len(warm) :],
        presenter_lag=lag,
        bare_lag=bare,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--participants", type=int, default=DEFAULT_PARTICIPANTS)
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--no-warmup", dest="warmup", action="store_false")
    parser.add_argument("--no-pin", dest="pin", action="store_false")
    parser.add_argument("--bare-seconds", type=float, default=DEFAULT_BARE_SECONDS)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    result = run(
        args.participants,
        args.rounds,
        warmup=args.warmup,
        processes=args.processes,
        pin_cpus=args.pin,
        bare_seconds=args.bare_seconds,
    )
    print(table(result))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
