"""The baseline server on loopback in the test's own loop, for tests that need a server to join."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fphkiosk.bench.baseline import serve_baseline


@contextlib.asynccontextmanager
async def running_baseline(folder: Path) -> AsyncIterator[dict[str, Any]]:
    """Serve the baseline on a free port; yields its info (``url``, ``port``, ``room_code``)."""
    stop = asyncio.Event()
    info_file = folder / "info.json"
    server = asyncio.ensure_future(serve_baseline("127.0.0.1", 0, info_file, stop))
    try:
        async with asyncio.timeout(10):
            while not info_file.exists():
                await asyncio.sleep(0.01)
        yield json.loads(info_file.read_text())
    finally:
        stop.set()
        await server
