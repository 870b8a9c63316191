"""Time of one live chart update (new counts + the chart's draw) against drawing an empty Figure.

    python -m benchmarks.chart_update [--updates 50]

Builds the poll chart of a three-choice quiz on a 1280 x 720 px figure, then, *updates* times,
gives it new counts totalling 500 answers and draws it as the projector does (``chart.draw()``:
the artists the update changed, over the kept pixels of the rest, on the Agg canvas). The
baseline is drawing an empty Figure of the same size in the same run; a full canvas draw of the
chart is timed too, for comparison. Target: chart update <= 8 ms. Prints figures only.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from fphkiosk.charts.results_chart import chart_for
from fphkiosk.charts.style import CANVAS_DPI
from fphkiosk.core.aggregation import ChoiceCounts
from fphkiosk.core.deck import Poll
from fphkiosk.core.i18n import load_translator
from fphkiosk.paths import assets_dir

UPDATE_TARGET_MS = 8.0
WIDTH_PX, HEIGHT_PX = 1280, 720
ANSWERS = 500
POLL = Poll(
    id="bench",
    kind="quiz",
    question=(
        "Durant la crise Covid (déc. 2019 – déc. 2020), combien de tweets les CHU ont-ils publié ?"
    ),
    choices=("2 600", "27 900", "8 560 000"),
    correct=(1,),
)


def _counts(rng: random.Random) -> tuple[int, ...]:
    """Three counts totalling ANSWERS."""
    first = rng.randint(0, ANSWERS)
    second = rng.randint(0, ANSWERS - first)
    return (first, second, ANSWERS - first - second)


def _median_ms(action: Callable[[int], None], runs: int) -> tuple[float, float]:
    """Medians of (wall time, this process's CPU time), in ms.

    On a machine busy with other work the wall time includes waits for a core; the CPU time is
    what the update itself costs, the wall time it would take on an idle machine.
    """
    action(-1)  # warm caches (fonts, glyphs) out of the timed runs
    walls, cpus = [], []
    for run in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action(run)
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=50)
    args = parser.parse_args(argv)
    tr = load_translator(assets_dir() / "i18n", "fr")
    size = (WIDTH_PX / CANVAS_DPI, HEIGHT_PX / CANVAS_DPI)
    rng = random.Random(1)

    empty = Figure(figsize=size, dpi=CANVAS_DPI)
    # matplotlib's canvas methods carry no annotations; Any keeps mypy from flagging each call.
    empty_canvas: Any = FigureCanvasAgg(empty)
    baseline = _median_ms(lambda _run: empty_canvas.draw(), args.updates)

    first = ChoiceCounts(POLL.id, ANSWERS, _counts(rng), POLL.correct)
    chart = chart_for(POLL, first, tr, width_in=size[0], height_in=size[1])
    chart.figure.set_dpi(CANVAS_DPI)
    canvas: Any = FigureCanvasAgg(chart.figure)
    assert canvas.get_width_height() == (WIDTH_PX, HEIGHT_PX)
    batches = [_counts(rng) for _ in range(args.updates + 1)]

    def update_and_draw(run: int) -> None:
        results = ChoiceCounts(POLL.id, ANSWERS, batches[run], POLL.correct)
        chart.update(results, revealed=run % 2 == 0)
        chart.draw()

    def update_and_full_draw(run: int) -> None:
        results = ChoiceCounts(POLL.id, ANSWERS, batches[run], POLL.correct)
        chart.update(results, revealed=run % 2 == 0)
        canvas.draw()

    full = _median_ms(update_and_full_draw, args.updates)
    update = _median_ms(update_and_draw, args.updates)
    verdict = "ok" if update[0] <= UPDATE_TARGET_MS else "OVER TARGET"
    print(f"figure {WIDTH_PX}x{HEIGHT_PX} px, {args.updates} updates of {ANSWERS} answers")
    print("medians, ms:                  wall    cpu")
    print(f"empty Figure draw (baseline): {baseline[0]:6.2f} {baseline[1]:6.2f}")
    target = f"target <= {UPDATE_TARGET_MS:g} ms wall: {verdict}"
    print(f"chart update + draw:          {update[0]:6.2f} {update[1]:6.2f}  ({target})")
    print(f"update + full canvas draw:    {full[0]:6.2f} {full[1]:6.2f}  (for comparison)")
    ratio = update[0] / baseline[0]
    print(f"ratio to baseline (wall):     {ratio:.1f}x  (cpu: {update[1] / baseline[1]:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
