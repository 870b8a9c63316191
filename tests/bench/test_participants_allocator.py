"""The simulated participants run with fixed allocator settings, so their cost does not depend
on what each worker process happened to free before (``participants.WORKER_ALLOCATOR``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.bench.participants import WORKER_ALLOCATOR, ParticipantProcess
from tests.bench.baseline_server import running_baseline

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/environ").exists(), reason="reads a process's environment in /proc"
)


async def test_a_worker_gets_the_fixed_allocator_settings(tmp_path: Path) -> None:
    async with running_baseline(tmp_path) as info:
        url = f"http://127.0.0.1:{info['port']}/ws"
        worker = await ParticipantProcess.start(url, info["room_code"], 3)
        try:
            await worker.expect("ready", 30)
            environ = set(Path(f"/proc/{worker.process.pid}/environ").read_bytes().split(b"\0"))
        finally:
            await worker.close()
    assert WORKER_ALLOCATOR
    for name, value in WORKER_ALLOCATOR.items():
        assert f"{name}={value}".encode() in environ
