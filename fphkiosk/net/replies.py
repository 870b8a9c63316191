"""Acknowledgements written together, by one task, once their commits are over.

An answer's handler does not wait for its commit: it records the answer and goes back to reading
its connection. When the commit is over, the acknowledgement is handed to a ``ReplyBatch``, whose
one task writes every acknowledgement due at that moment, each with ``Connection.reply`` (at once
when the client keeps up, through its queue otherwise). A burst of 2 000 answers thus wakes a
handful of tasks to acknowledge them, where each handler used to be woken again per answer.
"""

from __future__ import annotations

import asyncio

from fphkiosk.net.connection import Connection


class ReplyBatch:
    def __init__(self) -> None:
        self._due: list[tuple[Connection, str]] = []
        self._writer: asyncio.Task[None] | None = None

    def push(self, connection: Connection, text: str) -> None:
        """Write *text* to *connection* soon, after the replies already due."""
        self._due.append((connection, text))
        if self._writer is None:
            self._writer = asyncio.get_running_loop().create_task(self._write_due())

    async def _write_due(self) -> None:
        try:
            while self._due:
                due, self._due = self._due, []
                for connection, text in due:
                    # Never waits for a slow client: ``reply`` queues what the socket cannot
                    # take at once, so one tablet cannot hold back the others' replies.
                    await connection.reply(text)
        finally:
            self._writer = None
