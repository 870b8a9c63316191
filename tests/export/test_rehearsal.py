"""A rehearsal (``present --simulate N``) says so in its session file and in every export;
comparisons leave rehearsals out unless asked."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from fphkiosk.cli import main
from fphkiosk.core.i18n import Translator
from fphkiosk.export.session_file import save_session_statistics
from fphkiosk.export.stats_cli import EXIT_OK, run_purge, run_stats
from fphkiosk.room.live_room import LiveRoom
from tests.export.conftest import Recorded, Recordings, copy_session
from tests.export.helpers import csv_rows, json_document, row_starting, xlsx_sheets

FORMATS = {"xlsx", "csv", "json", "pdf"}
MARK = "Répétition (participants simulés)"


async def _open_as_rehearsal(recorded: Recorded, session: Path) -> None:
    # What `present --simulate N` does once the session file is open, before any answer.
    live = await LiveRoom.open(recorded.deck, session)
    try:
        await live.mark_rehearsal()
    finally:
        await live.close()


def _rehearsal(recorded: Recorded, folder: Path, name: str) -> Path:
    session = copy_session(recorded, folder, name)
    asyncio.run(_open_as_rehearsal(recorded, session))
    save_session_statistics(session, recorded.deck)
    return session


def _normal(recorded: Recorded, folder: Path, name: str) -> Path:
    session = copy_session(recorded, folder, name)
    save_session_statistics(session, recorded.deck)
    return session


def _first_pdf_page(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return str(document[0].get_textpage().get_text_range())
    finally:
        document.close()


def _column(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("SELECT rehearsal FROM session").fetchone()[0])
    finally:
        db.close()


def test_a_rehearsal_is_marked_in_every_format_and_a_real_session_in_none(
    recordings: Recordings, tr: Translator, tmp_path: Path
) -> None:
    rehearsal = _rehearsal(recordings.nancy, tmp_path / "in", "repetition.fphk")
    normal = _normal(recordings.nancy, tmp_path / "in", "nancy.fphk")
    assert (_column(rehearsal), _column(normal)) == (1, 0)
    for session, marked in ((rehearsal, True), (normal, False)):
        out = tmp_path / session.stem
        assert run_stats([session], out, FORMATS, False, tr) == EXIT_OK

        assert json_document(out / "statistiques.json")["sessions"][0]["session"]["rehearsal"] is (
            marked
        )
        summary = csv_rows(out / "resume.csv")
        assert (MARK in summary[0][0]) is marked
        assert any(row[:1] == [MARK] for row in summary) is marked
        cells = [c for row in xlsx_sheets(out / "statistiques.xlsx")["Résumé"] for c in row]
        assert any(isinstance(c, str) and MARK in c for c in cells) is marked
        first_page = _first_pdf_page(out / "rapport.pdf")
        assert recordings.nancy.deck.meta.title in first_page
        assert (MARK.upper() in first_page) is marked, first_page[:300]
    # The summary's figures are the same: only the mark differs.
    marked_rows = csv_rows(tmp_path / "repetition" / "resume.csv")
    plain_rows = csv_rows(tmp_path / "nancy" / "resume.csv")
    assert row_starting(marked_rows, "Appareils connectés (au plus)") == row_starting(
        plain_rows, "Appareils connectés (au plus)"
    )


def test_the_purge_keeps_the_rehearsal_mark(
    recordings: Recordings, tr: Translator, tmp_path: Path
) -> None:
    session = _rehearsal(recordings.nancy, tmp_path / "in", "repetition.fphk")
    assert run_purge(session, tr, confirm=False) == EXIT_OK
    db = sqlite3.connect(session)
    assert db.execute("SELECT count(*) FROM answer").fetchone()[0] == 0
    db.close()
    assert _column(session) == 1
    out = tmp_path / "out"
    assert run_stats([session], out, {"json", "csv"}, False, tr) == EXIT_OK
    assert json_document(out / "statistiques.json")["sessions"][0]["session"]["rehearsal"] is True
    assert csv_rows(out / "resume.csv")[0][0].endswith(MARK)


def test_a_comparison_leaves_rehearsals_out_and_says_which(
    recordings: Recordings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    rehearsal = _rehearsal(recordings.nancy, folder, "repetition.fphk")
    nancy = _normal(recordings.nancy, folder, "nancy.fphk")
    metz = _normal(recordings.metz, folder, "metz.fphk")
    files = [str(rehearsal), str(nancy), str(metz)]

    out = tmp_path / "sans"
    assert main(["stats", *files, "--out", str(out), "--compare", "--format", "json,csv"]) == 0
    err = capsys.readouterr().err
    assert "Répétitions laissées hors de la comparaison" in err and "repetition.fphk" in err
    compared = json_document(out / "comparaison.json")
    assert [s["source"] for s in compared["comparison"]["sessions"]] == ["nancy.fphk", "metz.fphk"]
    assert not (out / "repetition").exists()

    out = tmp_path / "avec"
    argv = ["stats", *files, "--out", str(out), "--compare", "--format", "json,csv"]
    assert main([*argv, "--include-rehearsals"]) == 0
    assert "Répétitions" not in capsys.readouterr().err
    sessions = json_document(out / "comparaison.json")["comparison"]["sessions"]
    assert [(s["source"], s["rehearsal"]) for s in sessions] == [
        ("repetition.fphk", True),
        ("nancy.fphk", False),
        ("metz.fphk", False),
    ]
    listed = csv_rows(out / "comparaison-resume.csv")
    labels = [row[0] for row in listed if len(row) == 3 and row[1].endswith(".fphk")]
    assert labels[0].endswith(" — répétition") and labels[0].startswith(sessions[0]["label"])
    assert not any("répétition" in label for label in labels[1:])


def test_a_comparison_of_rehearsals_alone_is_refused_in_french(
    recordings: Recordings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    rehearsal = _rehearsal(recordings.nancy, folder, "repetition.fphk")
    nancy = _normal(recordings.nancy, folder, "nancy.fphk")
    out = tmp_path / "out"
    assert main(["stats", str(rehearsal), str(nancy), "--out", str(out), "--compare"]) == 2
    err = capsys.readouterr().err
    assert "Il ne reste pas deux sessions à comparer" in err and "repetition.fphk" in err
    assert "--include-rehearsals" in err
    assert not out.exists()
