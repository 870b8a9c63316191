"""A bare aiohttp application on loopback with one WebSocket route, for tests of the transport."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

WsHandler = Callable[[web.Request], Awaitable[web.WebSocketResponse]]


@contextlib.asynccontextmanager
async def serving(handler: WsHandler) -> AsyncIterator[str]:
    """Serve *handler* at ``/ws`` on a free loopback port; yields the URL to connect to."""
    app = web.Application()
    app.router.add_get("/ws", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/ws"
    finally:
        await runner.cleanup()
