"""One session recorded through the real server, exported in every format, checked figure by figure.

The expected figures come from the answers the participants sent (tests.export.truth), not from
the application's aggregation. Every format shows what the room saw (``core.privacy``): polls whole
from the minimum group, a scale's rounded average in a room of 12, the respondents always.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.core.i18n import Translator
from fphkiosk.export.stats_cli import EXIT_OK, run_stats
from tests.export.conftest import Recordings
from tests.export.helpers import (
    csv_rows,
    json_document,
    pdf_page_count,
    pdf_text,
    row_starting,
    xlsx_sheets,
)
from tests.export.truth import best_worst_counts, choice_counts, scale_truth

FORMATS = {"xlsx", "csv", "json", "pdf"}


@pytest.fixture(scope="module")
def exported(
    recordings: Recordings, tr: Translator, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("export") / "stats"
    code = run_stats(
        [recordings.nancy.session], out, FORMATS, False, tr, deck=recordings.nancy.deck
    )
    assert code == EXIT_OK
    return out


def test_every_format_is_written(exported: Path) -> None:
    names = sorted(p.name for p in exported.iterdir())
    assert names == sorted(
        [
            "statistiques.xlsx",
            "statistiques.json",
            "rapport.pdf",
            "resume.csv",
            "01-tweets.csv",
            "02-rgpd.csv",
            "03-actions.csv",
            "04-stress.csv",
            "05-petit.csv",
            "06-jamais.csv",
        ]
    )
    assert not list(exported.glob(".*"))  # no temporary file left behind


def test_the_workbook_holds_the_room_s_figures(exported: Path, recordings: Recordings) -> None:
    plan = recordings.nancy.plan
    sheets = xlsx_sheets(exported / "statistiques.xlsx")
    assert list(sheets) == [
        "Résumé", "01-tweets", "02-rgpd", "03-actions", "04-stress", "05-petit", "06-jamais",
    ]  # fmt: skip

    summary = sheets["Résumé"]
    assert row_starting(summary, "Lieu")[1] == plan.place
    assert row_starting(summary, "Date du cours")[1] == plan.date
    ran_on = row_starting(summary, "Session tenue le")[1]
    assert isinstance(ran_on, str) and len(ran_on) == 10 and ran_on[2] == "/", "dd/mm/yyyy"
    assert row_starting(summary, "Formation")[1] == recordings.nancy.deck.meta.title
    assert row_starting(summary, "Appareils connectés (au plus)")[1] == plan.participants
    tweets_line = next(r for r in summary if r[2] == "tweets")
    assert tweets_line[6] == 12 and tweets_line[7] == pytest.approx(8 / 12)
    small_n = len(plan.final("petit"))
    assert 0 < small_n < 5
    assert next(r for r in summary if r[2] == "petit")[6] == small_n
    assert next(r for r in summary if r[2] == "jamais")[5] == "Non lancée"

    counts = choice_counts(plan, "tweets", 3)
    assert counts == [1, 8, 3]
    tweets = sheets["01-tweets"]
    assert row_starting(tweets, "Répondants")[1] == 12
    assert row_starting(tweets, "Bonnes réponses")[1] == pytest.approx(8 / 12)
    # Published whole, as the projector and the tablets showed it: 1 / 8 / 3.
    assert row_starting(tweets, "2 600")[2:4] == (1, pytest.approx(1 / 12))
    assert row_starting(tweets, "27 900")[1:4] == ("oui", 8, pytest.approx(8 / 12))
    assert row_starting(tweets, "8 560 000")[2:4] == (3, pytest.approx(3 / 12))

    quiz = sheets["02-rgpd"]
    for label, count in zip(
        ("Code de la route", "Code civil", "RGPD"), choice_counts(plan, "rgpd", 3), strict=True
    ):
        assert row_starting(quiz, label)[2:4] == (count, pytest.approx(count / 12))
    assert row_starting(quiz, "Bonnes réponses")[1] == pytest.approx(7 / 12)

    best, worst = best_worst_counts(plan, "actions", 4)
    assert (best, worst) == ([6, 0, 5, 1], [0, 7, 0, 5])
    actions = sheets["03-actions"]
    assert row_starting(actions, "Signaler")[1:5] == (6, 0.5, 0, 0)
    assert row_starting(actions, "Commenter")[1:5] == (0, 0, 7, pytest.approx(7 / 12))
    assert row_starting(actions, "Ignorer")[1:5] == (5, pytest.approx(5 / 12), 0, 0)
    partager = row_starting(actions, "Partager")[1:5]
    assert partager == (1, pytest.approx(1 / 12), 5, pytest.approx(5 / 12))

    truth = scale_truth(plan, "stress")
    stress = sheets["04-stress"]
    assert row_starting(stress, "Répondants")[1] == truth.n
    # A room of 12 (under 3 bands x 5): the small-room view, the average rounded to a point.
    assert truth.mean == pytest.approx(29 / 12)
    assert row_starting(stress, "Score moyen")[1] == "≈\u00a02"
    assert not [r for r in stress if r and r[0] in ("Score médian", "Faible", "Moyen", "Élevé")]

    small = sheets["05-petit"]
    assert row_starting(small, "Répondants")[1] == small_n
    assert row_starting(small, "Oui")[1:] == (None, None)  # no distribution at all
    assert any("Moins de 5 personnes ont répondu" in str(r[0]) for r in small)


def test_the_workbook_is_formatted_for_reading(exported: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(exported / "statistiques.xlsx")
    ws = book["01-tweets"]
    assert ws.freeze_panes is not None
    header_row = int(ws.freeze_panes[1:]) - 1
    assert ws.cell(row=header_row, column=1).value == "Choix"
    share = next(c for row in ws.iter_rows() for c in row if c.value == pytest.approx(8 / 12))
    assert "%" in share.number_format
    assert ws.column_dimensions["A"].width >= 10
    book.close()


def test_the_csv_files_open_in_french_excel(exported: Path, recordings: Recordings) -> None:
    raw = (exported / "01-tweets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents right
    tweets = csv_rows(exported / "01-tweets.csv")
    assert tweets[0] == ["Combien de tweets les CHU ont-ils publié en 2020 ?"]
    assert row_starting(tweets, "Choix") == ["Choix", "Bonne réponse", "Réponses", "Part (%)"]
    assert row_starting(tweets, "27 900") == ["27 900", "oui", "8", "66,7"]
    assert row_starting(tweets, "2 600")[2:] == ["1", "8,3"]
    assert row_starting(tweets, "Bonnes réponses") == ["Bonnes réponses", "66,7"]

    stress = csv_rows(exported / "04-stress.csv")
    assert row_starting(stress, "Score moyen") == ["Score moyen", "≈\u00a02"]

    summary = csv_rows(exported / "resume.csv")
    assert row_starting(summary, "Lieu") == ["Lieu", recordings.nancy.plan.place]
    assert not any("masqué" in cell for row in summary for cell in row)


def test_the_json_follows_its_documented_schema(exported: Path, recordings: Recordings) -> None:
    document = json_document(exported / "statistiques.json")
    assert (document["format"], document["version"]) == ("fphkiosk-statistics", 2)
    assert document["comparison"] is None
    (session,) = document["sessions"]
    assert session["session"]["place"] == recordings.nancy.plan.place
    assert session["session"]["peak_connected"] == 12
    activities = {a["id"]: a for a in session["activities"]}
    tweets = activities["tweets"]
    assert tweets["respondents"]["count"] == 12
    assert [c["count"]["count"] for c in tweets["choices"]] == [1, 8, 3]
    assert [c["count"]["suppressed"] for c in tweets["choices"]] == [False, False, False]
    assert tweets["correct_share"] == pytest.approx(8 / 12)
    actions = activities["actions"]
    assert [c["worst"]["count"] for c in actions["choices"]] == [0, 7, 0, 5]
    scale = activities["stress"]["scale"]
    assert (scale["mean"], scale["mean_relation"]) == (2.0, "about")
    assert scale["shows_distribution"] is False and scale["distribution_from"] == 15
    assert [b["count"] for b in scale["bands"]] == [None, None, None]
    assert [i["yes_share"] for i in scale["items"]] == [None] * 4
    assert scale["median"] is None and scale["scores"] == []
    small = activities["petit"]
    assert small["published"] is False and small["respondents"]["suppressed"] is False
    assert 0 < small["respondents"]["count"] < 5
    assert all(c["count"] is None for c in small["choices"])


def test_no_export_holds_a_token_or_an_answer_id(exported: Path, recordings: Recordings) -> None:
    import sqlite3

    db = sqlite3.connect(recordings.nancy.session)
    secrets = [v for row in db.execute("SELECT token, answer_id FROM answer") for v in row]
    db.close()
    assert len(secrets) > 40
    for path in exported.iterdir():
        text = path.read_bytes()
        assert not [s for s in secrets if s.encode() in text], path.name


def test_the_pdf_report_has_a_title_page_and_a_page_per_activity(
    exported: Path, recordings: Recordings
) -> None:
    report = exported / "rapport.pdf"
    assert report.read_bytes().startswith(b"%PDF")
    assert pdf_page_count(report) == 1 + 6
    text = pdf_text(report)
    if text is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pages = text.split("\f")
    assert recordings.nancy.plan.place in pages[0]
    assert "Réseaux sociaux" in pages[0]
    # The chart (with the question) is an image; its table is text.
    assert "27 900" in pages[1] and "66,7 %" in pages[1]
    assert "Résultats non publiés" in pages[5]
