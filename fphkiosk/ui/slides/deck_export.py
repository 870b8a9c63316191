"""`fphkiosk export-deck`: the deck as PNG images (one per slide) or as a PDF handout.

Both go through the same SlideRenderer as the projector. Output is written under a temporary name
in the destination's folder and renamed at the end, so an interrupted export leaves no half-written
file.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.slide_renderer import CANVAS_HEIGHT, CANVAS_WIDTH, SlideRenderer

EXIT_OK = 0
EXIT_UNWRITABLE = 2
PDF_RESOLUTION = 300
PDF_PAGE_WIDTH_MM = 297.0
"""A4's long side; the page is 16:9 so the slide fills it without black bars."""
PNG_NAME = "slide-{index:03d}.png"
_PNG_PATTERN = re.compile(r"^slide-\d{3,}\.png$")

Progress = Callable[[int, int], None]
"""Called with (slide number, slide count) before each slide is drawn."""


class ExportError(Exception):
    """A destination the export cannot write; the message is for the user, in their language."""


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, or a new one (offscreen when there is no display to talk to)."""
    app = QGuiApplication.instance()
    if app is not None:
        return app
    on_unix_desktop = sys.platform not in ("win32", "darwin")
    if on_unix_desktop and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1] or ["fphkiosk"])


def export_deck(deck: Deck, out: Path, tr: Translator, progress: Progress | None = None) -> Path:
    """Write the deck to *out* (a ``.pdf`` file, else a folder of PNGs); return the path written."""
    app = ensure_gui_application()  # noqa: F841 (kept alive while painting)
    renderer = SlideRenderer(deck, tr)
    report = progress or (lambda _number, _total: None)
    if out.suffix.lower() == ".pdf":
        return _export_pdf(deck, renderer, out, tr, report)
    return _export_pngs(deck, renderer, out, tr, report)


def export_deck_cli(deck: Deck, out: Path, tr: Translator) -> int:
    """The command line's export: progress on stderr, the result's path on stdout, exit code."""
    interactive = sys.stderr.isatty()

    def show(number: int, total: int) -> None:
        end = "\r" if interactive else "\n"
        print(tr("render.export_progress", number=number, total=total), end=end, file=sys.stderr)
        sys.stderr.flush()

    try:
        written = export_deck(deck, out, tr, progress=show)
    except ExportError as exc:
        if interactive:
            print(file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return EXIT_UNWRITABLE
    if interactive:
        print(file=sys.stderr)
    print(tr("render.export_done", path=str(written)))
    return EXIT_OK


def _export_pngs(
    deck: Deck, renderer: SlideRenderer, out: Path, tr: Translator, report: Progress
) -> Path:
    out = out.expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise ExportError(tr("render.export_not_a_pdf_folder", path=str(out)))
    staging = _make_staging(out, tr, directory=True)
    try:
        total = len(deck.slides)
        image = QImage(CANVAS_WIDTH, CANVAS_HEIGHT, QImage.Format.Format_RGB32)
        for number, slide in enumerate(deck.slides, start=1):
            report(number, total)
            image.fill(QColor("black"))
            painter = QPainter(image)
            try:
                renderer.paint(painter, QRectF(0, 0, CANVAS_WIDTH, CANVAS_HEIGHT), slide)
            finally:
                painter.end()
            target = staging / PNG_NAME.format(index=slide.index)
            if not image.save(str(target)):  # format from the .png suffix
                raise ExportError(
                    tr("render.export_unwritable", path=str(out), reason=_reason(tr, None))
                )
        _publish_folder(staging, out, tr)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _publish_folder(staging: Path, out: Path, tr: Translator) -> None:
    """Move the finished images into place: the whole folder if new, else image by image."""
    try:
        if not out.exists():
            staging.rename(out)
            return
        fresh = {path.name for path in staging.iterdir()}
        for path in staging.iterdir():
            os.replace(path, out / path.name)
        # Slides of an older, longer export of this deck would otherwise linger after the new ones.
        for stale in out.iterdir():
            if _PNG_PATTERN.match(stale.name) and stale.name not in fresh:
                stale.unlink()
    except OSError as exc:
        raise ExportError(
            tr("render.export_unwritable", path=str(out), reason=_reason(tr, exc))
        ) from exc


def _export_pdf(
    deck: Deck, renderer: SlideRenderer, out: Path, tr: Translator, report: Progress
) -> Path:
    out = out.expanduser().absolute()
    if out.is_dir():
        raise ExportError(
            tr("render.export_unwritable", path=str(out), reason=tr("render.reason_is_folder"))
        )
    staging = _make_staging(out, tr, directory=False)
    try:
        writer = QPdfWriter(str(staging))
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(deck.meta.title)
        writer.setCreator("fphkiosk")
        page = QPageSize(
            QSizeF(PDF_PAGE_WIDTH_MM, PDF_PAGE_WIDTH_MM * CANVAS_HEIGHT / CANVAS_WIDTH),
            QPageSize.Unit.Millimeter,
            "16:9",
        )
        # Wider than tall already, so landscape (QPageLayout's Landscape flag would swap it back).
        writer.setPageSize(page)
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(tr("render.export_pdf_failed", path=str(out)))
        try:
            total = len(deck.slides)
            for number, slide in enumerate(deck.slides, start=1):
                report(number, total)
                if number > 1:
                    writer.newPage()
                renderer.paint(painter, QRectF(0, 0, writer.width(), writer.height()), slide)
        finally:
            painter.end()
        del painter, writer  # closes the file before it is renamed (Windows would refuse otherwise)
        os.replace(staging, out)
    except OSError as exc:
        raise ExportError(
            tr("render.export_unwritable", path=str(out), reason=_reason(tr, exc))
        ) from exc
    finally:
        staging.unlink(missing_ok=True)
    return out


def _make_staging(out: Path, tr: Translator, *, directory: bool) -> Path:
    """A temporary file or folder next to *out*, so the final rename stays on one file system."""
    try:
        if directory:
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
            staging.chmod(0o777 & ~_umask())
            return staging
        handle, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".pdf.part", dir=out.parent)
        os.close(handle)
        # mkstemp makes owner-only files; the result should get the permissions a normal save gives.
        Path(name).chmod(0o666 & ~_umask())
        return Path(name)
    except OSError as exc:
        raise ExportError(
            tr("render.export_unwritable", path=str(out), reason=_reason(tr, exc))
        ) from exc


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _reason(tr: Translator, exc: OSError | None) -> str:
    """Why writing failed, in the user's words rather than the operating system's."""
    code = exc.errno if exc is not None else None
    if code in (errno.EACCES, errno.EPERM):
        return tr("render.reason_denied")
    if code in (errno.ENOENT, errno.ENOTDIR):
        return tr("render.reason_missing_folder")
    if code == errno.EROFS:
        return tr("render.reason_read_only")
    if code == errno.ENOSPC:
        return tr("render.reason_disk_full")
    return tr("render.reason_unknown")
