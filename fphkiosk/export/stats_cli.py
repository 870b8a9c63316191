"""The command-line edges: `fphkiosk stats SESSION... --out DIR` and `fphkiosk purge SESSION`.

Every input is read and checked before the first byte is written, so a bad file leaves no output.
Each file is written under a temporary name in its folder, then renamed over the target: a full
disk or a crash never leaves a half-written export behind. User mistakes get a French message and
exit code 2; a write that fails (disk full...) gets a message and exit code 1.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.export.compare import SessionComparison, compare_sessions, comparison_sheets
from fphkiosk.export.csv_export import sheet_csv
from fphkiosk.export.json_export import statistics_json
from fphkiosk.export.pdf_report import comparison_pages, report_bytes, session_pages
from fphkiosk.export.session_file import purge_session, read_session_statistics
from fphkiosk.export.statistics import SessionStatistics, StatisticsError
from fphkiosk.export.tables import Sheet, session_sheets
from fphkiosk.export.xlsx_export import workbook_bytes
from fphkiosk.storage.errors import SessionStoreError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
FORMATS = ("xlsx", "csv", "json", "pdf")

Producer = Callable[[], bytes]
Output = tuple[Path, Producer]


def run_stats(
    files: list[Path],
    out: Path,
    formats: set[str],
    compare: bool,
    tr: Translator,
    *,
    deck: Deck | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Export the statistics of *files* into *out* in *formats*; compare them if *compare*.

    *deck* is needed only for a session whose statistics were not saved into its file yet.
    """
    err = stderr or sys.stderr
    unknown = sorted(set(formats) - set(FORMATS))
    if not files or unknown or not formats:
        key = "export.error.bad_format" if unknown or not formats else "export.error.no_files"
        name = ", ".join(unknown)
        print(tr(key, name=name, allowed=", ".join(FORMATS)), file=err)
        return EXIT_USAGE
    if compare and len(files) < 2:
        print(tr("export.error.compare_needs_two"), file=err)
        return EXIT_USAGE
    if out.exists() and not out.is_dir():
        print(tr("export.error.out_not_folder", path=out), file=err)
        return EXIT_USAGE
    sessions: list[SessionStatistics] = []
    for path in files:
        try:
            sessions.append(read_session_statistics(path, deck))
        except (SessionStoreError, StatisticsError) as exc:
            print(tr(exc.key, **exc.params), file=err)
            return EXIT_USAGE
    outputs = plan_outputs(files, sessions, formats, compare, tr)
    for index, (relative, produce) in enumerate(outputs, start=1):
        if len(outputs) > 1:
            label = relative.as_posix()
            print(tr("export.progress", index=index, total=len(outputs), name=label), file=err)
        target = out / relative
        try:
            write_atomically(target, produce())
        except OSError as exc:
            key = (
                "export.error.disk_full"
                if exc.errno == errno.ENOSPC
                else "export.error.write_failed"
            )
            print(tr(key, path=target, detail=exc.strerror or exc), file=err)
            return EXIT_FAILED
    print(tr("export.done", count=len(outputs), folder=out))
    return EXIT_OK


def plan_outputs(
    files: Sequence[Path],
    sessions: Sequence[SessionStatistics],
    formats: set[str],
    compare: bool,
    tr: Translator,
) -> list[Output]:
    """Every file to write, relative to the output folder, with what makes its bytes.

    One session goes straight into the folder; several get one subfolder each (named after their
    file), and the comparison files sit beside those subfolders.
    """
    outputs: list[Output] = []
    folders = _folder_names(files) if len(sessions) > 1 else [""]
    for folder, stats in zip(folders, sessions, strict=True):
        base = Path(folder)
        sheets = session_sheets(stats, tr)
        outputs.extend(
            _outputs(
                base,
                tr("export.file.statistics"),
                tr("export.file.report"),
                sheets,
                partial(statistics_json, [stats]),
                partial(_session_pdf, stats, tr),
                formats,
                tr,
            )
        )
    if compare:
        comparison = compare_sessions(sessions)
        name = tr("export.file.compare")
        outputs.extend(
            _outputs(
                Path(),
                name,
                name,
                comparison_sheets(comparison, tr),
                lambda: statistics_json(sessions, comparison),
                lambda: _comparison_pdf(comparison, sessions, tr),
                formats,
                tr,
                csv_prefix=f"{name}-",
            )
        )
    return outputs


def _outputs(
    base: Path,
    stem: str,
    report_stem: str,
    sheets: Sequence[Sheet],
    json_bytes: Producer,
    pdf_bytes: Producer,
    formats: set[str],
    tr: Translator,
    csv_prefix: str = "",
) -> list[Output]:
    outputs: list[Output] = []
    if "xlsx" in formats:
        outputs.append((base / f"{stem}.xlsx", lambda: workbook_bytes(sheets, tr)))
    if "csv" in formats:
        for index, sheet in enumerate(sheets):
            # The first sheet is the summary (or the list of compared sessions).
            name = tr("export.file.summary") if index == 0 else sheet.name
            outputs.append((base / f"{csv_prefix}{name}.csv", partial(sheet_csv, sheet, tr)))
    if "json" in formats:
        outputs.append((base / f"{stem}.json", json_bytes))
    if "pdf" in formats:
        outputs.append((base / f"{report_stem}.pdf", pdf_bytes))
    return outputs


def _session_pdf(stats: SessionStatistics, tr: Translator) -> bytes:
    return report_bytes(session_pages(stats, tr), stats.session.course, tr)


def _comparison_pdf(
    comparison: SessionComparison, sessions: Sequence[SessionStatistics], tr: Translator
) -> bytes:
    title = f"{tr('export.pdf.compare_title')} — {sessions[0].session.course}"
    pages = comparison_pages(comparison, sessions[0].session.course, tr)
    return report_bytes(pages, title, tr)


def _folder_names(files: Sequence[Path]) -> list[str]:
    """One folder per session, named after its file; a repeated name gets "-2", "-3"..."""
    names: list[str] = []
    for path in files:
        name = path.stem or "session"
        candidate, number = name, 2
        while candidate in names:
            candidate, number = f"{name}-{number}", number + 1
        names.append(candidate)
    return names


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
