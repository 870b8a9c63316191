"""One connection's outgoing messages: queued in order to its sender, which waits for a client
that reads slowly rather than dropping it, within the queue's bound."""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp import web

from fphkiosk.net.connection import Connection
from fphkiosk.net.limits import ServerLimits
from tests.net.ws_app import serving

MESSAGES = 40
SIZE = 256 * 1024
"""Far more than the socket buffers hold: the writes must wait for the client to read."""


async def test_messages_that_must_wait_arrive_complete_and_in_order() -> None:
    sent: list[bool] = []

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(compress=False)
        await ws.prepare(request)
        connection = Connection(ws, ServerLimits(outgoing_queue=MESSAGES), request.transport)
        for number in range(MESSAGES):
            connection.send(f"{number:04d}" + "x" * SIZE)
            # The first writes go out at once; then one has to wait and the rest queue behind it.
            sent.append(connection.dropped)
        async for _message in ws:
            pass
        await connection.stop()
        return ws

    async with serving(handler) as url:
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(url, max_msg_size=0, compress=0) as ws,
        ):
            received: list[str] = []
            async with asyncio.timeout(30):
                while len(received) < MESSAGES:
                    message = await ws.receive()
                    assert message.type == aiohttp.WSMsgType.TEXT
                    received.append(message.data)
            await ws.close()
        assert sent == [False] * MESSAGES
        assert [text[:4] for text in received] == [f"{n:04d}" for n in range(MESSAGES)]
        assert all(len(text) == 4 + SIZE for text in received)


async def test_a_client_whose_queue_overflows_is_dropped_and_told_to_come_back() -> None:
    dropped_after: list[int] = []

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        connection = Connection(ws, ServerLimits(outgoing_queue=4), request.transport)
        # Queued in one go, before the sender had a turn: the fifth one finds the queue full.
        for number in range(10):
            connection.send(f"message {number}")
            if connection.dropped and not dropped_after:
                dropped_after.append(number)
        async for _message in ws:
            pass
        await connection.stop()
        return ws

    async with serving(handler) as url:
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(url) as ws,
        ):
            async with asyncio.timeout(10):
                message = await ws.receive()
                while message.type == aiohttp.WSMsgType.TEXT:
                    message = await ws.receive()
            assert message.type == aiohttp.WSMsgType.CLOSE
            assert ws.close_code == aiohttp.WSCloseCode.TRY_AGAIN_LATER
        assert dropped_after == [4]
