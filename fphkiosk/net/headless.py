"""Run the room without a window: ``python -m fphkiosk.net.headless DECK --session FILE``.

Once listening, it writes ``{"url", "ws_url", "port", "room_code", "presenter_secret"}`` to the
info file (private, as one atomic rename, so a reader never sees half of it). Reopening the same
session file resumes it, with the same room code. SIGINT / SIGTERM close the session cleanly.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.glyph_coverage import texts_of
from fphkiosk.core.i18n import Translator, load_translator
from fphkiosk.net.addresses import public_host
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.protocol import WS_PATH
from fphkiosk.net.server import RoomServer
from fphkiosk.net.web_page import page_setup
from fphkiosk.paths import assets_dir
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.room.quiet_gc import QuietCollector
from fphkiosk.storage.errors import SessionStoreError
from fphkiosk.storage.private_files import write_private


def write_info(path: Path, info: dict[str, object]) -> None:
    """Write the info file (it holds the presenter secret): private, at once, never via a link."""
    write_private(path, json.dumps(info).encode("utf-8"))


async def run_room(
    deck: Deck,
    session_path: Path,
    host: str,
    port: int,
    info_file: Path | None,
    *,
    tr: Translator | None = None,
    limits: ServerLimits | None = None,
    stop: asyncio.Event | None = None,
    collect_when_quiet: bool = False,
) -> None:
    """Serve *deck*'s room from *session_path* until *stop* is set (or the task is cancelled).

    *collect_when_quiet*: this process is the room's own, so its full garbage collections may
    wait for a quiet moment (``fphkiosk.room.quiet_gc``).
    """
    tr = tr or load_translator(assets_dir() / "i18n")
    live = await LiveRoom.open(deck, session_path)
    setup_app = page_setup(deck.meta.lang, tr.language, symbols="".join(texts_of(deck)))
    server = RoomServer(live, tr, limits, setup_app=setup_app)
    collector = QuietCollector(lambda: live.last_input_at) if collect_when_quiet else None
    try:
        await server.start(host, port)
        if collector is not None:
            collector.start()
        url = f"http://{public_host(host)}:{server.port}/"
        if info_file is not None:
            write_info(
                info_file,
                {
                    "url": url,
                    "ws_url": f"ws://{public_host(host)}:{server.port}{WS_PATH}",
                    "port": server.port,
                    "room_code": live.room_code,
                    "presenter_secret": live.presenter_secret,
                },
            )
        print(tr("room_ui.session_file", path=session_path), flush=True)
        print(tr("room.headless.listening", url=url, room_code=live.room_code), flush=True)
        await (stop or asyncio.Event()).wait()
    finally:
        if collector is not None:
            collector.stop()
        await server.stop()
        await live.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fphkiosk.net.headless")
    parser.add_argument("deck", type=Path)
    parser.add_argument("--session", type=Path, required=True)
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--info-file", type=Path)
    parser.add_argument(
        "--max-connections-per-address", "--connections-per-address", type=int, dest="per_address"
    )
    parser.add_argument("--max-participants-per-address", type=int, dest="voices")
    args = parser.parse_args(argv)
    tr = load_translator(assets_dir() / "i18n")
    try:
        deck = load_deck(args.deck)
    except DeckError as exc:
        print(exc.render(tr), file=sys.stderr)
        return 2
    # A load test on loopback raises both: every simulated participant shares the address.
    connections = args.per_address or ServerLimits.connections_per_address
    voices = args.voices or (args.per_address or ServerLimits.participants_per_address)
    limits = ServerLimits(connections_per_address=connections, participants_per_address=voices)
    try:
        asyncio.run(serve_until_signalled(deck, args, tr, limits))
    except SessionStoreError as exc:
        print(tr(exc.key, **exc.params), file=sys.stderr)
        return 2
    print(tr("room.headless.stopped"), flush=True)
    return 0


async def serve_until_signalled(
    deck: Deck, args: argparse.Namespace, tr: Translator, limits: ServerLimits
) -> None:
    """The room of a process of its own (``args``: session, host, port, info_file), until SIGINT
    or SIGTERM; the process is the room's, so its garbage is collected while the room is quiet."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await run_room(
        deck,
        args.session,
        args.host,
        args.port,
        args.info_file,
        tr=tr,
        limits=limits,
        stop=stop,
        collect_when_quiet=True,
    )


if __name__ == "__main__":
    sys.exit(main())
