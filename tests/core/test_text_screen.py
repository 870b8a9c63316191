"""The text screen's API, on the course's own insulting comment and a few personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.core.text_lexicons import ScreenLexicons, load_lexicons, read_list
from fphkiosk.core.text_screen import Flag, FlagCategory, screen_text
from fphkiosk.paths import assets_dir, bundled_deck_dir

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
        ("name", "Taibi"),
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


def small_lexicons(tmp_path: Path) -> ScreenLexicons:
    lists = {
        "first_names_fr.txt": "Nathalie\nPierre\nRose\nKévin\n",
        "first_names_also_words_fr.txt": "pierre\nrose\n",
        "surnames_fr.txt": "Dupont\n",
        "surnames_also_words_fr.txt": "Moreau\nPetit\n",
        "not_names_fr.txt": "# places\nNancy\n",
        "insults_fr.txt": "connard\nfils de pute\nmoins-que-rien\n",
        "insults_when_aimed_fr.txt": "nul\nnulle\n",
    }
    for name, content in lists.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    return load_lexicons(tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J'ai vu KEVIN hier", [("name", "KEVIN")]),
        ("Une rose et une pierre", []),
        ("C'est Rose qui a filmé", [("name", "Rose")]),
        ("La Rose des vents", []),
        ("Parlé de Moreau hier", [("name", "Moreau")]),
        ("Espace Moreau", []),
        ("Le Dr Zorglub a répondu", [("name", "Zorglub")]),
        ("Nathalie, Dupont et les autres", [("name", "Nathalie"), ("name", "Dupont")]),
        ("nathalie et pierre sont là", [("name", "nathalie"), ("name", "pierre")]),
        ("PIERRE DUPONT EST VENU", [("name", "PIERRE DUPONT")]),
        ("ROSE EST BELLE AUJOURD'HUI", []),
        ("Pierre a posté", [("name", "Pierre")]),
        ("Pierre est dure", []),
        ("Vous êtes nuls et elle est nulle", [("insult", "nuls"), ("insult", "nulle")]),
        ("Un match nul", []),
        (
            "Quel c0nnnnard, un vrai moins que rien",
            [("insult", "c0nnnnard"), ("insult", "moins que rien")],
        ),
        ("Fils de pute !", [("insult", "Fils de pute")]),
        ("Bonjour de Nancy", []),
    ],
)
def test_rules_on_small_lists(tmp_path: Path, text: str, expected: list[tuple[str, str]]) -> None:
    screening = screen_text(text, lexicons=small_lexicons(tmp_path))
    assert [(f.category.value, text[f.start : f.end]) for f in screening.flags] == expected


@pytest.mark.parametrize(
    "text",
    [
        "*" * 279 + "1",
        "a*" * 140,
        "*a" * 139 + "1",
        "+*né" * 70,
        "c o " * 70,
        "a." * 140,
        "@" * 280,
    ],
)
def test_pathological_texts_are_screened_in_linear_time(text: str) -> None:
    """Rows of stars once made a nested pattern backtrack for minutes: these finish at once."""
    assert screen_text(text).text == text


def test_the_lists_readme_counts_what_each_list_holds() -> None:
    folder = assets_dir() / "text_screen"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    rows = [line.split("|") for line in readme.splitlines() if line.startswith("| `")]
    assert len(rows) == 6
    for row in rows:
        names = [name.strip(" `") for name in row[1].split(",")]
        counts = [int(count.strip().replace(",", "")) for count in row[2].split(", ")]
        for name, count in zip(names, counts, strict=True):
            assert len(read_list(folder / name)) == count, name
    licences = (folder / "LICENSES.md").read_text(encoding="utf-8")
    assert "Licence Ouverte" in licences and licences.count("MIT") >= 3
