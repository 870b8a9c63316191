"""The benchmark's server processes and the presenter remote that drives the room.

``ServerProcess`` starts a room (``fphkiosk.bench.loop_lag``) or the baseline
(``fphkiosk.bench.baseline``) in its own process and reads the info file it writes once
listening; ``PresenterRemote`` opens and closes activities and follows the presenter state.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import aiohttp

from fphkiosk.bench.affinity import pin
from fphkiosk.net.protocol import (
    CloseMsg,
    OpenMsg,
    PresenterStateMsg,
    RemoteJoinMsg,
    encode,
    server_decoder,
)

REPO = Path(__file__).resolve().parents[2]


def read_rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """Resident memory of process *pid* from /proc (None where /proc is not there)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024.0
    return None


class ServerProcess:
    """A room or baseline server in its own process; it writes an info file once listening."""

    _STDERR_KEPT = 1 << 16

    def __init__(self, process: asyncio.subprocess.Process, info: dict[str, Any]):
        self.process = process
        self.info = info
        self._stderr = bytearray()
        # Read stderr all along: a server whose unread pipe fills up blocks on its next log line,
        # its loop with it, and then misses SIGTERM (and never writes its lag file).
        self._drain = asyncio.ensure_future(self._read_stderr())

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def stderr_tail(self) -> str:
        """The last lines the server wrote to stderr."""
        return self._stderr.decode(errors="replace")

    async def _read_stderr(self) -> None:
        if self.process.stderr is None:
            return
        while chunk := await self.process.stderr.read(1 << 14):
            self._stderr += chunk
            del self._stderr[: -self._STDERR_KEPT]

    @classmethod
    async def start(
        cls,
        module: str,
        args: Sequence[str],
        info_file: Path,
        *,
        cpus: frozenset[int] | None = None,
    ) -> ServerProcess:
        """Start ``python -m module args --info-file F``, on *cpus* if given, until it listens."""
        info_file.unlink(missing_ok=True)
        python_path = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            module,
            *args,
            "--info-file",
            str(info_file),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": python_path},
        )
        pin(process.pid, cpus)
        server = cls(process, {})
        try:
            async with asyncio.timeout(30.0):
                # The info file appears by an atomic rename once the server listens.
                while not info_file.exists():
                    if process.returncode is not None:
                        await server._drain
                        raise RuntimeError(server.stderr_tail)
                    await asyncio.sleep(0.02)
        except BaseException:
            await server.stop()
            raise
        server.info = json.loads(info_file.read_text(encoding="utf-8"))
        return server

    async def stop(self, timeout: float = 30.0) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(timeout):
                    await self.process.wait()
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        with contextlib.suppress(asyncio.CancelledError):
            await self._drain
        return self.process.returncode or 0


class PresenterRemote:
    """Just enough of a presenter remote: open an activity, follow the presenter state."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse):
        self._ws = ws
        self.state: PresenterStateMsg | None = None
        self.history: list[tuple[float, PresenterStateMsg]] = []
        """Every state received, with its monotonic arrival time."""
        self._changed = asyncio.Condition()
        self._reader = asyncio.ensure_future(self._read())

    @classmethod
    async def connect(cls, http: aiohttp.ClientSession, url: str, secret: str) -> PresenterRemote:
        ws = await http.ws_connect(url)
        await ws.send_str(encode(RemoteJoinMsg(v=1, secret=secret)))
        remote = cls(ws)
        await remote.wait_for(lambda s: True, 10.0)
        return remote

    async def _read(self) -> None:
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            decoded = server_decoder.decode(message.data)
            if isinstance(decoded, PresenterStateMsg):
                self.state = decoded
                self.history.append((time.monotonic(), decoded))
                async with self._changed:
                    self._changed.notify_all()

    async def wait_for(
        self, predicate: Callable[[PresenterStateMsg], bool], timeout: float
    ) -> PresenterStateMsg:
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: self.state is not None and predicate(self.state))
        assert self.state is not None
        return self.state

    async def open(self, activity_id: str) -> None:
        await self._ws.send_str(encode(OpenMsg(v=1, activity_id=activity_id)))

    async def close_activity(self, activity_id: str) -> None:
        await self._ws.send_str(encode(CloseMsg(v=1, activity_id=activity_id)))

    async def close(self) -> None:
        await self._ws.close()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader
