"""One device, one voice: live participant tokens per address are capped (real server, loopback).

Every client here comes from 127.0.0.1, as several people on one device would.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest

from fphkiosk.core.i18n import Translator
from fphkiosk.net.client import JoinFailed, ParticipantClient
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.protocol import ChoiceBody
from fphkiosk.net.server import RoomServer
from tests.room_fixture import Served

WAIT = 10.0


@pytest.fixture
async def room(served: Served, tr: Translator) -> AsyncIterator[str]:
    """The served room behind a server with the default limits: its WebSocket URL."""
    server = RoomServer(served.live, tr, ServerLimits())
    await server.start("127.0.0.1", 0)
    try:
        yield f"ws://127.0.0.1:{server.port}/ws"
    finally:
        await server.stop()


async def _join(served: Served, url: str, token: str | None = None) -> ParticipantClient:
    client = ParticipantClient(url, served.live.room_code.lower(), token=token, session=served.http)
    await client.start()
    async with asyncio.timeout(WAIT):
        await client.joined()
    return client


async def test_a_third_participant_from_one_address_is_refused(
    served: Served, room: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assert ServerLimits().participants_per_address == 2
    first, second = await _join(served, room), await _join(served, room)
    third = ParticipantClient(room, served.live.room_code.lower(), session=served.http)
    await third.start()
    with pytest.raises(JoinFailed) as refused:
        async with asyncio.timeout(WAIT):
            await third.joined()
    assert refused.value.code == "too_many_participants"
    assert "au plus 2" in refused.value.message and "une voix par appareil" in refused.value.message
    await third.close()
    assert served.live.room.connected == 2, "the refused join changed nothing"
    # The same device coming back with its own token is the same voice: let in.
    again = await _join(served, room, token=first.token)
    assert again.token == first.token
    # One leaves for good: its place is free for a new participant.
    await second.close()
    async with asyncio.timeout(WAIT):
        while served.live.room.connected != 1:
            await asyncio.sleep(0.01)
    fourth = await _join(served, room)
    assert fourth.token not in (first.token, second.token)
    for client in (first, again, fourth):
        await client.close()
    # Held in memory only: no address nor token in the log.
    for record in caplog.records:
        assert "127.0.0.1" not in record.getMessage()
        assert first.token is not None and first.token not in record.getMessage()


async def test_fake_participants_cannot_reach_the_minimum_group(served: Served, room: str) -> None:
    """One real answer plus fake ones from the same device: the room stays under 5."""
    remote = await served.remote()
    await remote.command("open", activity_id="quiz")
    voices = [await _join(served, room), await _join(served, room)]
    for client in voices:
        async with asyncio.timeout(WAIT):
            while client.snapshot is None or client.snapshot.activity is None:
                await asyncio.sleep(0.01)
        await client.acknowledged(client.answer("quiz", ChoiceBody(0)))
    for _ in range(3):
        extra = ParticipantClient(room, served.live.room_code.lower(), session=served.http)
        await extra.start()
        with pytest.raises(JoinFailed):
            async with asyncio.timeout(WAIT):
                await extra.joined()
        await extra.close()
    assert served.live.room.respondents("quiz") == 2
    for client in voices:
        await client.close()
    await remote.close()
