"""The HTTP side of the room server, hardened: what aiohttp would log, echo or wait for by default.

- Nothing personal in any output: aiohttp's own messages ("Error handling request from <address>",
  with the request's bytes) go through a logger that keeps the message's wording only, never its
  arguments or traceback.
- Every response, aiohttp's own error pages included, carries the same security headers and a
  ``Server`` header without a version; an unparsable request gets a fixed text, not its own bytes.
- A connection must send its request head within ``header_timeout`` seconds (of opening, or of
  its previous response), and an address may hold only so many open connections: a few slow
  sockets cannot hold the room's server.
- Only the room's own addresses and localhost are accepted as ``Host`` (and as a browser's
  ``Origin``): a page from another name that resolves to the laptop (DNS rebinding) is refused.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from aiohttp import hdrs, web

from fphkiosk.net.limits import AddressLimiter

SERVER_NAME = "fphkiosk"
"""The ``Server`` header: no version for a scanner to match against known flaws."""

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "img-src 'self'",
        # 'self' covers the page's own WebSocket (ws: to the same host); nothing else.
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class _Scrubbed(logging.Filter):
    """Keeps a record's fixed wording; drops its arguments (an address, request bytes) and trace."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        record.msg = str(record.msg).split(" from ")[0]
        if error is not None:
            record.msg = f"{record.msg} ({type(error).__name__})"
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def quiet_logger() -> logging.Logger:
    """The logger handed to aiohttp's HTTP protocol instead of its own ``aiohttp.server``."""
    logger = logging.getLogger("fphkiosk.net.http")
    if not any(isinstance(f, _Scrubbed) for f in logger.filters):
        logger.addFilter(_Scrubbed())
    return logger


def host_name(value: str) -> str:
    """The host part of a ``Host`` header or an origin's netloc, lower case, without port."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def origin_allowed(request: web.Request, hosts: Collection[str]) -> bool:
    """A browser's handshake must come from a page of the room; other clients send no Origin."""
    origin = request.headers.get(hdrs.ORIGIN)
    if origin is None:
        return True
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    return host_name(parts.netloc) in hosts and parts.netloc.lower() == request.host.lower()


class GuardedRequestHandler(web.RequestHandler):
    """aiohttp's HTTP protocol with a header-read deadline, a per-address cap and plain errors."""

    def __init__(
        self,
        manager: web.Server,
        *,
        loop: asyncio.AbstractEventLoop,
        open_connections: AddressLimiter,
        header_timeout: float,
        headers: Mapping[str, str] = SECURITY_HEADERS,
        **kwargs: Any,
    ) -> None:
        super().__init__(manager, loop=loop, **kwargs)
        self._open_connections = open_connections
        self._header_timeout = header_timeout
        self._headers = headers
        self._address: str | None = None
        self._head_deadline: asyncio.TimerHandle | None = None
        self._event_loop = loop

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        if not self._open_connections.acquire(address):
            # Over the cap: cut at once, before a byte is read.
            if isinstance(transport, asyncio.Transport):
                transport.abort()
            else:
                transport.close()
            return
        self._address = address
        self.awaiting_head()

    def connection_lost(self, exc: BaseException | None) -> None:
        self.head_received()
        if self._address is not None:
            self._open_connections.release(self._address)
            self._address = None
        super().connection_lost(exc)

    def awaiting_head(self) -> None:
        """The next request's head must arrive within the header timeout."""
        self.head_received()
        if self._address is not None:
            self._head_deadline = self._event_loop.call_later(
                self._header_timeout, self._on_head_deadline
            )

    def head_received(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _on_head_deadline(self) -> None:
        self._head_deadline = None
        if self.transport is not None:
            self.transport.abort()

    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        """aiohttp's own error answer, without the request's bytes, with the room's headers."""
        self.logger.info("HTTP request refused with status %s", status, exc_info=exc)
        if request.writer.output_size > 0:
            raise ConnectionError("response already started")
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        response = web.Response(
            status=status,
            text=f"{status} {phrase}\n",
            headers={**self._headers, hdrs.SERVER: SERVER_NAME},
        )
        response.force_close()
        return response


def protocol_factory(
    runner: web.AppRunner,
    open_connections: AddressLimiter,
    header_timeout: float,
    headers: Mapping[str, str] = SECURITY_HEADERS,
    **kwargs: Any,
) -> Callable[[], GuardedRequestHandler]:
    """What ``loop.create_server`` needs: one guarded HTTP protocol per accepted connection."""
    loop = asyncio.get_running_loop()
    server = runner.server
    if server is None:
        raise RuntimeError("the runner is not set up")

    def make() -> GuardedRequestHandler:
        return GuardedRequestHandler(
            server,
            loop=loop,
            open_connections=open_connections,
            header_timeout=header_timeout,
            headers=headers,
            logger=quiet_logger(),
            access_log=None,
            **kwargs,
        )

    return make


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def guard_middleware(hosts: Callable[[], Collection[str]]) -> Any:
    """Refuses a foreign ``Host``; stops the head timer while a request is handled."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        protocol = request.protocol
        guarded = protocol if isinstance(protocol, GuardedRequestHandler) else None
        if guarded is not None:
            guarded.head_received()
        try:
            if host_name(request.host) not in hosts():
                raise web.HTTPMisdirectedRequest(text="421 Misdirected Request\n")
            return await handler(request)
        finally:
            if guarded is not None:
                guarded.awaiting_head()

    return guard


def add_headers(
    headers: Mapping[str, str] = SECURITY_HEADERS,
) -> Callable[[web.Request, web.StreamResponse], Awaitable[None]]:
    """An ``on_response_prepare`` handler: the room's headers on every response of the app."""

    async def on_prepare(request: web.Request, response: web.StreamResponse) -> None:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        response.headers[hdrs.SERVER] = SERVER_NAME

    return on_prepare
