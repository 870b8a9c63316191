"""Progress of a long command: a bar redrawn in place on a terminal, plain lines when piped."""

from __future__ import annotations

from typing import TextIO

BAR_WIDTH = 30


class ProgressBar:
    """Call with (done, total); ``finish`` ends the bar's line."""

    def __init__(self, stream: TextIO, label: str, *, interactive: bool | None = None) -> None:
        self._stream = stream
        self._label = label
        self._interactive = stream.isatty() if interactive is None else interactive
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if self._interactive:
            filled = BAR_WIDTH * done // max(1, total)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self._stream.write(f"\r{self._label} [{bar}] {done}/{total}")
        else:
            self._stream.write(f"{self._label} {done}/{total}\n")
        self._stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._interactive and self._drawn:
            self._stream.write("\n")
            self._stream.flush()
        self._drawn = False
