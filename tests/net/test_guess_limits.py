"""Guessing the kiosk PIN or the room code online is slowed for the whole room / per address.

The room runs on loopback with a clock the test moves by hand, so the back-off is exact and no
test waits for real seconds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from fphkiosk.core.i18n import Translator
from fphkiosk.core.room_changes import Change, KioskPinGuessed
from fphkiosk.net.limits import ROOM_CODE_BACKOFF, ServerLimits
from fphkiosk.net.protocol import ErrorMsg, KioskUnlockedMsg, ServerMessage, WelcomeMsg
from fphkiosk.net.server import RoomServer
from fphkiosk.room.live_room import KIOSK_PIN_BACKOFF, LiveRoom
from tests.net.remote import Raw
from tests.net.sample_deck import sample_deck


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class ClockedRoom:
    live: LiveRoom
    server: RoomServer
    clock: Clock
    http: aiohttp.ClientSession
    changes: list[Change]

    @property
    def ws_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}/ws"

    async def reply(self, *messages: dict[str, object]) -> ServerMessage:
        """Send *messages* on a fresh connection; the reply to the last one."""
        raw = await Raw.connect(self.http, self.ws_url)
        try:
            for message in messages[:-1]:
                await raw.send(message)
                await raw.expect(lambda m: True)
            await raw.send(messages[-1])
            return await raw.expect(lambda m: True)
        finally:
            await raw.close()


@pytest.fixture
async def clocked(tmp_path: Path, tr: Translator) -> AsyncIterator[ClockedRoom]:
    clock = Clock()
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), tmp_path / "s.fphk", clock=clock)
    changes: list[Change] = []
    live.subscribe(changes.extend)
    server = RoomServer(
        live,
        tr,
        ServerLimits(connections_per_address=500, participants_per_address=500),
        clock=clock,
    )
    await server.start("127.0.0.1", 0)
    http = aiohttp.ClientSession()
    try:
        yield ClockedRoom(live, server, clock, http, changes)
    finally:
        await http.close()
        await server.stop()
        await live.close()


def _code(message: ServerMessage) -> str:
    if isinstance(message, ErrorMsg):
        return message.code
    return message.__class__.__name__


async def test_wrong_pins_are_limited_for_the_whole_room_and_announced(
    clocked: ClockedRoom,
) -> None:
    join = {"v": 1, "type": "join", "room_code": clocked.live.room_code}
    pin = clocked.live.kiosk_pin
    wrong = f"{(int(pin) + 1) % 1_000_000:06d}"

    async def unlock(typed: str) -> str:
        # A new connection for every guess: reconnecting must not buy more guesses.
        return _code(await clocked.reply(join, {"v": 1, "type": "kiosk_unlock", "pin": typed}))

    replies = [await unlock(wrong) for _ in range(20)]
    free = KIOSK_PIN_BACKOFF.free
    assert replies == ["wrong_pin"] * free + ["too_many_attempts"] * (20 - free)
    # Even the right PIN is not checked while the room makes guesses wait.
    assert await unlock(pin) == "too_many_attempts"
    guessed = [c for c in clocked.changes if isinstance(c, KioskPinGuessed)]
    assert [g.wrong for g in guessed] == list(range(1, free + 1))
    assert guessed[-1].wait == KIOSK_PIN_BACKOFF.first_wait

    # The wait grows: one guess after the first wait, then twice as long.
    clocked.clock.now += KIOSK_PIN_BACKOFF.first_wait
    assert [await unlock(wrong), await unlock(wrong)] == ["wrong_pin", "too_many_attempts"]
    clocked.clock.now += KIOSK_PIN_BACKOFF.first_wait
    assert await unlock(pin) == "too_many_attempts"
    clocked.clock.now += KIOSK_PIN_BACKOFF.first_wait
    message = await clocked.reply(join, {"v": 1, "type": "kiosk_unlock", "pin": pin})
    assert isinstance(message, KioskUnlockedMsg)
    # The right PIN starts the count afresh.
    assert await unlock(wrong) == "wrong_pin"


async def test_room_code_guesses_back_off_per_address(clocked: ClockedRoom) -> None:
    async def join(code: str) -> str:
        return _code(await clocked.reply({"v": 1, "type": "join", "room_code": code}))

    replies = [await join("WRONG" + str(n)) for n in range(30)]
    free = ROOM_CODE_BACKOFF.free
    assert replies == ["wrong_room_code"] * free + ["too_many_attempts"] * (30 - free)
    assert await join(clocked.live.room_code) == "too_many_attempts"
    secret = {"v": 1, "type": "remote_join", "secret": "guess"}
    assert _code(await clocked.reply(secret)) == "too_many_attempts"
    clocked.clock.now += ROOM_CODE_BACKOFF.first_wait
    assert await join("WRONG") == "wrong_room_code"
    assert await join(clocked.live.room_code) == "too_many_attempts"
    clocked.clock.now += 2 * ROOM_CODE_BACKOFF.first_wait
    assert await join(clocked.live.room_code) == "WelcomeMsg"
    assert await join("WRONG") == "wrong_room_code"


async def test_a_waiting_guess_tells_how_long_in_french(clocked: ClockedRoom) -> None:
    for n in range(ROOM_CODE_BACKOFF.free):
        await clocked.reply({"v": 1, "type": "join", "room_code": f"WRONG{n}"})
    refused = await clocked.reply({"v": 1, "type": "join", "room_code": "WRONG"})
    assert isinstance(refused, ErrorMsg)
    assert refused.message == "Trop d'essais : réessayez dans 1 s."
    assert not isinstance(refused, WelcomeMsg)
