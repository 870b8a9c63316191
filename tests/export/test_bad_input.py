"""Files that are not usable sessions, and a disk that fills up: a French message, no output."""

from __future__ import annotations

import errno
import io
import sqlite3
from pathlib import Path
from typing import BinaryIO

import pytest

from fphkiosk.core.i18n import Translator
from fphkiosk.export import exporting
from fphkiosk.export.stats_cli import EXIT_FAILED, EXIT_USAGE, run_purge, run_stats
from fphkiosk.storage.schema import LATEST_VERSION
from tests.export.conftest import Recordings, copy_session
from tests.export.recorded import Plan, write_deck

FORMATS = {"xlsx", "csv", "json", "pdf"}


def _stats(files: list[Path], out: Path, tr: Translator, recordings: Recordings) -> tuple[int, str]:
    err = io.StringIO()
    code = run_stats(files, out, FORMATS, False, tr, deck=recordings.nancy.deck, stderr=err)
    return code, err.getvalue()


def _text_file(folder: Path, recordings: Recordings) -> Path:
    path = folder / "notes.fphk"
    path.write_text("Ceci n'est pas une session.\n" * 50, encoding="utf-8")
    return path


def _other_database(folder: Path, recordings: Recordings) -> Path:
    path = folder / "contacts.fphk"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (nom TEXT)")
    db.commit()
    db.close()
    return path


def _newer(folder: Path, recordings: Recordings) -> Path:
    path = copy_session(recordings.nancy, folder, "future.fphk")
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    db.commit()
    db.close()
    return path


def _damaged(folder: Path, recordings: Recordings) -> Path:
    path = copy_session(recordings.nancy, folder, "abime.fphk")
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 5):  # keep the header: it still claims to be ours
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    return path


CASES = {
    "text": (_text_file, "n'est pas un fichier de session"),
    "other database": (_other_database, "n'est pas un fichier de session"),
    "newer": (_newer, "version plus récente"),
    "damaged": (_damaged, "endommagé"),
    "missing": (lambda folder, recordings: folder / "absent.fphk", "introuvable"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_session_file_gives_exit_2_and_no_output(
    case: str, recordings: Recordings, tr: Translator, tmp_path: Path
) -> None:
    make, message = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    bad = make(folder, recordings)
    good = copy_session(recordings.nancy, folder)
    out = tmp_path / "out"
    code, err = _stats([good, bad], out, tr, recordings)
    assert code == EXIT_USAGE
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()  # the good file before it was not exported either
    purge_err = io.StringIO()
    assert run_purge(bad, tr, confirm=False, deck=recordings.nancy.deck, stderr=purge_err) == 2
    assert message in purge_err.getvalue()


def test_another_course_s_deck_is_refused(
    recordings: Recordings, tr: Translator, tmp_path: Path
) -> None:
    other = write_deck(tmp_path / "deck", Plan("Ailleurs", "1er janvier 2024", 1), "Autre cours")
    err = io.StringIO()
    out = tmp_path / "out"
    code = run_stats([recordings.nancy.session], out, FORMATS, False, tr, deck=other, stderr=err)
    assert code == EXIT_USAGE
    assert "n'a pas été enregistré avec ce support" in err.getvalue()
    assert not out.exists()


def test_usage_mistakes_are_refused(recordings: Recordings, tr: Translator, tmp_path: Path) -> None:
    err = io.StringIO()
    session = recordings.nancy.session
    assert run_stats([session], tmp_path / "o", {"docx"}, False, tr, stderr=err) == EXIT_USAGE
    assert "Format inconnu" in err.getvalue()
    assert run_stats([session], tmp_path / "o", {"csv"}, True, tr, stderr=err) == EXIT_USAGE
    assert "au moins deux" in err.getvalue()
    a_file = tmp_path / "fichier.txt"
    a_file.write_text("x", encoding="utf-8")
    assert run_stats([session], a_file, {"csv"}, False, tr, stderr=err) == EXIT_USAGE
    assert "n'est pas un dossier" in err.getvalue()
    assert not (tmp_path / "o").exists()


def test_a_full_disk_leaves_no_half_written_file(
    recordings: Recordings, tr: Translator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str] = []

    def fill_up(stream: BinaryIO, data: bytes) -> None:
        # The disk fills up in the middle of the third file.
        if len(written) == 2:
            stream.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(stream.name)
        stream.write(data)

    monkeypatch.setattr(exporting, "_write_all", fill_up)
    out = tmp_path / "out"
    code, err = _stats([recordings.nancy.session], out, tr, recordings)
    assert code == EXIT_FAILED
    assert "Le disque est plein" in err and "01-tweets.csv" in err
    assert "Export 3/10\u00a0: 01-tweets.csv…" in err
    # The two files finished before are whole; the third left nothing, not even its temporary.
    assert sorted(p.name for p in out.iterdir()) == ["resume.csv", "statistiques.xlsx"]
