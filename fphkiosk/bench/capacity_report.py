"""What ``fphkiosk bench`` tells the trainer: how many tablets, with what margin, level by level."""

from __future__ import annotations

import json

from fphkiosk.bench.capacity import LEVELS, TARGET_TABLETS, Capacity, LevelVerdict
from fphkiosk.bench.report import ACK_P99_TARGET_MS
from fphkiosk.charts.number_format import format_number
from fphkiosk.core.i18n import Translator


def _n(tr: Translator, value: float, decimals: int = 0) -> str:
    return format_number(value, decimals, language=tr.language)


def intro(tr: Translator) -> str:
    return tr(
        "bench.capacity.intro",
        first=_n(tr, LEVELS[0]),
        last=_n(tr, LEVELS[-1]),
        limit=_n(tr, ACK_P99_TARGET_MS),
    )


def level_line(tr: Translator, verdict: LevelVerdict) -> str:
    """One crowd's outcome, printed as soon as it is judged."""
    return tr(
        "bench.capacity.level",
        tablets=_n(tr, verdict.participants).rjust(5),
        p99=_n(tr, verdict.p99_ms, 1),
        rounds=verdict.rounds,
        answers=tr(
            "bench.capacity.all_counted"
            if verdict.every_answer_counted
            else "bench.capacity.some_lost"
        ),
        verdict=tr("bench.capacity.held" if verdict.holds else "bench.capacity.not_held"),
    )


def verdict_lines(tr: Translator, capacity: Capacity) -> list[str]:
    """The answer, its margin, and the design's target met or not."""
    tablets = _n(tr, capacity.tablets)
    failure = capacity.first_failure
    held = capacity.held_level
    if held is None:
        first = _n(tr, capacity.levels[0].participants) if capacity.levels else "0"
        lines = [tr("bench.capacity.verdict_none", tablets=first)]
    elif failure is None:
        lines = [tr("bench.capacity.verdict_all", tablets=tablets)]
    else:
        lines = [tr("bench.capacity.verdict", tablets=tablets)]
    if held is not None:
        lines.append(
            tr(
                "bench.capacity.margin",
                tablets=tablets,
                p99=_n(tr, held.p99_ms, 1),
                limit=_n(tr, ACK_P99_TARGET_MS),
                times=_n(tr, ACK_P99_TARGET_MS / max(held.p99_ms, 0.1), 1),
            )
        )
    if failure is not None:
        counted = failure.every_answer_counted
        key = "bench.capacity.beyond_slow" if counted else "bench.capacity.beyond_lost"
        lines.append(tr(key, tablets=_n(tr, failure.participants), p99=_n(tr, failure.p99_ms, 1)))
    met = capacity.meets_target
    target_key = "bench.capacity.target_met" if met else "bench.capacity.target_missed"
    lines.append(tr(target_key, target=_n(tr, TARGET_TABLETS)))
    return lines


def json_line(capacity: Capacity) -> str:
    return json.dumps(capacity.as_json(), ensure_ascii=False, separators=(",", ":"))
