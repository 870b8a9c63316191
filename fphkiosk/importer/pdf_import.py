"""The import: PDF pages to PNG images and a `deck.md`, notes from the PowerPoint if given."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.deck_loader import DECK_FILE, load_deck
from fphkiosk.importer.deck_folder import check_destination, staged_folder
from fphkiosk.importer.deck_text import PAGE_IMAGE, PageEntry, deck_markdown, page_title
from fphkiosk.importer.errors import ImportProblem
from fphkiosk.importer.pdf_pages import PdfSource
from fphkiosk.importer.pptx_notes import NotesMatch, match_notes, read_pptx

Progress = Callable[[int, int], None]
"""Called with (pages done, page count) after each page is rendered."""


class DeckNotLoadable(ImportProblem):
    """The written deck did not load: a fault of the importer, never of the user's PDF."""

    code = "deck_not_loadable"


@dataclass(frozen=True)
class ImportResult:
    out: Path
    pages: int
    seconds: float
    notes: NotesMatch | None = None


def import_pdf(
    source: Path,
    out: Path,
    *,
    notes_from: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Write the deck made from *source* into the folder *out*; raise ImportProblem, writing
    nothing, if the PDF, the PowerPoint or the destination cannot be used."""
    started = time.perf_counter()
    out = out.expanduser().absolute()
    report = progress or (lambda _number, _total: None)
    # Every refusal that needs no rendering comes first: the trainer hears of it at once.
    check_destination(out, force)
    slides = read_pptx(notes_from) if notes_from is not None else None
    with PdfSource(source) as pdf:
        texts = [pdf.page_text(index) for index in range(pdf.page_count)]
        match = match_notes(slides, texts) if slides is not None else None
        entries = [
            PageEntry(
                number=index + 1,
                title=page_title(text, index + 1),
                notes=(match.notes[index] if match and match.notes[index] else text),
            )
            for index, text in enumerate(texts)
        ]
        with staged_folder(out, force) as staging:
            (staging / "pages").mkdir()
            for entry in entries:
                pdf.save_png(entry.number - 1, staging / PAGE_IMAGE.format(number=entry.number))
                report(entry.number, len(entries))
            deck_file = staging / DECK_FILE
            deck_file.write_text(deck_markdown(pdf.title or source.stem, entries), encoding="utf-8")
            try:
                load_deck(deck_file)
            except DeckError as exc:
                raise DeckNotLoadable(source, detail=str(exc)) from exc
    return ImportResult(out, len(entries), time.perf_counter() - started, match)
