"""Precision and recall of the text screen, per category, on its reference table.

    python -m benchmarks.text_screen [--markdown]

``--markdown`` prints the table of docs/privacy.md.

A flagged span counts as found when it is exactly a span the table marks for the case's category;
every other span of that category is a false alarm, every marked span not found a miss. Known
limits of the screen are in the table too (``Case.limit``), so they count.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass

from benchmarks.text_screen_cases import ALL, TODAY, Case
from fphkiosk.core.text_screen import FlagCategory, screen_text


@dataclass(frozen=True)
class Score:
    category: FlagCategory
    cases: int
    positives: int
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def found_spans(case: Case) -> tuple[tuple[int, int], ...]:
    """What the screen flags in the case's text, for the case's category only."""
    screening = screen_text(case.text, today=TODAY)
    return tuple(
        (flag.start, flag.end) for flag in screening.flags if flag.category is case.category
    )


def score(cases: Iterable[Case]) -> list[Score]:
    scores = []
    by_category: dict[FlagCategory, list[Case]] = {}
    for case in cases:
        by_category.setdefault(case.category, []).append(case)
    for category, group in by_category.items():
        tp = fp = fn = 0
        for case in group:
            expected, found = set(case.expected), set(found_spans(case))
            tp += len(expected & found)
            fp += len(found - expected)
            fn += len(expected - found)
        positives = sum(1 for case in group if case.positive)
        scores.append(Score(category, len(group), positives, tp, fp, fn))
    return scores


def markdown(scores: list[Score]) -> str:
    rows = ["| category | cases | precision | recall |", "|---|---|---|---|"]
    rows += [
        f"| {s.category.value} | {s.cases} | {s.precision:.2f} | {s.recall:.2f} |" for s in scores
    ]
    tp = sum(s.true_positives for s in scores)
    fp = sum(s.false_positives for s in scores)
    fn = sum(s.false_negatives for s in scores)
    cases = sum(s.cases for s in scores)
    rows.append(f"| all | {cases} | {tp / (tp + fp):.2f} | {tp / (tp + fn):.2f} |")
    return "\n".join(rows)


def main() -> None:
    started = time.perf_counter()
    scores = score(ALL)
    elapsed = time.perf_counter() - started
    if "--markdown" in sys.argv[1:]:
        print(markdown(scores))
        return
    print(
        f"{'category':<12}{'cases':>6}{'pos.':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'prec.':>8}{'recall':>8}"
    )
    for s in scores:
        print(
            f"{s.category.value:<12}{s.cases:>6}{s.positives:>6}{s.true_positives:>5}"
            f"{s.false_positives:>5}{s.false_negatives:>5}{s.precision:>8.2f}{s.recall:>8.2f}"
        )
    tp = sum(s.true_positives for s in scores)
    fp = sum(s.false_positives for s in scores)
    fn = sum(s.false_negatives for s in scores)
    print(
        f"{'all':<12}{len(ALL):>6}{sum(s.positives for s in scores):>6}{tp:>5}{fp:>5}{fn:>5}"
        f"{tp / (tp + fp):>8.2f}{tp / (tp + fn):>8.2f}"
    )
    each_us = elapsed / len(ALL) * 1e6
    print(f"{len(ALL)} texts screened in {elapsed * 1000:.0f} ms ({each_us:.0f} µs each)")


if __name__ == "__main__":
    main()
