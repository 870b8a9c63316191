"""The figures of ``benchmarks.presenter_burst``: the rounds' results and the French/English table.

Targets from DESIGN.md section 7: the presenter's event-loop lag p99 <= 50 ms during a burst of
500 answers, the chart showing the final count <= 500 ms after the last answer, <= 350 MB
resident with 500 participants.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.presenter_burst_rounds import RoundResult
from fphkiosk.bench.affinity import CpuPlan
from fphkiosk.bench.loop_lag import lag_p99_ms, lag_p99_ms_windows

LAG_TARGET_MS = 50.0
CHART_TARGET_MS = 500.0
RSS_TARGET_MB = 350.0
RSS_TARGET_PARTICIPANTS = 500


@dataclass(frozen=True)
class LagSamples:
    times: list[float]
    lags: list[float]

    def p99_ms(self, window: tuple[float, float] | None = None) -> float:
        since, until = window if window is not None else (None, None)
        return lag_p99_ms(self.times, self.lags, since, until)

    def windows_p99_ms(self, length_s: float) -> list[float]:
        """p99 of each consecutive window of *length_s* seconds (the bare loop's "bursts")."""
        if not self.times or length_s <= 0:
            return []
        figures = []
        start, end = self.times[0], self.times[-1]
        if start + length_s > end:
            # The burst outlasted the bare run: the whole run is the one window to compare with.
            return [self.p99_ms((start, end))]
        while start + length_s <= end:
            figures.append(self.p99_ms((start, start + length_s)))
            start += length_s
        return figures


@dataclass(frozen=True)
class PresenterBurstResult:
    participants: int
    processes: int
    plan: CpuPlan | None
    platform: str
    warmup: list[RoundResult]
    rounds: list[RoundResult]
    presenter_lag: LagSamples
    bare_lag: LagSamples

    def lag_burst_ms(self) -> list[float]:
        return [self.presenter_lag.p99_ms(r.burst_window) for r in self.rounds]

    def lag_refresh_ms(self) -> list[float]:
        return [self.presenter_lag.p99_ms(r.refresh_window) for r in self.rounds]

    def lag_idle_ms(self) -> list[float]:
        return [self.presenter_lag.p99_ms(r.idle_window) for r in self.rounds]

    def lag_pooled_ms(self) -> float:
        times, lags = self.presenter_lag.times, self.presenter_lag.lags
        return lag_p99_ms_windows(times, lags, [r.refresh_window for r in self.rounds])

    def bare_windows_ms(self) -> list[float]:
        """The bare loop cut into windows as long as the presenter's median burst + refresh."""
        length = statistics.median(b - a for a, b in (r.refresh_window for r in self.rounds))
        return self.bare_lag.windows_p99_ms(length)

    def chart_ack_to_projector_ms(self) -> list[float | None]:
        """Last ack -> projector, had R been pressed the moment the console showed the count."""
        return [
            None if r.preview_ms is None or r.reveal_ms is None else r.preview_ms + r.reveal_ms
            for r in self.rounds
        ]

    @property
    def rss_mb(self) -> float | None:
        return self.rounds[-1].rss_mb

    @property
    def rss_peak_mb(self) -> float | None:
        return self.rounds[-1].rss_peak_mb

    def as_json(self) -> dict[str, object]:
        def r3(values: Sequence[float | None]) -> list[float | None]:
            return [None if v is None else round(v, 3) for v in values]

        return {
            "participants": self.participants,
            "processes": self.processes,
            "rounds": len(self.rounds),
            "warmup_rounds": len(self.warmup),
            "acked_rounds": [r.acked for r in self.rounds],
            "burst_rounds_s": r3([r.burst_s for r in self.rounds]),
            "ack_p99_rounds_ms": r3([r.ack_p99_ms for r in self.rounds]),
            "lag_burst_rounds_ms": r3(self.lag_burst_ms()),
            "lag_refresh_rounds_ms": r3(self.lag_refresh_ms()),
            "lag_idle_rounds_ms": r3(self.lag_idle_ms()),
            "lag_pooled_ms": round(self.lag_pooled_ms(), 3),
            "bare_lag_p99_ms": round(self.bare_lag.p99_ms(), 3),
            "bare_lag_windows_ms": r3(self.bare_windows_ms()),
            "preview_rounds_ms": r3([r.preview_ms for r in self.rounds]),
            "preview_after_ack_rounds_ms": r3([r.preview_after_ack_ms for r in self.rounds]),
            "preview_renders_rounds": [r.preview_renders for r in self.rounds],
            "reveal_rounds_ms": r3([r.reveal_ms for r in self.rounds]),
            "ack_to_projector_rounds_ms": r3(self.chart_ack_to_projector_ms()),
            "counts_match": all(r.counts_match for r in self.rounds),
            "rss_mb": None if self.rss_mb is None else round(self.rss_mb, 1),
            "rss_peak_mb": None if self.rss_peak_mb is None else round(self.rss_peak_mb, 1),
            "warmup_preview_ms": r3([r.preview_ms for r in self.warmup]),
            "warmup_reveal_ms": r3([r.reveal_ms for r in self.warmup]),
        }


def _fmt(value: float | None, digits: int = 1, unit: str = "ms") -> str:
    if value is None:
        return "—"
    # French first: decimal comma.
    return f"{value:.{digits}f}".replace(".", ",") + (f" {unit}" if unit else "")


def _median(values: Sequence[float | None]) -> float | None:
    """The median, or None when a round missed the figure (a missing chart is not a fast one)."""
    if not values or any(v is None for v in values):
        return None
    return statistics.median(v for v in values if v is not None)


def _series(values: Sequence[float | None], digits: int = 1) -> str:
    return " · ".join(_fmt(v, digits, "") for v in values)


def _verdict(value: float | None, target: float) -> str:
    if value is None:
        return "manqué / missed"
    return "atteint / met" if value <= target else "manqué / missed"


def table(result: PresenterBurstResult) -> str:
    """Figure (French / English), median over the rounds, per round, target, verdict."""
    rounds = result.rounds
    lag_burst, lag_refresh = result.lag_burst_ms(), result.lag_refresh_ms()
    preview = [r.preview_ms for r in rounds]
    reveal = [r.reveal_ms for r in rounds]
    both = result.chart_ack_to_projector_ms()
    bare_windows = result.bare_windows_ms()
    lag_target = f"≤ {LAG_TARGET_MS:.0f} ms"
    chart_target = f"≤ {CHART_TARGET_MS:.0f} ms"
    rss_checked = result.participants <= RSS_TARGET_PARTICIPANTS
    rows: list[tuple[str, str, str, str, str]] = [
        (
            "Réponses acquittées / answers acknowledged",
            f"{sum(r.acked for r in rounds)}/{result.participants * len(rounds)}",
            _series([r.acked for r in rounds], 0),
            "",
            "",
        ),
        (
            "Rafale : 1re réponse → dernier accusé / burst: first answer → last ack",
            _fmt(_median([r.burst_s for r in rounds]), 3, "s"),
            _series([r.burst_s for r in rounds], 3),
            "",
            "",
        ),
        (
            "Accusé de réception p99 / acknowledgement p99",
            _fmt(_median([r.ack_p99_ms for r in rounds])),
            _series([r.ack_p99_ms for r in rounds]),
            "",
            "",
        ),
        (
            "Latence de boucle p99, rafale / loop lag p99, burst",
            _fmt(_median(lag_burst)),
            _series(lag_burst),
            lag_target,
            _verdict(_median(lag_burst), LAG_TARGET_MS),
        ),
        (
            "… rafale + console à jour / … burst + console caught up",
            _fmt(_median(lag_refresh)),
            _series(lag_refresh),
            lag_target,
            _verdict(_median(lag_refresh), LAG_TARGET_MS),
        ),
        (
            "… tous tours réunis / … all rounds pooled",
            _fmt(result.lag_pooled_ms()),
            "",
            lag_target,
            _verdict(result.lag_pooled_ms(), LAG_TARGET_MS),
        ),
        (
            "Latence de boucle p99 au repos / idle loop lag p99",
            _fmt(_median(result.lag_idle_ms())),
            _series(result.lag_idle_ms()),
            "",
            "",
        ),
        (
            "Référence : boucle qasync nue, fenêtre vide / baseline: bare qasync loop + window",
            _fmt(_median(bare_windows)),
            f"p99 sur / over {_fmt(result.bare_lag.times[-1] - result.bare_lag.times[0], 1, 's')}"
            f" : {_fmt(result.bare_lag.p99_ms())}"
            if result.bare_lag.times
            else "",
            "",
            "",
        ),
        (
            "Dernier accusé → aperçu console au compte final / last ack → console preview final",
            _fmt(_median(preview)),
            _series(preview),
            chart_target,
            _verdict(_median(preview), CHART_TARGET_MS),
        ),
        (
            "Tracés de l'aperçu pendant la rafale / preview draws during the burst",
            _fmt(_median([r.preview_renders for r in rounds]), 0, ""),
            _series([r.preview_renders for r in rounds], 0),
            "",
            "",
        ),
        (
            "R → projecteur au compte final / R → projector chart final",
            _fmt(_median(reveal)),
            _series(reveal),
            chart_target,
            _verdict(_median(reveal), CHART_TARGET_MS),
        ),
        (
            "Dernier accusé → projecteur, R dès l'aperçu / last ack → projector, R at once",
            _fmt(_median(both)),
            _series(both),
            chart_target,
            _verdict(_median(both), CHART_TARGET_MS),
        ),
        (
            "Comptes projetés = envoyés / projected counts = sent",
            "oui / yes" if all(r.counts_match for r in rounds) else "non / no",
            "",
            "",
            "",
        ),
        (
            "Mémoire résidente après la rafale / resident memory after the burst",
            _fmt(result.rss_mb, 0, "Mo"),
            f"pic / peak {_fmt(result.rss_peak_mb, 0, 'Mo')}",
            f"≤ {RSS_TARGET_MB:.0f} Mo" if rss_checked else "",
            _verdict(result.rss_mb, RSS_TARGET_MB) if rss_checked else "",
        ),
    ]
    header = (
        "Mesure / figure",
        "Médiane / median",
        "Par tour / per round",
        "Cible / target",
        "",
    )
    cells = [header, *rows]
    widths = [max(len(row[i]) for row in cells) for i in range(5)]
    cpus = (
        "non épinglés / not pinned"
        if result.plan is None
        else f"présentateur / presenter: {sorted(result.plan.servers)}, "
        f"participants: {sorted(result.plan.participants)}"
    )
    lines = [
        f"Console du présentateur pendant une rafale / presenter console during a burst: "
        f"{result.participants} participants, {result.processes} processus / processes, "
        f"{len(rounds)} tours / rounds"
        + (f" (+ {len(result.warmup)} échauffement / warm-up)" if result.warmup else ""),
        f"Qt : {result.platform} ; cœurs / cores: {cpus}",
    ]
    for index, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    if result.warmup:
        warm = result.warmup[0]
        lines.append(
            f"échauffement / warm-up (non compté / not counted): aperçu / preview "
            f"{_fmt(warm.preview_ms)}, R → projecteur / projector {_fmt(warm.reveal_ms)}"
        )
    return "\n".join(lines)
