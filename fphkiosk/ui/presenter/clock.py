"""The console's clocks: time elapsed in the course and the wall clock."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from fphkiosk.core.i18n import Translator

Clock = Callable[[], float]
WallClock = Callable[[], datetime]
StartListener = Callable[[datetime], None]
"""Told the wall-clock moment (UTC) the count started, to keep it for a resumed session."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class ElapsedTime:
    """Seconds since the course started: since the first slide change, or since a reset.

    Trainers often open the application well before the room is full, so the count starts with
    the first slide change rather than at launch; the reset button starts it by hand. A resumed
    session carries on from the moment its count started (``resume_from``), crash or not.
    """

    def __init__(self, clock: Clock = time.monotonic, wall_clock: WallClock = utc_now) -> None:
        self._clock = clock
        self._wall_clock = wall_clock
        self._started_at: float | None = None
        self._listeners: list[StartListener] = []

    def on_started(self, listener: StartListener) -> None:
        """Call *listener* with the wall-clock moment each time the count starts or restarts."""
        self._listeners.append(listener)

    def resume_from(self, started: datetime) -> None:
        """Carry on a count that started at *started* (wall clock, timezone-aware)."""
        already = max(0.0, (self._wall_clock() - started).total_seconds())
        self._started_at = self._clock() - already

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def start_if_stopped(self) -> None:
        if self._started_at is None:
            self.reset()

    def reset(self) -> None:
        self._started_at = self._clock()
        started = self._wall_clock()
        for listener in self._listeners:
            listener(started)

    def seconds(self) -> int:
        if self._started_at is None:
            return 0
        return max(0, int(self._clock() - self._started_at))


def session_elapsed_time(started_at: str | None, keep: Callable[[str], None]) -> ElapsedTime:
    """The elapsed clock of a session: carried on from *started_at* (ISO 8601) when the session
    is resumed; every (re)start is handed to *keep*, for the session file."""
    elapsed = ElapsedTime()
    if started_at is not None:
        with contextlib.suppress(ValueError):
            elapsed.resume_from(datetime.fromisoformat(started_at))
    elapsed.on_started(lambda moment: keep(moment.isoformat(timespec="seconds")))
    return elapsed


def format_duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class ClockBar(QWidget):
    """Elapsed time with its reset button, then the time of day."""

    def __init__(
        self,
        tr: Translator,
        elapsed: ElapsedTime,
        wall_clock: WallClock = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._elapsed = elapsed
        self._wall_clock = wall_clock
        self.elapsed_label = QLabel(self)
        self.elapsed_label.setObjectName("elapsed")
        self.reset_button = QPushButton(tr("console.timer_reset"), self)
        self.reset_button.setToolTip(tr("console.timer_reset_tip"))
        self.wall_label = QLabel(self)
        self.wall_label.setObjectName("wallClock")
        self.wall_label.setToolTip(tr("console.wall_clock_tip"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.elapsed_label)
        layout.addWidget(self.reset_button)
        layout.addSpacing(24)
        layout.addWidget(self.wall_label)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.refresh)
        self._ticker.start()
        self.refresh()

    def _on_reset_button_clicked(self) -> None:
        self._elapsed.reset()
        self.refresh()

    def refresh(self) -> None:
        self.elapsed_label.setText(
            self._tr("console.elapsed", time=format_duration(self._elapsed.seconds()))
        )
        self.wall_label.setText(self._wall_clock().strftime("%H:%M"))
