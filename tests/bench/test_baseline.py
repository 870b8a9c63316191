"""The baseline server speaks the room's shapes: a ParticipantClient joins it and is acked."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from fphkiosk.bench.baseline import BASELINE_ACTIVITY, BASELINE_ROOM_CODE, serve_baseline
from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import ChoiceBody


async def test_the_baseline_acknowledges_every_answer(tmp_path: Path) -> None:
    stop = asyncio.Event()
    info_file = tmp_path / "info.json"
    server = asyncio.ensure_future(serve_baseline("127.0.0.1", 0, info_file, stop))
    client: ParticipantClient | None = None
    try:
        async with asyncio.timeout(10):
            while not info_file.exists():
                await asyncio.sleep(0.01)
        info = json.loads(info_file.read_text())
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
        stop.set()
        await server
