"""Bar charts of a poll's results: single choice (with its correct answer) and best / worst."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.text import Annotation

from fphkiosk.charts.style import PALETTE
from fphkiosk.core.aggregation import BestWorstCounts, ChoiceCounts
from fphkiosk.core.deck import Poll
from fphkiosk.core.privacy import PublicResults

if TYPE_CHECKING:
    # Only for annotations: results_chart builds the frame and imports this module.
    from fphkiosk.charts.results_chart import ChartFrame

CORRECT_COLOR = PALETTE[2]  # bluish green: reads as "right" and stays distinct in every CVD type
CORRECT_TEXT_COLOR = "#006B4F"
"""That green darkened to about 6:1 on the chart background, for text (WCAG AA)."""
DIMMED_COLOR = "#A9B5C1"
"""The other bars once the answer is revealed: lighter, so the correct one stands out by lightness
too, not by hue alone."""
BEST_COLOR = PALETTE[0]
WORST_COLOR = PALETTE[1]
BAR_HEIGHT = 0.62
LABEL_GAP_PT = 10.0
CHOICE_WRAP_SHARE = 0.28
"""Share of the figure's width that a choice's label may take, left of its bar."""
MAX_LABEL_SHARE = 0.7
"""A bar keeps at least this share of the axes' width however long its printed value is."""


class _BarRow:
    """One horizontal bar per choice with its printed value, fitted inside the axes."""

    def __init__(self, frame: ChartFrame, ax: Axes, n: int, color: str) -> None:
        self.frame = frame
        self.ax = ax
        positions = list(range(n))
        self.bars: BarContainer = ax.barh(positions, [0] * n, height=BAR_HEIGHT, color=color)
        self.labels: list[Annotation] = [
            frame.bar_end_label(ax, position, frame.style.value_pt, LABEL_GAP_PT)
            for position in positions
        ]

    def show(self, counts: Sequence[int], total: int) -> None:
        for rect, label, count in zip(self.bars.patches, self.labels, counts, strict=True):
            rect.set_width(count)
            label.xy = (count, rect.get_y() + rect.get_height() / 2)
            label.set_text(self.frame.count_share(count, total))

    def changing(self) -> list[Artist]:
        """What an update changes, in drawing order: the bars, the axis line over them, values."""
        return [*self.bars.patches, self.ax.spines["left"], *self.labels]

    def room_needed(self, extra_pt: Sequence[float] = ()) -> list[tuple[int, float]]:
        """(count, points printed right of the bar) per bar, for fitting the axis."""
        style = self.frame.style
        rows: list[tuple[int, float]] = []
        for index, (rect, label) in enumerate(zip(self.bars.patches, self.labels, strict=True)):
            width = self.frame.text_width_pt(label.get_text(), style.value_pt, bold=True)
            extra = extra_pt[index] if index < len(extra_pt) else 0.0
            rows.append((int(rect.get_width()), LABEL_GAP_PT + width + extra + 6))
        return rows


def fit_x_limit(ax: Axes, axes_width_pt: float, rows: Sequence[tuple[int, float]]) -> None:
    """Set the x range so that every bar and the text printed after it fit in the axes."""
    limit = 1.0
    for count, text_pt in rows:
        room = max(axes_width_pt - text_pt, axes_width_pt * (1 - MAX_LABEL_SHARE))
        limit = max(limit, count * axes_width_pt / room)
    ax.set_xlim(0, limit)


def category_labels(
    frame: ChartFrame, ax: Axes, labels: Sequence[str], size: float
) -> list[Annotation]:
    """One label per bar left of the axes, as plain texts rather than tick labels.

    The axis machinery (locators, formatters, tick artists) cost a third of a redraw; these
    texts never change, and constrained layout still keeps room for them (they are in layout).
    """
    texts = []
    for position, label in enumerate(labels):
        text = ax.annotate(
            label,
            xy=(0, position),
            xycoords=("axes fraction", "data"),
            xytext=(-12, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            annotation_clip=False,
            **frame.font(size),
        )
        texts.append(text)
    return texts


def _choice_axes(
    frame: ChartFrame, ax: Axes, choices: Sequence[str], show_labels: bool
) -> list[Annotation]:
    style = frame.style
    width_pt = frame.figure.get_figwidth() * 72 * CHOICE_WRAP_SHARE
    labels = [frame.wrap(choice, width_pt, style.label_pt) for choice in choices]
    ax.set_ylim(len(choices) - 0.5, -0.5)  # first choice on top, as it is read
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    frame.clean_axes(ax)
    ax.spines["left"].set_visible(True)
    ax.spines["left"].set_color(style.grid)
    return category_labels(frame, ax, labels, style.label_pt) if show_labels else []


class PollChart:
    """A single-choice poll or quiz: one bar per choice; the correct one marked once revealed."""

    def __init__(
        self, frame: ChartFrame, poll: Poll, results: ChoiceCounts, revealed: bool = False
    ) -> None:
        self.figure = frame.figure
        self._frame = frame
        self._poll = poll
        self._subtitle = frame.header(poll.question)
        self.ax = frame.figure.add_subplot()
        self.choice_labels = _choice_axes(frame, self.ax, poll.choices, show_labels=True)
        self._row = _BarRow(frame, self.ax, len(poll.choices), frame.style.bar)
        self.markers: dict[int, Annotation] = {
            index: self._make_marker(self._row.labels[index]) for index in poll.correct
        }
        self.update(results, revealed)
        frame.settle_layout()
        self.update(results, revealed)  # fit the values to the settled axes

    @property
    def marker(self) -> Annotation | None:
        """The first correct answer's marker (a quiz with several has one per correct bar)."""
        return next(iter(self.markers.values()), None)

    @property
    def bars(self) -> BarContainer:
        return self._row.bars

    @property
    def value_labels(self) -> list[Annotation]:
        return self._row.labels

    @property
    def subtitle(self) -> Annotation:
        return self._subtitle

    def accepts(self, results: PublicResults) -> bool:
        return (
            isinstance(results, ChoiceCounts)
            and results.activity_id == self._poll.id
            and len(results.counts) == len(self._poll.choices)
        )

    def update(self, results: PublicResults, revealed: bool = False) -> None:
        if not isinstance(results, ChoiceCounts) or not self.accepts(results):
            raise TypeError(f"this poll chart cannot show {type(results).__name__}")
        self._row.show(results.counts, results.respondents)
        correct = self._poll.correct
        for index, rect in enumerate(self._row.bars.patches):
            rect.set_facecolor(self._bar_color(index, correct, revealed))
        extra = [0.0] * len(results.counts)
        for index, marker in self.markers.items():
            marker.set_visible(revealed)
            if revealed:
                extra[index] = LABEL_GAP_PT + self._frame.text_width_pt(
                    marker.get_text(), self._frame.style.value_pt, bold=True
                )
        fit_x_limit(self.ax, self._frame.axes_width_pt(self.ax), self._row.room_needed(extra))
        self._subtitle.set_text(self._frame.responses(results.respondents))

    def draw(self) -> None:
        # Each marker after the value label it hangs from.
        changing: list[Artist] = [*self._row.changing(), self._subtitle, *self.markers.values()]
        self._frame.draw_live(changing)

    def _bar_color(self, index: int, correct: tuple[int, ...], revealed: bool) -> str:
        if not revealed or not correct:
            return self._frame.style.bar
        return CORRECT_COLOR if index in correct else DIMMED_COLOR

    def _make_marker(self, value_label: Annotation) -> Annotation:
        """ "✓ Bonne réponse" after the correct bar's value, or words alone without the glyph."""
        frame = self._frame
        text = frame.tr("charts.correct_marker")
        if not frame.has_glyphs(text):
            text = frame.tr("charts.correct_marker_plain")
        marker = self.ax.annotate(
            text,
            xy=(1, 0.5),
            xycoords=value_label,
            xytext=(LABEL_GAP_PT, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            annotation_clip=False,
            **frame.font(frame.style.value_pt, bold=True, color=CORRECT_TEXT_COLOR),
        )
        marker.set_in_layout(False)
        marker.set_visible(False)
        return marker


class BestWorstChart:
    """A best / worst vote: two panels side by side, headed by the two prompts, one scale."""

    def __init__(self, frame: ChartFrame, poll: Poll, results: BestWorstCounts) -> None:
        self.figure = frame.figure
        self._frame = frame
        self._poll = poll
        self._subtitle = frame.header(poll.question)
        best_ax, worst_ax = frame.figure.subplots(1, 2, sharey=True)
        self.axes: tuple[Axes, Axes] = (best_ax, worst_ax)
        prompts = poll.prompts or (
            frame.tr("charts.best_default"),
            frame.tr("charts.worst_default"),
        )
        self.choice_labels: list[Annotation] = []
        self.rows: tuple[_BarRow, _BarRow] = (
            self._panel(best_ax, prompts[0], BEST_COLOR, show_labels=True),
            self._panel(worst_ax, prompts[1], WORST_COLOR, show_labels=False),
        )
        self.update(results)
        frame.settle_layout()
        self.update(results)

    @property
    def subtitle(self) -> Annotation:
        return self._subtitle

    def accepts(self, results: PublicResults) -> bool:
        n = len(self._poll.choices)
        return (
            isinstance(results, BestWorstCounts)
            and results.activity_id == self._poll.id
            and len(results.best) == n
            and len(results.worst) == n
        )

    def update(self, results: PublicResults, revealed: bool = False) -> None:
        if not isinstance(results, BestWorstCounts) or not self.accepts(results):
            raise TypeError(f"this best-worst chart cannot show {type(results).__name__}")
        best_row, worst_row = self.rows
        best_row.show(results.best, results.respondents)
        worst_row.show(results.worst, results.respondents)
        # One x scale for both panels, so equal counts look equal side by side.
        limits = []
        for row in self.rows:
            fit_x_limit(row.ax, self._frame.axes_width_pt(row.ax), row.room_needed())
            limits.append(row.ax.get_xlim()[1])
        for row in self.rows:
            row.ax.set_xlim(0, max(limits))
        self._subtitle.set_text(self._frame.responses(results.respondents))

    def draw(self) -> None:
        best, worst = self.rows
        self._frame.draw_live([*best.changing(), *worst.changing(), self._subtitle])

    def _panel(self, ax: Axes, prompt: str, color: str, *, show_labels: bool) -> _BarRow:
        """One prompt's panel; its heading stays in the text colour (orange text is unreadable)."""
        frame = self._frame
        labels = _choice_axes(frame, ax, self._poll.choices, show_labels=show_labels)
        self.choice_labels.extend(labels)
        width_pt = frame.figure.get_figwidth() * 72 * 0.36
        ax.set_title(
            frame.wrap(prompt, width_pt, frame.style.label_pt),
            loc="left",
            pad=14,
            **frame.font(frame.style.label_pt, bold=True),
        )
        return _BarRow(frame, ax, len(self._poll.choices), color)
