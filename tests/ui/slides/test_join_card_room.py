"""The title page leaves the join card its corner: no line of the page is drawn under the card."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.paths import bundled_deck_dir
from fphkiosk.ui.slides.slide_layout import JOIN_CARD
from fphkiosk.ui.slides.slide_renderer import SlideRenderer

LONG_TITLE_PAGE = """\
---
title: Une très longue journée de formation sur les réseaux sociaux, leurs usages et leurs risques
date: Mardi 21 novembre 2023, de 9 h à 17 h 30, avec une pause déjeuner
place: Domaine de l'Asnée, 11 rue de Laxou, Villers-lès-Nancy, salle des conférences
organizer: ANFH Lorraine, délégation régionale, service formation continue
---
<!-- layout: title -->
# Accueil

Journée organisée par l'ANFH Lorraine pour les agents de la fonction publique hospitalière
de toute la région, avec le concours des établissements adhérents.
"""


def _ink_under_the_card(image: QImage, background: str, shift: int = 0) -> float:
    """Share of the card's area (moved *shift* pixels right), on the slide alone, that is not
    the page's background."""
    card = JOIN_CARD.toAlignedRect().translated(shift, 0)
    region = image.copy(card).convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(region.constBits(), dtype=np.uint8)
    rows = data.reshape(region.height(), region.bytesPerLine())[:, : region.width() * 3]
    pixels = rows.reshape(region.height(), region.width(), 3).astype(int)
    paper = QColor(background)
    expected = np.array([paper.red(), paper.green(), paper.blue()])
    return float((np.abs(pixels - expected).sum(axis=2) > 30).mean())


@pytest.mark.parametrize("source", ["bundled", "long"])
def test_nothing_of_the_title_page_lies_under_the_join_card(
    qapp: QApplication, tr: Translator, tmp_path: Path, source: str
) -> None:
    if source == "long":
        (tmp_path / "deck.md").write_text(LONG_TITLE_PAGE, encoding="utf-8")
        deck = load_deck(tmp_path)
    else:
        deck = load_deck(bundled_deck_dir())
    renderer = SlideRenderer(deck, tr)
    title_page = deck.slides[0]
    assert title_page.layout == "title"
    image = renderer.image(title_page, QSize(1920, 1080))
    assert _ink_under_the_card(image, renderer.theme.palette.background) == 0.0
    # ... while the page's text is there, left of and above the card.
    assert _ink_under_the_card(image, renderer.theme.palette.background, shift=-830) > 0
