"""Answers in rows: all on one up to seven, then rows of equal length, never one left alone."""

from __future__ import annotations

import math

from fphkiosk.core.option_rows import row_columns


def test_up_to_seven_answers_share_one_row() -> None:
    assert [row_columns(n) for n in range(8)] == [0, 1, 2, 3, 4, 5, 6, 7]


def test_more_answers_take_rows_of_equal_length() -> None:
    assert [row_columns(n) for n in (8, 9, 14, 15)] == [4, 5, 7, 5]
    for count in range(2, 29):
        columns = row_columns(count)
        rows = math.ceil(count / columns)
        last = count - (rows - 1) * columns
        assert columns <= 7 and (rows == 1 or last * 2 >= columns), count
