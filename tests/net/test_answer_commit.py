"""An answer is acknowledged only once it is on disk; a failed commit is refused to every tablet
whose answer it carried, and nothing of it is counted.

The session file is real; its commits are made to fail by SQLite itself, with a trigger that
aborts every insert as a full disk would.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from fphkiosk.net.client import AnswerRefused, ParticipantClient
from fphkiosk.net.protocol import ChoiceBody, PresenterStateMsg
from tests.room_fixture import Served

WAIT = 10.0


def _sql(path: Path, statement: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(statement).fetchall()


async def _refusal(client: ParticipantClient, answer_id: str) -> str:
    with pytest.raises(AnswerRefused) as refused:
        async with asyncio.timeout(WAIT):
            await client.acknowledged(answer_id)
    return refused.value.code


async def test_a_failed_commit_is_refused_to_each_tablet_and_a_retry_is_acknowledged(
    served: Served,
) -> None:
    clients = [
        ParticipantClient(served.ws_url, served.live.room_code, session=served.http)
        for _ in range(12)
    ]
    for client in clients:
        await client.start()
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.joined() for c in clients))
    remote = await served.remote()
    await remote.command("open", activity_id="sondage")
    await remote.expect(
        lambda m: isinstance(m, PresenterStateMsg) and m.current_activity == "sondage"
    )
    path = served.live.writer.path
    _sql(
        path,
        "CREATE TRIGGER full_disk BEFORE INSERT ON answer"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    )
    # All at once, so several answers share the commit that fails.
    ids = [c.answer("sondage", ChoiceBody(n % 3)) for n, c in enumerate(clients)]
    codes = await asyncio.gather(*(_refusal(c, i) for c, i in zip(clients, ids, strict=True)))
    assert codes == ["store_failed"] * len(clients)
    assert served.live.room.respondents("sondage") == 0
    assert _sql(path, "SELECT count(*) FROM answer") == [(0,)]

    _sql(path, "DROP TRIGGER full_disk")
    pairs = zip(clients, ids, strict=True)
    retried = [c.answer("sondage", ChoiceBody(1), answer_id=i) for c, i in pairs]
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.acknowledged(i) for c, i in zip(clients, retried, strict=True)))
    assert served.live.room.respondents("sondage") == len(clients)
    assert _sql(path, "SELECT count(*) FROM answer") == [(len(clients),)]
    for client in clients:
        await client.close()
