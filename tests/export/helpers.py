"""Readers for the exported files, as an organizer's tools would open them."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

_PAGE = re.compile(rb"/Type\s*/Page\b")


def xlsx_sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's rows of values."""
    book = load_workbook(path)
    sheets = {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in book}
    book.close()
    return sheets


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


def json_document(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def row_starting(rows: list[Any], first: object) -> Any:
    """The first row whose first cell is *first*."""
    for row in rows:
        if row and row[0] == first:
            return row
    raise AssertionError(f"no row starts with {first!r}")


def pdf_page_count(path: Path) -> int:
    return len(_PAGE.findall(path.read_bytes()))


def pdf_text(path: Path) -> str | None:
    """The PDF's text through poppler's pdftotext, or None where it is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    done = subprocess.run([tool, str(path), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")
