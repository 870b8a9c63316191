"""Speaker notes from the PowerPoint the PDF was saved from, matched to the PDF's pages.

PowerPoint leaves hidden slides out of its PDF, and a trainer may have added or removed a slide
since: when the counts differ, slides are matched to pages by the words they show, in order, and
only the pages that found their slide take its notes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.exc import PythonPptxError
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide

from fphkiosk.importer.errors import SourceMissing, UnreadablePptx

MIN_SIMILARITY = 0.5
"""Share of words a page and a slide must have in common to be taken for each other."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PptxSlide:
    text: str
    """Everything the slide shows, for matching it to its page."""
    notes: str
    hidden: bool


@dataclass(frozen=True)
class NotesMatch:
    """Notes per PDF page ('' where none), and how the matching went."""

    notes: tuple[str, ...]
    slide_count: int
    matched: int
    """How many pages found their slide."""
    hidden_skipped: int = 0

    @property
    def counts_differ(self) -> bool:
        return self.slide_count - self.hidden_skipped != len(self.notes)


def read_pptx(path: Path) -> tuple[PptxSlide, ...]:
    """The slides of *path*, in order, hidden ones included."""
    if not path.is_file():
        raise SourceMissing(path)
    try:
        presentation = Presentation(str(path))
        return tuple(_slide(slide) for slide in presentation.slides)
    except (PythonPptxError, zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as exc:
        # python-pptx reports a damaged package as any of these; lxml's parse errors are
        # SyntaxErrors.
        raise UnreadablePptx(path) from exc


def _slide(slide: Slide) -> PptxSlide:
    text = "\n".join(shape.text_frame.text for shape in slide.shapes if isinstance(shape, Shape))
    notes = ""
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        notes = frame.text if frame is not None else ""
    # PowerPoint marks a hidden slide with show="0" on the slide element; it has no property.
    hidden = slide.element.get("show") in ("0", "false")
    return PptxSlide(text=text, notes=notes.strip(), hidden=hidden)


def match_notes(slides: Sequence[PptxSlide], page_texts: Sequence[str]) -> NotesMatch:
    """The notes of *slides* laid on the pages whose texts are *page_texts*."""
    pages = len(page_texts)
    if len(slides) == pages:
        return NotesMatch(tuple(s.notes for s in slides), len(slides), pages)
    shown = [s for s in slides if not s.hidden]
    if len(shown) == pages:
        return NotesMatch(
            tuple(s.notes for s in shown), len(slides), pages, len(slides) - len(shown)
        )
    pairs = _align([_words(s.text) for s in slides], [_words(t) for t in page_texts])
    notes = [""] * pages
    for slide_index, page_index in pairs:
        notes[page_index] = slides[slide_index].notes
    return NotesMatch(tuple(notes), len(slides), len(pairs))


def _words(text: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in _WORD.findall(text))


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _align(
    slides: Sequence[frozenset[str]], pages: Sequence[frozenset[str]]
) -> list[tuple[int, int]]:
    """The (slide, page) pairs, in order on both sides, that share the most words overall."""
    rows, cols = len(slides), len(pages)
    # best[i][j]: the best total for the first i slides and the first j pages.
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            score = _similarity(slides[i - 1], pages[j - 1])
            paired = best[i - 1][j - 1] + score if score >= MIN_SIMILARITY else -1.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    pairs: list[tuple[int, int]] = []
    i, j = rows, cols
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]
