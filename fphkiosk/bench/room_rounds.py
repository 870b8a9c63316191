"""The room side of the benchmark: a room process, a presenter remote, a crowd, and rounds.

The bench deck carries one poll per round (and one for the warm-up), so each round's answers
have an activity of their own in the session file: "lost" and "counted twice" stay exact for
every round, where a single reopened poll would mix the rounds (its last answer per participant
replaces the earlier ones).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from fphkiosk.bench.affinity import CpuPlan
from fphkiosk.bench.crowd import Burst, Crowd, ProgressCallback
from fphkiosk.bench.loop_lag import lag_p99_ms_windows, read_lag_file
from fphkiosk.bench.servers import PresenterRemote, ServerProcess, read_rss_mb
from fphkiosk.net.protocol import ChoiceCountsView, PresenterStateMsg
from fphkiosk.storage.store import SessionSeed, SessionStore

WARMUP_POLL = "bench-warmup"
CHOICES = ("Rouge", "Vert", "Bleu", "Jaune")
_DECK_HEADER = """---
title: Banc d'essai
min_group_size: 5
---
# Accueil

Banc d'essai de la salle.
"""
_POLL_SLIDE = """---
# Sondage {number}

```poll
id: {poll}
question: Quelle couleur ?
choices: [{choices}]
```
"""


def round_poll(number: int) -> str:
    """The poll of measured round *number* (1-based)."""
    return f"bench-{number}"


def bench_deck(polls: Sequence[str]) -> str:
    """A deck with one poll slide per id in *polls*."""
    slides = (
        _POLL_SLIDE.format(number=index, poll=poll, choices=", ".join(CHOICES))
        for index, poll in enumerate(polls, start=1)
    )
    return _DECK_HEADER + "".join(slides)


def write_bench_deck(folder: Path, polls: Sequence[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deck.md"
    path.write_text(bench_deck(polls), encoding="utf-8")
    return path


@dataclass(frozen=True)
class RoomRound:
    poll: str
    burst: Burst
    counts: list[int] | None
    """Per choice, as the presenter remote was told once every answer was in."""
    final_state_ms: float


@dataclass(frozen=True)
class RoomCheck:
    """What the session file and the presenter remote say about the rounds' answers."""

    lost: int
    duplicated: int
    counts_match: bool | None


def _respondents(state: PresenterStateMsg, poll: str) -> int:
    return next((a.respondents for a in state.activities if a.id == poll), 0)


def _status(state: PresenterStateMsg, poll: str) -> str:
    return next((a.status for a in state.activities if a.id == poll), "")


def _sent_counts(burst: Burst, choices: int) -> list[int]:
    counts = [0] * choices
    for _, _, body in burst.sent:
        counts[int(body["choice"])] += 1
    return counts


class LocalRoom:
    """The room on loopback in its own process, with its crowd joined: ``await play(poll)``."""

    def __init__(self, folder: Path, participants: int, timeout: float):
        self._folder = folder
        self._participants = participants
        self._timeout = timeout
        self._stack = contextlib.AsyncExitStack()
        self.session = folder / "bench.fphk"
        self.lag_file = folder / "lag.json"
        self.server: ServerProcess | None = None
        self.remote: PresenterRemote | None = None
        self.crowd: Crowd | None = None
        self.rss_mb: float | None = None
        self.rss_peak_mb: float | None = None

    @classmethod
    async def start(
        cls,
        folder: Path,
        participants: int,
        processes: int,
        polls: Sequence[str],
        progress: ProgressCallback,
        timeout: float,
        plan: CpuPlan | None = None,
    ) -> LocalRoom:
        """Start the room (with one poll per id in *polls*) and join its crowd."""
        room = cls(folder, participants, timeout)
        try:
            await room._start(processes, polls, progress, plan)
        except BaseException:
            await room.stop()
            raise
        return room

    async def _start(
        self,
        processes: int,
        polls: Sequence[str],
        progress: ProgressCallback,
        plan: CpuPlan | None,
    ) -> None:
        deck = write_bench_deck(self._folder / "deck", polls)
        self.server = await ServerProcess.start(
            "fphkiosk.bench.loop_lag",
            [
                *(str(deck), "--session", str(self.session), "--lag-file", str(self.lag_file)),
                *("--host", "127.0.0.1", "--port", "0"),
                *("--connections-per-address", str(self._participants + 16)),
            ],
            self._folder / "room.json",
            cpus=None if plan is None else plan.servers,
        )
        self._stack.push_async_callback(self.server.stop)
        url = f"http://127.0.0.1:{self.server.info['port']}/ws"
        http = await self._stack.enter_async_context(aiohttp.ClientSession())
        self.remote = await PresenterRemote.connect(http, url, self.server.info["presenter_secret"])
        self._stack.push_async_callback(self.remote.close)
        self.crowd = await Crowd.join(
            url,
            self.server.info["room_code"],
            self._participants,
            processes,
            progress,
            self._timeout,
            cpus=None if plan is None else plan.participants,
        )
        self._stack.push_async_callback(self.crowd.close)

    @property
    def join_s(self) -> float:
        return 0.0 if self.crowd is None else self.crowd.join_s

    async def play(self, poll: str) -> RoomRound:
        """Open *poll*, let every participant answer at once, wait for the count, close it."""
        assert self.remote is not None and self.crowd is not None and self.server is not None
        remote, timeout = self.remote, self._timeout
        await remote.open(poll)
        await remote.wait_for(
            lambda s: s.current_activity == poll and _status(s, poll) == "open", timeout
        )
        burst = await self.crowd.burst(poll, timeout)
        tokens = len({token for token, _, _ in burst.sent})
        state = await remote.wait_for(lambda s: _respondents(s, poll) >= tokens, timeout=5.0)
        shown = next(t for t, s in remote.history if _respondents(s, poll) >= tokens)
        counts = state.results.counts if isinstance(state.results, ChoiceCountsView) else None
        # Closed before the next round, so the room is idle while the baseline takes its turn.
        await remote.close_activity(poll)
        await remote.wait_for(lambda s: _status(s, poll) == "closed", timeout)
        self.rss_mb = read_rss_mb(self.server.pid)
        self.rss_peak_mb = read_rss_mb(self.server.pid, "VmHWM")
        return RoomRound(
            poll=poll,
            burst=burst,
            counts=counts,
            # The room announces an answer after its commit, as it acknowledges it; the remote's
            # state follows within its 50 ms batching, and may come before the crowd's last ack.
            final_state_ms=max(0.0, shown - burst.last_ack) * 1000.0,
        )

    async def stop(self) -> None:
        """Stop the crowd, the remote and the room (which then writes its lag file)."""
        await self._stack.aclose()

    def check(self, rounds: Sequence[RoomRound]) -> RoomCheck:
        """After ``stop``: every acknowledged answer stored once, counts as sent, per round."""
        stored = SessionStore.open(self.session, SessionSeed("", "", "", "")).read().answers
        lost = duplicated = 0
        counts_match: bool | None = None
        for played in rounds:
            ids = [a.answer_id for a in stored if a.activity_id == played.poll]
            stored_tokens = [a.token for a in stored if a.activity_id == played.poll]
            tokens = len({token for token, _, _ in played.burst.sent})
            lost += len(set(played.burst.acked) - set(ids))
            # A row stored twice, a participant stored twice, or counted twice on the screen.
            duplicated += len(ids) - len(set(ids))
            duplicated += len(stored_tokens) - len(set(stored_tokens))
            duplicated += max(0, sum(played.counts or []) - tokens)
            if played.counts:
                match = played.counts == _sent_counts(played.burst, len(played.counts))
                counts_match = match and counts_match is not False
        return RoomCheck(lost=lost, duplicated=duplicated, counts_match=counts_match)

    def loop_lag_ms_p99(self, rounds: Sequence[RoomRound]) -> float | None:
        """After ``stop``: p99 of the room's loop lag over the bursts of *rounds*."""
        if not self.lag_file.exists():
            return None
        times, lags = read_lag_file(self.lag_file)
        windows = [(r.burst.first_sent, r.burst.last_ack) for r in rounds]
        return lag_p99_ms_windows(times, lags, windows)
