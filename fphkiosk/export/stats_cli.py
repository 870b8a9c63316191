"""The command-line edges: `fphkiosk stats SESSION... --out DIR` and `fphkiosk purge SESSION`.

Both call the export's typed API (``export/exporting.py``) and turn its typed refusals into a
message in the user's language: mistakes get exit code 2, a write that fails (disk full...) 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.export.exporting import ExportRequest, ExportWriteFailed, export_statistics
from fphkiosk.export.output_plan import FORMATS
from fphkiosk.export.session_file import purge_session, read_session_statistics
from fphkiosk.export.statistics import StatisticsError
from fphkiosk.storage.errors import SessionStoreError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "FORMATS", "run_purge", "run_stats"]


def run_stats(
    files: list[Path],
    out: Path,
    formats: set[str],
    compare: bool,
    tr: Translator,
    *,
    deck: Deck | None = None,
    include_rehearsals: bool = False,
    stderr: TextIO | None = None,
) -> int:
    """Export the statistics of *files* into *out* in *formats*; compare them if *compare*.

    *deck* is needed only for a session whose statistics were not saved into its file yet.
    """
    err = stderr or sys.stderr
    request = ExportRequest(tuple(files), out, frozenset(formats), compare, include_rehearsals)

    def progress(index: int, total: int, relative: Path) -> None:
        if total > 1:
            print(
                tr("export.progress", index=index, total=total, name=relative.as_posix()), file=err
            )

    def left_out(rehearsals: Sequence[Path]) -> None:
        names = ", ".join(path.name for path in rehearsals)
        print(tr("export.compare.rehearsals_left_out", names=names), file=err)

    try:
        count = export_statistics(request, tr, deck=deck, progress=progress, left_out=left_out)
    except ExportWriteFailed as exc:
        print(tr(exc.key, **exc.params), file=err)
        return EXIT_FAILED
    except (SessionStoreError, StatisticsError) as exc:
        print(tr(exc.key, **exc.params), file=err)
        return EXIT_USAGE
    print(tr("export.done", count=count, folder=out))
    return EXIT_OK


# Purge ---------------------------------------------------------------------------------------


def run_purge(
    file: Path,
    tr: Translator,
    *,
    confirm: bool,
    deck: Deck | None = None,
    ask: Callable[[str], str] | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Delete the raw per-device answers of *file*, keeping its statistics in it.

    *confirm*: ask "Supprimer définitivement... ? [o/N]" first (False for `--yes`). The statistics
    are computed (with *deck* if they were never saved) and saved before anything is deleted.
    """
    err = stderr or sys.stderr
    try:
        # Checked before the question: no one should confirm a purge that then cannot run.
        read_session_statistics(file, deck)
        if confirm:
            reply = (ask or _ask_on_terminal)(tr("export.purge.question"))
            accepted = {w.strip() for w in tr("export.purge.yes_answers").split(",")}
            if reply.strip().casefold() not in accepted:
                print(tr("export.purge.cancelled"), file=err)
                return EXIT_FAILED
        deleted = purge_session(file, deck)
    except (SessionStoreError, StatisticsError) as exc:
        print(tr(exc.key, **exc.params), file=err)
        return EXIT_USAGE
    key = "export.purge.done_one" if deleted <= 1 else "export.purge.done"
    print(tr(key, count=deleted, path=file))
    return EXIT_OK


def _ask_on_terminal(question: str) -> str:
    """The user's reply on standard input; end of input (no terminal) reads as "no"."""
    print(question, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline()
