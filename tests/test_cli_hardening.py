"""`fphkiosk present`: the connection cap as an option, and a planted session link refused."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from fphkiosk.cli import EXIT_USAGE, main
from tests.net.sample_deck import write_sample_deck

REPO = Path(__file__).resolve().parents[1]


async def test_present_takes_the_connection_cap_per_address(tmp_path: Path) -> None:
    deck = write_sample_deck(tmp_path / "deck").parent
    info = tmp_path / "salle.json"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "fphkiosk", "present", "--headless", "--host", "127.0.0.1",
        "--port", "0", "--session", str(tmp_path / "s.fphk"), "--info-file", str(info),
        "--max-connections-per-address", "2", str(deck),
        cwd=REPO, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        async with asyncio.timeout(60):
            while b"Salle ouverte" not in await process.stdout.readline():
                pass
        ws_url = json.loads(info.read_text(encoding="utf-8"))["ws_url"]
        async with aiohttp.ClientSession() as http:
            held = [await http.ws_connect(ws_url) for _ in range(2)]
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(ws_url)
            assert refused.value.status == 429
            for ws in held:
                await ws.close()
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(60):
            await process.communicate()
    assert process.returncode == 0


def test_present_refuses_a_session_link_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_sample_deck(tmp_path / "deck").parent
    target = tmp_path / "ailleurs.fphk"
    link = tmp_path / "jour.fphk"
    link.symlink_to(target)
    code = main(
        ["present", "--headless", "--host", "127.0.0.1", "--port", "0", "--session", str(link),
         str(deck)]
    )  # fmt: skip
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "est un lien symbolique" in err and "Traceback" not in err
    assert not target.exists()
