"""Statistics exports as a typed API: session files, then report models, then files written.

The command line (``fphkiosk stats``) and the console's "Statistiques…" both call
``export_statistics``; a refusal is a typed exception (a ``StatisticsError`` or the store's
``SessionStoreError``) whose ``key`` and ``params`` make the user's message, never parsed text.

Every input is read and checked before the first byte is written, so a bad file leaves no output.
Each file is written under a temporary name in its folder, then renamed over the target: a full
disk or a crash never leaves a half-written export behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.export.output_plan import FORMATS, Output, plan_outputs
from fphkiosk.export.session_file import read_session_statistics
from fphkiosk.export.statistics import SessionStatistics, StatisticsError


class NoSessionFiles(StatisticsError):
    code = "no_files"


class UnknownFormat(StatisticsError):
    code = "bad_format"


class CompareNeedsTwo(StatisticsError):
    code = "compare_needs_two"


class OnlyRehearsalsLeft(StatisticsError):
    """Once the rehearsals are left out, fewer than two sessions remain to compare."""

    code = "only_rehearsals_left"


class OutputNotAFolder(StatisticsError):
    code = "out_not_folder"


class ExportWriteFailed(StatisticsError):
    """A file could not be written (the request itself was right); nothing half-written is left."""

    code = "write_failed"


class DiskFull(ExportWriteFailed):
    code = "disk_full"


@dataclass(frozen=True)
class ExportRequest:
    files: tuple[Path, ...]
    out: Path
    """The folder the files go into (made if missing)."""
    formats: frozenset[str] = frozenset(FORMATS)
    compare: bool = False
    include_rehearsals: bool = False
    """Compare rehearsals (sessions run with simulated participants) too; left out otherwise."""

    def check(self) -> None:
        """Raise the typed refusal of a request that cannot be carried out."""
        unknown = sorted(self.formats - set(FORMATS))
        allowed = ", ".join(FORMATS)
        if unknown or not self.formats:
            raise UnknownFormat(self.out, name=", ".join(unknown), allowed=allowed)
        if not self.files:
            raise NoSessionFiles(self.out)
        if self.compare and len(self.files) < 2:
            raise CompareNeedsTwo(self.out)
        if self.out.exists() and not self.out.is_dir():
            raise OutputNotAFolder(self.out)


Progress = Callable[[int, int, Path], None]
LeftOut = Callable[[Sequence[Path]], None]
"""Told the rehearsals a comparison leaves out (session files, in the request's order)."""
"""Told (index from 1, total, file relative to the output folder) before each file is written."""


def read_reports(files: Sequence[Path], deck: Deck | None = None) -> list[SessionStatistics]:
    """The report model of each session file (raises its typed error)."""
    return [read_session_statistics(path, deck) for path in files]


def export_statistics(
    request: ExportRequest,
    tr: Translator,
    *,
    deck: Deck | None = None,
    reports: Sequence[SessionStatistics] | None = None,
    progress: Progress | None = None,
    left_out: LeftOut | None = None,
) -> int:
    """Write the statistics files of *request*; return how many were written.

    *reports* are the sessions' report models when the caller read them already (the console
    reads its live session through a read-only connection); otherwise the files are read here,
    with *deck* for a session whose statistics were not saved into its file yet.
    """
    request.check()
    models = list(reports) if reports is not None else read_reports(request.files, deck)
    files = list(request.files)
    if request.compare and not request.include_rehearsals:
        files, models = _without_rehearsals(request, files, models, left_out)
    outputs = plan_outputs(files, models, set(request.formats), request.compare, tr)
    write_outputs(outputs, request.out, progress)
    return len(outputs)


def _without_rehearsals(
    request: ExportRequest,
    files: list[Path],
    models: list[SessionStatistics],
    left_out: LeftOut | None,
) -> tuple[list[Path], list[SessionStatistics]]:
    """A comparison's sessions without its rehearsals: their figures are no room's."""
    rehearsals = [f for f, m in zip(files, models, strict=True) if m.session.rehearsal]
    if not rehearsals:
        return files, models
    kept = [(f, m) for f, m in zip(files, models, strict=True) if not m.session.rehearsal]
    names = ", ".join(f.name for f in rehearsals)
    if len(kept) < 2:
        raise OnlyRehearsalsLeft(request.out, names=names)
    if left_out is not None:
        left_out(rehearsals)
    return [f for f, _m in kept], [m for _f, m in kept]


def write_outputs(outputs: Sequence[Output], out: Path, progress: Progress | None = None) -> None:
    """Write each planned file into *out*; raise DiskFull or ExportWriteFailed on failure."""
    for index, (relative, produce) in enumerate(outputs, start=1):
        if progress is not None:
            progress(index, len(outputs), relative)
        target = out / relative
        try:
            write_atomically(target, produce())
        except OSError as exc:
            error = DiskFull if exc.errno == errno.ENOSPC else ExportWriteFailed
            raise error(target, detail=exc.strerror or str(exc)) from exc


def write_atomically(target: Path, data: bytes) -> None:
    """Write *data* to a temporary file beside *target*, then rename it over *target*."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            _write_all(stream, data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); an export is an ordinary file of its folder.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_all(stream: BinaryIO, data: bytes) -> None:
    stream.write(data)
