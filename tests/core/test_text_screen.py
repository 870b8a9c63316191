"""The text screen's API, on the course's own insulting comment and a few personal data."""

from __future__ import annotations

from fphkiosk.core.text_screen import Flag, FlagCategory, screen_text
from fphkiosk.paths import bundled_deck_dir

SEED_COMMENT = (
    "Vous êtes vraiment grave !! Et le respect du patient vous connaissez bande de nazes. En tant "
    "que proche de malade, je trouve ça à gerber. Non seulement vous êtes nuls mais dangereux."
)


def found(text: str) -> list[tuple[str, str]]:
    screening = screen_text(text)
    return [(f.category.value, text[f.start : f.end]) for f in screening.flags]


def test_the_course_comment_is_flagged_as_insulting() -> None:
    screening = screen_text(SEED_COMMENT)
    assert screening.flagged
    assert found(SEED_COMMENT) == [("insult", "nazes"), ("insult", "nuls")]


def test_spans_index_the_text_as_given() -> None:
    text = "Écrivez à marie.dupont@chu-nancy.fr ou au 06 12 34 56 78, chambre 12."
    screening = screen_text(text)
    assert screening.flags == (
        Flag(FlagCategory.EMAIL, 10, 35),
        Flag(FlagCategory.PHONE, 42, 56),
        Flag(FlagCategory.ROOM, 58, 68),
    )


def test_a_plain_question_is_not_flagged() -> None:
    screening = screen_text("Comment protéger les patients sur les réseaux sociaux ?")
    assert not screening.flagged
    assert screening.flags == ()


def test_the_bundled_course_raises_no_false_flag() -> None:
    """Every line of the course's own slides: only its speakers' names, the insults it quotes and
    its links are flagged, and none of its thousand other lines."""
    allowed = {
        ("name", "Béatrice FRANCES BOULAIRE"),
        ("name", "Christiane HANN-AREND"),
        ("name", "Cyrille LE JAMTEL"),
        ("name", "Dominique HOUEL"),
        ("name", "François-Xavier MORONVAL"),
        ("name", "Ortman"),
        ("name", "Philippe Geluck"),
        ("name", "Romain BECKER"),
        ("name", "Serge Tisseron"),
        ("name", "Émeline IHRY-HELVIG"),
        ("insult", "BOLOSS"),
        ("insult", "nazes"),
        ("insult", "nuls"),
        ("url", "https://www.blogdumoderateur.com/classement-reseaux-sociaux-france-2023/"),
        ("url", "internet-signalement.gouv.fr"),
    }
    lines = bundled_deck_dir().joinpath("deck.md").read_text(encoding="utf-8").splitlines()
    texts = [line[i : i + 280] for line in lines for i in range(0, len(line), 280)]
    flagged = {pair for text in texts if text.strip() for pair in found(text)}
    assert len(texts) > 500
    assert flagged <= allowed, flagged - allowed
    speakers = {"Romain BECKER", "Béatrice FRANCES BOULAIRE", "François-Xavier MORONVAL"}
    assert {("name", s) for s in speakers} <= flagged
    assert ("insult", "nazes") in flagged
