"""A self-scoring scale's published result (``core.privacy``): the bands, and what may be told.

The scale's bands are drawn as one strip along the scores. A small room (under the published
distribution's size) sees the room's rounded average as a marker on that strip; a larger room sees,
under it, one bar per band with its rounded count ("moins de k" for zero as for a few). The chart
holds nothing finer than the published figures, worded by ``core.scale_text`` as every screen is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.text import Annotation, Text

from fphkiosk.charts.style import PALETTE
from fphkiosk.core.deck import ScaleActivity
from fphkiosk.core.privacy import PublicResults, PublicScaleSummary
from fphkiosk.core.scale_text import band_value, mean_line, view_note

if TYPE_CHECKING:
    # Only for annotations: results_chart builds the frame and imports this module.
    from fphkiosk.charts.results_chart import ChartFrame

# Bands are ordered, but their names carry the meaning: Okabe & Ito hues, distinct in every
# colour-vision type, in an order that never puts two warm hues side by side.
BAND_COLORS: tuple[str, ...] = (PALETTE[0], PALETTE[1], PALETTE[3], PALETTE[2], PALETTE[4])
MARKER_COLOR = "#1A1A1A"
BAND_TEXT_CHARS = 30
LABEL_GAP_PT = 8.0


def band_color(index: int) -> str:
    """Colour of the deck's *index*-th band."""
    return BAND_COLORS[index % len(BAND_COLORS)]


class ScaleChart:
    """The band strip with the room's average (small room) or the bands' counts (larger room)."""

    def __init__(
        self, frame: ChartFrame, activity: ScaleActivity, results: PublicScaleSummary
    ) -> None:
        self.figure = frame.figure
        self._frame = frame
        self._activity = activity
        self._distribution = results.shows_distribution
        scale = activity.scale
        self._subtitle = frame.header(scale.title)
        style = frame.style
        if self._distribution:
            # One bar per band, named with its scores: the breakdown comes first, as the
            # console's preview (which may be scrolled) shows the top of the chart.
            main_ax: Axes = frame.figure.add_subplot()
            bars_ax: Axes | None = main_ax
        else:
            # The average on a compact strip of the bands at the top; the space under it stays
            # empty.
            main_ax, spacer = frame.figure.subplots(
                2, 1, gridspec_kw={"height_ratios": (1.4, 1.0), "hspace": 0.3}
            )
            spacer.set_axis_off()
            bars_ax = None
            self._strip(main_ax)
        self.ax: Axes = main_ax
        self.bars_ax = bars_ax
        self.headline: Text = main_ax.set_title(
            "", loc="left", pad=34, **frame.font(style.title_pt * 0.8, bold=True)
        )
        # An arrow only, between the headline (which says the value) and the strip.
        self.marker = main_ax.annotate(
            "",
            xy=(scale.min_score, 1.0),
            xytext=(0, 24),
            textcoords="offset points",
            ha="center",
            va="bottom",
            annotation_clip=False,
            arrowprops={"arrowstyle": "-|>", "color": MARKER_COLOR, "lw": 2.5},
            **frame.font(style.label_pt, bold=True, color=MARKER_COLOR),
        )
        self.marker.set_in_layout(False)
        self.marker.set_visible(not self._distribution)
        self.bars: BarContainer | None = None
        self.count_labels: list[Annotation] = []
        if bars_ax is not None:
            self._band_bars(bars_ax)
        lowest = main_ax
        # An empty label keeps a line free under the lowest axes; the note is drawn there on its
        # own (an axis label is placed by its axis' draw, which a live redraw skips).
        lowest.set_xlabel(" ", labelpad=14, **frame.font(style.unit_pt))
        self.note: Annotation = lowest.annotate(
            "",
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(0, -10),
            textcoords="offset points",
            ha="left",
            va="top",
            annotation_clip=False,
            **frame.font(style.unit_pt, color=style.muted),
        )
        self.note.set_in_layout(False)
        self.update(results)
        # The note changes with the room size: reserve its widest wording before settling.
        frame.settle_layout()

    @property
    def subtitle(self) -> Annotation:
        return self._subtitle

    @property
    def band_texts(self) -> list[str]:
        """Every band's published count as printed (empty in the small-room view)."""
        return [label.get_text() for label in self.count_labels]

    @property
    def texts(self) -> tuple[str, ...]:
        """Every figure the chart prints (for tests and the accessible description)."""
        return (
            self._subtitle.get_text(),
            self.headline.get_text(),
            self.marker.get_text(),
            *self.band_texts,
            self.note.get_text(),
        )

    def accepts(self, results: PublicResults) -> bool:
        return (
            isinstance(results, PublicScaleSummary)
            and results.activity_id == self._activity.id
            and results.shows_distribution == self._distribution
            and len(results.bands) == len(self._activity.scale.bands)
        )

    def update(self, results: PublicResults, revealed: bool = False) -> None:
        """*revealed* is accepted for a uniform interface: a scale has no correct answer."""
        if not isinstance(results, PublicScaleSummary) or not self.accepts(results):
            raise TypeError(f"this scale chart cannot show {type(results).__name__}")
        frame = self._frame
        tr = frame.tr
        self._subtitle.set_text(frame.responses(results.respondents))
        self.note.set_text(view_note(results, tr))
        if not results.shows_distribution:
            self.headline.set_text(mean_line(results, tr))
            if results.mean is None:
                self.marker.set_visible(False)
            else:
                self.marker.set_visible(True)
                self.marker.xy = (results.mean.value, 1.0)
            return
        self.headline.set_text("")
        self.marker.set_visible(False)
        if self.bars is None:
            return
        n = max(1, results.respondents)
        for rect, label, band in zip(
            self.bars.patches, self.count_labels, results.bands, strict=True
        ):
            if band.rest is not None:
                high = band.rest[1]
                rect.set_x(0)
                rect.set_width(high / n * 100)
                rect.set_alpha(0.35)
                end = high / n * 100
            else:
                width = 0.0 if band.share is None else band.share * 100
                rect.set_x(0)
                rect.set_width(width)
                rect.set_alpha(1.0)
                end = width
            label.xy = (end, rect.get_y() + rect.get_height() / 2)
            label.set_text(band_value(band, results, tr))

    def draw(self) -> None:
        # In a full draw's order: each axes' bars, the spine over them, its texts; the subtitle.
        changing: list[Artist] = []
        if not self._distribution:
            changing += [self.marker, self.headline]
        if self.bars is not None and self.bars_ax is not None:
            changing += [*self.bars.patches, self.bars_ax.spines["left"]]
        changing += [self.note, *self.count_labels, self._subtitle]
        self._frame.draw_live(changing)

    def _strip(self, ax: Axes) -> None:
        """The scale's bands side by side along the scores, each named under its stretch."""
        frame = self._frame
        style = frame.style
        scale = self._activity.scale
        for index, band in enumerate(scale.bands):
            ax.barh(
                0.5,
                band.max - band.min + 1,
                left=band.min - 0.5,
                height=1.0,
                color=band_color(index),
                edgecolor=style.background,
                linewidth=2,
            )
            ax.text(
                (band.min + band.max) / 2,
                -0.25,
                frame.wrap(f"{band.label} ({band.min}–{band.max})", 190, style.unit_pt),
                ha="center",
                va="top",
                **frame.font(style.unit_pt),
            )
        ax.set_xlim(scale.min_score - 0.6, scale.max_score + 0.6)
        ax.set_ylim(-1.6, 1.0)
        ticks = [scale.min_score, scale.max_score]
        ax.set_xticks(ticks, [frame.number(t) for t in ticks])
        ax.tick_params(axis="x", labelsize=style.unit_pt, bottom=False, labelbottom=False)
        ax.set_yticks([])
        frame.clean_axes(ax)

    def _band_bars(self, ax: Axes) -> None:
        frame = self._frame
        style = frame.style
        scale = self._activity.scale
        positions = list(range(len(scale.bands)))
        self.bars = ax.barh(
            positions,
            [0] * len(positions),
            height=0.62,
            color=[band_color(i) for i in positions],
        )
        ax.set_yticks(positions, [frame.shorten(b.label, BAND_TEXT_CHARS) for b in scale.bands])
        for tick in ax.get_yticklabels():
            tick.set(**frame.font(style.unit_pt))
        ax.set_ylim(len(positions) - 0.5, -0.5)
        # 100 % plus room for the printed value after the bar.
        ax.set_xlim(0, 150)
        ax.tick_params(axis="x", bottom=False, labelbottom=False)
        frame.clean_axes(ax)
        ax.spines["left"].set_visible(True)
        ax.spines["left"].set_color(style.grid)
        self.count_labels.extend(
            frame.bar_end_label(ax, position, style.label_pt, LABEL_GAP_PT)
            for position in positions
        )
