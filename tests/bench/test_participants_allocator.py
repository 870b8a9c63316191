"""The simulated participants run with fixed allocator settings, so their cost does not depend
on what each worker process happened to free before (``participants.WORKER_ALLOCATOR``)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from fphkiosk.bench.baseline import serve_baseline
from fphkiosk.bench.participants import WORKER_ALLOCATOR, ParticipantProcess

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/environ").exists(), reason="reads a process's environment in /proc"
)


async def test_a_worker_gets_the_fixed_allocator_settings(tmp_path: Path) -> None:
    stop = asyncio.Event()
    info_file = tmp_path / "info.json"
    server = asyncio.ensure_future(serve_baseline("127.0.0.1", 0, info_file, stop))
    worker: ParticipantProcess | None = None
    try:
        async with asyncio.timeout(10):
            while not info_file.exists():
                await asyncio.sleep(0.01)
        info = json.loads(info_file.read_text())
        url = f"http://127.0.0.1:{info['port']}/ws"
        worker = await ParticipantProcess.start(url, info["room_code"], 3)
        await worker.expect("ready", 30)
        pid = worker.process.pid
        environ = set(Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"))
        assert WORKER_ALLOCATOR
        for name, value in WORKER_ALLOCATOR.items():
            assert f"{name}={value}".encode() in environ
    finally:
        if worker is not None:
            await worker.close()
        stop.set()
        await server
