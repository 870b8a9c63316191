"""Every character of the bundled course has a shipped glyph; `fphkiosk check` names those that
have none."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.cli import main
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.glyph_coverage import font_characters, texts_of, uncovered
from fphkiosk.paths import assets_dir, bundled_deck_dir

FONTS = sorted((assets_dir() / "fonts").rglob("*.ttf"))


def test_the_bundled_course_is_drawn_whole() -> None:
    assert uncovered(texts_of(load_deck(bundled_deck_dir())), font_characters(FONTS)) == []


def test_emoji_and_symbols_are_drawn_by_the_shipped_emoji_face(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text(
        "---\ntitle: Hygiène\n---\n# Lavez-vous les mains 🧼\n\nBravo 🙌 ✔ ☕ ⏰\n",
        encoding="utf-8",
    )
    texts = list(texts_of(load_deck(deck)))
    assert uncovered(texts, font_characters(FONTS)) == []
    # Without the emoji face, the same course would lose them.
    text_faces = [path for path in FONTS if "Emoji" not in path.name]
    assert {"🧼", "🙌", "☕", "⏰"} <= set(uncovered(texts, font_characters(text_faces)))


def test_joiners_and_spaces_need_no_glyph() -> None:
    assert uncovered(["a\u200db\ufe0f c\u00a0d"], frozenset(map(ord, "abcd"))) == []


def test_check_warns_about_characters_no_shipped_font_draws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text("---\ntitle: Essai 漢字\n---\n# Savon 🧼 ꙮ\n", encoding="utf-8")
    assert main(["check", str(deck)]) == 0
    out, err = capsys.readouterr()
    assert "Présentation valide" in out
    assert "aucune police livrée ne dessine 漢 字 ꙮ\u00a0;" in err
    assert "🧼" not in err
