"""What cannot be imported: a message in the user's language, exit 2, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fphkiosk.cli import main
from fphkiosk.importer.errors import ImportProblem
from fphkiosk.importer.pdf_import import import_pdf
from tests.importer import raw_pdf, write_pdf, write_pptx

CATALOGUE = "<< /Type /Catalog /Pages 2 0 R >>"
ONE_PAGE = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
ENCRYPTED = raw_pdf(
    [
        CATALOGUE,
        ONE_PAGE,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] >>",
        f"<< /Filter /Standard /V 1 /R 2 /O <{'11' * 32}> /U <{'22' * 32}> /P -4 >>",
    ],
    f"/Encrypt 4 0 R /ID [<{'33' * 16}> <{'33' * 16}>] ",
)
NO_PAGES = raw_pdf([CATALOGUE, "<< /Type /Pages /Kids [] /Count 0 >>"])


def page_of(width: int, height: int) -> bytes:
    return raw_pdf(
        [CATALOGUE, ONE_PAGE, f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] >>"]
    )


def truncated(tmp_path: Path) -> bytes:
    whole = write_pdf(tmp_path / "whole.pdf", [["Une page"], ["Une autre"]]).read_bytes()
    (tmp_path / "whole.pdf").unlink()
    return whole[: len(whole) // 3]


SOURCES: dict[str, Callable[[Path], bytes]] = {
    "encrypted": lambda _tmp: ENCRYPTED,
    "corrupt": truncated,
    "garbage": lambda _tmp: b"%PDF-1.7\n" + bytes(range(256)) * 40,
    "not_a_pdf": lambda _tmp: b"\x89PNG\r\n\x1a\n" + b"\0" * 200,
    "no_pages": lambda _tmp: NO_PAGES,
    "tiny_page": lambda _tmp: page_of(20, 20),
    "huge_page": lambda _tmp: page_of(100_000, 540),
    "banner_page": lambda _tmp: page_of(5000, 200),
}
FRENCH = {
    "encrypted": "protégé par un mot de passe",
    "corrupt": "endommagé",
    "garbage": "endommagé",
    "not_a_pdf": "n'est pas un PDF",
    "no_pages": "ne contient aucune page",
    "tiny_page": "0,7 × 0,7 cm",
    "huge_page": "3527,8 × 19,1 cm",
    "banner_page": "176,4 × 7,1 cm",
}
ENGLISH = {
    "encrypted": "password-protected",
    "corrupt": "damaged",
    "garbage": "damaged",
    "not_a_pdf": "is not a PDF",
    "no_pages": "has no pages",
    "tiny_page": "0.7 × 0.7 cm",
    "huge_page": "3527.8 × 19.1 cm",
    "banner_page": "176.4 × 7.1 cm",
}


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("case", sorted(SOURCES))
def test_a_bad_pdf_is_refused_in_french_and_nothing_is_written(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cours.pdf"
    source.write_bytes(SOURCES[case](tmp_path))
    before = listing(tmp_path)
    assert main(["import", str(source), "--out", str(tmp_path / "deck")]) == 2
    captured = capsys.readouterr()
    assert FRENCH[case] in captured.err and str(source) in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert listing(tmp_path) == before


@pytest.mark.parametrize("case", sorted(SOURCES))
def test_a_bad_pdf_is_refused_in_english_with_lang_en(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cours.pdf"
    source.write_bytes(SOURCES[case](tmp_path))
    assert main(["--lang", "en", "import", str(source), "--out", str(tmp_path / "d")]) == 2
    assert ENGLISH[case] in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_a_missing_source_and_a_folder_as_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "absent.pdf"), "--out", str(tmp_path / "d")]) == 2
    assert "Fichier introuvable" in capsys.readouterr().err
    assert main(["import", str(tmp_path), "--out", str(tmp_path / "d")]) == 2
    assert "n'est pas un PDF" in capsys.readouterr().err
    assert listing(tmp_path) == []


def test_a_non_empty_destination_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Nouvelle version"]])
    out = tmp_path / "deck"
    out.mkdir()
    (out / "deck.md").write_text("mon travail", encoding="utf-8")
    assert main(["import", str(source), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert listing(out) == ["deck.md"] and (out / "deck.md").read_text() == "mon travail"
    assert main(["import", str(source), "--out", str(out), "--force"]) == 0
    assert (
        listing(out) == ["deck.md", "pages"] and "Nouvelle version" in (out / "deck.md").read_text()
    )
    assert listing(tmp_path) == ["cours.pdf", "deck"]


def test_an_empty_destination_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "deck").mkdir()
    import_pdf(write_pdf(tmp_path / "cours.pdf", [["Une page"]]), tmp_path / "deck")
    assert listing(tmp_path / "deck") == ["deck.md", "pages"]


def test_a_file_or_a_missing_folder_as_destination(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Une page"]])
    (tmp_path / "deck.md").write_text("x")
    assert main(["import", str(source), "--out", str(tmp_path / "deck.md"), "--force"]) == 2
    assert "est un fichier, pas un dossier" in capsys.readouterr().err
    assert main(["import", str(source), "--out", str(tmp_path / "absent" / "deck")]) == 2
    assert "ce dossier n'existe pas" in capsys.readouterr().err
    assert listing(tmp_path) == ["cours.pdf", "deck.md"]


def test_an_interrupted_import_leaves_nothing(tmp_path: Path) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Un"], ["Deux"], ["Trois"]])

    def interrupt(done: int, _total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_pdf(source, tmp_path / "deck", progress=interrupt)
    assert listing(tmp_path) == ["cours.pdf"]


def test_a_forced_import_that_fails_keeps_the_old_deck(tmp_path: Path) -> None:
    out = tmp_path / "deck"
    out.mkdir()
    (out / "deck.md").write_text("mon travail", encoding="utf-8")
    source = tmp_path / "cours.pdf"
    source.write_bytes(ENCRYPTED)
    with pytest.raises(ImportProblem):
        import_pdf(source, out, force=True)
    assert listing(out) == ["deck.md"] and listing(tmp_path) == ["cours.pdf", "deck"]


def test_an_unreadable_powerpoint_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Une page"]])
    (tmp_path / "cours.pptx").write_bytes(b"PK\x03\x04 pas vraiment un zip")
    argv = ["import", str(source), "--out", str(tmp_path / "d"), "--notes-from"]
    assert main([*argv, str(tmp_path / "cours.pptx")]) == 2
    assert "n'est pas un fichier PowerPoint lisible" in capsys.readouterr().err
    assert main([*argv, str(source)]) == 2  # a PDF given as the PowerPoint
    assert "n'est pas un fichier PowerPoint lisible" in capsys.readouterr().err
    assert listing(tmp_path) == ["cours.pdf", "cours.pptx"]


def test_a_powerpoint_of_another_length_is_said_and_what_matches_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Accueil"], ["Nouveauté"], ["Conclusion"]])
    pptx = write_pptx(tmp_path / "cours.pptx", [("Accueil", "Un"), ("Conclusion", "Trois")])
    argv = ["import", str(source), "--out", str(tmp_path / "d"), "--notes-from", str(pptx)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "le PowerPoint a 2 diapositives et le PDF 3 pages" in err
    assert "Notes reprises pour les 2 pages retrouvées" in err
    deck_text = (tmp_path / "d" / "deck.md").read_text(encoding="utf-8")
    assert "Notes:\nUn\n" in deck_text and "Notes:\nTrois\n" in deck_text
