"""An imported page on the projector is the PDF page: the slide as SlideRenderer draws it against
the page rendered directly by PDFium, pixel by pixel; and the bundled course survives a round trip
through its own PDF export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from fphkiosk.cli import main
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.importer.pdf_import import import_pdf
from fphkiosk.ui.slides.slide_renderer import SlideRenderer
from tests.importer import STANDARD, WIDE, write_pdf
from tests.ui.slides.test_slide_renderer import pixels

PAGES = [
    ["Les réseaux sociaux à l'hôpital", "Un corps de texte de taille moyenne, éàç"],
    ["Quelques chiffres", "27 900 tweets", "8 560 000 vues"],
    ["Une page au format 4:3", "centrée entre deux bandes noires"],
]
MEAN_AT_FULL_SIZE = 0.5
"""Mean difference per channel (of 255) allowed at the projector's size: the PNG is the page."""
MEAN_AT_PREVIEW_SIZE = 1.0
"""At the console's half size the slide is scaled by Qt and the page directly by PDFium."""


def direct(document: pdfium.PdfDocument, index: int, width: int, height: int) -> np.ndarray:
    """Page *index* rendered by PDFium straight into a width x height frame, centred on black."""
    page = document[index]
    page_width, page_height = page.get_size()
    scale = min((width - 1e-3) / page_width, (height - 1e-3) / page_height)
    rendered = np.asarray(page.render(scale=scale).to_pil().convert("RGB"), dtype=np.uint8)
    frame = np.zeros((height, width, 3), dtype=np.uint8)
    top, left = (height - rendered.shape[0]) // 2, (width - rendered.shape[1]) // 2
    frame[top : top + rendered.shape[0], left : left + rendered.shape[1]] = rendered
    return frame


def mean_difference(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


@pytest.mark.parametrize(
    ("width", "height", "allowed"),
    [(1920, 1080, MEAN_AT_FULL_SIZE), (960, 540, MEAN_AT_PREVIEW_SIZE)],
)
def test_each_projected_slide_matches_its_pdf_page(
    tmp_path: Path, tr: Translator, qapp: QApplication, width: int, height: int, allowed: float
) -> None:
    source = write_pdf(tmp_path / "cours.pdf", PAGES, sizes=[WIDE, WIDE, STANDARD])
    import_pdf(source, tmp_path / "deck")
    deck = load_deck(tmp_path / "deck")
    renderer = SlideRenderer(deck, tr)
    document = pdfium.PdfDocument(source)
    try:
        pages = [direct(document, i, width, height) for i in range(len(document))]
        slides = [pixels(renderer.image(s, QSize(width, height))) for s in deck.slides]
    finally:
        document.close()
    assert len(slides) == len(pages) == 3
    for index, (slide, page) in enumerate(zip(slides, pages, strict=True)):
        assert mean_difference(slide, page) < allowed, index
    # The measure tells pages apart: a slide against the next page is far off.
    assert mean_difference(slides[0], pages[1]) > 10 * allowed
    # And it sees a one-pixel shift of the thin bars and the text.
    assert mean_difference(np.roll(slides[0], 1, axis=1), pages[0]) > allowed


def test_the_bundled_course_survives_export_import_check(
    tmp_path: Path, bundled_deck_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "cours.pdf"
    assert main(["export-deck", str(bundled_deck_path), "--out", str(pdf)]) == 0
    assert main(["import", str(pdf), "--out", str(tmp_path / "deck")]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "deck")]) == 0
    original, imported = load_deck(bundled_deck_path), load_deck(tmp_path / "deck")
    assert len(imported.slides) == len(original.slides) == 108
    assert "diapositives : 108" in capsys.readouterr().out
    assert imported.meta.title == original.meta.title
    # Titled slides keep their title in the slide list (the title page shows the course's).
    titled = [(o.title, i.title) for o, i in zip(original.slides, imported.slides, strict=True)]
    same = sum(1 for o, i in titled if o and i.startswith(o[:30]))
    assert same >= 100


def test_a_poll_inserted_between_pages_is_checked_and_exported_like_any_slide(
    tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Accueil"], ["Conclusion"]])
    assert main(["import", str(source), "--out", str(tmp_path / "deck")]) == 0
    deck_file = tmp_path / "deck" / "deck.md"
    text = deck_file.read_text(encoding="utf-8")
    poll = "# Votre avis\n\n```poll\nid: avis\nquestion: Utile ?\nchoices: [Oui, Non]\n```\n---\n"
    page_2 = text.index("<!-- layout: image -->\n# Conclusion")
    deck_file.write_text(text[:page_2] + poll + text[page_2:], encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(tmp_path / "deck")]) == 0
    assert "diapositives : 3, activités : 1" in capsys.readouterr().out
    assert main(["export-deck", str(tmp_path / "deck"), "--out", str(tmp_path / "x.pdf")]) == 0
    document = pdfium.PdfDocument(tmp_path / "x.pdf")
    try:
        assert len(document) == 3
        assert "Votre avis" in document[1].get_textpage().get_text_range()
    finally:
        document.close()
