"""An answer's time is kept to the minute; the cached text must change exactly at each minute."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from fphkiosk.storage import store


@pytest.mark.parametrize(
    "moments",
    [
        [0.0, 59.999, 60.0, 61.5, 119.99, 120.0],
        [1_795_000_000.0, 1_795_000_019.9, 1_795_000_020.0, 1_795_003_600.0],
        # The clock stepping back (an NTP correction) gives the earlier minute again.
        [1_795_000_200.0, 1_795_000_100.0],
    ],
)
def test_the_minute_text_follows_the_clock(
    monkeypatch: pytest.MonkeyPatch, moments: list[float]
) -> None:
    minute_text = store._MinuteText()
    for moment in moments:
        monkeypatch.setattr(time, "time", lambda moment=moment: moment)
        expected = datetime.fromtimestamp(moment, UTC).isoformat(timespec="minutes")
        assert minute_text() == expected


def test_the_shared_minute_is_now() -> None:
    before = datetime.now(UTC).isoformat(timespec="minutes")
    text = store.utc_minute()
    after = datetime.now(UTC).isoformat(timespec="minutes")
    assert text in {before, after}
