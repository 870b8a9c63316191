"""Charts for the PDF report: the projector's own charts, redrawn from the statistics.

The report has no deck, only the statistics: the activity and its results are rebuilt from them and
handed to ``charts.results_chart.chart_for``, the same builder as the projector's. A suppressed cell
is drawn as an empty bar whose printed value reads "masqué" (a scale's scores and bands come back
withheld, as the projector gets them from ``core.privacy``). The comparison of sessions, which the
projector never shows, gets a grouped bar chart in the same look.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from numpy.typing import NDArray

from fphkiosk.charts.number_format import format_percent
from fphkiosk.charts.poll_chart import BestWorstChart, PollChart
from fphkiosk.charts.results_chart import ResultsChart, chart_for
from fphkiosk.charts.style import PALETTE, ChartStyle, chart_font_families
from fphkiosk.core.aggregation import BestWorstCounts, BoardItem, ChoiceCounts, TextBoard
from fphkiosk.core.deck import Activity, Poll, ScaleActivity, TextActivity, TextKind
from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import PublicBandCount, PublicResults, PublicScaleSummary
from fphkiosk.core.scale_publication import PublicMean
from fphkiosk.core.scales import Band, ScaleDefinition, ScaleItem, ScaleOption
from fphkiosk.export.compare import ActivityComparison, ComparedRow, SessionComparison, row_label
from fphkiosk.export.statistics import ActivityStats, Cell
from fphkiosk.paths import assets_dir

REPORT_STYLE = ChartStyle(background="#FFFFFF")


def _count(cell: Cell | None) -> int:
    return cell.count if cell is not None and cell.count is not None else 0


def _hidden(cells: Sequence[Cell | None]) -> list[int]:
    return [i for i, cell in enumerate(cells) if cell is not None and cell.suppressed]


def rebuild(stats: ActivityStats, minimum: int) -> tuple[Activity, PublicResults]:
    """The deck activity and room results that *stats* describe (suppressed poll counts as 0)."""
    n = _count(stats.respondents)
    if stats.kind in ("qa", "open", "words"):
        kind: TextKind = "qa" if stats.kind == "qa" else "open" if stats.kind == "open" else "words"
        board = TextBoard(
            stats.id,
            kind,
            n,
            tuple(
                BoardItem(f"t{i}", t.text, t.count, t.answered) for i, t in enumerate(stats.texts)
            ),
        )
        return TextActivity(stats.id, kind, stats.title), board
    if stats.scale is not None:
        scale = stats.scale
        definition = ScaleDefinition(
            title=scale.title,
            options=tuple(ScaleOption(o.label, o.points) for o in scale.options),
            items=tuple(ScaleItem(i.text) for i in scale.items),
            bands=tuple(Band(b.min, b.max, b.label) for b in scale.bands),
            licence=scale.licence,
        )
        # The published figures, back in the form the room's chart was drawn from.
        mean = None
        if scale.mean is not None and scale.mean_relation in ("about", "at_most", "at_least"):
            mean = PublicMean(int(scale.mean), scale.mean_relation)  # type: ignore[arg-type]
        summary = PublicScaleSummary(
            activity_id=stats.id,
            respondents=n,
            minimum=minimum,
            min_score=scale.min_score,
            max_score=scale.max_score,
            mean=mean,
            bands=tuple(
                PublicBandCount(
                    b.label,
                    b.min,
                    b.max,
                    None if b.count is None else b.count.count,
                    None if b.count is None else b.count.share,
                    b.rest,
                )
                for b in scale.bands
            ),
            distribution_from=scale.distribution_from,
            shows_distribution=scale.shows_distribution,
        )
        return ScaleActivity(stats.id, definition), summary
    correct = tuple(i for i, c in enumerate(stats.choices) if c.correct)
    poll = Poll(
        id=stats.id,
        kind="quiz" if stats.kind == "quiz" else "poll",
        question=stats.title,
        choices=tuple(c.label for c in stats.choices),
        correct=correct,
        mode=stats.mode,
        prompts=stats.prompts,
        multiple=stats.multiple,
    )
    if stats.mode == "best-worst":
        best = tuple(_count(c.best) for c in stats.choices)
        worst = tuple(_count(c.worst) for c in stats.choices)
        return poll, BestWorstCounts(stats.id, n, best, worst)
    counts = tuple(_count(c.count) for c in stats.choices)
    return poll, ChoiceCounts(
        stats.id, n, counts, correct, stats.correct_share, multiple=stats.multiple
    )


def activity_chart(stats: ActivityStats, minimum: int, tr: Translator, width_in: float) -> Figure:
    """The projector's chart of a published activity, suppressed cells marked "masqué"."""
    activity, results = rebuild(stats, minimum)
    chart = chart_for(
        activity,
        results,
        tr,
        revealed=True,
        width_in=width_in,
        height_in=width_in * 9 / 16,
        style=REPORT_STYLE,
    )
    _mask(chart, stats, tr("export.suppressed", minimum=minimum))
    return chart.figure


def _mask(chart: ResultsChart, stats: ActivityStats, mark: str) -> None:
    """Print *mark* instead of the (zero) value of every suppressed cell the chart still shows."""
    if isinstance(chart, BestWorstChart):
        columns = ([c.best for c in stats.choices], [c.worst for c in stats.choices])
        for row, cells in zip(chart.rows, columns, strict=True):
            for i in _hidden(cells):
                row.labels[i].set_text(mark)
    elif isinstance(chart, PollChart):
        for i in _hidden([c.count for c in stats.choices]):
            chart.value_labels[i].set_text(mark)


def figure_pixels(figure: Figure, dpi: float) -> NDArray[np.uint8]:
    """*figure* rendered to an RGBA array (the report embeds it as an image)."""
    # matplotlib's canvas methods carry no annotations; Any keeps mypy from flagging each call.
    canvas: Any = FigureCanvasAgg(figure)
    figure.set_dpi(dpi)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


# Comparison ----------------------------------------------------------------------------------

PANELS = (("choice",), ("best",), ("worst",), ("band",), ("item",))
BAR_SPAN = 0.8


def comparison_panels(activity: ActivityComparison) -> list[list[ComparedRow]]:
    """The share rows of *activity*, one list per panel (choices; best, worst; bands, items)."""
    panels = []
    for keys in PANELS:
        rows = [r for r in activity.rows if r.key in keys and r.unit == "share"]
        if rows:
            panels.append(rows)
    return panels


def comparison_chart(
    activity: ActivityComparison,
    comparison: SessionComparison,
    tr: Translator,
    width_in: float,
    panel_titles: Sequence[str] = (),
) -> Figure:
    """Grouped horizontal bars: per row (a choice, a band...), one bar per session's share."""
    style = REPORT_STYLE
    family = chart_font_families(assets_dir() / "fonts")[:1]
    panels = comparison_panels(activity)
    sessions = comparison.sessions
    rows_total = sum(len(p) for p in panels)
    height = 0.9 + rows_total * (0.18 + 0.16 * len(sessions)) + 0.45 * len(panels)
    figure = Figure(figsize=(width_in, height), facecolor=style.background)
    figure.set_layout_engine("constrained")
    axes = figure.subplots(len(panels), 1, squeeze=False, height_ratios=[len(p) for p in panels])
    bar = BAR_SPAN / max(1, len(sessions))
    for index, (ax, rows) in enumerate(zip(axes[:, 0], panels, strict=True)):
        for s, session in enumerate(sessions):
            for r, row in enumerate(rows):
                value = row.values[s]
                y = r - BAR_SPAN / 2 + bar * (s + 0.5)
                width = (value.value or 0.0) * 100
                ax.barh(y, width, height=bar * 0.9, color=PALETTE[s % 7])
                if value.suppressed:
                    label = tr("export.suppressed", minimum=session.min_group_size)
                elif value.value is None:
                    label = ""
                else:
                    label = format_percent(value.value, language=tr.language)
                ax.text(width + 1.5, y, label, va="center", fontsize=8, family=family)
        ax.set_yticks(range(len(rows)), [row_label(r, activity, tr) for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 112)
        ax.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100 %"])
        for tick in (*ax.get_yticklabels(), *ax.get_xticklabels()):
            tick.set(family=family, fontsize=9, color=style.text)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.spines["left"].set_color(style.grid)
        ax.spines["bottom"].set_color(style.grid)
        ax.tick_params(length=0)
        ax.grid(axis="x", color=style.grid, linewidth=0.5)
        ax.set_axisbelow(True)
        if index < len(panel_titles) and panel_titles[index]:
            ax.set_title(panel_titles[index], loc="left", fontsize=10, family=family)
    legend = [Patch(facecolor=PALETTE[s % 7], label=x.label) for s, x in enumerate(sessions)]
    figure.legend(
        handles=legend,
        loc="outside upper left",
        ncols=min(3, len(sessions)),
        frameon=False,
        prop={"family": family, "size": 9},
    )
    return figure
