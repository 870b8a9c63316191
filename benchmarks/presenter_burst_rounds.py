"""The presenter side of ``benchmarks.presenter_burst``: presenter mode under a crowd, by rounds.

``PresenterUnderLoad.start`` builds presenter mode as ``fphkiosk.app.run_presenter`` does (console
and projector, windowed; the live room served on the same qasync loop, with the
connections-per-address limit raised for loopback), starts a ``LoopLagMonitor`` on that loop and
joins a crowd of simulated participants in worker processes (``fphkiosk.bench.crowd``). ``play``
then does what a trainer does for one poll: Right to the poll's slide, O, everyone answers at
once, R once the count is in, timing what the two windows show.

The app has no "chart shows N" hook, so the charts are watched from outside: ``ResultsView``
emits ``rendered`` each time it draws its chart into a new image (inside its paint event, just
before the image is blitted), and at that moment the chart's bar widths are what is being shown.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from fphkiosk.app import (
    CONSOLE_SIZE,
    PresenterRoom,
    PresenterSession,
    build_presenter,
    start_room,
)
from fphkiosk.bench.affinity import CpuPlan
from fphkiosk.bench.crowd import Burst, Crowd, ProgressCallback
from fphkiosk.bench.loop_lag import LoopLagMonitor
from fphkiosk.bench.report import percentile
from fphkiosk.bench.servers import read_rss_mb
from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.net.limits import ServerLimits
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.room.quiet_gc import QuietCollector
from fphkiosk.ui.presenter.results_view import ResultsView
from fphkiosk.ui.screens import projector_screen

FIRST_PAINT_WAIT_S = 2.0
IDLE_S = 0.5
"""The quiet spell before each poll opens: the presenter's idle lag is sampled there."""
SETTLE_S = 0.3
"""After a slide change, and after the console shows the count (before R): the loop quietens."""
CHART_WAIT_S = 10.0
"""How long a chart may take to show the final count before the round reports it missing."""


@dataclass(frozen=True)
class ChartRender:
    """One draw of a results chart: when (monotonic), for which activity, which bar values."""

    t: float
    activity_id: str | None
    counts: tuple[int, ...]


def shown_counts(view: ResultsView) -> tuple[int, ...]:
    """The bar values the view's chart holds (a poll chart's bars; empty for any other chart)."""
    bars = getattr(view.chart, "bars", None)
    if bars is None:
        return ()
    return tuple(round(patch.get_width()) for patch in bars.patches)


class ChartWatch:
    """Every render of one ``ResultsView``, kept with its time, until ``close``."""

    def __init__(self, view: ResultsView) -> None:
        self._view = view
        self.renders: list[ChartRender] = []
        self._rendered = asyncio.Event()
        view.rendered.connect(self._on_view_rendered)

    def _on_view_rendered(self) -> None:
        view = self._view
        self.renders.append(ChartRender(time.monotonic(), view.activity_id, shown_counts(view)))
        self._rendered.set()

    def first_showing(self, activity_id: str, total: int) -> ChartRender | None:
        """The first render of *activity_id* whose bars add up to *total*."""
        for render in self.renders:
            if render.activity_id == activity_id and sum(render.counts) == total:
                return render
        return None

    async def wait_for(self, activity_id: str, total: int, timeout: float) -> ChartRender | None:
        """The first render showing *total* for *activity_id*; None if none comes in *timeout*."""
        deadline = time.monotonic() + timeout
        while (found := self.first_showing(activity_id, total)) is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self._rendered.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._rendered.wait(), remaining)
        return found

    def close(self) -> None:
        # The console's card may already be gone (deleted with its slide's cards).
        with contextlib.suppress(RuntimeError):
            self._view.rendered.disconnect(self._on_view_rendered)


@dataclass(frozen=True)
class RoundResult:
    """One poll: the crowd's burst and what the presenter's windows and loop did meanwhile."""

    poll: str
    participants: int
    answered: int
    """Participants who sent an answer (one each)."""
    acked: int
    first_sent: float
    last_ack: float
    ack_p99_ms: float
    idle_window: tuple[float, float]
    preview_shown: float | None
    """When the console's preview first drew the final count (monotonic), None if never."""
    preview_renders: int
    """Preview draws from the first answer sent to the final count: the bridge coalesces."""
    reveal_sent: float
    projector_shown: float | None
    sent_counts: tuple[int, ...]
    projector_counts: tuple[int, ...] | None
    rss_mb: float | None
    rss_peak_mb: float | None

    @property
    def burst_s(self) -> float:
        return max(0.0, self.last_ack - self.first_sent)

    @property
    def preview_ms(self) -> float | None:
        """Last ack → console preview showing every answer (0 if the preview came first)."""
        if self.preview_shown is None:
            return None
        return max(0.0, self.preview_shown - self.last_ack) * 1000.0

    @property
    def preview_after_ack_ms(self) -> float | None:
        """The same, signed: negative when the console showed the count before the last ack."""
        if self.preview_shown is None:
            return None
        return (self.preview_shown - self.last_ack) * 1000.0

    @property
    def reveal_ms(self) -> float | None:
        """R pressed → projector showing every answer."""
        if self.projector_shown is None:
            return None
        return (self.projector_shown - self.reveal_sent) * 1000.0

    @property
    def burst_window(self) -> tuple[float, float]:
        return (self.first_sent, self.last_ack)

    @property
    def refresh_window(self) -> tuple[float, float]:
        """The burst and the console catching up with it, up to the preview's final count."""
        end = self.last_ack if self.preview_shown is None else self.preview_shown
        return (self.first_sent, max(self.last_ack, end))

    @property
    def counts_match(self) -> bool:
        return self.projector_counts == self.sent_counts


def press(widget: QWidget, key: Qt.Key, text: str = "") -> None:
    """A key press and release sent to *widget*, through the application's key filters."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def _sent_counts(burst: Burst, choices: int) -> tuple[int, ...]:
    counts = [0] * choices
    for _, _, body in burst.sent:
        counts[int(body["choice"])] += 1
    return tuple(counts)


class PresenterUnderLoad:
    """Presenter mode with its room on this process's qasync loop, and a crowd joined to it."""

    def __init__(
        self,
        deck: Deck,
        session: PresenterSession,
        room: PresenterRoom,
        monitor: LoopLagMonitor,
        participants: int,
        timeout: float,
    ) -> None:
        self.deck = deck
        self.session = session
        self.room = room
        self.monitor = monitor
        self.participants = participants
        self.crowd: Crowd | None = None
        self._timeout = timeout
        self._projector = ChartWatch(session.projector.results_view)
        self._collector: QuietCollector | None = None

    @classmethod
    async def start(
        cls,
        app: QApplication,
        deck: Deck,
        tr: Translator,
        session_path: Path,
        *,
        participants: int,
        processes: int,
        plan: CpuPlan | None,
        timeout: float,
        progress: ProgressCallback,
    ) -> PresenterUnderLoad:
        """Open the room and the windows as ``run_presenter`` does, then join the crowd."""
        live = await LiveRoom.open(deck, session_path)
        session = build_presenter(
            app,
            deck,
            tr,
            windowed=True,
            screen=projector_screen(app),
            confirm_quit=lambda _parent: True,
        )
        painted = asyncio.Event()
        session.projector.view.slide_painted.connect(lambda _number: painted.set())
        session.show()
        # Offscreen, the screen is 800×600 and the console would fit itself to it, the room
        # panel's chart preview scrolled out of view and never drawn: the usual size instead.
        session.console.resize(*CONSOLE_SIZE)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(painted.wait(), FIRST_PAINT_WAIT_S)
        # The crowd all comes from 127.0.0.1, as `fphkiosk present --simulate N` lets it.
        per_address = ServerLimits.connections_per_address + participants
        room = await start_room(
            session,
            live,
            tr,
            host="127.0.0.1",
            port=0,
            limits=ServerLimits(
                connections_per_address=per_address, participants_per_address=per_address
            ),
        )
        monitor = LoopLagMonitor()
        monitor.start()
        presenter = cls(deck, session, room, monitor, participants, timeout)
        # As `fphkiosk present` does once its room is up: its garbage collection thresholds.
        presenter._collector = QuietCollector(lambda: live.last_input_at)
        presenter._collector.start()
        try:
            presenter.crowd = await Crowd.join(
                f"http://127.0.0.1:{room.server.port}/ws",
                live.room_code,
                participants,
                processes,
                progress,
                timeout,
                cpus=None if plan is None else plan.participants,
            )
            await presenter._until(lambda: not session.console.slide_list.thumbnails_pending)
        except BaseException:
            await presenter.stop()
            raise
        return presenter

    async def _until(self, done: Callable[[], bool], step: float = 0.02) -> None:
        async with asyncio.timeout(self._timeout):
            while not done():
                await asyncio.sleep(step)

    async def play(self, poll: str) -> RoundResult:
        """Right to *poll*'s slide, a pause, a quiet spell, O, the burst, R; time both charts."""
        assert self.crowd is not None
        session, panel = self.session, self.room.panel
        press(session.console, Qt.Key.Key_Right)
        live = session.navigation.presentation.live
        if [a.id for a in self.deck.slides[live].activities] != [poll]:
            raise RuntimeError(f"slide {live + 1} does not hold the poll {poll!r} alone")
        preview = ChartWatch(panel.cards[poll].preview)
        try:
            # The slide change (its render, the room telling every participant) is over first.
            await asyncio.sleep(SETTLE_S)
            idle_from = time.monotonic()
            await asyncio.sleep(IDLE_S)
            idle_window = (idle_from, time.monotonic())
            press(session.console, Qt.Key.Key_O, "o")
            burst = await self.crowd.burst(poll, self._timeout)
            answered = len({token for token, _, _ in burst.sent})
            shown = await preview.wait_for(poll, answered, CHART_WAIT_S)
            renders = sum(
                1
                for r in preview.renders
                if r.activity_id == poll
                and r.t >= burst.first_sent
                and (shown is None or r.t <= shown.t)
            )
        finally:
            preview.close()
        await asyncio.sleep(SETTLE_S)
        reveal_sent = time.monotonic()
        press(session.console, Qt.Key.Key_R, "r")
        projected = await self._projector.wait_for(poll, answered, CHART_WAIT_S)
        sent_counts = _sent_counts(burst, len(projected.counts) if projected else 0)
        pid = os.getpid()
        return RoundResult(
            poll=poll,
            participants=self.participants,
            answered=answered,
            acked=len(burst.acked),
            first_sent=burst.first_sent,
            last_ack=burst.last_ack,
            ack_p99_ms=percentile(burst.latencies_ms, 99),
            idle_window=idle_window,
            preview_shown=None if shown is None else shown.t,
            preview_renders=renders,
            reveal_sent=reveal_sent,
            projector_shown=None if projected is None else projected.t,
            sent_counts=sent_counts,
            projector_counts=None if projected is None else projected.counts,
            rss_mb=read_rss_mb(pid),
            rss_peak_mb=read_rss_mb(pid, "VmHWM"),
        )

    async def stop(self) -> None:
        """The crowd, the monitor, the room (session file closed as ended), then the windows."""
        try:
            if self.crowd is not None:
                await self.crowd.close()
        finally:
            if self._collector is not None:
                self._collector.stop()
            self._projector.close()
            await self.monitor.stop()
            await self.room.close()
            self.session.dispose()
