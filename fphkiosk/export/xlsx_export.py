"""An Excel workbook of the statistics: one sheet per table sheet, real numbers with formats.

Counts are integers, shares are fractions shown with a percentage format, means are decimals:
organizers can sort, sum and chart them in Excel. A suppressed cell is the text "masqué".
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fphkiosk.core.i18n import Translator
from fphkiosk.export.tables import Sheet, Table, Value

COUNT_FORMAT = "0"
SHARE_FORMAT = "0.0%"
NUMBER_FORMAT = "0.00"
MIN_WIDTH = 8
MAX_WIDTH = 60
HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")
HEADER_BORDER = Border(bottom=Side(style="thin", color="7A8A99"))
MUTED = "4A5565"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def workbook_bytes(sheets: Sequence[Sheet], tr: Translator) -> bytes:
    """The .xlsx file's bytes for *sheets*, in order."""
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    used: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(_sheet_title(sheet.name, used))
        _write_sheet(ws, sheet, tr)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel's rules: 31 characters at most, none of []:*?/\\, unique (case-blind)."""
    base = _BAD_SHEET_CHARS.sub("-", name)[:31] or "Feuille"
    title = base
    number = 2
    while title.casefold() in used:
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title.casefold())
    return title


def _write_sheet(ws: Worksheet, sheet: Sheet, tr: Translator) -> None:
    widths: dict[int, int] = {}
    ws.cell(row=1, column=1, value=sheet.title).font = Font(bold=True, size=14)
    row = 3
    for label, value in sheet.facts:
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        _put(ws, row, 2, value, tr, widths)
        _measure(widths, 1, label)
        row += 1
    freeze_at: int | None = None
    for table in sheet.tables:
        if row > 3:
            row += 1
        if table.caption:
            ws.cell(row=row, column=1, value=table.caption).font = Font(bold=True, size=12)
            row += 1
        _header(ws, row, table, widths)
        if freeze_at is None:
            freeze_at = row + 1
        row += 1
        for values in table.rows:
            for column, value in enumerate(values, start=1):
                _put(ws, row, column, value, tr, widths)
            row += 1
    if sheet.notes:
        row += 1
        for note in sheet.notes:
            ws.cell(row=row, column=1, value=note).font = Font(italic=True, color=MUTED)
            row += 1
    if freeze_at is not None:
        ws.freeze_panes = f"A{freeze_at}"
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, width + 2)


def _header(ws: Worksheet, row: int, table: Table, widths: dict[int, int]) -> None:
    for column, header in enumerate(table.headers, start=1):
        cell = ws.cell(row=row, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = Alignment(vertical="bottom", wrap_text=True)
        _measure(widths, column, header)


def _put(
    ws: Worksheet, row: int, column: int, value: Value, tr: Translator, widths: dict[int, int]
) -> None:
    cell = ws.cell(row=row, column=column)
    data = value.data
    match value.kind:
        case "count":
            cell.value = int(data) if isinstance(data, int | float) else None
            cell.number_format = COUNT_FORMAT
            _measure(widths, column, "00000")
        case "share":
            cell.value = float(data) if isinstance(data, int | float) else None
            cell.number_format = SHARE_FORMAT
            _measure(widths, column, "100,0 %")
        case "number":
            cell.value = float(data) if isinstance(data, int | float) else None
            cell.number_format = NUMBER_FORMAT
            _measure(widths, column, "000,00")
        case "suppressed":
            cell.value = tr("export.suppressed", minimum=data)
            cell.alignment = Alignment(horizontal="right")
            cell.font = Font(italic=True, color=MUTED)
        case "text":
            cell.value = str(data)
            if len(str(data)) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            _measure(widths, column, str(data))
        case _:
            pass


def _measure(widths: dict[int, int], column: int, text: str) -> None:
    widths[column] = max(widths.get(column, MIN_WIDTH), len(text))
