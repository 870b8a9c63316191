"""A real room server on loopback (port 0) with its session in tmp_path, and a presenter remote.

Registered for the whole suite by tests/conftest.py: the server, UI and web tests share it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from fphkiosk.core.i18n import Translator
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.server import RoomServer
from fphkiosk.room.live_room import LiveRoom
from tests.net.remote import Remote
from tests.net.sample_deck import sample_deck


@dataclass
class Served:
    live: LiveRoom
    server: RoomServer
    session_path: Path
    http: aiohttp.ClientSession

    @property
    def ws_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}/ws"

    async def remote(self) -> Remote:
        return await Remote.connect(self.http, self.ws_url, self.live.presenter_secret)


@pytest.fixture
async def served(tmp_path: Path, tr: Translator) -> AsyncIterator[Served]:
    async with _serve(tmp_path, tr, round_table=False) as room:
        yield room


@pytest.fixture
async def served_round_table(tmp_path: Path, tr: Translator) -> AsyncIterator[Served]:
    """The sample deck with its round-table slides: questions, words, open answer, timer."""
    async with _serve(tmp_path, tr, round_table=True) as room:
        yield room


@contextlib.asynccontextmanager
async def _serve(tmp_path: Path, tr: Translator, *, round_table: bool) -> AsyncIterator[Served]:
    deck = sample_deck(tmp_path / "deck", min_group_size=3, round_table=round_table)
    session_path = tmp_path / "session.fphk"
    live = await LiveRoom.open(deck, session_path)
    server = RoomServer(
        live, tr, ServerLimits(connections_per_address=500, participants_per_address=500)
    )
    await server.start("127.0.0.1", 0)
    # limit=0: every participant holds a WebSocket, the default pool of 100 would queue them.
    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    try:
        yield Served(live, server, session_path, http)
    finally:
        await http.close()
        await server.stop()
        await live.close()
