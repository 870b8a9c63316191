"""Audience mode's kiosk is unlocked by a PIN that only the laptop knows and checks."""

from __future__ import annotations

import aiohttp

from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import ErrorMsg, KioskUnlockedMsg, WelcomeMsg
from fphkiosk.room.credentials import KIOSK_PIN_DIGITS, kiosk_pin
from tests.net.remote import Raw
from tests.room_fixture import Served


def test_pin_is_stable_per_secret_and_six_digits() -> None:
    assert kiosk_pin("secret-a") == kiosk_pin("secret-a")
    assert kiosk_pin("secret-a") != kiosk_pin("secret-b")
    assert len(kiosk_pin("x")) == KIOSK_PIN_DIGITS and kiosk_pin("x").isdigit()


async def test_client_checks_the_pin_with_the_room(served: Served) -> None:
    client = ParticipantClient(served.ws_url, served.live.room_code)
    await client.start()
    try:
        # Not connected yet: the room cannot tell, so audience mode falls back to its local PIN.
        assert await client.check_kiosk_pin("123") is None
        await client.joined()
        pin = served.live.kiosk_pin
        wrong = f"{(int(pin) + 1) % 10**KIOSK_PIN_DIGITS:0{KIOSK_PIN_DIGITS}d}"
        assert await client.check_kiosk_pin(wrong) is False
        assert await client.check_kiosk_pin(f" {pin[:3]} {pin[3:]} ") is True
    finally:
        await client.close()


async def test_pin_needs_a_joined_participant_and_guesses_are_capped(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        raw = await Raw.connect(http, served.ws_url)
        await raw.send({"v": 1, "type": "kiosk_unlock", "pin": served.live.kiosk_pin})
        refused = await raw.expect(lambda m: isinstance(m, ErrorMsg))
        assert isinstance(refused, ErrorMsg) and refused.code == "not_joined"
        await raw.send({"v": 1, "type": "join", "room_code": served.live.room_code})
        await raw.expect(lambda m: isinstance(m, WelcomeMsg))
        await raw.send({"v": 1, "type": "kiosk_unlock", "pin": served.live.kiosk_pin})
        unlocked = await raw.expect(lambda m: isinstance(m, KioskUnlockedMsg))
        assert isinstance(unlocked, KioskUnlockedMsg)
        codes = []
        for _ in range(5):
            await raw.send({"v": 1, "type": "kiosk_unlock", "pin": "000000x"})
            error = await raw.expect(lambda m: isinstance(m, ErrorMsg))
            assert isinstance(error, ErrorMsg)
            codes.append(error.code)
            assert "PIN" in error.message or "essais" in error.message
        # Three slips are checked, then the room makes every guess wait.
        assert codes == ["wrong_pin"] * 3 + ["too_many_attempts"] * 2
        message = await raw.ws.receive(timeout=5)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
