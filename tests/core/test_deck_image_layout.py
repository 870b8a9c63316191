"""The `image` layout: one picture fills the screen, its title serves the slide list. No display."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.core.deck import Poll
from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator, load_translator
from fphkiosk.paths import assets_dir

HEADER = "---\ntitle: Cours importé\n---\n"
PAGE = "<!-- layout: image -->\n# {title}\n\n![Page {n}](pages/page-{n:03d}.png)\n"


def deck_folder(tmp_path: Path, body: str, pages: int = 2) -> Path:
    (tmp_path / "pages").mkdir(exist_ok=True)
    for n in range(1, pages + 1):
        (tmp_path / "pages" / f"page-{n:03d}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "deck.md").write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def issues_of(path: Path) -> list[tuple[int, str, dict[str, object]]]:
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    return [(issue.line, issue.key, dict(issue.params)) for issue in caught.value.issues]


def test_image_slides_keep_title_picture_notes_and_activities(tmp_path: Path) -> None:
    body = (
        PAGE.format(title="Introduction", n=1)
        + "\nNotes:\nLe texte de la page.\n---\n"
        + PAGE.format(title="Votre avis", n=2)
        + "\n```poll\nid: avis\nquestion: Utile ?\nchoices: [Oui, Non]\n```\n"
    )
    deck = load_deck(deck_folder(tmp_path, body))
    first, second = deck.slides
    assert (first.layout, first.title, first.notes) == (
        "image",
        "Introduction",
        "Le texte de la page.",
    )
    assert first.images == ((tmp_path / "pages" / "page-001.png").resolve(),)
    assert isinstance(second.activities[0], Poll) and second.layout == "image"


@pytest.mark.parametrize(
    ("body", "key", "params"),
    [
        ("<!-- layout: image -->\n# Sans image\n", "image_layout_pictures", {"count": 0}),
        (
            PAGE.format(title="Deux", n=1) + "![Page 2](pages/page-002.png)\n",
            "image_layout_pictures",
            {"count": 2},
        ),
        (
            PAGE.format(title="Texte", n=1) + "Ce texte ne serait pas projeté.\n",
            "image_layout_extra",
            {},
        ),
        (
            PAGE.format(title="Graphique", n=1)
            + "```chart\nid: c\ntitle: T\nbars:\n  - {label: A, value: 1}\n```\n",
            "image_layout_extra",
            {},
        ),
    ],
)
def test_what_an_image_slide_would_hide_is_refused(
    tmp_path: Path, body: str, key: str, params: dict[str, object]
) -> None:
    assert issues_of(deck_folder(tmp_path, body)) == [(4, key, params)]


def test_the_refusals_read_in_french_and_english(tmp_path: Path, tr: Translator) -> None:
    body = PAGE.format(title="Texte", n=1) + "Du texte.\n"
    with pytest.raises(DeckError) as caught:
        load_deck(deck_folder(tmp_path, body))
    french = caught.value.render(tr)
    assert "ne projette que son image" in french and "Notes:" in french
    english = caught.value.render(load_translator(assets_dir() / "i18n", "en"))
    assert "projects only its picture" in english
