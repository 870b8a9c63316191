"""Tests of the PySide6 screens; helpers to build small decks on disk for them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_loader import load_deck

FRONT_MATTER = """---
title: Pour une bonne utilisation des réseaux sociaux dans la Fonction Publique Hospitalière
date: Mardi 21 novembre 2023
place: Domaine de l'Asnée
organizer: ANFH Lorraine
---
"""

SCALE_YAML = """title: Échelle de test
instructions: 1 point pour chaque réponse positive.
options:
  - {label: Non, points: 0}
  - {label: Oui, points: 1}
items:
  - Première question ?
  - Deuxième question ?
  - Troisième question ?
bands:
  - {min: 0, max: 1, label: Faible}
  - {min: 2, max: 3, label: Forte}
"""


def write_deck(directory: Path, *slides: str) -> Deck:
    """A deck made of *slides* (Markdown, without separators), saved and loaded from *directory*."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "scales").mkdir(exist_ok=True)
    (directory / "scales" / "test.yaml").write_text(SCALE_YAML, encoding="utf-8")
    text = FRONT_MATTER + "\n---\n".join(slides)
    (directory / "deck.md").write_text(text, encoding="utf-8")
    return load_deck(directory)


def write_png(path: Path, colour: str, width: int = 400, height: int = 200) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path
