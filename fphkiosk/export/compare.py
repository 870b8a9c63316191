"""Several sessions of the same course side by side: one table per activity, sessions as columns.

Activities are matched by their id, choices and bands by their label, so a deck edited between two
days still lines up where it can; what a session lacks stays empty. Shares are compared rather
than counts, since rooms differ in size. A cell suppressed in a session stays suppressed here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal, Protocol

from fphkiosk.core.i18n import Translator
from fphkiosk.export.statistics import ActivityStats, Cell, SessionStatistics
from fphkiosk.export.tables import (
    EMPTY,
    Sheet,
    Table,
    Value,
    count,
    local_time,
    number,
    share,
    suppressed,
    text,
    yes_option,
)

RowKey = Literal[
    "respondents", "correct_share", "mean", "median", "choice", "best", "worst", "band", "item"
]
Unit = Literal["count", "share", "number"]


@dataclass(frozen=True)
class ComparedValue:
    value: float | None
    """None when suppressed, or when the session has no such figure."""
    suppressed: bool = False


@dataclass(frozen=True)
class ComparedRow:
    key: RowKey
    label: str
    """The choice's or band's label, the item's number; empty for the other keys."""
    unit: Unit
    values: tuple[ComparedValue, ...]
    """One per session, in the comparison's order."""


@dataclass(frozen=True)
class ActivityComparison:
    id: str
    kind: str
    mode: str
    title: str
    rows: tuple[ComparedRow, ...]
    yes_option: str = ""


@dataclass(frozen=True)
class ComparedSession:
    label: str
    source: str
    min_group_size: int
    rehearsal: bool = False
    """Run with simulated participants: its label says so wherever it is shown."""


@dataclass(frozen=True)
class SessionComparison:
    sessions: tuple[ComparedSession, ...]
    activities: tuple[ActivityComparison, ...]


def session_label(stats: SessionStatistics) -> str:
    """ "Place — 21/11/2023 (Mardi 21 novembre 2023)": where, the day the session ran and, beside
    it, the course's own date from the deck; the file name when there is none of these."""
    info = stats.session
    ran = local_time(info.started_at)[:10]
    day = f"{ran} ({info.date})" if ran and info.date and info.date != ran else ran or info.date
    parts = [p for p in (info.place, day) if p]
    return " — ".join(parts) or info.source


def compare_sessions(sessions: Sequence[SessionStatistics]) -> SessionComparison:
    labels: list[str] = []
    for stats in sessions:
        label = session_label(stats)
        if label in labels:  # two sessions on the same day in the same place
            label = f"{label} ({stats.session.source})"
        labels.append(label)
    order: list[str] = []
    for stats in sessions:
        order.extend(a.id for a in stats.activities if a.id not in order)
    activities = []
    for activity_id in order:
        found = [s.activity(activity_id) for s in sessions]
        activities.append(_compare_activity(found))
    compared = tuple(
        ComparedSession(label, s.session.source, s.session.min_group_size, s.session.rehearsal)
        for label, s in zip(labels, sessions, strict=True)
    )
    return SessionComparison(compared, tuple(activities))


def _compare_activity(found: Sequence[ActivityStats | None]) -> ActivityComparison:
    first = next(a for a in found if a is not None)
    rows: list[ComparedRow] = []

    def add(key: RowKey, label: str, unit: Unit, pick: Callable[[ActivityStats], object]) -> None:
        values = []
        for activity in found:
            if activity is None:
                values.append(ComparedValue(None))
            elif activity.withheld and key != "respondents":
                values.append(ComparedValue(None, True))
            else:
                values.append(_value(pick(activity), unit))
        rows.append(ComparedRow(key, label, unit, tuple(values)))

    add("respondents", "", "count", _respondents)
    present = [a for a in found if a is not None]
    if first.scale is not None:
        # As each room saw it: its rounded average, or its bands' rounded shares.
        add("mean", "", "number", _mean)
        for band in _labels([a.scale.bands for a in present if a.scale]):
            add("band", band, "share", partial(_band, label=band))
        return ActivityComparison(
            first.id, first.kind, first.mode, first.title, tuple(rows), yes_option(first.scale)
        )
    choices = _labels([a.choices for a in present])
    if first.mode == "best-worst":
        for key in ("best", "worst"):
            for label in choices:
                add(key, label, "share", partial(_choice, label=label, field=key))
    else:
        if any(a.has_correct for a in present):
            add("correct_share", "", "share", _correct)
        for label in choices:
            add("choice", label, "share", partial(_choice, label=label, field="count"))
    return ActivityComparison(first.id, first.kind, first.mode, first.title, tuple(rows))


class _Labelled(Protocol):
    @property
    def label(self) -> str: ...


def _labels(groups: Sequence[Sequence[_Labelled]]) -> list[str]:
    labels: list[str] = []
    for group in groups:
        labels.extend(entry.label for entry in group if entry.label not in labels)
    return labels


def _respondents(activity: ActivityStats) -> object:
    return activity.respondents


def _mean(activity: ActivityStats) -> object:
    """The rounded average where the room saw one ("at most 1" has no single value)."""
    scale = activity.scale
    if scale is None or scale.mean_relation != "about":
        return None
    return scale.mean


def _value(picked: object, unit: Unit) -> ComparedValue:
    if isinstance(picked, Cell):
        if picked.suppressed:
            return ComparedValue(None, True)
        return ComparedValue(picked.count if unit == "count" else picked.share)
    if isinstance(picked, ComparedValue):
        return picked
    if isinstance(picked, int | float):
        return ComparedValue(float(picked))
    return ComparedValue(None)


def _choice(activity: ActivityStats, label: str, field: str) -> object:
    choice = next((c for c in activity.choices if c.label == label), None)
    return None if choice is None else getattr(choice, field)


def _correct(activity: ActivityStats) -> object:
    if not activity.has_correct or not activity.published:
        return None
    if activity.correct_share is None:
        return ComparedValue(None, True)
    return activity.correct_share


def _band(activity: ActivityStats, label: str) -> object:
    bands = activity.scale.bands if activity.scale else ()
    return next((b.count for b in bands if b.label == label), None)


# Tables --------------------------------------------------------------------------------------


def row_label(row: ComparedRow, activity: ActivityComparison, tr: Translator) -> str:
    match row.key:
        case "respondents" | "correct_share" | "mean" | "median":
            return tr(f"export.compare.row_{row.key}")
        case "item":
            return tr("export.compare.row_item", option=activity.yes_option, number=row.label)
        case _:
            return tr(f"export.compare.row_{row.key}", label=row.label)


def shown_label(session: ComparedSession, tr: Translator) -> str:
    """The session's label as the files show it: a rehearsal says it is one."""
    if session.rehearsal:
        return tr("export.compare.rehearsal_label", label=session.label)
    return session.label


def comparison_sheets(comparison: SessionComparison, tr: Translator) -> tuple[Sheet, ...]:
    """The list of sessions compared, then one sheet per activity."""
    sessions = comparison.sessions
    overview = Table(
        (tr("export.compare.session"), tr("export.summary.source"), tr("export.summary.min_group")),
        tuple(
            (text(shown_label(s, tr)), text(s.source), count(s.min_group_size)) for s in sessions
        ),
    )
    sheets = [
        Sheet(
            tr("export.compare.sheet"),
            tr("export.compare.title"),
            (),
            (overview,),
            (tr("export.compare.shares_note"),),
        )
    ]
    headers = (tr("export.col.indicator"), *(shown_label(s, tr) for s in sessions))
    for position, activity in enumerate(comparison.activities, start=1):
        rows = tuple(
            (
                text(row_label(row, activity, tr)),
                *(
                    _table_value(v, row.unit, s.min_group_size)
                    for v, s in zip(row.values, sessions, strict=True)
                ),
            )
            for row in activity.rows
        )
        sheet = Sheet(f"{position:02d}-{activity.id}", activity.title, (), (Table(headers, rows),))
        if sheet.has_suppressed:
            minima = sorted({s.min_group_size for s in sessions})
            notes = tuple(tr("export.note.suppressed", minimum=m) for m in minima)
            sheet = Sheet(sheet.name, sheet.title, (), sheet.tables, notes)
        sheets.append(sheet)
    return tuple(sheets)


def _table_value(value: ComparedValue, unit: Unit, minimum: int) -> Value:
    if value.suppressed:
        return suppressed(minimum)
    if value.value is None:
        return EMPTY
    if unit == "count":
        return count(int(value.value))
    return share(value.value) if unit == "share" else number(value.value)
