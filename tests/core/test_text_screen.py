"""The text screen's API, on the course's own insulting comment and a few personal data."""

from __future__ import annotations

from fphkiosk.core.text_screen import Flag, FlagCategory, screen_text

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
