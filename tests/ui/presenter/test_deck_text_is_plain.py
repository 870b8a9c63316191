"""Deck strings on the console are plain text: markup in a question is shown, never loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fphkiosk.app import PresenterSession, build_presenter
from fphkiosk.core.aggregation import aggregate
from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import publishable
from fphkiosk.ui.presenter.room_bridge import ActivityState
from fphkiosk.ui.presenter.room_panel import RoomPanel

MARKUP = '<img src="{image}" width="400" height="400"> <b>gras</b>'


def _deck(folder: Path) -> Deck:
    folder.mkdir()
    image = folder / "photo.png"
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.red)
    assert picture.save(str(image))
    markup = MARKUP.format(image=image)
    (folder / "deck.md").write_text(
        "---\ntitle: Cours\n---\n"
        f"# Titre {markup}\n\nTexte.\n\n"
        f"Notes:\nVoir ![vue](photo.png) et {markup}\n"
        "---\n# Sondage\n\n```poll\nid: couleur\n"
        f"question: '{markup}'\nchoices: [Rouge, Vert]\n```\n",
        encoding="utf-8",
    )
    return load_deck(folder)


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    return _deck(tmp_path / "deck")


@pytest.fixture
def session(
    qtbot: QtBot, qapp: QApplication, deck: Deck, tr: Translator
) -> Iterator[PresenterSession]:
    built = build_presenter(
        qapp, deck, tr, windowed=True, screen=None, confirm_quit=lambda _parent: True
    )
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    built.show()
    qtbot.waitExposed(built.console)
    yield built
    built.dispose()


def test_an_activity_question_with_markup_is_shown_as_written(
    qtbot: QtBot, tr: Translator, deck: Deck
) -> None:
    panel = RoomPanel(tr, "AC34K7", "secret", "http://192.168.1.20:8765/remote#secret=secret")
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    qtbot.waitExposed(panel)
    activity = deck.activity("couleur")
    assert activity is not None
    results = publishable(aggregate(activity, []), deck.meta.min_group_size)
    panel.show_activities([ActivityState(activity, "idle", 0, 0, results)])
    title = panel.cards["couleur"].title_label
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert "<img src=" in title.text() and "<b>gras</b>" in title.text()
    # Shown as text, the label is a few lines high, not the 400-pixel picture.
    assert title.sizeHint().height() < 200


def test_slide_titles_and_notes_never_load_a_picture(session: PresenterSession) -> None:
    tooltip = session.console.slide_list.item(0).toolTip()
    assert "&lt;img src=" in tooltip and "<img" not in tooltip
    notes = session.console.notes.toHtml()
    assert "<img" not in notes
    assert "&lt;img src=" in notes  # the raw markup is text, escaped
