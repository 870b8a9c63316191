"""The baseline server speaks the room's shapes: a ParticipantClient joins it and is acked."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fphkiosk.bench.baseline import BASELINE_ACTIVITY, BASELINE_ROOM_CODE
from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import ChoiceBody
from tests.bench.baseline_server import running_baseline


async def test_the_baseline_acknowledges_every_answer(tmp_path: Path) -> None:
    client: ParticipantClient | None = None
    async with running_baseline(tmp_path) as info:
        try:
            assert info["room_code"] == BASELINE_ROOM_CODE
            client = ParticipantClient(f"http://127.0.0.1:{info['port']}/ws", info["room_code"])
            await client.start()
            async with asyncio.timeout(10):
                await client.joined()
                assert client.snapshot is not None and client.snapshot.activity is not None
                assert client.snapshot.activity.status == "open"
                ids = [client.answer(BASELINE_ACTIVITY, ChoiceBody(k % 4)) for k in range(5)]
                acks = [await client.acknowledged(i) for i in ids]
            assert [a.answer_id for a in acks] == ids
            assert client.unacknowledged == ()
        finally:
            if client is not None:
                await client.close()
