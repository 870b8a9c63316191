"""The PDF report for committees: a title page, then one page per activity with its chart and table.

Pages are matplotlib Figures the size of an A4 sheet, written by PdfPages (no extra dependency):
the charts are the projector's own (see ``report_charts``), embedded as images of PRINT_DPI, and the
text and tables are drawn as vector text in the shipped font. Comparisons add one page per
activity with the sessions side by side.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from fphkiosk.charts.number_format import format_number, format_percent
from fphkiosk.charts.style import ChartStyle, chart_font_families
from fphkiosk.core.i18n import Translator
from fphkiosk.export.compare import SessionComparison, comparison_sheets
from fphkiosk.export.report_charts import activity_chart, comparison_chart, figure_pixels
from fphkiosk.export.statistics import ActivityStats, SessionStatistics
from fphkiosk.export.tables import Sheet, Table, Value, kind_label, session_sheets
from fphkiosk.paths import assets_dir

PAGE_W, PAGE_H = 8.27, 11.69  # A4 portrait, inches
MARGIN = 0.7
CONTENT_W = PAGE_W - 2 * MARGIN
ROW_H = 0.27
TEXT_PT = 9.5
STYLE = ChartStyle()
HEADER_FILL = "#DDE6EE"
ZEBRA_FILL = "#F3F6F9"
PRINT_DPI = 230
"""Pixels per printed inch of an embedded chart: sharp on paper, a few dozen KB a page."""
CHAR_EM = 0.5
"""Mean character advance in ems, to guess how much text fits in a width."""

PageDrawer = Callable[[Figure], None]


class _Page:
    """One A4 figure and a cursor going down it, in inches from the top."""

    def __init__(self, figure: Figure, family: list[str]) -> None:
        self.figure = figure
        self.family = family
        self.y = MARGIN

    def text(
        self,
        x: float,
        content: str,
        size: float = TEXT_PT,
        *,
        bold: bool = False,
        color: str = STYLE.text,
        width: float = CONTENT_W,
        advance: bool = True,
        ha: str = "left",
    ) -> None:
        """*content* wrapped to *width* inches at (*x*, cursor); the cursor moves below it."""
        chars = max(10, int(width * 72 / (size * CHAR_EM)))
        lines = textwrap.wrap(content, chars, break_long_words=False) or [""]
        self.figure.text(
            x / PAGE_W,
            1 - self.y / PAGE_H,
            "\n".join(lines),
            fontsize=size,
            fontweight="bold" if bold else "normal",
            color=color,
            family=self.family,
            va="top",
            ha=ha,
            linespacing=1.3,
        )
        if advance:
            self.y += len(lines) * size * 1.3 / 72 + 0.08

    def gap(self, inches: float) -> None:
        self.y += inches

    def image(self, figure: Figure, width: float, max_height: float) -> None:
        """*figure* rendered and placed at the cursor, *width* inches wide (or less if too tall)."""
        w_in, h_in = figure.get_size_inches()
        height = width * h_in / w_in
        if height > max_height:
            width, height = max_height * w_in / h_in, max_height
        pixels = figure_pixels(figure, PRINT_DPI * width / w_in)
        x = MARGIN + (CONTENT_W - width) / 2
        ax = self.figure.add_axes(
            (x / PAGE_W, 1 - (self.y + height) / PAGE_H, width / PAGE_W, height / PAGE_H)
        )
        # "none": a vector backend embeds the pixels as they are, the viewer scales them.
        ax.imshow(pixels, interpolation="none")
        ax.set_axis_off()
        self.y += height + 0.15

    def rect(self, x: float, y: float, w: float, h: float, color: str) -> None:
        self.figure.add_artist(
            Rectangle(
                (x / PAGE_W, 1 - (y + h) / PAGE_H),
                w / PAGE_W,
                h / PAGE_H,
                transform=self.figure.transFigure,
                facecolor=color,
                edgecolor="none",
            )
        )

    def table(self, table: Table, tr: Translator) -> None:
        """A compact table: bold header on a tint, zebra rows, numbers right-aligned."""
        if table.caption:
            self.text(MARGIN, table.caption, TEXT_PT + 1, bold=True)
        widths = _column_widths(table)
        numeric_columns = _numeric_columns(table)
        rows = [tuple(table.headers), *[tuple(_pdf_value(v, tr) for v in r) for r in table.rows]]
        for index, row in enumerate(rows):
            if self.y + ROW_H > PAGE_H - MARGIN - 0.4:
                break  # the workbook and the CSV have every row; a page has room for so many
            fill = HEADER_FILL if index == 0 else (ZEBRA_FILL if index % 2 == 0 else None)
            if fill:
                self.rect(MARGIN, self.y, CONTENT_W, ROW_H, fill)
            x = MARGIN
            for column, (content, width) in enumerate(zip(row, widths, strict=True)):
                if index == 0:
                    numeric = numeric_columns[column]
                else:
                    numeric = table.rows[index - 1][column].kind != "text"
                chars = max(4, int((width - 0.12) * 72 / (TEXT_PT * CHAR_EM)))
                shown = content if len(content) <= chars else content[: chars - 1] + "…"
                self.figure.text(
                    (x + (width - 0.06 if numeric else 0.06)) / PAGE_W,
                    1 - (self.y + ROW_H / 2) / PAGE_H,
                    shown,
                    fontsize=TEXT_PT,
                    fontweight="bold" if index == 0 else "normal",
                    family=self.family,
                    color=STYLE.text,
                    va="center",
                    ha="right" if numeric else "left",
                )
                x += width
            self.y += ROW_H
        self.y += 0.2


def _numeric_columns(table: Table) -> list[bool]:
    """Columns of numbers (empty cells allowed): narrow and right-aligned."""
    kinds = [{row[c].kind for row in table.rows} for c in range(len(table.headers))]
    return [bool(k - {"empty"}) and "text" not in k for k in kinds]


def _column_widths(table: Table) -> list[float]:
    """Text columns share what the number columns leave; each number column is narrow."""
    count = len(table.headers)
    numeric = _numeric_columns(table)
    narrow = [max(0.85, min(1.5, len(h) * 0.075 + 0.2)) for h in table.headers]
    fixed = sum(w for w, n in zip(narrow, numeric, strict=True) if n)
    texts = [c for c in range(count) if not numeric[c]]
    left = max(1.0, CONTENT_W - fixed)
    weights = {
        # Capped, so one long question leaves its neighbours ("Quiz", "Échelle") readable.
        c: min(40, max(len(table.headers[c]), *(len(str(r[c].data or "")) for r in table.rows)))
        for c in texts
    }
    total = sum(weights.values()) or 1
    widths = []
    for c in range(count):
        widths.append(narrow[c] if numeric[c] else left * weights[c] / total)
    scale = CONTENT_W / sum(widths)
    return [w * scale for w in widths]


def _pdf_value(value: Value, tr: Translator) -> str:
    data = value.data
    match value.kind:
        case "text":
            return str(data)
        case "count":
            return format_number(float(data or 0), 0, language=tr.language)
        case "share":
            return format_percent(float(data or 0), 1, language=tr.language)
        case "number":
            return format_number(float(data or 0), 2, language=tr.language)
        case "suppressed":
            return tr("export.suppressed", minimum=data)
    return ""


def _facts_line(sheet: Sheet, tr: Translator) -> str:
    return "   ·   ".join(f"{label} : {_pdf_value(value, tr)}" for label, value in sheet.facts)


# Pages ---------------------------------------------------------------------------------------


def _title_page(stats: SessionStatistics, tr: Translator) -> PageDrawer:
    def draw(page: _Page) -> None:
        summary = session_sheets(stats, tr)[0]
        info = stats.session
        page.gap(1.2)
        page.text(MARGIN, tr("export.pdf.report_title").upper(), 11, color=STYLE.muted)
        page.text(MARGIN, info.course, 24, bold=True)
        if info.rehearsal:
            page.text(MARGIN, tr("export.summary.rehearsal").upper(), 14, bold=True)
        page.gap(0.25)
        for label, value in summary.facts[1:4]:
            if value.data:
                page.text(MARGIN, f"{label} : {_pdf_value(value, tr)}", 13)
        page.gap(0.35)
        page.text(MARGIN, tr("export.pdf.participation"), 14, bold=True)
        for label, value in summary.facts[4:8]:
            page.text(MARGIN, f"{label} : {_pdf_value(value, tr)}", 11)
        page.gap(0.3)
        table = summary.tables[0]
        picked = (0, 4, 3, 6, 7, 8)
        page.text(MARGIN, tr("export.pdf.activities"), 14, bold=True)
        page.table(
            Table(
                tuple(table.headers[i] for i in picked),
                tuple(tuple(row[i] for i in picked) for row in table.rows),
            ),
            tr,
        )
        for note in summary.notes:
            page.text(MARGIN, note, 8.5, color=STYLE.muted)

    return lambda figure: draw(_Page(figure, _family()))


def _activity_page(
    activity: ActivityStats, sheet: Sheet, minimum: int, tr: Translator
) -> PageDrawer:
    def draw(page: _Page) -> None:
        heading = f"{tr('export.pdf.slide', number=activity.slide)}  ·  {kind_label(activity, tr)}"
        page.text(MARGIN, heading, 10, color=STYLE.muted)
        if activity.published:
            chart = activity_chart(activity, minimum, tr, 12.8)
            page.image(chart, CONTENT_W, 4.6)
        else:
            page.gap(0.2)
            page.text(MARGIN, activity.title, 16, bold=True)
            page.gap(0.3)
            key = "export.pdf.withheld_title" if activity.withheld else "export.pdf.no_answer_title"
            page.rect(MARGIN, page.y, CONTENT_W, 1.0, ZEBRA_FILL)
            page.gap(0.25)
            page.text(MARGIN + 0.3, tr(key), 14, bold=True, width=CONTENT_W - 0.6)
            page.text(MARGIN + 0.3, sheet.notes[0] if sheet.notes else "", width=CONTENT_W - 0.6)
            page.gap(0.4)
        page.text(MARGIN, _facts_line(sheet, tr), 10.5, bold=True)
        page.gap(0.05)
        if activity.published:
            # The score-by-score table stays in the workbook: the chart above shows it.
            scores_last = activity.scale is not None and bool(activity.scale.scores)
            tables = sheet.tables[:-1] if scores_last else sheet.tables
            for table in tables:
                page.table(table, tr)
        notes = sheet.notes if activity.published else sheet.notes[1:]
        for note in notes:
            page.text(MARGIN, note, 8.5, color=STYLE.muted)

    return lambda figure: draw(_Page(figure, _family()))


def _comparison_page(
    comparison: SessionComparison, index: int, sheet: Sheet, tr: Translator
) -> PageDrawer:
    def draw(page: _Page) -> None:
        activity = comparison.activities[index]
        page.text(MARGIN, tr("export.pdf.compare_title"), 10, color=STYLE.muted)
        page.text(MARGIN, activity.title, 15, bold=True)
        titles: tuple[str, ...] = ()
        if activity.mode == "best-worst":
            titles = (tr("export.col.best_share"), tr("export.col.worst_share"))
        elif activity.kind == "scale":
            option = activity.yes_option
            titles = (tr("export.table.bands"), tr("export.table.items", option=option))
        chart = comparison_chart(activity, comparison, tr, CONTENT_W, titles)
        page.image(chart, CONTENT_W, 5.0)
        for table in sheet.tables:
            page.table(table, tr)
        for note in sheet.notes:
            page.text(MARGIN, note, 8.5, color=STYLE.muted)

    return lambda figure: draw(_Page(figure, _family()))


def _family() -> list[str]:
    return chart_font_families(assets_dir() / "fonts")[:1]


def _footer(figure: Figure, page: int, pages: int, tr: Translator, left: str) -> None:
    family = _family()
    y = 0.45 / PAGE_H
    figure.text(MARGIN / PAGE_W, y, left, fontsize=7.5, color=STYLE.muted, family=family)
    figure.text(
        1 - MARGIN / PAGE_W,
        y,
        tr("export.pdf.page", page=page, pages=pages),
        fontsize=7.5,
        color=STYLE.muted,
        family=family,
        ha="right",
    )


def session_pages(stats: SessionStatistics, tr: Translator) -> list[PageDrawer]:
    sheets = session_sheets(stats, tr)
    minimum = stats.session.min_group_size
    pages = [_title_page(stats, tr)]
    for activity, sheet in zip(stats.activities, sheets[1:], strict=True):
        pages.append(_activity_page(activity, sheet, minimum, tr))
    return pages


def comparison_pages(
    comparison: SessionComparison, course: str, tr: Translator
) -> list[PageDrawer]:
    """A first page naming the sessions compared, then one page per activity."""
    sheets = comparison_sheets(comparison, tr)

    def overview(page: _Page) -> None:
        page.gap(1.2)
        page.text(MARGIN, tr("export.pdf.compare_title").upper(), 11, color=STYLE.muted)
        page.text(MARGIN, course, 24, bold=True)
        page.gap(0.3)
        for table in sheets[0].tables:
            page.table(table, tr)
        for note in sheets[0].notes:
            page.text(MARGIN, note, 9, color=STYLE.muted)

    pages: list[PageDrawer] = [lambda figure: overview(_Page(figure, _family()))]
    pages.extend(_comparison_page(comparison, i, sheet, tr) for i, sheet in enumerate(sheets[1:]))
    return pages


def report_bytes(pages: Sequence[PageDrawer], title: str, tr: Translator) -> bytes:
    """The PDF file's bytes: every page drawn in turn, numbered "Page n / N"."""
    buffer = io.BytesIO()
    metadata = {"Title": title, "Creator": "fphkiosk", "CreationDate": None}
    with PdfPages(buffer, metadata=metadata) as pdf:
        for number, draw in enumerate(pages, start=1):
            figure = Figure(figsize=(PAGE_W, PAGE_H), facecolor="white")
            draw(figure)
            _footer(figure, number, len(pages), tr, tr("export.pdf.generated"))
            pdf.savefig(figure)
    return buffer.getvalue()
