"""PDF import of the bundled course: speed against poppler's pdftoppm, and round-trip fidelity.

    python -m benchmarks.pdf_import [--runs 3] [--deck PATH]

The course is exported to PDF (`fphkiosk export-deck`), imported back (`fphkiosk import`),
checked, and each imported slide, as the projector draws it, is compared with the original slide
drawn by the same renderer at 1920 x 1080. The baseline is `pdftoppm -png` rendering the same PDF
at the same size in the same run (when poppler-utils is installed). Prints figures only.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from fphkiosk.cli import main as fphkiosk
from fphkiosk.cli import translator
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.paths import bundled_deck_dir
from fphkiosk.ui.slides.deck_export import ensure_gui_application
from fphkiosk.ui.slides.slide_renderer import SlideRenderer

SIZE = QSize(1920, 1080)
POPPLER = ("pdftoppm", "-png", "-scale-to-x", "1920", "-scale-to-y", "1080")


def pixels(image: QImage) -> np.ndarray:
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(converted.constBits(), dtype=np.uint8).copy()
    rows = rows.reshape(converted.height(), converted.bytesPerLine())
    return rows[:, : converted.width() * 3].reshape(converted.height(), converted.width(), 3)


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds *action* took (its child processes' CPU included); what it prints
    (the command's own report) is dropped. CPU time is the steadier figure on a busy machine."""
    started, cpu = time.perf_counter(), _cpu()
    with contextlib.redirect_stdout(io.StringIO()):
        action()
    return time.perf_counter() - started, _cpu() - cpu


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--deck", type=Path, default=bundled_deck_dir())
    args = parser.parse_args(argv)
    app = ensure_gui_application()  # noqa: F841 (kept alive while painting)
    tr = translator("fr")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        pdf = work / "cours.pdf"
        export_s, _export_cpu = timed(
            lambda: fphkiosk(["export-deck", str(args.deck), "--out", str(pdf)])
        )
        imports, baselines = [], []
        for run in range(args.runs):
            out = work / f"deck-{run}"
            imports.append(timed(lambda out=out: fphkiosk(["import", str(pdf), "--out", str(out)])))
            if shutil.which("pdftoppm"):
                target = work / f"poppler-{run}"
                target.mkdir()
                baselines.append(
                    timed(
                        lambda t=target: subprocess.run(
                            [*POPPLER, str(pdf), str(t / "p")], check=True
                        )
                    )
                )
        deck_dir = work / "deck-0"
        with contextlib.redirect_stdout(io.StringIO()):
            check = fphkiosk(["check", str(deck_dir)])
        original, imported = load_deck(args.deck), load_deck(deck_dir)
        before, after = SlideRenderer(original, tr), SlideRenderer(imported, tr)
        means, peaks = [], []
        for old, new in zip(original.slides, imported.slides, strict=True):
            difference = np.abs(
                pixels(before.image(old, SIZE)).astype(np.int16)
                - pixels(after.image(new, SIZE)).astype(np.int16)
            )
            means.append(float(difference.mean()))
            peaks.append(int(difference.max()))
            before.clear_cache()
            after.clear_cache()
        size_mb = sum(p.stat().st_size for p in deck_dir.rglob("*") if p.is_file()) / 1e6
    pages = len(imported.slides)
    best, best_cpu = min(imports), min(cpu for _wall, cpu in imports)
    print(f"pages: {len(original.slides)} exported, {pages} imported, check exit {check}")
    print(f"export-deck to PDF: {export_s:.2f} s wall")
    walls = [wall for wall, _cpu in imports]
    print(
        f"import: best {best[0]:.2f} s wall, {best_cpu:.2f} s CPU "
        f"({1000 * best_cpu / pages:.0f} ms CPU a page), median {statistics.median(walls):.2f} s "
        f"wall of {args.runs} runs; deck {size_mb:.1f} MB"
    )
    if baselines:
        base, base_cpu = min(baselines)[0], min(cpu for _wall, cpu in baselines)
        print(
            f"pdftoppm baseline: best {base:.2f} s wall, {base_cpu:.2f} s CPU; "
            f"import / baseline = {best[0] / base:.2f} wall, {best_cpu / base_cpu:.2f} CPU"
        )
    worst = max(range(pages), key=lambda i: means[i])
    print(
        f"round trip, imported vs original slide at 1920x1080, mean difference per channel "
        f"(of 255): median {statistics.median(means):.2f}, largest {means[worst]:.2f} "
        f"(slide {worst + 1}); largest single-pixel difference {max(peaks)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
