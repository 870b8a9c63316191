"""The statistics as one JSON document (schema in docs/statistics.md): aggregates only."""

from __future__ import annotations

import json
from collections.abc import Sequence

from fphkiosk.export.compare import SessionComparison
from fphkiosk.export.statistics import FORMAT, VERSION, SessionStatistics, to_builtins


def statistics_json(
    sessions: Sequence[SessionStatistics], comparison: SessionComparison | None = None
) -> bytes:
    """The document for *sessions* (one, or several with their *comparison*), UTF-8, indented."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "sessions": [to_builtins(s) for s in sessions],
        "comparison": None if comparison is None else to_builtins(comparison),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
