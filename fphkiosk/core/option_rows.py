"""How answers are laid out in rows, the same on the projector and on the participant's page.

Up to seven answers sit on one row; more take rows of equal length (8 as 4 + 4, 9 as 5 + 4), so
that no answer is ever left alone on a row of its own (never 4 + 1, never 2 + 2 + 1).
"""

from __future__ import annotations

import math

MAX_PER_ROW = 7


def row_columns(count: int, max_per_row: int = MAX_PER_ROW) -> int:
    """How many answers per row for *count* answers (0 for none)."""
    if count <= 0:
        return 0
    rows = math.ceil(count / max_per_row)
    return math.ceil(count / rows)
