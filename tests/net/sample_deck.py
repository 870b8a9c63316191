"""A tiny deck for room, storage and server tests: polls, quizzes, a scale, texts, a timer."""

from __future__ import annotations

from pathlib import Path

from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_loader import load_deck

DECK = """---
title: Salle de test
min_group_size: {min_group_size}
---
# Accueil

Bienvenue.
---
# Sondage

```poll
id: sondage
question: Quelle couleur ?
choices: [Rouge, Vert, Bleu]
```
---
# Quiz

```quiz
id: quiz
question: Combien font 2 + 2 ?
choices: ["3", "4", "5"]
correct: 2
```
---
# Meilleure et pire

```poll
id: meilleure-pire
mode: best-worst
question: Que faire de ce contenu ?
choices: [Liker, Commenter, Partager, Signaler]
prompts: ["La meilleure ?", "La pire ?"]
```
---
# Échelle

```scale
id: echelle
file: scales/mini.yaml
```
"""

ROUND_TABLE = """---
# Questions aux intervenants

```qa
id: questions
question: Vos questions pour la table ronde
```
---
# Nuage de mots

```words
id: mots
question: Un à trois mots pour les réseaux sociaux ?
```
---
# Réponse libre

```open
id: libre
question: Qu'allez-vous changer lundi ?
```
---
# Plusieurs réponses

```quiz
id: plusieurs
question: Quels réseaux sont des messageries ?
choices: [WhatsApp, LinkedIn, Signal, TikTok]
multiple: true
max: 3
correct: [1, 3]
```
---
# Minuté

```poll
id: minute
question: Vite !
choices: [Oui, Non]
timer: 5
```
"""

SCALE = """title: Mini échelle
instructions: 1 point par oui.
options:
  - {label: Non, points: 0}
  - {label: Oui, points: 1}
items:
  - Premier item ?
  - Deuxième item ?
  - text: Troisième item, coté à l'envers ?
    reverse: true
bands:
  - {min: 0, max: 1, label: Faible, advice: Rien à signaler.}
  - {min: 2, max: 3, label: Élevé, advice: Faites une pause.}
"""


def write_sample_deck(
    folder: Path, min_group_size: int = 3, front: str = "", round_table: bool = False
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scales").mkdir(exist_ok=True)
    (folder / "scales" / "mini.yaml").write_text(SCALE, encoding="utf-8")
    path = folder / "deck.md"
    text = DECK.format(min_group_size=min_group_size) + (ROUND_TABLE if round_table else "")
    if front:
        text = text.replace("\n---\n", f"\n{front}\n---\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


def sample_deck(
    folder: Path, min_group_size: int = 3, front: str = "", round_table: bool = False
) -> Deck:
    """*front*: more front-matter lines ("moderation: auto"); *round_table*: five more slides
    (questions, words, an open answer, a multiple quiz, a timed poll)."""
    return load_deck(write_sample_deck(folder, min_group_size, front, round_table))
