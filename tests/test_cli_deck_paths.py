"""A shared deck may not reach files outside its folder: `check` says where and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.cli import EXIT_USAGE, main
from tests.net.sample_deck import SCALE

SECRET_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _deck(tmp_path: Path, image: str, scale: str) -> Path:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "photo.png").write_bytes(SECRET_PNG)
    (outside / "echelle.yaml").write_text(SCALE, encoding="utf-8")
    deck = tmp_path / "course" / "deck"
    (deck / "images").mkdir(parents=True)
    (deck / "images" / "lien.png").symlink_to(outside / "photo.png")
    (deck / "deck.md").write_text(
        "---\ntitle: Cours\n---\n"
        "# Image\n\n"
        f"![photo]({image})\n"
        "---\n"
        "# Échelle\n\n"
        "```scale\n"
        "id: stress\n"
        f"file: {scale}\n"
        "```\n",
        encoding="utf-8",
    )
    return deck


@pytest.mark.parametrize(
    ("image", "scale"),
    [
        ("../../private/photo.png", "../../private/echelle.yaml"),
        ("{outside}/photo.png", "{outside}/echelle.yaml"),
        ("images/lien.png", "../../private/echelle.yaml"),
    ],
)
def test_check_refuses_files_outside_the_deck_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], image: str, scale: str
) -> None:
    outside = str(tmp_path / "private")
    deck = _deck(tmp_path, image.format(outside=outside), scale.format(outside=outside))
    assert main(["check", str(deck)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "deck.md:6" in err and "Image hors du dossier de la présentation" in err
    assert "deck.md:12" in err and "Fichier d'échelle hors du dossier de la présentation" in err
    assert "indiquez un chemin relatif" in err
    assert "Traceback" not in err

    out = tmp_path / "export"
    assert main(["export-deck", str(deck), "--out", str(out)]) == EXIT_USAGE
    assert not out.exists() or not any(out.iterdir())
