"""500 participants through a SIGKILL of the room and its restart on the same session.

The participants run in two worker processes (``fphkiosk.bench.participants``), as in the
benchmark: the room is killed as soon as the first answer is acknowledged, mid-burst, and started
again. Nothing acknowledged may be lost, nothing counted twice, and every client comes back on its
own with the token it had.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from fphkiosk.bench.participants import ParticipantProcess, split
from fphkiosk.bench.runner import PresenterRemote, ServerProcess
from fphkiosk.storage.store import SessionSeed, SessionStore
from tests.net.sample_deck import write_sample_deck

PARTICIPANTS = 500
WORKERS = 2
WAIT = 60.0
FAST_RECONNECT = ("--backoff-initial", "0.05", "--backoff-max", "0.5")

pytestmark = pytest.mark.slow


def _room_args(deck: Path, session: Path, port: int) -> list[str]:
    return [
        *(str(deck), "--session", str(session), "--host", "127.0.0.1", "--port", str(port)),
        *("--connections-per-address", str(PARTICIPANTS + 16)),
    ]


async def test_500_participants_survive_a_sigkill_of_the_room(tmp_path: Path) -> None:
    deck = write_sample_deck(tmp_path / "deck")
    session = tmp_path / "session.fphk"
    info_file = tmp_path / "room.json"
    room = await ServerProcess.start(
        "fphkiosk.net.headless", _room_args(deck, session, 0), info_file
    )
    info = room.info
    url = f"http://127.0.0.1:{info['port']}/ws"
    workers: list[ParticipantProcess] = []
    http = aiohttp.ClientSession()
    try:
        remote = await PresenterRemote.connect(http, url, info["presenter_secret"])
        await remote.open("sondage")
        await remote.wait_for(lambda s: s.current_activity == "sondage", WAIT)
        await remote.close()
        for index, count in enumerate(split(PARTICIPANTS, WORKERS)):
            workers.append(
                await ParticipantProcess.start(
                    url, info["room_code"], count, seed=index, options=FAST_RECONNECT
                )
            )
        ready = [await w.expect("ready", WAIT) for w in workers]
        tokens = [t for event in ready for t in event["tokens"]]
        assert len(set(tokens)) == PARTICIPANTS

        # The burst: every participant answers twice (changes its mind); the last one counts.
        for worker in workers:
            await worker.command("answer", repeat=2)
        first_acks = [asyncio.ensure_future(_first_ack(w)) for w in workers]
        await asyncio.wait(first_acks, return_when=asyncio.FIRST_COMPLETED)
        room.process.send_signal(signal.SIGKILL)
        await room.process.wait()
        for future in first_acks:
            future.cancel()
        reports = [await w.report() for w in workers]
        acked_before_kill = {a for r in reports for a in r["acked"]}
        assert acked_before_kill

        room = await ServerProcess.start(
            "fphkiosk.net.headless", _room_args(deck, session, info["port"]), info_file
        )
        assert room.info["room_code"] == info["room_code"]
        answered = [await w.expect("answered", WAIT) for w in workers]
        reports = await _once_everyone_is_back(workers)
    finally:
        for worker in workers:
            await worker.close()
        await http.close()
        assert await room.stop() == 0

    # Every client came back on its own, with its own token.
    assert [t for r in reports for t in r["tokens"]] == tokens
    assert all(count >= 2 for r in reports for count in r["connections"])
    assert sum(r["unacked"] for r in reports) == 0
    sent = [tuple(s) for event in answered for s in event["sent"]]
    acked = [a for event in answered for a in event["acked"]]
    assert len(sent) == len(acked) == 2 * PARTICIPANTS
    assert not any(event["refused"] for event in answered)

    contents = SessionStore.open(session, SessionSeed("", "", "", "")).read()
    stored = [a for a in contents.answers if a.activity_id == "sondage"]
    # One answer per participant is kept; the ids of those it replaced are kept apart.
    replaced = [i for i, _, activity in contents.replaced_answer_ids if activity == "sondage"]
    stored_ids = [a.answer_id for a in stored] + replaced
    assert len(stored_ids) == len(set(stored_ids))  # nothing counted twice
    assert acked_before_kill <= set(stored_ids)  # nothing acknowledged was lost
    assert set(stored_ids) == {answer_id for _, answer_id, _ in sent}
    # Per participant, the answer that counts is the last one it sent.
    last_stored = {a.token: (a.answer_id, a.payload) for a in stored}
    last_sent = {token: (answer_id, body) for token, answer_id, body in sent}
    assert last_stored == last_sent


async def _once_everyone_is_back(workers: list[ParticipantProcess]) -> list[dict[str, Any]]:
    """The workers' reports once every client has connected again (fails after WAIT).

    A client whose answers were all acknowledged before the kill has nothing to send: the
    workers' "answered" does not wait for it, and it may still be in its back-off then.
    """
    async with asyncio.timeout(WAIT):
        while True:
            reports = [await w.report() for w in workers]
            if all(count >= 2 for r in reports for count in r["connections"]):
                return reports
            await asyncio.sleep(0.1)


async def _first_ack(worker: ParticipantProcess) -> None:
    """Until the worker has an acknowledgement (its progress events may still say 0)."""
    while int((await worker.expect("acked", WAIT))["count"]) < 1:
        pass
