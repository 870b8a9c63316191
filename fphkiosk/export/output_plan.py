"""Which files an export writes, and what makes each one's bytes, from the report models.

One session goes straight into the output folder; several get one subfolder each (named after
their file), and the comparison files sit beside those subfolders.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from fphkiosk.core.i18n import Translator
from fphkiosk.export.compare import SessionComparison, compare_sessions, comparison_sheets
from fphkiosk.export.csv_export import sheet_csv
from fphkiosk.export.json_export import statistics_json
from fphkiosk.export.pdf_report import comparison_pages, report_bytes, session_pages
from fphkiosk.export.statistics import SessionStatistics
from fphkiosk.export.tables import Sheet, session_sheets
from fphkiosk.export.xlsx_export import workbook_bytes

FORMATS = ("xlsx", "csv", "json", "pdf")

Producer = Callable[[], bytes]
Output = tuple[Path, Producer]


def plan_outputs(
    files: Sequence[Path],
    sessions: Sequence[SessionStatistics],
    formats: set[str],
    compare: bool,
    tr: Translator,
) -> list[Output]:
    """Every file to write, relative to the output folder, with what makes its bytes.

    One session goes straight into the folder; several get one subfolder each (named after their
    file), and the comparison files sit beside those subfolders.
    """
    outputs: list[Output] = []
    folders = _folder_names(files) if len(sessions) > 1 else [""]
    for folder, stats in zip(folders, sessions, strict=True):
        base = Path(folder)
        sheets = session_sheets(stats, tr)
        outputs.extend(
            _outputs(
                base,
                tr("export.file.statistics"),
                tr("export.file.report"),
                sheets,
                partial(statistics_json, [stats]),
                partial(_session_pdf, stats, tr),
                formats,
                tr,
            )
        )
    if compare:
        comparison = compare_sessions(sessions)
        name = tr("export.file.compare")
        outputs.extend(
            _outputs(
                Path(),
                name,
                name,
                comparison_sheets(comparison, tr),
                lambda: statistics_json(sessions, comparison),
                lambda: _comparison_pdf(comparison, sessions, tr),
                formats,
                tr,
                csv_prefix=f"{name}-",
            )
        )
    return outputs


def _outputs(
    base: Path,
    stem: str,
    report_stem: str,
    sheets: Sequence[Sheet],
    json_bytes: Producer,
    pdf_bytes: Producer,
    formats: set[str],
    tr: Translator,
    csv_prefix: str = "",
) -> list[Output]:
    outputs: list[Output] = []
    if "xlsx" in formats:
        outputs.append((base / f"{stem}.xlsx", lambda: workbook_bytes(sheets, tr)))
    if "csv" in formats:
        for index, sheet in enumerate(sheets):
            # The first sheet is the summary (or the list of compared sessions).
            name = tr("export.file.summary") if index == 0 else sheet.name
            outputs.append((base / f"{csv_prefix}{name}.csv", partial(sheet_csv, sheet, tr)))
    if "json" in formats:
        outputs.append((base / f"{stem}.json", json_bytes))
    if "pdf" in formats:
        outputs.append((base / f"{report_stem}.pdf", pdf_bytes))
    return outputs


def _session_pdf(stats: SessionStatistics, tr: Translator) -> bytes:
    return report_bytes(session_pages(stats, tr), stats.session.course, tr)


def _comparison_pdf(
    comparison: SessionComparison, sessions: Sequence[SessionStatistics], tr: Translator
) -> bytes:
    title = f"{tr('export.pdf.compare_title')} — {sessions[0].session.course}"
    pages = comparison_pages(comparison, sessions[0].session.course, tr)
    return report_bytes(pages, title, tr)


def _folder_names(files: Sequence[Path]) -> list[str]:
    """One folder per session, named after its file; a repeated name gets "-2", "-3"..."""
    names: list[str] = []
    for path in files:
        name = path.stem or "session"
        candidate, number = name, 2
        while candidate in names:
            candidate, number = f"{name}-{number}", number + 1
        names.append(candidate)
    return names
