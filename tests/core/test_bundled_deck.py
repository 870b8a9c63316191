"""The course shipped in `slides/` loads and carries the day's activities. Needs no display."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fphkiosk import cli
from fphkiosk.core.deck import Deck, Poll, ScaleActivity
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.scales import ScaleDefinition
from fphkiosk.paths import bundled_deck_dir

EPWORTH_LICENCE = (
    "Échelle de somnolence d'Epworth (ESS) © M.W. Johns 1990-1997. Utilisation libre pour les "
    "particuliers ; les organisations doivent obtenir une licence auprès de Mapi Research Trust."
)


@pytest.fixture(scope="module")
def deck(bundled_deck_path: Path) -> Deck:
    return load_deck(bundled_deck_path)


def _poll(deck: Deck, activity_id: str) -> Poll:
    activity = deck.activity(activity_id)
    assert isinstance(activity, Poll), f"{activity_id} is not a poll or quiz"
    return activity


def _scale(deck: Deck, activity_id: str) -> ScaleDefinition:
    activity = deck.activity(activity_id)
    assert isinstance(activity, ScaleActivity), f"{activity_id} is not a scale"
    return activity.scale


def _correct_text(poll: Poll) -> str:
    assert len(poll.correct) == 1, f"{poll.id} has not one correct answer"
    return poll.choices[poll.correct[0]]


def test_front_matter(deck: Deck) -> None:
    assert deck.meta.title == (
        "Pour une bonne utilisation des réseaux sociaux dans la Fonction Publique Hospitalière"
    )
    assert deck.meta.date == "Mardi 21 novembre 2023"
    assert deck.meta.place == "Domaine de l'Asnée"
    assert deck.meta.organizer == "ANFH Lorraine"
    assert deck.meta.min_group_size == 5


def test_activity_ids_and_kinds(deck: Deck) -> None:
    kinds = {a.id: a.kind for a in deck.activities}
    assert kinds == {
        "chu-tweets": "poll",
        "chu-presence": "poll",
        "ortman": "scale",
        "epworth": "scale",
        "rgpd": "quiz",
        "whatsapp": "poll",
        "video-actions": "poll",
        "table-ronde-1": "qa",
        "table-ronde-2": "qa",
    }


def test_polls_with_a_correct_answer(deck: Deck) -> None:
    # Figures and "%" held together by no-break spaces: no screen breaks a line inside them.
    tweets = _poll(deck, "chu-tweets")
    assert tweets.choices == ("2\u00a0600", "27\u00a0900", "8\u00a0560\u00a0000")
    assert _correct_text(tweets) == "27\u00a0900"
    presence = _poll(deck, "chu-presence")
    assert presence.choices == ("26\u00a0%", "64\u00a0%", "96\u00a0%")
    assert _correct_text(presence) == "96\u00a0%"


def test_no_figure_of_the_course_can_break_across_lines() -> None:
    text = (bundled_deck_dir() / "deck.md").read_text(encoding="utf-8")
    assert not re.findall(r"\d (?:\d{3}(?!\d)|[%€])", text)


def test_rgpd_quiz_answer_is_the_general_data_protection_regulation(deck: Deck) -> None:
    quiz = _poll(deck, "rgpd")
    assert len(quiz.choices) == 3
    assert quiz.correct == (2,)
    assert _correct_text(quiz) == "R.G.P.D (Règlement Général de Protection des Données)"


def test_opinion_polls(deck: Deck) -> None:
    whatsapp = _poll(deck, "whatsapp")
    assert whatsapp.correct == ()
    assert whatsapp.mode == "single"
    actions = _poll(deck, "video-actions")
    assert actions.mode == "best-worst"
    assert actions.correct == ()
    assert actions.choices == ("Liker", "Commenter", "Partager", "Signaler", "Ignorer")
    assert actions.prompts == ("Quelle est la meilleure ?", "Quelle est la pire ?")


def test_ortman_scale(deck: Deck) -> None:
    scale = _scale(deck, "ortman")
    assert len(scale.items) == 9
    assert [(o.label, o.points) for o in scale.options] == [("Non", 0), ("Oui", 1)]
    assert (scale.min_score, scale.max_score) == (0, 9)
    assert "Ortman" in scale.source
    expected = {
        0: "Normale",
        3: "Normale",
        4: "Exagérée, comme une passion",
        6: "Exagérée, comme une passion",
        7: "Dangereuse pour la santé (cyberdépendance)",
        9: "Dangereuse pour la santé (cyberdépendance)",
    }
    assert {score: scale.band_for(score).label for score in expected} == expected
    assert all(band.advice for band in scale.bands)


def test_epworth_scale(deck: Deck) -> None:
    scale = _scale(deck, "epworth")
    assert len(scale.items) == 8
    assert [(o.label, o.points) for o in scale.options] == [
        ("Non", 0),
        ("Un peu", 1),
        ("Beaucoup", 2),
        ("Toujours", 3),
    ]
    assert (scale.min_score, scale.max_score) == (0, 24)
    assert scale.instructions == "Je risque de m'endormir :"
    assert scale.licence == EPWORTH_LICENCE
    labels = {score: scale.band_for(score).label for score in (0, 7, 8, 12, 13, 24)}
    assert labels[0] == labels[7] == "Somnolence normale, pas de souci"
    assert labels[8] == labels[12] == "Zone intermédiaire"
    assert labels[13] == labels[24] == "Attention, peut-être trop de réseaux ?"


def test_time_per_platform_chart(deck: Deck) -> None:
    charts = {c.id: c for s in deck.slides for c in s.charts}
    chart = charts["temps-par-plateforme"]
    assert chart.orientation == "horizontal"
    assert [(b.label, b.value, b.text) for b in chart.bars] == [
        ("TikTok", 21.4, "21 h 24"),
        ("Facebook", 12.9, "12 h 54"),
        ("YouTube", 11.7, "11 h 42"),
        ("Instagram", 8.6, "8 h 36"),
        ("WhatsApp", 5.5, "5 h 30"),
    ]
    slide = next(s for s in deck.slides if chart in s.charts)
    assert slide.title == "Quelques chiffres : temps passé par mois"
    previous = deck.slides[slide.index - 2]
    assert previous.title.startswith("Usage des réseaux sociaux par les Français")


def test_slides_have_titles_and_open_with_the_title_page(deck: Deck) -> None:
    assert deck.slides[0].layout == "title"
    untitled = [s.index for s in deck.slides if not s.title.strip() and s.layout != "title"]
    assert untitled == []


def test_check_command_accepts_the_bundled_deck(
    bundled_deck_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(bundled_deck_path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "video-actions" in out
    assert "epworth" in out
