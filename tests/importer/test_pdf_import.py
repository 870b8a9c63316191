"""Importing a real PDF: one image slide per page, titles and notes from its text, a deck that
loads; speaker notes from a real PowerPoint. Needs no display."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from fphkiosk.core.deck_loader import load_deck
from fphkiosk.importer.pdf_import import import_pdf
from tests.importer import STANDARD, write_pdf, write_pptx

PAGES = [
    ["Introduction", "Pourquoi cette journée"],
    ["Les chiffres", "- 27 900 tweets", "---", "```poll"],
    [],
    ["Conclusion", "Notes:", "<!-- layout: section -->"],
]


def test_each_page_becomes_an_image_slide_of_projector_size(tmp_path: Path) -> None:
    source = write_pdf(tmp_path / "cours.pdf", PAGES, title="Réseaux sociaux à l'hôpital")
    result = import_pdf(source, tmp_path / "deck")
    assert (result.out, result.pages) == (tmp_path / "deck", 4)
    deck = load_deck(tmp_path / "deck")
    assert deck.meta.title == "Réseaux sociaux à l'hôpital"
    assert [s.layout for s in deck.slides] == ["image"] * 4
    assert [s.title for s in deck.slides] == [
        "Introduction",
        "Les chiffres",
        "Page 3",
        "Conclusion",
    ]
    for slide in deck.slides:
        [picture] = slide.images
        assert picture == (tmp_path / "deck" / "pages" / f"page-{slide.index:03d}.png").resolve()
        with Image.open(picture) as image:
            assert (image.format, image.size) == ("PNG", (1920, 1080))


def test_page_text_becomes_notes_that_cannot_break_the_deck(tmp_path: Path) -> None:
    import_pdf(write_pdf(tmp_path / "cours.pdf", PAGES), tmp_path / "deck")
    deck = load_deck(tmp_path / "deck")
    assert deck.slides[0].notes == "Introduction\n\nPourquoi cette journée"
    # A separator, a fence, a "Notes:" line or a layout comment in a page's text stays text.
    assert deck.slides[1].notes == "Les chiffres\n\n\\- 27 900 tweets\n\n\\---\n\n\\`\\`\\`poll"
    assert deck.slides[2].notes == ""
    assert deck.slides[3].notes == "Conclusion\n\nNotes:\n\n\\<!-- layout: section -->"
    assert deck.activities == ()


def test_a_4_3_page_keeps_its_proportions_at_projector_height(tmp_path: Path) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Ancien format"]], size=STANDARD)
    import_pdf(source, tmp_path / "deck")
    with Image.open(tmp_path / "deck" / "pages" / "page-001.png") as image:
        assert image.size == (1440, 1080)


def test_the_deck_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    import_pdf(write_pdf(tmp_path / "formation-2024.pdf", [["Une page"]]), tmp_path / "deck")
    assert load_deck(tmp_path / "deck").meta.title == "formation-2024"


def test_speaker_notes_come_from_the_powerpoint_page_by_page(tmp_path: Path) -> None:
    titles = ["Accueil", "Programme", "Conclusion"]
    source = write_pdf(tmp_path / "cours.pdf", [[t] for t in titles])
    notes = ["Accueillir la salle.\nPrésenter les intervenants.", "", "Conclure : * et _"]
    pptx = write_pptx(tmp_path / "cours.pptx", list(zip(titles, notes, strict=True)))
    result = import_pdf(source, tmp_path / "deck", notes_from=pptx)
    assert result.notes is not None and not result.notes.counts_differ
    assert [s.notes for s in load_deck(tmp_path / "deck").slides] == [
        "Accueillir la salle.\n\nPrésenter les intervenants.",
        "Programme",  # a slide without speaker notes keeps its page's text
        "Conclure : \\* et \\_",
    ]


def test_hidden_slides_are_left_out_as_powerpoint_leaves_them_out_of_the_pdf(
    tmp_path: Path,
) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Accueil"], ["Conclusion"]])
    slides = [("Accueil", "Un"), ("Brouillon", "Deux (masquée)"), ("Conclusion", "Trois")]
    result = import_pdf(
        source, tmp_path / "deck", notes_from=write_pptx(tmp_path / "c.pptx", slides, hidden=[2])
    )
    assert result.notes is not None
    assert (result.notes.counts_differ, result.notes.hidden_skipped) == (False, 1)
    assert [s.notes for s in load_deck(tmp_path / "deck").slides] == ["Un", "Trois"]


def test_other_slide_counts_give_notes_to_the_pages_whose_words_match(tmp_path: Path) -> None:
    pages = [["Accueil"], ["Programme du matin"], ["Une page ajoutée au PDF"], ["Conclusion"]]
    source = write_pdf(tmp_path / "cours.pdf", pages)
    # The PowerPoint lost a slide since the PDF was saved, and the rest moved up.
    slides = [("Accueil", "Un"), ("Programme du matin", "Deux"), ("Conclusion", "Quatre")]
    result = import_pdf(
        source, tmp_path / "deck", notes_from=write_pptx(tmp_path / "c.pptx", slides)
    )
    assert result.notes is not None
    assert (result.notes.counts_differ, result.notes.slide_count, result.notes.matched) == (
        True,
        3,
        3,
    )
    notes = [s.notes for s in load_deck(tmp_path / "deck").slides]
    assert notes == ["Un", "Deux", "Une page ajoutée au PDF", "Quatre"]
