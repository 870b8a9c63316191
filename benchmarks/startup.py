"""Start-up and slide-change timings of presenter mode, against a bare PySide6 window.

    python -m benchmarks.startup [--runs 5] [--deck PATH]

Each start-up run is a fresh process: the time is from just before the process is launched to the
wall-clock time (``time.time()``) the child prints when its first window paint is done; both are
wall times because they are taken in two processes. Targets (DESIGN.md): presenter start <= 2 s and
<= 3x the bare window of the same run; slide change <= 30 ms. Prints figures only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from fphkiosk.app import FIRST_PAINT_MARK

REPO = Path(__file__).resolve().parents[1]
START_TARGET_S = 2.0
START_RATIO_TARGET = 3.0
SLIDE_CHANGE_TARGET_MS = 30.0
SLIDE_CHANGES = 30

BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtGui import QPainter

class Window(QWidget):
    done = False
    def paintEvent(self, event):
        QPainter(self).fillRect(self.rect(), self.palette().window())
        if not self.done:
            self.done = True
            print(f"first-paint {time.time():.6f}", flush=True)
            app.quit()

app = QApplication(sys.argv[:1])
window = Window()
window.resize(1280, 720)
window.show()
app.exec()
"""


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _time_to_first_paint(command: Sequence[str]) -> float:
    """Seconds from launching *command* to the paint time it prints."""
    started = time.time()
    result = subprocess.run(
        list(command),
        cwd=REPO,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command[2:]} failed ({result.returncode}):\n{result.stderr}")
    marks = [line for line in result.stdout.splitlines() if line.startswith(FIRST_PAINT_MARK)]
    if not marks:
        raise RuntimeError(f"{command[2:]} printed no {FIRST_PAINT_MARK} line:\n{result.stdout}")
    return float(marks[-1].split()[-1]) - started


def _synthetic_deck(folder: Path, slides: int = 40) -> Path:
    """A deck the size of the course, for when the bundled one is not there."""
    parts = ["---\ntitle: Banc d'essai\n---\n"]
    for number in range(1, slides + 1):
        parts.append(
            f"# Diapositive {number}\n\n- Premier point de la diapositive {number}\n"
            f"- Deuxième point, un peu plus long pour remplir la ligne\n  - un sous-point\n\n"
            f"Notes:\nNote {number}.\n"
        )
    (folder / "deck.md").write_text("---\n".join(parts), encoding="utf-8")
    return folder


def _slide_change_ms(deck_path: Path) -> tuple[list[float], list[float]]:
    """In process: time from next() to the projector's repaint of the new slide.

    Two passes over different slides: back to back (nothing drawn ahead), then with the event
    loop left idle between changes, as it is while a trainer talks, so slides are drawn ahead.
    """
    os.environ.update({k: v for k, v in _environment().items() if k == "QT_QPA_PLATFORM"})
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication

    from fphkiosk.app import build_presenter
    from fphkiosk.cli import translator
    from fphkiosk.core.deck_loader import load_deck
    from fphkiosk.ui.presenter.key_bindings import Command

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    deck = load_deck(deck_path)
    session = build_presenter(
        app, deck, translator(), windowed=True, screen=None, confirm_quit=lambda _p: True
    )
    session.show()
    painted: list[int] = []

    def on_painted(number: int) -> None:
        painted.append(number)

    session.projector.view.slide_painted.connect(on_painted)
    # Let the first paints and the thumbnails settle, as they would before a trainer starts.
    deadline = time.monotonic() + 20
    while session.console.slide_list.thumbnails_pending and time.monotonic() < deadline:
        app.processEvents()
    timer = QElapsedTimer()

    def change(idle: bool) -> float:
        if idle:
            for _ in range(5):
                app.processEvents()
        painted.clear()
        expected = session.navigation.presentation.live + 2
        timer.start()
        session.navigation.execute(Command.NEXT)
        while expected not in painted:
            app.processEvents()
            if timer.elapsed() > 5000:
                raise RuntimeError(f"slide {expected} was never painted")
        return timer.nsecsElapsed() / 1e6

    changes = min(SLIDE_CHANGES, (len(deck.slides) - 1) // 2)
    back_to_back = [change(idle=False) for _ in range(changes)]
    with_idle = [change(idle=True) for _ in range(changes)]
    session.dispose()
    return back_to_back, with_idle


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deck", type=Path, default=None)
    args = parser.parse_args(argv)

    from fphkiosk.paths import bundled_deck_dir

    with tempfile.TemporaryDirectory() as scratch:
        deck = args.deck
        if deck is None:
            deck = bundled_deck_dir()
            if not (deck / "deck.md").is_file():
                print(f"(no bundled deck at {deck}: using a synthetic 40-slide deck)")
                deck = _synthetic_deck(Path(scratch))
        python = sys.executable
        bare = [_time_to_first_paint([python, "-c", BARE_WINDOW]) for _ in range(args.runs)]
        presenter_command = [
            python,
            "-m",
            "fphkiosk",
            "present",
            "--windowed",
            "--exit-after-first-paint",
            str(deck),
        ]
        presenter = [_time_to_first_paint(presenter_command) for _ in range(args.runs)]
        changes = _slide_change_ms(deck)

    bare_s = statistics.median(bare)
    presenter_s = statistics.median(presenter)
    platform = _environment().get("QT_QPA_PLATFORM", "default (DISPLAY)")
    print(f"platform: {platform}; runs: {args.runs}; deck: {deck}")
    print(
        f"bare PySide6 window, start -> first paint: median {bare_s:.3f} s "
        f"(runs: {', '.join(f'{t:.3f}' for t in bare)})"
    )
    print(
        f"presenter mode, start -> first slide painted: median {presenter_s:.3f} s "
        f"(runs: {', '.join(f'{t:.3f}' for t in presenter)}; target <= {START_TARGET_S:.1f} s)"
    )
    print(
        f"ratio presenter / bare: {presenter_s / bare_s:.2f}x (target <= {START_RATIO_TARGET:.0f}x)"
    )
    back_to_back, with_idle = changes
    for label, timings in (("back to back", back_to_back), ("idle between", with_idle)):
        print(
            f"slide change (next() -> projector repainted), {label}, {len(timings)} changes: "
            f"median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms "
            f"(target <= {SLIDE_CHANGE_TARGET_MS:.0f} ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
