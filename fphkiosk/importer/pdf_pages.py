"""Reading a PDF with PDFium: checked on opening, then each page as text and as a PNG image."""

from __future__ import annotations

import math
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from fphkiosk.importer.errors import (
    AbsurdPageSize,
    CorruptPdf,
    EmptyPdf,
    EncryptedPdf,
    NotAPdf,
    SourceMissing,
)

TARGET_WIDTH, TARGET_HEIGHT = 1920, 1080
"""The projector's canvas: a page is rendered at the size it is projected at, no larger."""
POINTS_PER_CM = 72 / 2.54
MIN_SIDE_PT = 2 * POINTS_PER_CM
"""A page under 2 cm a side is a mistake (a stamp, an icon), not a slide."""
MAX_SIDE_PT = 14400.0
"""PDF's own limit (200 inches); past it viewers disagree on what the page even is."""
MAX_ASPECT = 8.0
"""A banner 8 times wider than tall would be a thin strip on the screen."""
_PDF_MAGIC = b"%PDF-"
_MAGIC_WINDOW = 1024
"""PDF readers accept the header anywhere in the first kilobyte."""


@dataclass(frozen=True)
class PageSize:
    width_pt: float
    height_pt: float

    def pixels(self) -> tuple[int, int]:
        """The rendered size: the page fitted inside the projector's 1920 x 1080."""
        scale = min(TARGET_WIDTH / self.width_pt, TARGET_HEIGHT / self.height_pt)
        return (
            max(1, min(TARGET_WIDTH, round(self.width_pt * scale))),
            max(1, min(TARGET_HEIGHT, round(self.height_pt * scale))),
        )


class PdfSource:
    """An opened, checked PDF; use as a context manager so PDFium's handles are freed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        _check_is_pdf(path)
        _reset_last_error()
        try:
            self._document = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_raw.FPDF_ERR_PASSWORD, pdfium_raw.FPDF_ERR_SECURITY):
                raise EncryptedPdf(path) from exc
            if exc.err_code in (pdfium_raw.FPDF_ERR_SUCCESS, pdfium_raw.FPDF_ERR_FILE):
                # The file was readable (its header was), so PDFium gave no reason of its own:
                # it does so for a file whose page tree is empty or missing. For the trainer,
                # a PDF without pages.
                raise EmptyPdf(path) from exc
            raise CorruptPdf(path) from exc
        try:
            self.sizes = _checked_sizes(self._document, path)
        except BaseException:
            self._document.close()
            raise

    def __enter__(self) -> PdfSource:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._document.close()

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    @property
    def title(self) -> str:
        """The document's own title (PowerPoint fills it from the file's properties), or ''."""
        value = self._document.get_metadata_value("Title")
        return " ".join(str(value or "").split())

    def page_text(self, index: int) -> str:
        """The text of page *index* (0-based) in reading order, lines separated by newlines."""
        page = self._document[index]
        try:
            text_page = page.get_textpage()
            try:
                text = str(text_page.get_text_range())
            finally:
                text_page.close()
        finally:
            page.close()
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def save_png(self, index: int, target: Path) -> tuple[int, int]:
        """Render page *index* at projector size into *target* (PNG); return its size in pixels."""
        size = self.sizes[index]
        width, height = size.pixels()
        # PDFium rounds the bitmap's sides up: a scale a hair under the exact one gives a 16:9
        # page (to within a pixel) exactly 1920 x 1080, not 1081 pixels high.
        scale = min((width - 1e-3) / size.width_pt, (height - 1e-3) / size.height_pt)
        page = self._document[index]
        try:
            bitmap = page.render(scale=scale, may_draw_forms=True)
            try:
                image = bitmap.to_pil()
                # Level 1: PDF pages are flat colours and text, compressed almost as well in a
                # fraction of the time (an import of a hundred pages takes seconds, not a minute).
                image.save(target, format="PNG", compress_level=1)
                return int(image.width), int(image.height)
            finally:
                bitmap.close()
        finally:
            page.close()


def _reset_last_error() -> None:
    """Set PDFium's last error to "file not found" by asking it for a file that is not there.

    PDFium keeps its last error until another one replaces it and has no call to clear it, and
    a PDF without pages fails to load without setting one: without this, such a PDF would be
    reported with the reason of whatever PDF failed before it in the same process.
    """
    missing = Path(tempfile.gettempdir()) / f"fphkiosk-{uuid.uuid4().hex}.missing.pdf"
    handle = pdfium_raw.FPDF_LoadDocument(str(missing).encode(), None)
    if handle:
        pdfium_raw.FPDF_CloseDocument(handle)


def _check_is_pdf(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(_MAGIC_WINDOW)
    except FileNotFoundError as exc:
        raise SourceMissing(path) from exc
    except IsADirectoryError as exc:
        raise NotAPdf(path) from exc
    except OSError as exc:
        raise CorruptPdf(path) from exc
    if _PDF_MAGIC not in head:
        raise NotAPdf(path)


def _checked_sizes(document: pdfium.PdfDocument, path: Path) -> tuple[PageSize, ...]:
    count = len(document)
    if count == 0:
        raise EmptyPdf(path)
    sizes = []
    for index in range(count):
        page = document[index]
        try:
            width, height = page.get_size()
        finally:
            page.close()
        size = PageSize(float(width), float(height))
        if not _sensible(size):
            raise AbsurdPageSize(
                path,
                page=index + 1,
                width=round(size.width_pt / POINTS_PER_CM, 1),
                height=round(size.height_pt / POINTS_PER_CM, 1),
            )
        sizes.append(size)
    return tuple(sizes)


def _sensible(size: PageSize) -> bool:
    sides = (size.width_pt, size.height_pt)
    if not all(math.isfinite(side) and MIN_SIDE_PT <= side <= MAX_SIDE_PT for side in sides):
        return False
    return max(sides) / min(sides) <= MAX_ASPECT
