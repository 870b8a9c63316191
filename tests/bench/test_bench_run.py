"""`fphkiosk bench` end to end, small: a room and a baseline in their own processes."""

from __future__ import annotations

import io
import json

import pytest

from fphkiosk.bench.cli import EXIT_OK, EXIT_USAGE, run_bench
from fphkiosk.core.i18n import Translator

pytestmark = pytest.mark.slow


def test_bench_measures_a_small_room(tr: Translator) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_bench(60, json_out=True, tr=tr, out=out, err=err) == EXIT_OK
    lines = out.getvalue().strip().splitlines()
    figures = json.loads(lines[-1])
    assert figures["participants"] == figures["acked"] == 60
    assert figures["lost"] == 0 and figures["duplicated"] == 0
    assert figures["counts_match"] is True
    assert 0 < figures["ack_ms"]["p50"] <= figures["ack_ms"]["p95"] <= figures["ack_ms"]["p99"]
    assert figures["burst_s"] > 0 and figures["baseline_burst_s"] > 0
    assert figures["ratio"] == pytest.approx(
        figures["burst_s"] / figures["baseline_burst_s"], rel=0.1
    )
    assert figures["loop_lag_ms_p99"] is not None
    assert 10 < figures["rss_mb"] < 350
    assert "Banc d'essai : 60 participants simulés" in lines[0]
    assert "Participants connectés : 60/60" in err.getvalue()
    assert "Serveur de référence — réponses acquittées : 60/60" in err.getvalue()


def test_bench_refuses_a_url_without_a_code(tr: Translator) -> None:
    err = io.StringIO()
    assert run_bench(10, url="http://127.0.0.1:1/", tr=tr, err=err) == EXIT_USAGE
    assert "--code" in err.getvalue()
