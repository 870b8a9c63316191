"""CSV files that French Excel opens as they are: `;` separator, UTF-8 with BOM, decimal comma.

One file per sheet (the summary, each activity, each comparison). A sheet's key figures come first
as "label;value" lines, then each table under its caption, then the notes; blank lines between.
Shares are written as percentages ("66,7") under a header that says "(%)", so Excel reads a
number, whatever the regional "%" conventions.
"""

from __future__ import annotations

import csv
import io

from fphkiosk.charts.number_format import format_fixed, format_number
from fphkiosk.core.i18n import Translator
from fphkiosk.export.tables import Sheet, Table, Value

BOM = "\ufeff"


def csv_value(value: Value, tr: Translator) -> str:
    data = value.data
    match value.kind:
        case "text":
            return str(data)
        case "count":
            return str(data)
        case "share":
            assert isinstance(data, float | int)
            return format_fixed(data * 100, 1, language="fr")
        case "number":
            assert isinstance(data, float | int)
            return _plain(format_number(data, 2, language="fr"))
        case "suppressed":
            return tr("export.suppressed", minimum=data)
    return ""


def _plain(text: str) -> str:
    # Excel reads "1 234,5" with a no-break space as text: digits stay ungrouped in a CSV.
    return text.replace("\u00a0", "").replace("\u2212", "-")


def _percent_columns(table: Table) -> list[bool]:
    """Columns that hold shares and nothing else that is a number."""
    kinds = [{row[c].kind for row in table.rows} for c in range(len(table.headers))]
    return ["share" in k and not k & {"count", "number"} for k in kinds]


def _headers(table: Table, tr: Translator) -> list[str]:
    percent = _percent_columns(table)
    return [
        tr("export.col.percent_suffix", header=h) if p else h
        for h, p in zip(table.headers, percent, strict=True)
    ]


def _rows(table: Table, tr: Translator) -> list[list[str]]:
    """The rows as text; in a comparison, whose columns mix units, a row of shares says "(%)"."""
    percent = _percent_columns(table)
    rows = []
    for row in table.rows:
        cells = [csv_value(v, tr) for v in row]
        mixed = any(v.kind == "share" and not percent[c] for c, v in enumerate(row))
        if mixed and row[0].kind == "text":
            cells[0] = tr("export.col.percent_suffix", header=cells[0])
        rows.append(cells)
    return rows


def sheet_csv(sheet: Sheet, tr: Translator) -> bytes:
    """*sheet* as a CSV file's bytes (BOM included, CRLF line ends as Excel writes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([sheet.title])
    if sheet.facts:
        writer.writerow([])
        for label, value in sheet.facts:
            writer.writerow([label, csv_value(value, tr)])
    for table in sheet.tables:
        writer.writerow([])
        if table.caption:
            writer.writerow([table.caption])
        writer.writerow(_headers(table, tr))
        writer.writerows(_rows(table, tr))
    if sheet.notes:
        writer.writerow([])
        for note in sheet.notes:
            writer.writerow([note])
    return (BOM + buffer.getvalue()).encode("utf-8")
