"""The guessing benchmark counts what the room checked apart from what it refused unchecked."""

from __future__ import annotations

from fphkiosk.bench.guessing import PIPELINE, measure
from fphkiosk.net.limits import ROOM_CODE_BACKOFF
from fphkiosk.room.live_room import KIOSK_PIN_BACKOFF
from tests.room_fixture import Served


async def test_one_round_of_guesses_is_counted_as_the_room_answered(served: Served) -> None:
    # seconds=0: a single connection's worth of guesses, so the counts are exact.
    pin = await measure(served.ws_url, served.live.room_code, "pin", 0)
    assert (pin.checked, pin.refused) == (
        KIOSK_PIN_BACKOFF.free,
        PIPELINE - KIOSK_PIN_BACKOFF.free,
    )
    code = await measure(served.ws_url, served.live.room_code, "code", 0)
    assert (code.checked, code.refused) == (
        ROOM_CODE_BACKOFF.free,
        PIPELINE - ROOM_CODE_BACKOFF.free,
    )
    assert code.per_second > 0
