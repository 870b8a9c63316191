"""How fast one address can guess the room code or the kiosk PIN.

``python -m fphkiosk.bench.guessing [--seconds 5]``:

A headless room runs in its own process on loopback; one client then guesses as fast as the room
lets it, reconnecting whenever it is cut off, for a few seconds each. It prints the guesses the
room actually checked per second (a refusal to check, such as "wait", is not a guess), for the
room code and for the kiosk PIN.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from fphkiosk.paths import bundled_deck_dir

PIPELINE = 5
"""Guesses sent on one connection before reading the answers (the room closes after five)."""


@dataclass(frozen=True)
class GuessRate:
    kind: str
    checked: int
    refused: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.checked / self.seconds if self.seconds > 0 else 0.0


async def _guess(
    http: aiohttp.ClientSession, url: str, room_code: str, kind: str
) -> tuple[int, int]:
    """One connection's worth of guesses: (checked, refused without being checked)."""
    checked = refused = 0
    with contextlib.suppress(aiohttp.ClientError, ConnectionError, asyncio.TimeoutError):
        async with http.ws_connect(url) as ws:
            if kind == "pin":
                await ws.send_str(json.dumps({"v": 1, "type": "join", "room_code": room_code}))
            for n in range(PIPELINE):
                if kind == "pin":
                    guess = {"v": 1, "type": "kiosk_unlock", "pin": "x" + str(n)}
                else:
                    guess = {"v": 1, "type": "join", "room_code": "XXXXX" + str(n)}
                await ws.send_str(json.dumps(guess))
            async for message in ws:
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                reply = json.loads(message.data)
                if reply.get("type") == "error":
                    if reply.get("code") in ("wrong_room_code", "wrong_pin"):
                        checked += 1
                    else:
                        refused += 1
                if checked + refused >= PIPELINE:
                    break
    return checked, refused


async def measure(url: str, room_code: str, kind: str, seconds: float) -> GuessRate:
    """Guess *kind* ("code" or "pin") from one client for *seconds*, reconnecting as needed."""
    checked = refused = 0
    async with aiohttp.ClientSession() as http:
        start = time.perf_counter()
        while True:  # at least one connection's worth, however short *seconds*
            got, no = await _guess(http, url, room_code, kind)
            checked += got
            refused += no
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
    return GuessRate(kind, checked, refused, elapsed)


async def _run(seconds: float) -> list[GuessRate]:
    with tempfile.TemporaryDirectory() as folder:
        info_file = Path(folder) / "info.json"
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "fphkiosk.net.headless",
            str(bundled_deck_dir()),
            "--session",
            str(Path(folder) / "session.fphk"),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--info-file",
            str(info_file),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            async with asyncio.timeout(60):
                while not info_file.exists():
                    await asyncio.sleep(0.05)
            info = json.loads(info_file.read_text(encoding="utf-8"))
            url = f"http://127.0.0.1:{info['port']}/ws"
            return [
                await measure(url, info["room_code"], "code", seconds),
                await measure(url, info["room_code"], "pin", seconds),
            ]
        finally:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            await process.wait()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fphkiosk.bench.guessing")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    for rate in asyncio.run(_run(args.seconds)):
        print(
            f"{rate.kind}: {rate.checked} guesses checked in {rate.seconds:.1f} s"
            f" = {rate.per_second:.1f}/s ({rate.refused} refused unchecked)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
