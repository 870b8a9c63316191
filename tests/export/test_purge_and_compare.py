"""Purging the raw answers keeps the same statistics; sessions compare side by side."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from fphkiosk.core.i18n import Translator
from fphkiosk.export.session_file import save_session_statistics
from fphkiosk.export.stats_cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_purge, run_stats
from fphkiosk.export.tables import local_time
from tests.export.conftest import Recordings, copy_session
from tests.export.helpers import csv_rows, json_document, pdf_page_count, row_starting, xlsx_sheets
from tests.export.truth import choice_counts

FORMATS = {"xlsx", "csv", "json", "pdf"}


def _answers(path: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(path)
    rows = db.execute("SELECT token, answer_id FROM answer").fetchall()
    db.close()
    return rows


def test_a_purged_session_exports_the_same_statistics(
    recordings: Recordings, tr: Translator, tmp_path: Path
) -> None:
    session = copy_session(recordings.nancy, tmp_path / "in")
    before, after = tmp_path / "before", tmp_path / "after"
    deck = recordings.nancy.deck
    assert run_stats([session], before, FORMATS, False, tr, deck=deck) == EXIT_OK
    raw = _answers(session)
    # The latest answer of each participant per activity: the changed one replaced its first.
    assert len(raw) == 12 * 4 + 3
    asked: list[str] = []

    def answer(question: str) -> str:
        asked.append(question)
        return "o\n"

    assert run_purge(session, tr, confirm=True, deck=deck, ask=answer) == EXIT_OK
    assert asked == ["Supprimer définitivement les réponses individuelles ? [o/N] "]
    assert _answers(session) == []
    # Overwritten, not only unlinked: no token is left in the file or its write-ahead log.
    leftovers = b"".join(p.read_bytes() for p in session.parent.iterdir())
    assert not [t for t, _ in raw if t.encode() in leftovers]

    # After the purge the deck is no longer needed: the statistics live in the session file.
    assert run_stats([session], after, FORMATS, False, tr) == EXIT_OK
    for name in ("statistiques.json", "resume.csv", "03-actions.csv", "04-stress.csv"):
        assert (after / name).read_bytes() == (before / name).read_bytes(), name
    assert xlsx_sheets(after / "statistiques.xlsx") == xlsx_sheets(before / "statistiques.xlsx")
    assert pdf_page_count(after / "rapport.pdf") == pdf_page_count(before / "rapport.pdf")


def test_a_purge_is_cancelled_unless_confirmed(
    recordings: Recordings, tr: Translator, tmp_path: Path
) -> None:
    session = copy_session(recordings.nancy, tmp_path)
    count = len(_answers(session))
    err = io.StringIO()
    code = run_purge(
        session, tr, confirm=True, deck=recordings.nancy.deck, ask=lambda q: "\n", stderr=err
    )
    assert code == EXIT_FAILED
    assert "rien n'a été supprimé" in err.getvalue()
    assert len(_answers(session)) == count
    # --yes: no question asked.
    code = run_purge(session, tr, confirm=False, deck=recordings.nancy.deck, ask=_never)
    assert code == EXIT_OK and _answers(session) == []


def _never(question: str) -> str:
    raise AssertionError("no question expected with --yes")


def test_a_purge_without_saved_statistics_needs_the_deck(
    recordings: Recordings, tr: Translator, tmp_path: Path
) -> None:
    session = copy_session(recordings.nancy, tmp_path)
    err = io.StringIO()
    assert run_purge(session, tr, confirm=False, stderr=err) == EXIT_USAGE
    assert "n'ont pas encore été enregistrées" in err.getvalue()
    assert len(_answers(session)) == 51


def test_two_sessions_compare_side_by_side(
    recordings: Recordings, tr: Translator, tmp_path: Path
) -> None:
    nancy = copy_session(recordings.nancy, tmp_path / "in")
    metz = copy_session(recordings.metz, tmp_path / "in")
    # Each day's statistics are saved with that day's deck (its date and place).
    save_session_statistics(nancy, recordings.nancy.deck)
    save_session_statistics(metz, recordings.metz.deck)
    out = tmp_path / "out"
    err = io.StringIO()
    assert run_stats([nancy, metz], out, FORMATS, True, tr, stderr=err) == EXIT_OK
    progress = err.getvalue().splitlines()
    assert progress[0] == "Export 1/30\u00a0: nancy/statistiques.xlsx…"
    assert progress[-1] == "Export 30/30\u00a0: comparaison.pdf…"
    assert (out / "metz" / "rapport.pdf").is_file() and (out / "nancy" / "resume.csv").is_file()

    # Each session: where, the day it ran, and the course's own date beside it.
    def ran_on(name: str) -> str:
        document = json_document(out / name / "statistiques.json")
        return local_time(document["sessions"][0]["session"]["started_at"])[:10]

    nancy_label = (
        f"{recordings.nancy.plan.place} — {ran_on('nancy')} ({recordings.nancy.plan.date})"
    )
    metz_label = f"{recordings.metz.plan.place} — {ran_on('metz')} ({recordings.metz.plan.date})"
    sheets = xlsx_sheets(out / "comparaison.xlsx")
    quiz = sheets["02-rgpd"]
    assert row_starting(quiz, "Indicateur") == ("Indicateur", nancy_label, metz_label)
    assert row_starting(quiz, "Répondants")[1:] == (12, 8)
    assert row_starting(quiz, "RGPD")[1:] == (pytest.approx(7 / 12), 1.0)
    assert row_starting(quiz, "Code civil")[1:] == (pytest.approx(5 / 12), 0.0)
    # Polls as each room saw them, whole from the minimum group.
    metz_tweets = choice_counts(recordings.metz.plan, "tweets", 3)
    tweets = sheets["01-tweets"]
    assert row_starting(tweets, "27 900")[1:] == (
        pytest.approx(8 / 12),
        pytest.approx(metz_tweets[1] / 8),
    )
    stress = sheets["04-stress"]
    # 29 / 12 and 17 / 8: both rooms saw "≈ 2"; no band shown in rooms of 12 and 8.
    assert row_starting(stress, "Score moyen")[1:] == (2.0, 2.0)
    assert row_starting(stress, "Niveau «\u00a0Faible\u00a0»")[1:] == (None, None)
    actions = sheets["03-actions"]
    assert row_starting(actions, "Meilleure\u00a0: Signaler")[1:] == (0.5, 1.0)
    small = sheets["05-petit"]
    assert row_starting(small, "Répondants")[1:] == (len(recordings.nancy.plan.final("petit")), 0)

    rows = csv_rows(out / "comparaison-02-rgpd.csv")
    assert row_starting(rows, "RGPD (%)") == ["RGPD (%)", "58,3", "100,0"]
    assert row_starting(rows, "Répondants") == ["Répondants", "12", "8"]

    document = json_document(out / "comparaison.json")
    assert len(document["sessions"]) == 2
    comparison = document["comparison"]
    assert [s["label"] for s in comparison["sessions"]] == [nancy_label, metz_label]
    quiz_json = next(a for a in comparison["activities"] if a["id"] == "rgpd")
    respondents = next(r for r in quiz_json["rows"] if r["key"] == "respondents")
    assert [v["value"] for v in respondents["values"]] == [12, 8]

    # An overview page, then one page per activity.
    assert pdf_page_count(out / "comparaison.pdf") == 1 + 6
