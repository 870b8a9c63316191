"""The elapsed clock carries on across a resumed session: its start is kept in the session file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fphkiosk.core.deck_loader import load_deck
from fphkiosk.paths import bundled_deck_dir
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.ui.presenter.clock import ElapsedTime, format_duration, session_elapsed_time

NINE = datetime(2023, 11, 21, 9, 0, tzinfo=UTC)


class Clocks:
    """A monotonic clock and a wall clock that move together, by hand."""

    def __init__(self) -> None:
        self.seconds = 1000.0
        self.wall = NINE

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.seconds += seconds
        self.wall += timedelta(seconds=seconds)


def test_each_start_and_reset_is_told_with_its_wall_clock_moment() -> None:
    clocks = Clocks()
    elapsed = ElapsedTime(clocks.monotonic, clocks.now)
    told: list[datetime] = []
    elapsed.on_started(told.append)
    clocks.advance(300)
    elapsed.start_if_stopped()
    clocks.advance(60)
    elapsed.start_if_stopped()  # already running: nothing new to keep
    elapsed.reset()
    assert told == [NINE + timedelta(seconds=300), NINE + timedelta(seconds=360)]


def test_a_resumed_clock_counts_from_the_kept_start() -> None:
    clocks = Clocks()
    # The laptop restarted at 10:15; the course had started at 9:00.
    clocks.advance(75 * 60)
    elapsed = ElapsedTime(clocks.monotonic, clocks.now)
    elapsed.resume_from(NINE)
    assert elapsed.running
    assert format_duration(elapsed.seconds()) == "1:15:00"
    clocks.advance(30)
    assert format_duration(elapsed.seconds()) == "1:15:30"
    # A start kept from the future (a clock set back) counts from now, never below zero.
    ahead = ElapsedTime(clocks.monotonic, clocks.now)
    ahead.resume_from(clocks.wall + timedelta(hours=1))
    assert ahead.seconds() == 0


async def test_the_start_survives_in_the_session_file(tmp_path: Path) -> None:
    deck = load_deck(bundled_deck_dir())
    path = tmp_path / "journee.fphk"
    live = await LiveRoom.open(deck, path)
    assert live.course_started_at is None
    elapsed = session_elapsed_time(live.course_started_at, live.mark_course_started)
    assert not elapsed.running
    elapsed.start_if_stopped()
    kept = live.course_started_at
    assert kept is not None
    await live.close()

    resumed = await LiveRoom.open(deck, path)
    try:
        assert resumed.course_started_at == kept
        again = session_elapsed_time(resumed.course_started_at, resumed.mark_course_started)
        # Running at once, from the kept start: no slide change needed, no return to 0:00:00.
        assert again.running
        started = datetime.fromisoformat(kept)
        assert again.seconds() >= int((datetime.now(UTC) - started).total_seconds()) - 1
    finally:
        await resumed.close()


async def test_a_session_without_a_kept_start_waits_for_the_first_slide(tmp_path: Path) -> None:
    deck = load_deck(bundled_deck_dir())
    live = await LiveRoom.open(deck, tmp_path / "s.fphk")
    try:
        elapsed = session_elapsed_time("pas une date", live.mark_course_started)
        assert not elapsed.running and elapsed.seconds() == 0
    finally:
        await live.close()
