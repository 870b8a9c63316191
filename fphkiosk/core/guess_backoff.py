"""Wrong guesses of a secret (room code, kiosk PIN) with a growing wait, kept in memory only.

A few wrong guesses are free (people mistype); after that each guess must wait twice as long as
the one before, up to a ceiling. A guess that arrives during the wait is refused without being
checked, so guessing online is as slow as the policy says, however many connections are opened.
Keys are whatever the caller limits by (an address, or one key for the whole room); they are
never stored or logged, and a key quiet for long enough is forgotten.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BackoffPolicy:
    free: int
    """Wrong guesses allowed before any wait."""
    first_wait: float
    """Seconds to wait after the first wrong guess past the free ones; doubles with each."""
    max_wait: float
    forget_after: float
    """Seconds without a wrong guess after which a key starts afresh."""


@dataclass
class _Record:
    wrong: int
    last: float
    allowed_at: float


class GuessLimiter:
    """Counts wrong guesses per key; ``wait(key)`` says how long before the next may be checked."""

    def __init__(
        self,
        policy: BackoffPolicy,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 4096,
    ) -> None:
        self.policy = policy
        self._clock = clock
        self._max_keys = max_keys
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def _record(self, key: str) -> _Record | None:
        record = self._records.get(key)
        if record is not None and self._clock() - record.last >= self.policy.forget_after:
            del self._records[key]
            return None
        return record

    def wait(self, key: str) -> float:
        """Seconds before a guess from *key* may be checked (0: now)."""
        record = self._record(key)
        if record is None:
            return 0.0
        return max(0.0, record.allowed_at - self._clock())

    def wrong(self, key: str) -> int:
        """Wrong guesses from *key* counted so far."""
        record = self._record(key)
        return 0 if record is None else record.wrong

    def failed(self, key: str) -> None:
        """A guess from *key* was checked and was wrong."""
        now = self._clock()
        record = self._record(key) or _Record(0, now, now)
        record.wrong += 1
        record.last = now
        beyond = record.wrong - self.policy.free + 1
        if beyond > 0:
            wait = self.policy.first_wait * 2.0 ** min(beyond - 1, 30)
            record.allowed_at = now + min(self.policy.max_wait, wait)
        self._records[key] = record
        self._records.move_to_end(key)
        while len(self._records) > self._max_keys:
            # A flood of addresses cannot grow memory without bound; the oldest go first.
            self._records.popitem(last=False)

    def succeeded(self, key: str) -> None:
        """The right secret from *key*: its count starts afresh."""
        self._records.pop(key, None)
