"""The benchmark's figures: percentiles, the French table, the JSON line."""

from __future__ import annotations

import json
from dataclasses import replace

from fphkiosk.bench.report import AckLatency, BenchResult, json_line, percentile, table
from fphkiosk.core.i18n import Translator

RESULT = BenchResult(
    participants=500,
    joined=500,
    acked=500,
    refused=0,
    lost=0,
    duplicated=0,
    counts_match=True,
    ack_ms=AckLatency(50.0, 60.0, 70.0),
    join_s=0.3,
    burst_s=0.1,
    baseline_burst_s=0.04,
    loop_lag_ms_p99=20.0,
    final_state_ms=0.0,
    rss_mb=54.2,
    rss_peak_mb=55.0,
    processes=1,
)


def test_percentile_interpolates() -> None:
    assert percentile([], 99) == 0.0
    assert percentile([5.0], 50) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile(list(map(float, range(101))), 99) == 99.0


def test_json_line_has_the_agreed_keys() -> None:
    data = json.loads(json_line(RESULT))
    assert {"participants", "acked", "lost", "duplicated", "ack_ms", "burst_s"} <= set(data)
    assert {"baseline_burst_s", "ratio", "loop_lag_ms_p99"} <= set(data)
    assert set(data["ack_ms"]) == {"p50", "p95", "p99"}
    assert data["ratio"] == 2.5
    assert RESULT.correct


def test_table_is_french_and_flags_missed_targets(tr: Translator) -> None:
    text = table(RESULT, tr)
    assert "Réponses acquittées" in text
    assert "2,50" in text  # the ratio, with a decimal comma
    ratio_line = next(line for line in text.splitlines() if line.startswith("Rapport"))
    assert ratio_line.rstrip().endswith("NON ATTEINT")
    lag_line = next(line for line in text.splitlines() if "boucle" in line)
    assert lag_line.rstrip().endswith("atteint") and "NON" not in lag_line


def test_a_lost_answer_makes_the_run_incorrect() -> None:
    assert not replace(RESULT, lost=1).correct
    assert not replace(RESULT, acked=499).correct
    assert replace(RESULT, lost=None, duplicated=None, counts_match=None).correct


ROUNDS = replace(
    RESULT,
    rounds=3,
    warmup_rounds=1,
    acked=1500,
    burst_s=0.06,
    baseline_burst_s=0.03,
    burst_rounds_s=(0.05, 0.06, 0.09),
    baseline_rounds_s=(0.025, 0.04, 0.03),
    server_cpus=(1,),
    participant_cpus=(0,),
)


def test_rounds_give_per_round_ratios_and_count_every_answer() -> None:
    assert ROUNDS.ratio == 2.0  # of the medians, not the median of the ratios
    assert ROUNDS.ratio_rounds == (2.0, 1.5, 3.0)
    assert ROUNDS.correct
    assert not replace(ROUNDS, acked=500).correct  # one round's worth is not every answer
    data = json.loads(json_line(ROUNDS))
    assert data["rounds"] == 3 and data["warmup_rounds"] == 1
    assert data["ratio_rounds"] == [2.0, 1.5, 3.0]
    assert data["burst_rounds_s"] == [0.05, 0.06, 0.09]
    assert data["server_cpus"] == [1] and data["participant_cpus"] == [0]
    # Without a baseline there is no per-round ratio, and no infinity in the JSON.
    assert replace(ROUNDS, baseline_rounds_s=()).ratio_rounds == ()
    assert json.loads(json_line(replace(ROUNDS, baseline_rounds_s=(0.0, 0.1, 0.1))))[
        "ratio_rounds"
    ] == [None, 0.6, 0.9]


def test_table_shows_the_rounds_and_the_warm_up(tr: Translator) -> None:
    text = table(ROUNDS, tr)
    assert "3 (après 1 tour d'échauffement non mesuré)" in text
    assert "1500/1500" in text
    assert "0,050 · 0,060 · 0,090 s" in text
    assert "2,00 · 1,50 · 3,00" in text
    ratio_line = next(line for line in text.splitlines() if line.startswith("Rapport des médianes"))
    # 2.0 is over the design's 1.5 times the bare server.
    assert "≤ 1,5" in ratio_line and ratio_line.rstrip().endswith("NON ATTEINT")
    assert "1 / 0" in text
    assert "non fixés" in table(replace(ROUNDS, server_cpus=(), participant_cpus=()), tr)
