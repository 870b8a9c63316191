"""The session store off the event loop: one worker thread, writes batched into one transaction.

Every write is settled once its transaction is committed, so the server acknowledges an answer
only after it is on disk: ``submit`` returns an asyncio future, ``submit_then`` calls a function
instead (an answer in a burst, where a future and the loop callback that resolves it cost as much
as the rest of its bookkeeping). Writes that arrive while a commit is running wait and go into the
next transaction together: a burst of 500 answers costs a handful of commits.

The future (a ``Commit``) cannot be cancelled by those awaiting it: the write goes in whatever they
do, and several may await the same one (``asyncio.gather`` over a command's writes). So it can be
awaited directly, without ``asyncio.shield`` (two more futures and three more loop callbacks).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fphkiosk.storage.store import SessionSeed, SessionStore, StoredSession, Write


class Commit(asyncio.Future[None]):
    """Resolved when a write is committed, or failed with the store's error; never cancelled.

    A task cancelled while awaiting it is cancelled once the commit is over (a few
    milliseconds), as if it had been shielded.
    """

    def cancel(self, msg: Any | None = None) -> bool:
        return False


Settled = Callable[[BaseException | None], None]
"""Called on the loop once a write is committed (with None) or failed (with the store's error)."""

_Pending = tuple[Write, Commit | Settled]
_log = logging.getLogger(__name__)

SETTLED_PER_TURN = 100
"""Commits announced per turn of the event loop. Each wakes the handler of one answer, which then
acknowledges it: a transaction of 2 000 answers is announced over twenty turns, with the loop's
other work (reading the next answers, timers) between them, instead of in one turn of tens of
milliseconds during which the room hears nothing else."""


class SessionWriter:
    """Asynchronous access to one session file; build it with ``await SessionWriter.open(...)``."""

    def __init__(self, executor: ThreadPoolExecutor, store: SessionStore):
        self._executor = executor
        self._store = store
        self._lock = threading.Lock()
        self._pending: list[_Pending] = []
        self._scheduled = False
        self._closed = False
        self.batches = 0
        """How many transactions were committed (for tests and benchmarks)."""

    @classmethod
    async def open(cls, path: Path, seed: SessionSeed) -> tuple[SessionWriter, StoredSession]:
        """Open (or create) the session on a new worker thread; return it and its contents."""
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-store")
        loop = asyncio.get_running_loop()
        try:
            store = await loop.run_in_executor(executor, SessionStore.open, path, seed)
            stored = await loop.run_in_executor(executor, store.read)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(executor, store), stored

    @property
    def path(self) -> Path:
        return self._store.path

    def submit(self, write: Write) -> Commit:
        """Queue *write*; the future resolves when it is committed (or fails with the error)."""
        loop = asyncio.get_running_loop()
        future = Commit(loop=loop)
        if self._closed:
            future.set_exception(RuntimeError("session store closed"))
            return future
        self._queue(write, future, loop)
        return future

    def submit_then(self, write: Write, settled: Settled) -> None:
        """Queue *write*; *settled* is called on the loop, in a later turn, with None once it is
        committed or with the error if it failed."""
        loop = asyncio.get_running_loop()
        if self._closed:
            loop.call_soon(settled, RuntimeError("session store closed"))
            return
        self._queue(write, settled, loop)

    def _queue(
        self, write: Write, target: Commit | Settled, loop: asyncio.AbstractEventLoop
    ) -> None:
        with self._lock:
            self._pending.append((write, target))
            schedule = not self._scheduled
            self._scheduled = True
        if schedule:
            self._executor.submit(self._drain, loop)

    async def write(self, write: Write) -> None:
        await self.submit(write)

    def _drain(self, loop: asyncio.AbstractEventLoop) -> None:
        """On the worker: commit everything queued so far in one transaction."""
        with self._lock:
            batch, self._pending = self._pending, []
            self._scheduled = False
        error: BaseException | None = None
        try:
            self._store.write([w for w, _ in batch])
            self.batches += 1
        except Exception as exc:
            error = exc
        # A closed loop (shutdown) raises RuntimeError: nobody waits for these futures any more.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle_in_turns, batch, error)

    async def purge_answers(self) -> int:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._store.purge_answers)

    async def close(self) -> None:
        """Commit what is queued, then close the file and stop the worker."""
        if self._closed:
            return
        self._closed = True
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self._store.close)
        self._executor.shutdown(wait=True)


def settle_in_turns(
    batch: Sequence[tuple[object, asyncio.Future[None] | Settled]],
    error: BaseException | None,
    start: int = 0,
    per_turn: int = SETTLED_PER_TURN,
) -> None:
    """On the loop: resolve *batch*'s futures or call its functions (with *error*, None when the
    commit succeeded), *per_turn* at a time, one slice per turn of the loop."""
    end = start + per_turn
    for _, target in batch[start:end]:
        if isinstance(target, asyncio.Future):
            resolve(target, error)
            continue
        try:
            target(error)
        except Exception as exc:
            # One broken listener must not leave the others unsettled; the type is enough.
            _log.error("commit listener failed: %s", type(exc).__name__)
    if end < len(batch):
        asyncio.get_running_loop().call_soon(settle_in_turns, batch, error, end, per_turn)


def resolve(future: asyncio.Future[None], error: BaseException | None) -> None:
    """Resolve *future* (None: committed) or fail it with *error*; nothing if it is done."""
    if future.done():
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)
