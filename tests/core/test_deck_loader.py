"""Deck loader: good decks and every kind of located error. Needs no display."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from fphkiosk.core.deck import ChartBlock, Poll, ScaleActivity
from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator

HEADER = "---\ntitle: Cours d'essai\ndate: 21 novembre 2023\nplace: Nancy\n---\n"

SCALE = """\
title: Petite échelle
options:
  - {label: Non, points: 0}
  - {label: Oui, points: 1}
items:
  - Premier ?
  - text: Second ?
    reverse: true
bands:
  - {min: 0, max: 1, label: Bas, advice: Rien à signaler.}
  - {min: 2, max: 2, label: Haut}
"""


def write_deck(tmp_path: Path, body: str, scale: str | None = SCALE) -> Path:
    (tmp_path / "deck.md").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    if scale is not None:
        (tmp_path / "scales").mkdir(exist_ok=True)
        (tmp_path / "scales" / "petite.yaml").write_text(scale, encoding="utf-8")
    return tmp_path


def errors_of(path: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    return [(issue.file.name, issue.line, issue.key) for issue in caught.value.issues]


GOOD = """\
<!-- layout: title -->
Journée de formation
---
# Une question

Texte **projeté**.

```poll
id: q-un
question: Combien de tweets ?
choices:
  - 2 600
  - 27 900
correct: 27 900
```

Notes:
Détail pour le formateur.
```poll
this is not parsed: notes are free text
```
---
# Vote
```poll
id: meilleur-pire
mode: best-worst
question: Cinq actions
choices: [Liker, Commenter, Partager]
```
---
# Quiz
```quiz
id: quiz-un
question: Quel règlement ?
choices: [A, B, C]
correct: 3
```
---
# Échelle
```scale
id: petite
file: scales/petite.yaml
```
---
# Chiffres
```chart
id: temps
title: Temps passé
unit: heures
bars:
  - {label: TikTok, value: 21.4, text: "21 h 24"}
  - {label: Facebook, value: 12.9}
```
"""


def test_good_deck_loads_every_part(tmp_path: Path) -> None:
    deck = load_deck(write_deck(tmp_path, GOOD))
    assert deck.meta.title == "Cours d'essai"
    assert deck.meta.date == "21 novembre 2023"
    assert deck.meta.min_group_size == 5
    assert [s.index for s in deck.slides] == [1, 2, 3, 4, 5, 6]
    assert deck.slides[0].layout == "title"
    second = deck.slides[1]
    assert second.title == "Une question"
    assert "**projeté**" in second.body and "```" not in second.body
    assert second.notes.startswith("Détail pour le formateur.")
    poll = second.activities[0]
    assert isinstance(poll, Poll)
    assert poll.choices == ("2 600", "27 900") and poll.correct == (1,) and poll.kind == "poll"
    best_worst = deck.activity("meilleur-pire")
    assert isinstance(best_worst, Poll) and best_worst.mode == "best-worst"
    assert len(best_worst.prompts) == 2
    quiz = deck.activity("quiz-un")
    assert isinstance(quiz, Poll) and quiz.kind == "quiz" and quiz.correct == (2,)
    scale = deck.activity("petite")
    assert isinstance(scale, ScaleActivity)
    assert scale.scale.items[1].reverse
    chart = deck.slides[5].charts[0]
    assert isinstance(chart, ChartBlock)
    assert [b.value for b in chart.bars] == [21.4, 12.9]
    assert deck.slide_of("quiz-un") is deck.slides[3]


def test_dates_stay_text_and_trailing_separator_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "deck.md").write_text("---\ntitle: T\ndate: 2023-11-21\n---\n# A\n---\n")
    deck = load_deck(tmp_path)
    assert deck.meta.date == "2023-11-21"
    assert len(deck.slides) == 1


@pytest.mark.parametrize(
    ("body", "line", "key"),
    [
        ('# A\n```poll\nid: x\nquestion: "non fermé\nchoices: [a, b]\n```\n', 9, "yaml_invalid"),
        ("# A\n```pool\nid: x\n```\n", 7, "unknown_kind"),
        ("# A\n```poll\nid: x\nchoices: [a, b]\n```\n", 8, "missing_field"),
        ("# A\n```poll\nid: x\nquestion: ''\nchoices: [a, b]\n```\n", 9, "empty_field"),
        ("# A\n```poll\nid: x\nquestion: Q\nchoices: [a]\n```\n", 10, "too_few_choices"),
        (
            "# A\n```poll\nid: x\nquestion: Q\nchoices: [a, b]\ncorrect: c\n```\n",
            11,
            "correct_not_in_choices",
        ),
        (
            "# A\n```poll\nid: x\nquestion: Q\nchoices: [a, b]\ncorrect: 3\n```\n",
            11,
            "correct_not_in_choices",
        ),
        ("# A\n```quiz\nid: x\nquestion: Q\nchoices: [a, b]\n```\n", 8, "quiz_needs_correct"),
        (
            "# A\n```poll\nid: x\nquestion: Q\nchoices: [a, b]\ncolour: red\n```\n",
            11,
            "unknown_field",
        ),
        ("# A\n```poll\nid: Mon Id\nquestion: Q\nchoices: [a, b]\n```\n", 8, "bad_id"),
        ("# A\n```scale\nid: s\nfile: scales/absente.yaml\n```\n", 9, "missing_scale_file"),
        ("# A\n![photo](images/absente.png)\n", 7, "missing_image"),
        ("# A\n![photo](https://example.org/a.png)\n", 7, "remote_image"),
        ("Pas de titre ici.\n", 6, "missing_title"),
        ("# A\n<!-- layout: grille -->\n", 7, "unknown_layout"),
        ("# A\n```poll\nid: x\nquestion: Q\nchoices: [a, b]\n", 7, "block_unclosed"),
        ("# A\n---\n---\n# B\n", 7, "empty_slide"),
        ("# A\n```poll\n- a\n- b\n```\n", 7, "block_not_mapping"),
    ],
)
def test_each_error_is_located(tmp_path: Path, body: str, line: int, key: str) -> None:
    assert ("deck.md", line, key) in errors_of(write_deck(tmp_path, body))


def test_duplicate_ids_name_both_lines(tmp_path: Path) -> None:
    body = (
        "# A\n```poll\nid: x\nquestion: Q\nchoices: [a, b]\n```\n---\n"
        "# B\n```poll\nid: x\nquestion: R\nchoices: [a, b]\n```\n"
    )
    with pytest.raises(DeckError) as caught:
        load_deck(write_deck(tmp_path, body))
    [issue] = caught.value.issues
    assert issue.key == "duplicate_id" and issue.line == 15
    assert issue.params["other_line"] == 8


def test_front_matter_errors(tmp_path: Path) -> None:
    (tmp_path / "deck.md").write_text("# Pas d'en-tête\n")
    assert errors_of(tmp_path) == [("deck.md", 1, "front_matter_missing")]
    (tmp_path / "deck.md").write_text("---\ntitle: T\n# jamais fermé\n")
    assert errors_of(tmp_path) == [("deck.md", 1, "front_matter_unclosed")]
    (tmp_path / "deck.md").write_text("---\ndate: hier\nmin_group_size: 0\n---\n# A\n")
    keys = {key for _, _, key in errors_of(tmp_path)}
    assert keys == {"missing_field", "bad_min_group_size"}


def test_missing_deck_and_binary_file(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "absent")[0][2] == "deck_not_found"
    (tmp_path / "deck.md").write_bytes(b"\xff\xfe\x00bad")
    assert errors_of(tmp_path)[0][2] == "read_failed"


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    body = "# A\n```pool\n```\n---\nSans titre\n---\n# C\n![x](absente.png)\n"
    assert len(errors_of(write_deck(tmp_path, body))) == 3


def test_errors_render_in_french_with_a_hint_and_no_traceback(
    tmp_path: Path, tr: Translator
) -> None:
    body = "# A\n```poll\nid: x\nquestion: Q\nchoices: [a, b]\ncorrect: c\n```\n"
    with pytest.raises(DeckError) as caught:
        load_deck(write_deck(tmp_path, body))
    text = caught.value.render(tr, base=tmp_path)
    assert text.startswith("deck.md:11: La bonne réponse « c » ne figure pas parmi les choix")
    assert "→ écrivez le texte exact d'un choix, ou son numéro de 1 à 2" in text
    assert "Traceback" not in text and "deck." not in text.split(":", 2)[2]


def test_every_error_key_has_a_french_message_and_hint(tr: Translator) -> None:
    source = "".join(
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).parents[2] / "fphkiosk" / "core").glob("*.py")
    )
    import re

    keys = set(re.findall(r'"([a-z_]+)"', source))
    used = {k for k in keys if tr.has(f"deck.{k}")}
    missing_hints = [k for k in used if not tr.has(f"deck.{k}.hint")]
    assert used, "no deck error key found in the sources"
    assert missing_hints == []
    logged = set(re.findall(r'log\.add\([^,]+,[^,]+,\s*"([a-z_]+)"', source))
    logged |= set(re.findall(r'issue\([^,]+,\s*"([a-z_]+)"', source))
    assert logged and {k for k in logged if not tr.has(f"deck.{k}")} == set()


def test_type_and_part_names_are_translated(tmp_path: Path, tr: Translator) -> None:
    body = "# A\n```poll\nid: x\nquestion: Q\nchoices: a\n```\n"
    with pytest.raises(DeckError) as caught:
        load_deck(write_deck(tmp_path, body))
    text = caught.value.render(tr)
    assert "doit être : une liste (lignes « - … ») (sondage)" in text
