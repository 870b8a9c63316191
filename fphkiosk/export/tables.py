"""The statistics as titled tables of typed values, which the xlsx, csv and pdf writers lay out.

A value knows what it is (a count, a share, a number, a suppressed cell...), not how it looks:
the workbook gives it a number format, the CSV writes it the French way, the PDF prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from fphkiosk.core.i18n import Translator
from fphkiosk.export.statistics import ActivityStats, Cell, ScaleStats, SessionStatistics

ValueKind = Literal["text", "count", "share", "number", "suppressed", "empty"]


@dataclass(frozen=True)
class Value:
    kind: ValueKind
    data: str | int | float | None = None
    """The text, count, share (0..1) or number; for "suppressed", the minimum group size."""


EMPTY = Value("empty")


def text(value: str) -> Value:
    return Value("text", value)


def count(value: int) -> Value:
    return Value("count", value)


def share(value: float | None) -> Value:
    return EMPTY if value is None else Value("share", value)


def number(value: float | None) -> Value:
    return EMPTY if value is None else Value("number", value)


def suppressed(minimum: int) -> Value:
    return Value("suppressed", minimum)


def cell_count(cell: Cell | None, minimum: int) -> Value:
    if cell is None:
        return EMPTY
    if cell.suppressed or cell.count is None:
        return suppressed(minimum)
    return count(cell.count)


def cell_share(cell: Cell | None, minimum: int) -> Value:
    if cell is None:
        return EMPTY
    return suppressed(minimum) if cell.suppressed else share(cell.share)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Sheet:
    """One activity (or the summary, or a comparison): a title, key figures, tables, notes."""

    name: str
    """Short and file-safe: a sheet name and a CSV file name ("02-tweets")."""
    title: str
    facts: tuple[tuple[str, Value], ...]
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()

    @property
    def has_suppressed(self) -> bool:
        values = [v for _k, v in self.facts] + [v for t in self.tables for r in t.rows for v in r]
        return any(v.kind == "suppressed" for v in values)


def local_time(iso: str | None) -> str:
    """An ISO UTC time as the reader's local "21/11/2023 09:30" (the text itself if not ISO)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def kind_label(activity: ActivityStats, tr: Translator) -> str:
    if activity.mode == "best-worst":
        return tr("export.kind.best_worst")
    return tr(f"export.kind.{activity.kind}")


def yes_option(scale: ScaleStats) -> str:
    return next((o.label for o in scale.options if o.points == 1), "")


# One session ---------------------------------------------------------------------------------


def summary_sheet(stats: SessionStatistics, tr: Translator) -> Sheet:
    """The session (course, date, place, times, participation) and one line per activity."""
    info = stats.session
    facts: tuple[tuple[str, Value], ...] = (
        (tr("export.summary.course"), text(info.course)),
        (tr("export.summary.ran_on"), text(local_time(info.started_at)[:10])),
        (tr("export.summary.date"), text(info.date)),
        (tr("export.summary.place"), text(info.place)),
        (tr("export.summary.organizer"), text(info.organizer)),
        (tr("export.summary.started"), text(local_time(info.started_at))),
        (tr("export.summary.ended"), text(local_time(info.ended_at))),
        (tr("export.summary.peak"), count(info.peak_connected)),
        (tr("export.summary.min_group"), count(info.min_group_size)),
        (tr("export.summary.source"), text(info.source)),
    )
    if info.rehearsal:
        facts += ((tr("export.summary.rehearsal"), text(tr("export.summary.rehearsal_value"))),)
    minimum = info.min_group_size
    headers = tuple(
        tr(f"export.col.{key}")
        for key in (
            "number", "slide", "id", "kind", "question", "status", "respondents",
            "correct_share", "mean",
        )
    )  # fmt: skip
    rows = []
    for number_, activity in enumerate(stats.activities, start=1):
        scale = activity.scale
        correct = EMPTY
        if activity.has_correct and activity.published:
            correct = (
                share(activity.correct_share)
                if activity.correct_share is not None
                else (suppressed(minimum))
            )
        rows.append(
            (
                count(number_),
                count(activity.slide),
                text(activity.id),
                text(kind_label(activity, tr)),
                text(activity.title),
                text(tr(f"export.status.{activity.status}")),
                cell_count(activity.respondents, minimum),
                correct,
                scale_mean(scale, tr) if scale else EMPTY,
            )
        )
    title = tr("export.summary.title")
    if info.rehearsal:
        title = f"{title} — {tr('export.summary.rehearsal')}"
    sheet = Sheet(
        tr("export.summary.sheet"),
        title,
        facts,
        (Table(headers, tuple(rows), tr("export.pdf.activities")),),
    )
    return _with_notes(sheet, minimum, tr)


def activity_sheet(activity: ActivityStats, position: int, minimum: int, tr: Translator) -> Sheet:
    """The full results of one activity, small cells suppressed."""
    facts: list[tuple[str, Value]] = [
        (tr("export.fact.respondents"), cell_count(activity.respondents, minimum))
    ]
    tables: list[Table] = []
    notes: list[str] = []
    if activity.scale is not None:
        _scale_tables(activity.scale, minimum, tr, facts, tables)
        if activity.scale.licence:
            notes.append(tr("export.note.licence", licence=activity.scale.licence))
    elif activity.kind in ("qa", "open", "words"):
        # Approved texts only: a list with vote counts, or word counts as a table.
        column = "votes" if activity.kind == "qa" else "times"
        headers = tuple(tr(f"export.col.{k}") for k in ("text", column))
        if activity.kind == "qa":
            headers = (*headers, tr("export.col.answered"))
        if activity.texts:
            tables.append(
                Table(
                    headers,
                    tuple(
                        (
                            text(t.text),
                            count(t.count),
                            *(
                                [text(tr("export.yes") if t.answered else "")]
                                if activity.kind == "qa"
                                else []
                            ),
                        )
                        for t in activity.texts
                    ),
                )
            )
        notes.append(tr("export.note.approved_only"))
    elif activity.mode == "best-worst":
        if activity.prompts:
            facts.append((tr("export.fact.prompts"), text(" / ".join(activity.prompts))))
        headers = tuple(
            tr(f"export.col.{k}")
            for k in ("choice", "best_count", "best_share", "worst_count", "worst_share")
        )
        rows = tuple(
            (
                text(c.label),
                cell_count(c.best, minimum),
                cell_share(c.best, minimum),
                cell_count(c.worst, minimum),
                cell_share(c.worst, minimum),
            )
            for c in activity.choices
        )
        tables.append(Table(headers, rows))
    else:
        if activity.has_correct and activity.published:
            value = share(activity.correct_share)
            if activity.correct_share is None:
                value = suppressed(minimum)
            facts.append((tr("export.fact.correct_share"), value))
        keys = (
            ("choice", "correct", "count", "share")
            if activity.has_correct
            else ("choice", "count", "share")
        )
        headers = tuple(tr(f"export.col.{k}") for k in keys)
        choice_rows: tuple[tuple[Value, ...], ...] = tuple(
            (
                text(c.label),
                *([text(tr("export.yes") if c.correct else "")] if activity.has_correct else []),
                cell_count(c.count, minimum),
                cell_share(c.count, minimum),
            )
            for c in activity.choices
        )
        tables.append(Table(headers, choice_rows))
    if activity.withheld:
        notes.insert(0, tr("export.note.withheld", minimum=minimum))
    elif not activity.published:
        notes.insert(0, tr("export.note.no_answer"))
    name = f"{position:02d}-{activity.id}"
    sheet = Sheet(name, activity.title, tuple(facts), tuple(tables), tuple(notes))
    return _with_notes(sheet, minimum, tr)


def _scale_tables(
    scale: ScaleStats,
    minimum: int,
    tr: Translator,
    facts: list[tuple[str, Value]],
    tables: list[Table],
) -> None:
    """The scale as the room saw it: the rounded average (small room) or the bands' counts."""
    facts.append((tr("export.fact.mean"), scale_mean(scale, tr)))
    if not scale.shows_distribution:
        return
    headers = tuple(tr(f"export.col.{k}") for k in ("band", "scores", "count", "share"))
    rows = tuple(
        (
            text(b.label),
            text(
                tr(
                    "export.band_range" if b.max > b.min else "export.band_single",
                    min=b.min,
                    max=b.max,
                )
            ),
            text(tr("charts.band_rest", low=b.rest[0], high=b.rest[1]))
            if b.rest is not None
            else cell_count(b.count, minimum),
            EMPTY if b.rest is not None else cell_share(b.count, minimum),
        )
        for b in scale.bands
    )
    tables.append(Table(headers, rows, tr("export.table.bands")))


def scale_mean(scale: ScaleStats, tr: Translator) -> Value:
    """The published average in the room's words ("≈ 3", "1 ou moins"); empty when not told."""
    if scale.mean is None:
        return EMPTY
    return text(tr(f"charts.mean_{scale.mean_relation}", value=int(scale.mean)))


def _with_notes(sheet: Sheet, minimum: int, tr: Translator) -> Sheet:
    if not sheet.has_suppressed:
        return sheet
    note = tr("export.note.suppressed", minimum=minimum)
    return Sheet(sheet.name, sheet.title, sheet.facts, sheet.tables, (*sheet.notes, note))


def session_sheets(stats: SessionStatistics, tr: Translator) -> tuple[Sheet, ...]:
    """The summary, then one sheet per activity in deck order."""
    minimum = stats.session.min_group_size
    return (
        summary_sheet(stats, tr),
        *(
            activity_sheet(activity, i, minimum, tr)
            for i, activity in enumerate(stats.activities, start=1)
        ),
    )
