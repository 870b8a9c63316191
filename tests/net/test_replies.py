"""Acknowledgements written together by one task: in order, and never held back by a client that
does not read."""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp import web

from fphkiosk.net.connection import Connection
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.replies import ReplyBatch
from tests.net.ws_app import serving

BIG = 4 * 1024 * 1024
"""Far more than the socket buffers of loopback: a client that does not read cannot take it."""


async def test_replies_arrive_in_order_and_a_client_that_does_not_read_holds_back_no_one() -> None:
    connections: dict[str, Connection] = {}
    joined = asyncio.Event()

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(compress=False)
        await ws.prepare(request)
        connection = Connection(ws, ServerLimits(), request.transport)
        connections[request.query["name"]] = connection
        if len(connections) == 2:
            joined.set()
        async for _message in ws:
            pass
        await connection.stop()
        return ws

    replies = ReplyBatch()
    async with (
        serving(handler) as url,
        aiohttp.ClientSession() as http,
        http.ws_connect(url + "?name=reader", compress=0) as reader,
        http.ws_connect(url + "?name=sleeper", max_msg_size=0, compress=0) as sleeper,
    ):
        async with asyncio.timeout(30):
            await joined.wait()
        # The sleeper is sent more than its socket can hold, then the reader its replies.
        for number in range(6):
            replies.push(connections["sleeper"], f"{number}" + "x" * BIG)
        for number in range(50):
            replies.push(connections["reader"], f"ack {number}")
        received: list[str] = []
        async with asyncio.timeout(30):
            while len(received) < 50:
                message = await reader.receive()
                assert message.type == aiohttp.WSMsgType.TEXT
                received.append(message.data)
        assert received == [f"ack {n}" for n in range(50)]
        # The sleeper wakes up: everything is there, in order, nothing was dropped.
        late: list[str] = []
        async with asyncio.timeout(30):
            while len(late) < 6:
                message = await sleeper.receive()
                late.append(message.data[:1])
        assert late == ["0", "1", "2", "3", "4", "5"]
        assert not connections["sleeper"].dropped
