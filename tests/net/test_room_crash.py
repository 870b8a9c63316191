"""Kill the room mid-burst, restart it on the same session: no acknowledged answer is lost or
counted twice, and the clients come back on their own."""

from __future__ import annotations

import asyncio
import functools
import json
import os
import signal
import sqlite3
import sys
from pathlib import Path

import aiohttp

from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import ChoiceBody, PresenterStateMsg
from tests.net.remote import Remote
from tests.net.sample_deck import write_sample_deck

REPO = Path(__file__).resolve().parents[2]
WAIT = 20.0


async def _start(deck: Path, session: Path, info: Path, port: int) -> asyncio.subprocess.Process:
    info.unlink(missing_ok=True)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "fphkiosk.net.headless",
        str(deck),
        "--session",
        str(session),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--info-file",
        str(info),
        "--connections-per-address",
        "500",
        cwd=REPO,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    async with asyncio.timeout(WAIT):
        # The runner writes the file by an atomic rename once it listens: wait for it to appear.
        while not info.exists():
            if process.returncode is not None:
                raise RuntimeError(await process.stderr.read() if process.stderr else b"")
            await asyncio.sleep(0.02)
    return process


def _note_ack(acked: set[str], answer_id: str, future: asyncio.Future[object]) -> None:
    if not future.cancelled() and future.exception() is None:
        acked.add(answer_id)


async def test_sigkill_mid_burst_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    deck = write_sample_deck(tmp_path / "deck")
    session = tmp_path / "session.fphk"
    info_path = tmp_path / "info.json"
    process = await _start(deck, session, info_path, 0)
    info = json.loads(info_path.read_text())
    assert set(info) == {"url", "ws_url", "port", "room_code", "presenter_secret"}
    ws_url = f"http://127.0.0.1:{info['port']}/ws"
    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    clients: list[ParticipantClient] = []
    try:
        remote = await Remote.connect(http, ws_url, info["presenter_secret"])
        await remote.command("open", activity_id="sondage")
        await remote.expect(
            lambda m: isinstance(m, PresenterStateMsg) and m.current_activity == "sondage"
        )
        await remote.close()
        clients = [
            ParticipantClient(
                ws_url, info["room_code"], session=http, backoff_initial=0.05, backoff_max=0.4
            )
            for _ in range(30)
        ]
        for client in clients:
            await client.start()
        async with asyncio.timeout(WAIT):
            await asyncio.gather(*(c.joined() for c in clients))
        tokens = [c.token for c in clients]

        # The burst: every client changes its mind eight times; the last answer must count.
        sent: dict[str, list[str]] = {}
        for client in clients:
            assert client.token is not None
            sent[client.token] = [client.answer("sondage", ChoiceBody(k % 3)) for k in range(8)]
        acked: set[str] = set()
        waiting = []
        for client in clients:
            for answer_id in sent[client.token or ""]:
                future = asyncio.ensure_future(client.acknowledged(answer_id))
                future.add_done_callback(functools.partial(_note_ack, acked, answer_id))
                waiting.append(future)
        # Kill the server as soon as the first acknowledgement arrives: mid-burst.
        await asyncio.wait(waiting, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED)
        process.send_signal(signal.SIGKILL)
        await process.wait()
        acked_before_kill = set(acked)
        assert acked_before_kill

        process = await _start(deck, session, info_path, info["port"])
        assert json.loads(info_path.read_text())["room_code"] == info["room_code"]
        async with asyncio.timeout(WAIT):
            await asyncio.gather(
                *(c.wait_until(lambda c: not c.unacknowledged and c.is_joined) for c in clients)
            )
        assert [c.token for c in clients] == tokens
        assert all(c.connections >= 2 for c in clients)

        db = sqlite3.connect(session)
        rows = db.execute("SELECT answer_id, token FROM answer ORDER BY seq").fetchall()
        replaced = [r[0] for r in db.execute("SELECT answer_id FROM replaced_answer")]
        db.close()
        # One answer row per participant; the ids of the answers it replaced are kept apart.
        assert len(rows) == len(clients) == len({token for _, token in rows})
        stored_ids = [answer_id for answer_id, _ in rows] + replaced
        assert len(stored_ids) == len(set(stored_ids))  # nothing counted twice
        assert acked_before_kill <= set(stored_ids)  # nothing acknowledged was lost
        every_id = {a for ids in sent.values() for a in ids}
        assert set(stored_ids) == every_id  # the unacknowledged ones were resent after restart
        # Per participant, the answer that counts is the last one sent (choice 7 % 3 == 1).
        last = {}
        for answer_id, token in rows:
            last[token] = answer_id
        assert last == {token: ids[-1] for token, ids in sent.items()}
    finally:
        for client in clients:
            await client.close()
        await http.close()
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(WAIT):
                await process.wait()
    assert process.returncode == 0
