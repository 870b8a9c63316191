"""Entry points for the ``fphkiosk`` command: ``bench`` and ``present --simulate N``.

``fphkiosk.cli`` wires them in; they take already-parsed values and a translator, print in the
user's language and return an exit code (``run_bench``) or a simulation to start
(``simulated_participants``).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from fphkiosk.bench.capacity import LEVELS, LevelVerdict, Measure, find_capacity, local_room_measure
from fphkiosk.bench.capacity_report import intro, level_line, verdict_lines
from fphkiosk.bench.capacity_report import json_line as capacity_json
from fphkiosk.bench.report import json_line, table, targets_met
from fphkiosk.bench.runner import DEFAULT_ROUNDS, DEFAULT_WARMUP, run
from fphkiosk.bench.simulate import HumanDelay, Simulation
from fphkiosk.core.i18n import Translator

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


BAR_WIDTH = 24


class Progress:
    """Where the run is, on stderr: a bar rewritten in place on a terminal, plain lines otherwise.

    On a terminal: "Participants connectés : 340/500 [████████████░░░░░░░░░░░░]", one line per
    phase. Piped or redirected, a "\\r" would run the lines together: each phase then prints one
    line when it ends.
    """

    def __init__(
        self,
        tr: Translator,
        stream: TextIO | None = None,
        every: float = 0.1,
        prefix: str = "",
        phases: str = "",
    ):
        self._tr = tr
        self._phases = phases
        self._stream = stream or sys.stderr
        self._every = every
        self._prefix = prefix
        self._tty = self._stream.isatty()
        self._last = 0.0
        self._phase = ""
        self._shown = (-1, -1)

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase == self._phase and (done, total) == self._shown:
            return
        if not self._tty:
            self._shown = (done, total)
            self._phase = phase
            if done >= total:
                self._stream.write(self._text(phase, done, total) + "\n")
                self._stream.flush()
            return
        if phase == self._phase and done < total and now - self._last < self._every:
            return
        self._shown = (done, total)
        if phase != self._phase and self._phase:
            self._stream.write("\n")
        self._phase, self._last = phase, now
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        self._stream.write(f"\r{self._text(phase, done, total)} [{bar}]")
        self._stream.flush()

    def _text(self, phase: str, done: int, total: int) -> str:
        # The capacity search plays no baseline: its rounds have words of their own.
        key = f"bench.progress.{self._phases}{phase}"
        if not self._tr.has(key):
            key = f"bench.progress.{phase}"
        return self._prefix + self._tr(key, done=done, total=total)

    def end(self) -> None:
        if self._phase and self._tty:
            self._stream.write("\n")
            self._stream.flush()
        self._phase = ""


def run_capacity(
    *,
    tr: Translator,
    json_out: bool = False,
    levels: Sequence[int] = LEVELS,
    measure: Measure | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """``fphkiosk bench``: how many tablets this computer holds, searched upward over *levels*.

    Prints each crowd's outcome as it is judged, then "Cet ordinateur tient N tablettes", the
    margin and whether the design's 500 are met. 0 when they are, 1 when not (or on a failure).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    progresses: list[Progress] = []

    def progress_for(participants: int) -> Progress:
        prefix = tr("bench.progress.level", tablets=participants, text="")
        progresses.append(Progress(tr, err, prefix=prefix, phases="capacity."))
        return progresses[-1]

    def on_level(verdict: LevelVerdict) -> None:
        for progress in progresses:
            progress.end()
        print(level_line(tr, verdict), file=out, flush=True)

    print(intro(tr), file=out, flush=True)
    try:
        capacity = asyncio.run(
            find_capacity(measure or local_room_measure(progress_for), levels, on_level)
        )
    except TimeoutError:
        print(tr("bench.error.timeout"), file=err)
        return EXIT_FAILED
    except (OSError, RuntimeError) as exc:
        print(tr("bench.error.failed", detail=str(exc).strip()), file=err)
        return EXIT_FAILED
    print("", file=out)
    for line in verdict_lines(tr, capacity):
        print(line, file=out)
    if json_out:
        print(capacity_json(capacity), file=out)
    out.flush()
    return EXIT_OK if capacity.meets_target else EXIT_FAILED


def run_bench(
    participants: int = 500,
    url: str | None = None,
    code: str | None = None,
    json_out: bool = False,
    *,
    tr: Translator,
    processes: int | None = None,
    baseline: bool = True,
    rounds: int = DEFAULT_ROUNDS,
    warmup: bool = DEFAULT_WARMUP,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """``fphkiosk bench``: measure the room with *participants* simulated participants.

    Without *url*, a room is started on loopback for the run; with *url* and *code*, the
    participants join that room and answer the activity the trainer opens. The local room and
    the baseline take turns for *rounds* bursts (``--rounds``), after one unmeasured warm-up burst
    each with *warmup*; the figures are medians over the rounds. Prints a French table (and with
    *json_out* one JSON object on the last line). 0 when every answer was acknowledged and
    counted once and every figure met its target, 1 otherwise, 2 for a usage error.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if participants < 1 or rounds < 1 or (url is None) != (code is None):
        print(tr("bench.error.usage"), file=err)
        return EXIT_USAGE
    progress = Progress(tr, err)
    if url is not None:
        print(tr("bench.waiting_for_activity"), file=err)
    try:
        result = asyncio.run(
            run(
                participants,
                url=url,
                code=code,
                processes=processes,
                baseline=baseline,
                rounds=rounds,
                warmup=warmup,
                progress=progress,
            )
        )
    except TimeoutError:
        progress.end()
        print(tr("bench.error.timeout"), file=err)
        return EXIT_FAILED
    except (OSError, RuntimeError) as exc:
        progress.end()
        print(tr("bench.error.failed", detail=str(exc).strip()), file=err)
        return EXIT_FAILED
    progress.end()
    print(table(result, tr), file=out)
    met = result.correct and targets_met(result, tr)
    if json_out:
        print(json_line(result, targets_met=met), file=out)
    out.flush()
    return EXIT_OK if met else EXIT_FAILED


def simulated_participants(
    url: str,
    code: str,
    n: int,
    *,
    median_delay: float = 3.0,
    seed: int | None = None,
) -> Simulation:
    """``present --simulate N``: *n* participants that answer every activity the trainer opens.

    *url* is the room's address (``http://host:port/`` as shown, or its ``/ws``); *code* is its
    room code. The result runs in the caller's event loop: ``await sim.start()`` once the room
    listens, ``await sim.close()`` when the presentation ends (or ``async with``).
    """
    return Simulation(url, code, n, delay=HumanDelay(median=median_delay), seed=seed)
