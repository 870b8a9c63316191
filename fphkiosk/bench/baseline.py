"""The baseline: a bare aiohttp WebSocket server that only acknowledges, with the room's shapes.

It answers ``join`` with a ``welcome`` whose snapshot holds one open poll and every ``answer``
with an ``ack``, straight away: no validation beyond reading the JSON, no room, no disk. The
benchmark runs the same simulated participants against it and against the real room in the same
go, so the ratio of their burst times says what the room's work costs on this machine.

``python -m fphkiosk.bench.baseline --info-file F [--host H --port P]`` writes
``{"url", "port", "room_code"}`` to F once listening and serves until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import msgspec
from aiohttp import WSMsgType, web

from fphkiosk.net.headless import write_info
from fphkiosk.net.protocol import (
    WS_PATH,
    AckMsg,
    ActivityView,
    SlideView,
    Snapshot,
    SnapshotMsg,
    WelcomeMsg,
    encode,
)

BASELINE_ROOM_CODE = "AAAAAA"
BASELINE_ACTIVITY = "bench"
BASELINE_CHOICES = ("Rouge", "Vert", "Bleu", "Jaune")


class _Incoming(msgspec.Struct):
    type: str = ""
    answer_id: str = ""
    activity_id: str = ""


def _snapshot() -> Snapshot:
    return Snapshot(
        slide=SlideView(index=0, count=1, title="Référence"),
        activity=ActivityView(
            id=BASELINE_ACTIVITY,
            kind="poll",
            status="open",
            question="Quelle couleur ?",
            mode="single",
            choices=list(BASELINE_CHOICES),
        ),
    )


def baseline_app() -> web.Application:
    """The bare acknowledging server as an aiohttp application."""
    decoder = msgspec.json.Decoder(_Incoming)
    snapshot = _snapshot()

    async def websocket(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(heartbeat=15.0)
        await ws.prepare(request)
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                break
            try:
                incoming = decoder.decode(message.data)
            except msgspec.DecodeError:
                continue
            if incoming.type == "join":
                token = secrets.token_urlsafe(16)
                welcome = WelcomeMsg(role="participant", token=token, snapshot=snapshot)
                await ws.send_str(encode(welcome))
            elif incoming.type == "answer":
                ack = AckMsg(answer_id=incoming.answer_id, activity_id=incoming.activity_id)
                await ws.send_str(encode(ack))
            elif incoming.type == "sync":
                await ws.send_str(encode(SnapshotMsg(snapshot=snapshot)))
        return ws

    app = web.Application()
    app.router.add_get(WS_PATH, websocket)
    return app


async def serve_baseline(host: str, port: int, info_file: Path | None, stop: asyncio.Event) -> None:
    runner = web.AppRunner(baseline_app(), access_log=None, handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = int(runner.addresses[0][1])
        if info_file is not None:
            write_info(
                info_file,
                {
                    "url": f"http://{host}:{bound}/",
                    "port": bound,
                    "room_code": BASELINE_ROOM_CODE,
                },
            )
        await stop.wait()
    finally:
        await runner.cleanup()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fphkiosk.bench.baseline")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--info-file", type=Path)
    args = parser.parse_args(argv)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve_baseline(args.host, args.port, args.info_file, stop)

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
