"""The room's HTTP side against a stranger on the LAN: logs, error pages, slow sockets, Host."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from fphkiosk.core.i18n import Translator
from fphkiosk.net.http_guard import SECURITY_HEADERS
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.server import RoomServer
from fphkiosk.net.web_page import setup as setup_web_page
from fphkiosk.room.live_room import LiveRoom
from tests.net.sample_deck import sample_deck, write_sample_deck
from tests.room_fixture import Served

WAIT = 10.0
MALFORMED = (
    b"FOO\x01BAR / HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nBad Header Line secret-bytes\r\n\r\n",
    b"GET /\x00secret-path HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/9.9\r\nsecret-bytes\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03secret-bytes\r\n\r\n",
)


async def _exchange(port: int, request: bytes) -> bytes:
    """Send raw bytes, read the whole answer until the server closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        async with asyncio.timeout(WAIT):
            return await reader.read()
    finally:
        writer.close()


def _headers(response: bytes) -> dict[str, str]:
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in head)}


async def test_malformed_requests_leave_no_address_or_bytes_in_the_output(
    tmp_path: Path,
) -> None:
    info_file = tmp_path / "room.json"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "fphkiosk.net.headless",
        str(write_sample_deck(tmp_path / "deck")),
        "--session",
        str(tmp_path / "s.fphk"),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--info-file",
        str(info_file),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        async with asyncio.timeout(60):
            listening = await process.stdout.readline()
        assert listening
        port = json.loads(info_file.read_text(encoding="utf-8"))["port"]
        for request in MALFORMED:
            answer = await _exchange(port, request)
            assert answer.split(b"\r\n")[0].endswith(b" 400 Bad Request"), answer
            assert b"secret" not in answer and b"FOO" not in answer
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(60):
            out, err = await process.communicate()
    output = listening + out + err
    assert process.returncode == 0, err
    assert b"127.0.0.1" not in output.replace(b"http://127.0.0.1", b"")
    assert b"secret" not in output and b"Traceback" not in output and b"FOO" not in output


async def test_every_response_has_the_headers_and_no_version(
    tmp_path: Path, tr: Translator
) -> None:
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), tmp_path / "s.fphk")
    server = RoomServer(live, tr, setup_app=setup_web_page)
    await server.start("127.0.0.1", 0)
    base = f"http://127.0.0.1:{server.port}"
    try:
        async with aiohttp.ClientSession() as http:
            for method, path, status in (
                ("GET", "/", 200),
                ("GET", "/nowhere", 404),
                ("POST", "/", 405),
                ("GET", "/ws", 400),  # not a WebSocket handshake
                ("GET", "/static/missing.js", 404),
            ):
                async with http.request(method, base + path) as response:
                    assert response.status == status, path
                    assert response.headers["Server"] == "fphkiosk"
                    for name, value in SECURITY_HEADERS.items():
                        assert response.headers.get(name) == value, (path, name)
        answer = await _exchange(server.port, MALFORMED[1])
        headers = _headers(answer)
        assert headers["server"] == "fphkiosk"
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name.lower()) == value, name
        assert answer.split(b"\r\n\r\n", 1)[1] == b"400 Bad Request\n"
    finally:
        await server.stop()
        await live.close()


@pytest.fixture
async def strict(tmp_path: Path, tr: Translator) -> AsyncIterator[RoomServer]:
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), tmp_path / "s.fphk")
    limits = ServerLimits(
        connections_per_address=2, open_connections_per_address=3, header_timeout=0.3
    )
    server = RoomServer(live, tr, limits, setup_app=setup_web_page)
    await server.start("127.0.0.1", 0)
    try:
        yield server
    finally:
        await server.stop()
        await live.close()


async def test_a_request_head_sent_slowly_is_cut(strict: RoomServer) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", strict.port)
    try:
        writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        await writer.drain()
        # One header line now and then, never the end of the head: the server hangs up.
        async with asyncio.timeout(WAIT):
            while True:
                data = await reader.read(1024)
                if not data:
                    break
                writer.write(b"X-Slow: 1\r\n")
        assert reader.at_eof()
    finally:
        writer.close()


async def test_open_connections_per_address_are_capped(tmp_path: Path, tr: Translator) -> None:
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), tmp_path / "s.fphk")
    limits = ServerLimits(connections_per_address=2, open_connections_per_address=3)
    server = RoomServer(live, tr, limits, setup_app=setup_web_page)
    await server.start("127.0.0.1", 0)
    held = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(3)]
    try:
        extra_reader, extra_writer = await asyncio.open_connection("127.0.0.1", server.port)
        async with asyncio.timeout(WAIT):
            assert await extra_reader.read() == b""  # cut before a byte is read
        extra_writer.close()
        # The held ones still work, and a closed one frees its place.
        first_reader, first_writer = held[0]
        first_writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        async with asyncio.timeout(WAIT):
            assert (await first_reader.read()).startswith(b"HTTP/1.1 200")
        first_writer.close()
        async with asyncio.timeout(WAIT):
            while server_open(held[0][0]):
                await asyncio.sleep(0.01)
        answer = b""
        async with asyncio.timeout(WAIT):
            while not answer.startswith(b"HTTP/1.1 200"):
                answer = await _exchange(
                    server.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                )
    finally:
        for _, writer in held:
            writer.close()
        await server.stop()
        await live.close()


def server_open(reader: asyncio.StreamReader) -> bool:
    return not reader.at_eof()


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:80", "10.9.9.9"])
async def test_a_foreign_host_is_refused_even_with_a_matching_origin(
    served: Served, host: str
) -> None:
    url = f"http://127.0.0.1:{served.server.port}"
    async with served.http.get(url + "/ws", headers={"Host": host}) as response:
        assert response.status == 421
    with pytest.raises(aiohttp.WSServerHandshakeError):
        await served.http.ws_connect(served.ws_url, headers={"Host": host}, origin=f"http://{host}")


async def test_the_rooms_own_names_are_accepted(served: Served) -> None:
    for host in (f"127.0.0.1:{served.server.port}", f"localhost:{served.server.port}"):
        ws = await served.http.ws_connect(
            served.ws_url, headers={"Host": host}, origin=f"http://{host}"
        )
        await ws.close()
