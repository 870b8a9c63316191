"""`fphkiosk export-deck`: PNG folder and PDF handout, progress, atomic output, unwritable paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.deck_export import ExportError, export_deck, export_deck_cli
from fphkiosk.ui.theme import Theme
from tests.ui import write_deck
from tests.ui.slides.test_slide_renderer import CHART, CONTENT, POLL, pixels, share_near


@pytest.fixture
def deck(tmp_path: Path, qapp: object) -> Deck:
    return write_deck(tmp_path / "deck", CONTENT, POLL, CHART)


def pdf_page_count(path: Path) -> int:
    # QtPdf is not part of PySide6-Essentials: count the page objects instead.
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def test_png_export_writes_one_full_hd_image_per_slide(
    tmp_path: Path, deck: Deck, tr: Translator
) -> None:
    seen: list[tuple[int, int]] = []
    out = export_deck(deck, tmp_path / "png", tr, progress=lambda n, t: seen.append((n, t)))
    assert out == tmp_path / "png"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["slide-001.png", "slide-002.png", "slide-003.png"]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    for name in names:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1920, 1080)
        array = pixels(image)
        assert 0.3 < share_near(array, Theme().palette.background, 6) < 0.995
    assert leftovers(tmp_path) == []


def test_png_export_into_an_existing_folder_replaces_old_slides_only(
    tmp_path: Path, deck: Deck, tr: Translator
) -> None:
    out = tmp_path / "existing"
    out.mkdir()
    (out / "slide-009.png").write_bytes(b"old")
    (out / "notes.txt").write_text("garder", encoding="utf-8")
    export_deck(deck, out, tr)
    assert sorted(p.name for p in out.iterdir()) == [
        "notes.txt",
        "slide-001.png",
        "slide-002.png",
        "slide-003.png",
    ]


def test_pdf_export_has_one_landscape_page_per_slide(
    tmp_path: Path, deck: Deck, tr: Translator, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "handout.pdf"
    assert export_deck_cli(deck, out, tr) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert pdf_page_count(out) == 3
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data)
    assert box is not None and float(box.group(1)) > float(box.group(2))
    captured = capsys.readouterr()
    assert "Diapositive 3/3…" in captured.err
    assert f"Présentation exportée : {out}" in captured.out
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["slides", "handout.pdf"])
def test_an_unwritable_destination_exits_2_in_french_and_leaves_nothing(
    tmp_path: Path, deck: Deck, tr: Translator, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # A regular file where a folder is expected: unwritable even for root, on every platform.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert export_deck_cli(deck, blocker / name, tr) == 2
    captured = capsys.readouterr()
    assert "Impossible d'écrire dans « " in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_existing_file_is_not_a_png_folder(tmp_path: Path, deck: Deck, tr: Translator) -> None:
    target = tmp_path / "slides.png"
    target.write_bytes(b"x")
    with pytest.raises(ExportError, match="n'est pas un dossier"):
        export_deck(deck, target, tr)
    assert target.read_bytes() == b"x"
