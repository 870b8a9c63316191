"""The text screen against its reference table (benchmarks/text_screen_cases.py), case by case.

Known limits stay in the table and are checked to be still missed: a fix shows as a failure, and
the case's ``limit`` is then removed. ``python -m benchmarks.text_screen`` prints precision and
recall per category on the same table.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.text_screen import found_spans, markdown, score
from benchmarks.text_screen_cases import ALL, TODAY, Case
from fphkiosk.core.text_screen import FlagCategory, screen_text


@pytest.mark.parametrize("case", ALL, ids=[f"{c.category.value}:{c.text[:40]}" for c in ALL])
def test_case(case: Case) -> None:
    found = sorted(found_spans(case))
    flagged = [case.text[a:b] for a, b in found]
    if case.limit:
        assert found != sorted(case.expected), f"no longer a limit ({case.limit}): {flagged}"
    else:
        assert found == sorted(case.expected), flagged


def test_the_table_has_forty_examples_positive_and_negative_per_category() -> None:
    counts = Counter((case.category, case.positive) for case in ALL)
    for category in FlagCategory:
        assert counts[category, True] + counts[category, False] >= 40, category
        assert counts[category, True] >= 15, category
        assert counts[category, False] >= 15, category


def test_scores_count_every_marked_span() -> None:
    scores = {s.category: s for s in score(ALL)}
    for category in FlagCategory:
        s = scores[category]
        marked = sum(len(c.expected) for c in ALL if c.category is category)
        assert s.true_positives + s.false_negatives == marked
        assert 0.0 <= s.precision <= 1.0 and 0.0 <= s.recall <= 1.0


def test_the_figures_in_docs_privacy_are_the_tables() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"
    assert markdown(score(ALL)) in docs.read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_screened_without_error_and_spans_fit(text: str) -> None:
    screening = screen_text(text, today=TODAY)
    assert screening.text == text
    previous_start = 0
    for flag in screening.flags:
        assert 0 <= flag.start < flag.end <= len(text)
        assert flag.start >= previous_start
        previous_start = flag.start


_PIECES = st.sampled_from(
    [
        "Dr ",
        "M. ",
        "Marie",
        "DUPONT",
        " ",
        "é",
        "06 12",
        " 34 56 78",
        "@",
        ".fr",
        "http://",
        "chambre ",
        "12",
        "né le ",
        "12/03/1985",
        "IPP ",
        "c0nn@rd",
        "bande de ",
        "nazes",
        "'",
        "’",
        "-",
        "\n",
        "Ⅻ",
        "İ",
        "ß",
        "e\u0301",
        "😀",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_texts_made_of_tricky_pieces_are_screened_without_error(text: str) -> None:
    screening = screen_text(text, today=TODAY)
    for flag in screening.flags:
        assert 0 <= flag.start < flag.end <= len(text)
        assert text[flag.start : flag.end].strip() == text[flag.start : flag.end]
