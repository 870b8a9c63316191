"""A self-scoring scale's room-wide results: scores by band; for yes/no scales, "yes" per item.

A withheld count (see ``core.privacy``) draws no bar and reads "masqué": the chart never holds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text

from fphkiosk.charts.style import PALETTE
from fphkiosk.core.deck import ScaleActivity
from fphkiosk.core.privacy import PublicResults, PublicScaleSummary
from fphkiosk.core.scales import Band

if TYPE_CHECKING:
    # Only for annotations: results_chart builds the frame and imports this module.
    from fphkiosk.charts.results_chart import ChartFrame

# Bands are ordered, but their names carry the meaning: Okabe & Ito hues, distinct in every
# colour-vision type, in an order that never puts two warm hues side by side.
BAND_COLORS: tuple[str, ...] = (PALETTE[0], PALETTE[1], PALETTE[3], PALETTE[2], PALETTE[4])
OUTSIDE_BAND_COLOR = "#A9B5C1"
ITEM_COLOR = PALETTE[0]
MAX_SCORE_TICKS = 13
"""More scores than this (Epworth's 0..24) get a tick every other score, so labels never touch."""
ITEM_TEXT_CHARS = 26
WITHHELD_UPRIGHT_FROM = 7
"""From this many scores, "masqué" labels stand upright, so that neighbouring ones never touch."""
WITHHELD_SIZE = 0.7
"""A withheld cell's "masqué" in this fraction of the count labels' size: a note, not a figure."""
LABEL_GAP_PT = 8.0


def band_color(index: int) -> str:
    """Colour of the deck's *index*-th band."""
    return BAND_COLORS[index % len(BAND_COLORS)]


class ScaleChart:
    """Distribution of total scores coloured by band, the share per band, mean and median."""

    def __init__(
        self, frame: ChartFrame, activity: ScaleActivity, results: PublicScaleSummary
    ) -> None:
        self.figure = frame.figure
        self._frame = frame
        self._activity = activity
        scale = activity.scale
        self._subtitle = frame.header(scale.title)
        self.scores = tuple(range(scale.min_score, scale.max_score + 1))
        with_items = scale.is_yes_no
        if with_items:
            dist_ax, items_ax = frame.figure.subplots(
                1, 2, gridspec_kw={"width_ratios": (1.25, 1.0), "wspace": 0.08}
            )
        else:
            dist_ax, items_ax = frame.figure.add_subplot(), None
        self.ax: Axes = dist_ax
        self.items_ax: Axes | None = items_ax
        self.bars, self.count_labels = self._distribution(dist_ax)
        self.stats: Text = dist_ax.set_title(
            "", loc="left", pad=12, **frame.font(frame.style.label_pt, bold=True)
        )
        self.legend = self._band_legend()
        self.item_bars: BarContainer | None = None
        self.item_labels: list[Annotation] = []
        if items_ax is not None:
            self._items(items_ax)
        self.update(results)
        frame.settle_layout()

    @property
    def subtitle(self) -> Annotation:
        return self._subtitle

    @property
    def band_texts(self) -> list[str]:
        return [text.get_text() for text in self.legend.get_texts()]

    def accepts(self, results: PublicResults) -> bool:
        return (
            isinstance(results, PublicScaleSummary)
            and results.activity_id == self._activity.id
            and tuple(score for score, _ in results.totals) == self.scores
            and len(results.bands) == len(self._activity.scale.bands)
        )

    def update(self, results: PublicResults, revealed: bool = False) -> None:
        """*revealed* is accepted for a uniform interface: a scale has no correct answer."""
        if not isinstance(results, PublicScaleSummary) or not self.accepts(results):
            raise TypeError(f"this scale chart cannot show {type(results).__name__}")
        frame = self._frame
        withheld = frame.tr("charts.withheld", minimum=frame.number(results.minimum))
        counts = [count for _score, count in results.totals]
        for rect, label, count in zip(self.bars.patches, self.count_labels, counts, strict=True):
            rect.set_height(count or 0)
            label.xy = (rect.get_x() + rect.get_width() / 2, count or 0)
            if count is None:
                self._mark_withheld(label, withheld)
            else:
                self._show_count(label, frame.number(count) if count else "")
        # Head room above the tallest bar for its printed count.
        self.ax.set_ylim(0, max([1, *(c for c in counts if c is not None)]) * 1.18)
        for text, band in zip(self.legend.get_texts(), results.bands, strict=True):
            shown = (
                withheld
                if band.count is None
                else frame.count_share(band.count, results.respondents)
            )
            text.set_text(frame.tr("charts.band_share", label=band.label, count=shown))
        self.stats.set_text(
            frame.tr(
                "charts.scale_stats",
                mean=frame.number(results.mean, 1),
                median=frame.number(results.median, 1),
            )
        )
        if self.item_bars is not None:
            shares = results.yes_share or (0.0,) * len(self.item_bars.patches)
            for rect, label, share in zip(
                self.item_bars.patches, self.item_labels, shares, strict=True
            ):
                width = 0.0 if share is None else share * 100
                rect.set_width(width)
                label.xy = (width, rect.get_y() + rect.get_height() / 2)
                label.set_text(
                    frame.tr("charts.share_withheld") if share is None else frame.percent(share)
                )
        self._subtitle.set_text(frame.responses(results.respondents))

    def draw(self) -> None:
        changing: list[Artist] = [*self.bars.patches, self.ax.spines["bottom"], *self.count_labels]
        changing += [self.legend, self.stats, self._subtitle]
        if self.item_bars is not None and self.items_ax is not None:
            changing += [*self.item_bars.patches, self.items_ax.spines["left"], *self.item_labels]
        self._frame.draw_live(changing)

    def _mark_withheld(self, label: Annotation, text: str) -> None:
        style = self._frame.style
        label.set_text(text)
        label.set_fontsize(style.unit_pt * WITHHELD_SIZE)
        label.set_rotation(90 if len(self.scores) >= WITHHELD_UPRIGHT_FROM else 0)
        label.set_color(style.muted)

    def _show_count(self, label: Annotation, text: str) -> None:
        style = self._frame.style
        label.set_text(text)
        label.set_fontsize(style.unit_pt)
        label.set_rotation(0)
        label.set_color(style.text)

    def _distribution(self, ax: Axes) -> tuple[BarContainer, list[Annotation]]:
        frame = self._frame
        style = frame.style
        scale = self._activity.scale
        colors = [self._color_of(score, scale.bands) for score in self.scores]
        bars = ax.bar(self.scores, [0] * len(self.scores), width=0.78, color=colors)
        labels: list[Annotation] = []
        for score in self.scores:
            label = ax.annotate(
                "",
                xy=(score, 0),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                annotation_clip=False,
                **frame.font(style.unit_pt, bold=True),
            )
            label.set_in_layout(False)
            labels.append(label)
        step = 1 if len(self.scores) <= MAX_SCORE_TICKS else 2
        ticks = list(self.scores[::step])
        ax.set_xticks(ticks, [frame.number(t) for t in ticks])
        for tick in ax.get_xticklabels():
            tick.set(**frame.font(style.unit_pt))
        ax.set_xlim(self.scores[0] - 0.6, self.scores[-1] + 0.6)
        ax.set_xlabel(frame.tr("charts.scale_score_axis"), **frame.font(style.unit_pt))
        ax.tick_params(axis="y", left=False, labelleft=False)
        frame.clean_axes(ax)
        ax.spines["bottom"].set_visible(True)
        ax.spines["bottom"].set_color(style.grid)
        return bars, labels

    def _band_legend(self) -> Legend:
        frame = self._frame
        handles = [
            Patch(facecolor=band_color(index), label=band.label)
            for index, band in enumerate(self._activity.scale.bands)
        ]
        # "outside" asks constrained layout to keep the legend clear of the axes.
        return frame.figure.legend(
            handles=handles,
            loc="outside lower left",
            ncols=1,
            frameon=False,
            prop={"family": frame.families, "size": frame.style.unit_pt},
            labelcolor=frame.style.text,
            handlelength=1.2,
            handleheight=1.0,
        )

    def _items(self, ax: Axes) -> None:
        frame = self._frame
        style = frame.style
        scale = self._activity.scale
        positions = list(range(len(scale.items)))
        labels = [
            frame.tr(
                "charts.item_label",
                number=frame.number(i + 1),
                text=frame.shorten(item.text, ITEM_TEXT_CHARS),
            )
            for i, item in enumerate(scale.items)
        ]
        self.item_bars = ax.barh(positions, [0] * len(positions), height=0.62, color=ITEM_COLOR)
        ax.set_yticks(positions, labels)
        for tick in ax.get_yticklabels():
            tick.set(**frame.font(style.unit_pt))
        ax.set_ylim(len(positions) - 0.5, -0.5)
        # 100 % plus room for the printed "100 %" after the bar.
        ax.set_xlim(0, 135)
        ax.tick_params(axis="x", bottom=False, labelbottom=False)
        frame.clean_axes(ax)
        ax.spines["left"].set_visible(True)
        ax.spines["left"].set_color(style.grid)
        yes = next(option.label for option in scale.options if option.points == 1)
        title_width_pt = frame.figure.get_figwidth() * 72 * 0.32
        ax.set_title(
            frame.wrap(
                frame.tr("charts.scale_yes_share", option=yes), title_width_pt, style.label_pt
            ),
            loc="left",
            pad=12,
            **frame.font(style.label_pt, bold=True),
        )
        self.item_labels.extend(
            frame.bar_end_label(ax, position, style.unit_pt, LABEL_GAP_PT) for position in positions
        )

    def _color_of(self, score: int, bands: tuple[Band, ...]) -> str:
        for index, band in enumerate(bands):
            if band.contains(score):
                return band_color(index)
        return OUTSIDE_BAND_COLOR
