"""Vanished tablets are found by the room's liveness sweep: pinged when quiet, cut off when the
ping goes unanswered; a tablet that answers stays, and the room answers the tablets' own pings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from fphkiosk.core.i18n import Translator
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.liveness import LivenessSweep
from fphkiosk.net.protocol import WelcomeMsg, server_decoder
from fphkiosk.net.server import RoomServer
from fphkiosk.room.live_room import LiveRoom
from tests.net.sample_deck import sample_deck

HEARTBEAT = 0.4
"""Short, so that a sweep comes every 0.2 s; the waits below are far longer than any of it."""
WAIT = 15.0


class Room:
    def __init__(self, live: LiveRoom, server: RoomServer, http: aiohttp.ClientSession):
        self.live = live
        self.server = server
        self.http = http

    async def tablet(self) -> aiohttp.ClientWebSocketResponse:
        """A joined participant whose pings and pongs the test handles by hand."""
        ws = await self.http.ws_connect(
            f"http://127.0.0.1:{self.server.port}/ws", autoping=False, heartbeat=None
        )
        await ws.send_json({"v": 1, "type": "join", "room_code": self.live.room_code})
        async with asyncio.timeout(WAIT):
            while True:
                message = await ws.receive()
                if message.type is aiohttp.WSMsgType.TEXT:
                    if isinstance(server_decoder.decode(message.data), WelcomeMsg):
                        return ws
                elif message.type is aiohttp.WSMsgType.PING:
                    await ws.pong(message.data)
                else:
                    raise AssertionError(f"closed before the welcome: {message.type}")


@pytest.fixture
async def room(tmp_path: Path, tr: Translator) -> AsyncIterator[Room]:
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), tmp_path / "session.fphk")
    server = RoomServer(live, tr, ServerLimits(heartbeat=HEARTBEAT))
    await server.start("127.0.0.1", 0)
    http = aiohttp.ClientSession()
    try:
        yield Room(live, server, http)
    finally:
        await http.close()
        await server.stop()
        await live.close()


async def _frames_until(
    ws: aiohttp.ClientWebSocketResponse, kinds: set[aiohttp.WSMsgType]
) -> list[aiohttp.WSMsgType]:
    """Read frames, answering none, until one of *kinds*; returns the types seen."""
    seen: list[aiohttp.WSMsgType] = []
    async with asyncio.timeout(WAIT):
        while not seen or seen[-1] not in kinds:
            seen.append((await ws.receive()).type)
    return seen


async def test_a_tablet_that_goes_quiet_is_pinged_then_cut_off(room: Room) -> None:
    ws = await room.tablet()
    assert room.live.room.connected == 1
    closed = {aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.ERROR}
    seen = await _frames_until(ws, closed)
    # Pinged first, and never answered: then the connection is gone, without a close handshake.
    assert seen[0] is aiohttp.WSMsgType.PING
    assert seen[-1] in closed
    async with asyncio.timeout(WAIT):
        while room.live.room.connected:
            await asyncio.sleep(0.05)
    assert room.server.connections == 0


async def test_a_tablet_that_answers_the_pings_stays(room: Room) -> None:
    ws = await room.tablet()
    pings = 0
    async with asyncio.timeout(WAIT):
        while pings < 4:
            message = await ws.receive()
            assert message.type is aiohttp.WSMsgType.PING, message
            pings += 1
            await ws.pong(message.data)
    # Four pings answered (two heartbeats and more of silence otherwise): still in the room.
    assert room.live.room.connected == 1
    await ws.send_json({"v": 1, "type": "sync"})
    async with asyncio.timeout(WAIT):
        while (message := await ws.receive()).type is aiohttp.WSMsgType.PING:
            await ws.pong(message.data)
    assert message.type is aiohttp.WSMsgType.TEXT
    assert '"snapshot"' in message.data
    await ws.close()


async def test_the_room_answers_a_tablets_ping_with_its_data(room: Room) -> None:
    ws = await room.tablet()
    await ws.ping(b"still there?")
    async with asyncio.timeout(WAIT):
        while (message := await ws.receive()).type is aiohttp.WSMsgType.PING:
            await ws.pong(message.data)
    assert message.type is aiohttp.WSMsgType.PONG
    assert message.data == b"still there?"
    await ws.close()


async def test_a_tablet_that_keeps_answering_is_never_pinged(room: Room) -> None:
    ws = await room.tablet()
    # Something from the tablet every tenth of a second: every sweep finds it heard.
    for _ in range(12):
        await ws.send_json({"v": 1, "type": "sync"})
        message = await ws.receive()
        assert message.type is aiohttp.WSMsgType.TEXT, message.type
        await asyncio.sleep(0.1)
    await ws.close()


def test_a_heartbeat_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        LivenessSweep(0, lambda: ())
