"""Whatever text a PDF page holds, the written deck loads with one slide per page. No display."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fphkiosk.core.deck_loader import load_deck
from fphkiosk.importer.deck_text import PageEntry, deck_markdown, page_title, paragraphs

TRICKY_LINES = st.sampled_from(
    ["---", "```poll", "~~~", "Notes:", "<!-- layout: title -->", "# Titre", "1. un", "> cité", "*"]
)
PAGE_TEXT = st.lists(st.one_of(TRICKY_LINES, st.text(max_size=40)), max_size=6).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=1, max_size=60).filter(str.strip),
    texts=st.lists(PAGE_TEXT, min_size=1, max_size=4),
)
def test_any_page_text_makes_a_loadable_deck(
    tmp_path_factory: pytest.TempPathFactory, title: str, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("deck")
    (folder / "pages").mkdir()
    pages = []
    for number, text in enumerate(texts, start=1):
        (folder / "pages" / f"page-{number:03d}.png").write_bytes(b"")
        pages.append(PageEntry(number, page_title(text, number), text))
    (folder / "deck.md").write_text(deck_markdown(title, pages), encoding="utf-8")
    deck = load_deck(folder)
    assert [s.title for s in deck.slides] == [p.title for p in pages]
    assert all(s.layout == "image" and not s.blocks for s in deck.slides)


def test_a_line_wrapped_on_the_page_is_joined_back() -> None:
    text = (
        "Pour une bonne utilisation des réseaux\nsociaux à l'hôpital\nMardi 21 novembre\n- un point"
    )
    assert paragraphs(text) == [
        "Pour une bonne utilisation des réseaux sociaux à l'hôpital",
        "Mardi 21 novembre",
        "- un point",
    ]
    assert page_title(text, 1) == "Pour une bonne utilisation des réseaux sociaux à l'hôpital"
    assert page_title("\n \x02\ue000\n", 7) == "Page 7"
    # A line that ends on "la" goes on, whatever the next one starts with.
    assert page_title("Phénomène des réseaux sociaux dans la\nF.P.H.\nCyrille", 4) == (
        "Phénomène des réseaux sociaux dans la F.P.H."
    )
