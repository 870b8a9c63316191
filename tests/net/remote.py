"""A bare WebSocket client for tests: a presenter remote, or a hand-driven participant."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiohttp
import msgspec

from fphkiosk.net.protocol import ServerMessage, WelcomeMsg, server_decoder

WAIT = 10.0


class Raw:
    """Sends raw text and reads decoded server messages."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse):
        self.ws = ws
        self.received: list[ServerMessage] = []

    @classmethod
    async def connect(cls, http: aiohttp.ClientSession, url: str, **kwargs: Any) -> Raw:
        return cls(await http.ws_connect(url, **kwargs))

    async def send(self, data: object) -> None:
        if isinstance(data, str):
            await self.ws.send_str(data)
        else:
            await self.ws.send_str(msgspec.json.encode(data).decode())

    async def expect(self, predicate: Callable[[ServerMessage], bool]) -> ServerMessage:
        """The next message that satisfies *predicate* (fails after a few seconds)."""
        async with asyncio.timeout(WAIT):
            while True:
                message = await self.ws.receive()
                if message.type != aiohttp.WSMsgType.TEXT:
                    raise ConnectionError(f"closed: {message.type} {self.ws.close_code}")
                decoded = server_decoder.decode(message.data)
                self.received.append(decoded)
                if predicate(decoded):
                    return decoded

    async def close(self) -> None:
        await self.ws.close()


class Remote(Raw):
    @classmethod
    async def connect(  # type: ignore[override]
        cls, http: aiohttp.ClientSession, url: str, secret: str
    ) -> Remote:
        remote = cls(await http.ws_connect(url))
        await remote.send({"v": 1, "type": "remote_join", "secret": secret})
        await remote.expect(lambda m: isinstance(m, WelcomeMsg))
        return remote

    async def command(self, kind: str, **fields: object) -> None:
        await self.send({"v": 1, "type": kind, **fields})
