"""`python -m benchmarks.presenter_burst`, small: presenter mode under a crowd of 10, one round."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from benchmarks.presenter_burst import REPO
from benchmarks.presenter_burst_report import LagSamples
from benchmarks.presenter_burst_rounds import RoundResult


def _round(**changes: object) -> RoundResult:
    figures: dict[str, object] = {
        "poll": "p",
        "participants": 3,
        "answered": 3,
        "acked": 3,
        "first_sent": 10.0,
        "last_ack": 10.2,
        "ack_p99_ms": 50.0,
        "idle_window": (9.0, 9.5),
        "preview_shown": 10.3,
        "preview_renders": 2,
        "reveal_sent": 11.0,
        "projector_shown": 11.05,
        "sent_counts": (1, 2),
        "projector_counts": (1, 2),
        "rss_mb": 100.0,
        "rss_peak_mb": 110.0,
    }
    figures.update(changes)
    return RoundResult(**figures)  # type: ignore[arg-type]


def test_a_round_times_the_charts_from_the_last_ack_and_from_r() -> None:
    played = _round()
    assert played.preview_ms == pytest.approx(100.0)
    assert played.reveal_ms == pytest.approx(50.0)
    assert played.refresh_window == (10.0, 10.3)
    assert played.counts_match
    # A preview that came before the last ack counts as 0 ms, and is kept signed beside.
    early = _round(preview_shown=10.15)
    assert early.preview_ms == 0.0
    assert early.preview_after_ack_ms == pytest.approx(-50.0)
    assert early.refresh_window == (10.0, 10.2)
    missing = _round(preview_shown=None, projector_shown=None, projector_counts=None)
    assert missing.preview_ms is None and missing.reveal_ms is None
    assert not missing.counts_match


def test_the_bare_loop_is_cut_into_windows_of_the_bursts_length() -> None:
    times = [i * 0.01 for i in range(101)]  # one second, a sample every 10 ms
    lags = [0.030 if 0.5 <= t < 0.6 else 0.001 for t in times]
    samples = LagSamples(times, lags)
    windows = samples.windows_p99_ms(0.25)
    assert len(windows) == 4
    assert windows[2] == pytest.approx(30.0) and windows[0] == pytest.approx(1.0)
    # A bare run shorter than one burst (a slow burst on a busy machine) is one window, whole.
    assert samples.windows_p99_ms(5.0) == [samples.p99_ms((0.0, 1.0))]


@pytest.mark.slow
def test_the_script_measures_a_small_crowd_on_the_presenter() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.presenter_burst",
            *("--participants", "10", "--rounds", "1", "--bare-seconds", "0.5", "--json"),
        ],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    assert figures["participants"] == 10
    assert figures["rounds"] == 1 and figures["warmup_rounds"] == 1
    assert figures["acked_rounds"] == [10]
    assert figures["counts_match"] is True
    # Every figure measured: both charts reached the final count, the loop was sampled.
    for key in ("lag_burst_rounds_ms", "lag_refresh_rounds_ms", "lag_idle_rounds_ms"):
        assert len(figures[key]) == 1 and figures[key][0] >= 0, key
    assert figures["preview_rounds_ms"][0] is not None
    # Figures, not thresholds: how fast they are depends on the machine's load (the benchmark
    # prints them as ratios to the bare loop's); the test checks that each was measured.
    assert figures["reveal_rounds_ms"][0] > 0
    assert figures["preview_renders_rounds"][0] >= 1
    assert figures["bare_lag_p99_ms"] >= 0
    assert len(figures["bare_lag_windows_ms"]) >= 1
    assert 50 < figures["rss_mb"] <= figures["rss_peak_mb"]
    assert "presenter console during a burst: 10 participants" in result.stdout
    assert "participants connectés / joined: 10/10" in result.stderr
