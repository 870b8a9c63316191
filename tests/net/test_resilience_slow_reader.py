"""A participant that sends but never reads: the room drops it, its memory stays bounded, and the
other participants' answers go on being acknowledged, every one of them, while it is there.

The room runs in its own process (so its resident memory is its own). The silent client is a raw
socket with a tiny receive buffer that joins, then asks for snapshots as fast as the rate limit
lets it, each snapshot some 60 KB (a scale of 300 long items), and never reads a byte.
"""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import struct
from pathlib import Path

import aiohttp
import msgspec
import pytest

from fphkiosk.bench.participants import ParticipantProcess
from fphkiosk.bench.runner import PresenterRemote, ServerProcess, read_rss_mb

OTHERS = 100
ITEMS = 300
WAIT = 30.0
ROUNDS = 16  # at 0.5 s apart at least, past the send timeout several times
SEND_TIMEOUT_S = 2.0
RSS_GROWTH_LIMIT_MB = 20.0

pytestmark = pytest.mark.slow

DECK = """---
title: Lecteur muet
---
# Sondage

```poll
id: sondage
question: Quelle couleur ?
choices: [Rouge, Vert, Bleu]
```
---
# Échelle

```scale
id: longue
file: scales/longue.yaml
```
"""


def _write_deck(folder: Path) -> Path:
    (folder / "scales").mkdir(parents=True)
    long_text = "Question longue sur l'usage des réseaux sociaux au travail, " * 3
    items = "".join(f'  - "{k} {long_text}?"\n' for k in range(ITEMS))
    (folder / "scales" / "longue.yaml").write_text(
        "title: Longue échelle\ninstructions: 1 point par oui.\n"
        "options:\n  - {label: Non, points: 0}\n  - {label: Oui, points: 1}\n"
        f"items:\n{items}"
        f"bands:\n  - {{min: 0, max: {ITEMS}, label: Tout, advice: Rien.}}\n",
        encoding="utf-8",
    )
    path = folder / "deck.md"
    path.write_text(DECK, encoding="utf-8")
    return path


class SilentClient:
    """A WebSocket client on a raw socket that writes and never reads."""

    def __init__(self, port: int):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # A small receive buffer, fixed before connecting: the room's sends back up quickly.
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        response = b""
        while b"\r\n\r\n" not in response:  # the handshake is the only thing ever read
            response += self.sock.recv(1)
        assert response.startswith(b"HTTP/1.1 101")
        self.sent = 0

    def send(self, message: object) -> bool:
        """Send one masked text frame; False once the room has closed the connection."""
        payload = msgspec.json.encode(message)
        mask = os.urandom(4)
        header = struct.pack("!BB", 0x81, 0x80 | 126) + struct.pack("!H", len(payload))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        try:
            self.sock.sendall(header + mask + masked)
        except OSError:
            return False
        self.sent += 1
        return True

    def closed_by_room(self, timeout: float) -> bool:
        """Read what piled up until the room's end of the connection is closed."""
        self.sock.settimeout(timeout)
        try:
            while self.sock.recv(1 << 20):
                pass
        except TimeoutError:
            return False
        except OSError:
            return True
        return True

    def close(self) -> None:
        self.sock.close()


async def test_a_client_that_never_reads_is_dropped_and_costs_no_one(tmp_path: Path) -> None:
    deck = _write_deck(tmp_path / "deck")
    room = await ServerProcess.start(
        "fphkiosk.bench.loop_lag",
        [
            *(str(deck), "--session", str(tmp_path / "s.fphk"), "--port", "0"),
            *("--lag-file", str(tmp_path / "lag.json")),
            *("--connections-per-address", str(OTHERS + 16)),
            # The default 10 s would make the test wait as long for the blocked send.
            *("--send-timeout", str(SEND_TIMEOUT_S)),
        ],
        tmp_path / "room.json",
    )
    info = room.info
    url = f"http://127.0.0.1:{info['port']}/ws"
    http = aiohttp.ClientSession()
    worker: ParticipantProcess | None = None
    silent: SilentClient | None = None
    try:
        remote = await PresenterRemote.connect(http, url, info["presenter_secret"])
        # The long scale is the current activity: every snapshot carries its 300 items.
        await remote.open("longue")
        await remote.wait_for(lambda s: s.current_activity == "longue", WAIT)
        worker = await ParticipantProcess.start(url, info["room_code"], OTHERS)
        await worker.expect("ready", WAIT)
        await worker.command("answer")
        calm = await worker.expect("answered", WAIT)
        rss_before = read_rss_mb(room.pid)
        assert rss_before is not None

        silent = SilentClient(info["port"])
        silent.send({"v": 1, "type": "join", "room_code": info["room_code"]})
        await remote.wait_for(lambda s: s.connected == OTHERS + 1, WAIT)
        acked_others: list[int] = []
        rss_peak = rss_before
        rounds = 0
        # Rounds counted, not timed: a busy machine makes them slower, never fewer.
        while rounds < ROUNDS:
            for _ in range(5):  # within its rate limit: 10 a second
                if not silent.send({"v": 1, "type": "sync"}):
                    break
            await worker.command("answer")
            answered = await worker.expect("answered", WAIT)
            assert not answered["refused"]
            acked_others.append(len(answered["acked"]))
            rounds += 1
            rss_peak = max(rss_peak, read_rss_mb(room.pid) or 0.0)
            await asyncio.sleep(0.5)
        # The room let the silent client go (queue full or send timed out) ...
        state = await remote.wait_for(lambda s: s.connected == OTHERS, WAIT)
        assert state.peak_connected == OTHERS + 1
        await remote.close()
    finally:
        if worker is not None:
            await worker.close()
        await http.close()
        dropped = silent.closed_by_room(WAIT) if silent is not None else False
        if silent is not None:
            silent.close()
        assert await room.stop() == 0
    # ... and closed its socket, rather than keeping its buffers forever.
    assert dropped
    assert silent.sent > 30
    assert rss_peak - rss_before < RSS_GROWTH_LIMIT_MB, (rss_before, rss_peak)
    # The others: acknowledged as fast with the silent client as without it.
    # The others: every answer acknowledged in every round while the silent client was there.
    # (How fast, compared with a calm round, is a benchmark's figure, not a pass/fail here.)
    assert len(calm["acked"]) == OTHERS
    assert acked_others == [OTHERS] * ROUNDS
