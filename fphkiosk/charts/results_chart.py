"""The room's result charts: one Figure per activity, updated in place as answers come in.

``chart_for`` picks the chart for an activity and its (publishable) results. Every chart owns its
Figure and offers ``update(results, revealed)``, which sets the heights, widths and texts of the
artists it drew first: no artist is created again. The layout is computed once when the chart is
built (see ``ChartFrame.settle_layout``), because a constrained layout pass on every draw would
cost more than the whole update budget (8 ms). ``draw()`` then redraws only the artists updates
change, over the pixels of the rest kept from the first draw (``ChartFrame.draw_live``).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Annotation
from matplotlib.textpath import text_to_path

from fphkiosk.charts.number_format import NO_BREAK_SPACE, format_number, format_percent
from fphkiosk.charts.poll_chart import BestWorstChart, PollChart
from fphkiosk.charts.scale_chart import ScaleChart
from fphkiosk.charts.style import ChartStyle, chart_font_families
from fphkiosk.charts.text_chart import TextBoardChart
from fphkiosk.core.aggregation import BestWorstCounts, ChoiceCounts, TextBoard
from fphkiosk.core.deck import Activity, Poll, ScaleActivity, TextActivity
from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import PublicResults, PublicScaleSummary, TooFewRespondents
from fphkiosk.paths import assets_dir

DEFAULT_WIDTH_IN = 12.8
DEFAULT_HEIGHT_IN = 7.2
"""1280 x 720 canvas pixels at style.CANVAS_DPI: two thirds of the projector's 1920 x 1080."""
AVERAGE_CHAR_EM = 0.52
"""Mean advance of a character of Atkinson Hyperlegible, in ems: used to choose wrap widths."""

# French puts a (no-break) space before ? ! : ; and inside guillemets; a line must never start
# with the punctuation, nor split a number written "27 900".
_GLUED_SPACE = re.compile(r" (?=[?!:;»%])|(?<=«) |(?<=\d) (?=\d{3}\b)")


class ResultsChart(Protocol):
    """What every result chart offers its screen."""

    figure: Figure

    def accepts(self, results: PublicResults) -> bool:
        """True when ``update(results)`` can redraw in place (same activity, same kind)."""
        ...

    def update(self, results: PublicResults, revealed: bool = False) -> None:
        """Show *results* by changing the existing artists; TypeError if not ``accepts``."""
        ...

    def draw(self) -> None:
        """Draw the figure on its Agg canvas, redrawing only what updates change."""
        ...


class ChartFrame:
    """The Figure, its look and the text helpers (translator, numbers, wrapping) charts share."""

    def __init__(
        self,
        tr: Translator,
        *,
        figure: Figure | None = None,
        width_in: float = DEFAULT_WIDTH_IN,
        height_in: float = DEFAULT_HEIGHT_IN,
        style: ChartStyle | None = None,
        font_dir: Path | None = None,
    ) -> None:
        self.tr = tr
        self._widths: dict[tuple[str, float, bool], float] = {}
        self.style = style or ChartStyle()
        families = chart_font_families(font_dir or assets_dir() / "fonts")
        # One face, not a fallback chain: matplotlib lays out text with fallbacks several times
        # slower, and every character the charts print is checked to exist in it (has_glyphs).
        self.families = families[:1]
        if figure is None:
            figure = Figure(figsize=(width_in, height_in))
        else:
            figure.clear()  # a screen keeps its Figure when the chart changes kind
        figure.set_layout_engine("constrained")
        figure.set_facecolor(self.style.background)
        # An Agg canvas gives settle_layout() a renderer; a screen may attach its own canvas later.
        FigureCanvasAgg(figure)
        self.figure = figure
        self._background: Any = None
        self._background_key: tuple[object, ...] = ()

    # Text ---------------------------------------------------------------------------------------

    def font(self, size: float, *, bold: bool = False, color: str | None = None) -> dict[str, Any]:
        """Text keyword arguments for the shared look."""
        return {
            "family": self.families,
            "fontsize": size,
            "fontweight": "bold" if bold else "normal",
            "color": color or self.style.text,
        }

    def bar_end_label(self, ax: Axes, position: float, size: float, gap_pt: float) -> Annotation:
        """An empty label at the end of a horizontal bar; updates move it and set its text.

        Values change on every update: the label must not move the layout, settled once.
        """
        label = ax.annotate(
            "",
            xy=(0, position),
            xytext=(gap_pt, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            annotation_clip=False,
            **self.font(size, bold=True),
        )
        label.set_in_layout(False)
        return label

    def text_width_pt(self, text: str, size: float, *, bold: bool = False) -> float:
        """Width of one line of *text* in points: the sum of its characters' real advances.

        Kerning is left out (it only narrows a line), so the width is never short; each
        character is measured once, as counts and shares change on every update.
        """
        return sum(self._advance_pt(char, size, bold) for char in text)

    def _advance_pt(self, char: str, size: float, bold: bool) -> float:
        key = (char, size, bold)
        cached = self._widths.get(key)
        if cached is not None:
            return cached
        prop = FontProperties(family=self.families, size=size, weight="bold" if bold else "normal")
        # Between two letters, so a space counts its advance rather than nothing.
        with_char, _h, _d = text_to_path.get_text_width_height_descent(f"x{char}x", prop, False)
        without, _h, _d = text_to_path.get_text_width_height_descent("xx", prop, False)
        self._widths[key] = float(with_char - without)
        return self._widths[key]

    def wrap(self, text: str, width_pt: float, size: float) -> str:
        """*text* wrapped to lines of about *width_pt* points, French spacing kept together."""
        glued = _GLUED_SPACE.sub(NO_BREAK_SPACE, " ".join(text.split()))
        chars = max(8, int(width_pt / (size * AVERAGE_CHAR_EM)))
        return textwrap.fill(glued, chars, break_long_words=False)

    def shorten(self, text: str, chars: int) -> str:
        """*text* cut to *chars* characters with an ellipsis (in the shipped font)."""
        text = " ".join(text.split())
        return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"

    def has_glyphs(self, text: str) -> bool:
        """True when the chart's first font draws every character of *text* itself."""
        path = font_manager.findfont(FontProperties(family=self.families))
        charmap = font_manager.get_font(path).get_charmap()
        return all(ord(char) in charmap for char in text if not char.isspace())

    # Numbers ------------------------------------------------------------------------------------

    def number(self, value: float, max_decimals: int = 0) -> str:
        return format_number(value, max_decimals, language=self.tr.language)

    def percent(self, share: float) -> str:
        return format_percent(share, language=self.tr.language)

    def count_share(self, count: int, total: int) -> str:
        """ "12 (48 %)": a count and its share of *total*."""
        share = count / total if total else 0.0
        return self.tr("charts.count_share", count=self.number(count), share=self.percent(share))

    def responses(self, count: int) -> str:
        """ "25 réponses" (French puts 0 and 1 in the singular)."""
        key = "charts.responses_one" if count <= 1 else "charts.responses_many"
        return self.tr(key, count=self.number(count))

    # Layout -------------------------------------------------------------------------------------

    def header(self, title: str) -> Annotation:
        """The title (wrapped) and, under it, an empty subtitle line that the chart fills."""
        size = self.style.title_pt
        width_pt = self.figure.get_figwidth() * 72 * 0.96
        # The trailing blank line makes constrained layout keep room for the subtitle, which
        # hangs from the title's bounding box, so the two never overlap whatever the wrapping.
        title_text = self.figure.suptitle(
            self.wrap(title, width_pt, size) + "\n",
            x=0.012,
            ha="left",
            linespacing=1.15,
            **self.font(size, bold=True),
        )
        subtitle = Annotation(
            "",
            xy=(0, 0),
            xycoords=title_text,
            xytext=(0, 4),
            textcoords="offset points",
            ha="left",
            va="bottom",
            **self.font(self.style.label_pt, color=self.style.muted),
        )
        self.figure.add_artist(subtitle)
        return subtitle

    def clean_axes(self, ax: Axes) -> None:
        """No chart junk: no box, no tick marks; the background matches the slide."""
        ax.set_facecolor(self.style.background)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.tick_params(length=0, colors=self.style.text)

    def settle_layout(self) -> None:
        """Run the constrained layout once, then keep those positions for every later draw.

        The texts that shape the layout (titles, tick labels, headings) do not change on update;
        the value labels that do are kept out of the layout and fitted through the axis limits.
        """
        engine = self.figure.get_layout_engine()
        if engine is not None:
            engine.execute(self.figure)
        self.figure.set_layout_engine("none")

    def axes_width_pt(self, ax: Axes) -> float:
        return float(ax.get_position().width * self.figure.get_figwidth() * 72)

    # Drawing ------------------------------------------------------------------------------------

    def draw_live(self, changing: Sequence[Artist]) -> None:
        """Draw the figure on its Agg canvas: the *changing* artists over the rest, kept as pixels.

        matplotlib's blitting API: the first draw (and any at a new size) leaves the changing
        artists out and keeps the pixels of everything else (``copy_from_bbox``); each later draw
        puts those pixels back (``restore_region``) and draws the changing artists on top
        (``Figure.draw_artist``), in the order given, which is their order in a full draw. The
        layout is settled and the other artists never change after the chart is built, so the
        kept pixels stay right. A plain ``canvas.draw()`` or ``savefig`` still draws everything
        (the artists are animated only while the background is taken).
        """
        figure = self.figure
        canvas: Any = figure.canvas
        if not isinstance(canvas, FigureCanvasAgg):
            canvas = FigureCanvasAgg(figure)
        key = (canvas.get_width_height(), figure.get_dpi(), tuple(map(id, changing)))
        if self._background is None or key != self._background_key:
            for artist in changing:
                artist.set_animated(True)
            try:
                canvas.draw()
            finally:
                for artist in changing:
                    artist.set_animated(False)
            self._background = canvas.copy_from_bbox(figure.bbox)
            self._background_key = key
        elif not any(artist.stale for artist in changing):
            return  # drawn since the last change (by this or by a full draw): the pixels hold
        else:
            canvas.restore_region(self._background)
        for artist in changing:
            figure.draw_artist(artist)


class PlaceholderChart:
    """Too few respondents: a calm message, never a number per choice or per score."""

    def __init__(self, frame: ChartFrame, activity: Activity, results: TooFewRespondents) -> None:
        self.figure = frame.figure
        self._frame = frame
        self._activity_id = activity.id
        frame.header(_title_of(activity))
        ax = frame.figure.add_subplot()
        ax.set_axis_off()
        width_pt = frame.figure.get_figwidth() * 72 * 0.92
        self._message = ax.text(
            0.5,
            0.55,
            "",
            ha="center",
            va="center",
            transform=ax.transAxes,
            **frame.font(frame.style.title_pt, color=frame.style.text),
        )
        self._hint = ax.text(
            0.5,
            0.35,
            "",
            ha="center",
            va="top",
            transform=ax.transAxes,
            **frame.font(frame.style.label_pt, color=frame.style.muted),
        )
        self._width_pt = width_pt
        self.update(results)
        frame.settle_layout()

    def accepts(self, results: PublicResults) -> bool:
        return isinstance(results, TooFewRespondents) and results.activity_id == self._activity_id

    def update(self, results: PublicResults, revealed: bool = False) -> None:
        if not isinstance(results, TooFewRespondents) or not self.accepts(results):
            raise TypeError(f"a placeholder cannot show {type(results).__name__}")
        frame = self._frame
        message = frame.tr(
            "charts.too_few",
            minimum=frame.number(results.minimum),
            count=frame.number(results.respondents),
        )
        self._message.set_text(frame.wrap(message, self._width_pt, frame.style.title_pt))
        hint = frame.tr("charts.too_few_hint", minimum=frame.number(results.minimum))
        self._hint.set_text(frame.wrap(hint, self._width_pt, frame.style.label_pt))

    def draw(self) -> None:
        self._frame.draw_live((self._message, self._hint))

    @property
    def texts(self) -> tuple[str, ...]:
        """Every text the placeholder shows (for tests and the accessible description)."""
        return (self._message.get_text(), self._hint.get_text())


def _title_of(activity: Activity) -> str:
    return activity.scale.title if isinstance(activity, ScaleActivity) else activity.question


def chart_for(
    activity: Activity,
    results: PublicResults,
    tr: Translator,
    revealed: bool = False,
    *,
    figure: Figure | None = None,
    width_in: float = DEFAULT_WIDTH_IN,
    height_in: float = DEFAULT_HEIGHT_IN,
    style: ChartStyle | None = None,
    font_dir: Path | None = None,
) -> ResultsChart:
    """The chart that shows *results* of *activity*; drawn into *figure* (cleared) when given."""
    if results.activity_id != activity.id:
        raise ValueError(f"results of {results.activity_id!r} given for {activity.id!r}")
    frame = ChartFrame(
        tr, figure=figure, width_in=width_in, height_in=height_in, style=style, font_dir=font_dir
    )
    if isinstance(results, TooFewRespondents):
        return PlaceholderChart(frame, activity, results)
    if isinstance(activity, ScaleActivity) and isinstance(results, PublicScaleSummary):
        return ScaleChart(frame, activity, results)
    if isinstance(activity, Poll) and isinstance(results, BestWorstCounts):
        return BestWorstChart(frame, activity, results)
    if isinstance(activity, Poll) and isinstance(results, ChoiceCounts):
        return PollChart(frame, activity, results, revealed)
    if isinstance(activity, TextActivity) and isinstance(results, TextBoard):
        return TextBoardChart(frame, activity, results)
    raise TypeError(f"no chart shows {type(results).__name__} for a {activity.kind}")


def show_results(
    chart: ResultsChart | None,
    activity: Activity,
    results: PublicResults,
    tr: Translator,
    revealed: bool = False,
) -> ResultsChart:
    """Update *chart* in place when it can, else build the right chart in its Figure."""
    if chart is not None and chart.accepts(results):
        chart.update(results, revealed)
        return chart
    figure = chart.figure if chart is not None else None
    width_in, height_in = (
        figure.get_size_inches() if figure is not None else (DEFAULT_WIDTH_IN, DEFAULT_HEIGHT_IN)
    )
    return chart_for(
        activity, results, tr, revealed, figure=figure, width_in=width_in, height_in=height_in
    )
