"""Bar charts of figures written in the deck (```chart blocks), built as a matplotlib Figure."""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from fphkiosk.charts.number_format import format_number
from fphkiosk.charts.style import ChartStyle, chart_font_families
from fphkiosk.core.deck import ChartBlock
from fphkiosk.core.i18n import Translator

CATEGORY_WRAP = 16
"""Characters per line of a category label under a vertical bar."""


def bar_texts(chart: ChartBlock, language: str = "fr") -> list[str]:
    """The label printed at the end of each bar: the deck's text, else the value written locally."""
    return [bar.text or format_number(bar.value, language=language) for bar in chart.bars]


def build_data_chart(
    chart: ChartBlock,
    tr: Translator,
    *,
    width_in: float = 9.0,
    height_in: float = 6.0,
    style: ChartStyle | None = None,
    font_dir: Path | None = None,
    show_title: bool = True,
) -> Figure:
    """The chart as a Figure of *width_in* x *height_in* inches, ready for any canvas."""
    style = style or ChartStyle()
    figure = Figure(figsize=(width_in, height_in), layout="constrained", facecolor=style.background)
    families = chart_font_families(font_dir)
    ax = figure.add_subplot()
    ax.set_facecolor(style.background)
    labels = [bar.label for bar in chart.bars]
    values = [bar.value for bar in chart.bars]
    positions = list(range(len(values)))
    if chart.orientation == "horizontal":
        bars = ax.barh(positions, values, color=style.bar, height=0.66)
        ax.set_yticks(positions, labels, fontsize=style.label_pt, family=families)
        ax.invert_yaxis()  # the deck's first bar on top, as it is read
        _extend_for_labels(ax, values, horizontal=True)
        ax.tick_params(axis="x", bottom=False, labelbottom=False)
        ax.tick_params(axis="y", left=False, pad=10, colors=style.text)
        _unit_label(ax, chart.unit, style, families, horizontal=True)
    else:
        bars = ax.bar(positions, values, color=style.bar, width=0.66)
        wrapped = [textwrap.fill(label, CATEGORY_WRAP) for label in labels]
        ax.set_xticks(positions, wrapped, fontsize=style.label_pt, family=families)
        _extend_for_labels(ax, values, horizontal=False)
        ax.tick_params(axis="y", left=False, labelleft=False)
        ax.tick_params(axis="x", bottom=False, pad=10, colors=style.text)
        _unit_label(ax, chart.unit, style, families, horizontal=False)
    ax.bar_label(
        bars,
        labels=bar_texts(chart, tr.language),
        padding=8,
        fontsize=style.value_pt,
        fontweight="bold",
        color=style.text,
        family=families,
    )
    for spine in ax.spines.values():
        spine.set_visible(False)
    if chart.orientation == "horizontal":
        ax.spines["left"].set_visible(True)
        ax.spines["left"].set_color(style.grid)
    else:
        ax.spines["bottom"].set_visible(True)
        ax.spines["bottom"].set_color(style.grid)
    if chart.title and show_title:
        ax.set_title(
            chart.title,
            loc="left",
            fontsize=style.title_pt,
            fontweight="bold",
            color=style.text,
            family=families,
            pad=18,
        )
    if chart.source:
        figure.supxlabel(
            tr("render.chart_source", source=chart.source),
            x=0.01,
            ha="left",
            fontsize=style.source_pt,
            color=style.muted,
            family=families,
        )
    return figure


def _extend_for_labels(ax: Axes, values: list[float], *, horizontal: bool) -> None:
    """Leave room past the longest bar for its printed value."""
    high = max([0.0, *values])
    low = min([0.0, *values])
    span = (high - low) or 1.0
    limits = (low - (0.2 * span if low < 0 else 0), high + 0.22 * span)
    if horizontal:
        ax.set_xlim(*limits)
    else:
        ax.set_ylim(*limits)


def _unit_label(
    ax: Axes, unit: str, style: ChartStyle, families: list[str], *, horizontal: bool
) -> None:
    if not unit:
        return
    if horizontal:
        ax.set_xlabel(unit, loc="right", fontsize=style.unit_pt, color=style.muted, family=families)
    else:
        ax.set_ylabel(unit, loc="top", fontsize=style.unit_pt, color=style.muted, family=families)
