"""The console's moderation queue, the projector's spotlight and countdown, end to end.

Real room on loopback, real tablets (ParticipantClient), the real console and projector.
"""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.net.client import ParticipantClient
from fphkiosk.ui.presenter.moderation_panel import FLAG_STYLE, ModerationPanel
from tests.ui.presenter.test_presenter_room import (
    WAIT_MS,
    DrivenLoop,
    Presenter,
    go_to,
    presenting,
    qloop,
)

__all__ = ["qloop"]

DECK = """\
---
title: Table ronde d'essai
min_group_size: 3
---
# Accueil

Bienvenue.
---
# Table ronde

```qa
id: table-ronde
question: Vos questions aux intervenants
```
---
# Vite

```poll
id: vite
question: On continue ?
choices: [Oui, Non]
timer: 6
```
"""


@pytest.fixture
def presenter(
    qtbot: QtBot, qapp: QApplication, qloop: DrivenLoop, tmp_path: Path, tr: Translator
) -> Iterator[Presenter]:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "deck.md").write_text(DECK, encoding="utf-8")
    yield from presenting(qtbot, qapp, tr, load_deck(folder), tmp_path / "jour.fphk")


def _panel(presenter: Presenter) -> ModerationPanel:
    assert presenter.room is not None
    return presenter.room.moderation


def _write(presenter: Presenter, client: ParticipantClient, text: str) -> None:
    answer_id = client.write("table-ronde", text)
    presenter.run(client.acknowledged(answer_id))


def _row_texts(panel: ModerationPanel) -> list[str]:
    texts = []
    for index in range(panel.list.count()):
        widget = panel.list.itemWidget(panel.list.item(index))
        assert isinstance(widget, QLabel)
        texts.append(widget.text())
    return texts


def test_moderation_queue_holds_flagged_text_and_spotlights_a_question(
    presenter: Presenter,
) -> None:
    session = presenter.start()
    qtbot = presenter.qtbot
    clients = presenter.join(3)
    go_to(presenter, 2)
    panel = _panel(presenter)
    assert "Vos questions aux intervenants" in panel.caption.text()
    qtbot.keyClick(session.console, Qt.Key.Key_O)
    qtbot.waitUntil(
        lambda: all(
            c.snapshot is not None
            and c.snapshot.activity is not None
            and c.snapshot.activity.status == "open"
            for c in clients
        ),
        timeout=WAIT_MS,
    )
    _write(presenter, clients[0], "Comment réagir à un avis négatif en ligne ?")
    _write(presenter, clients[1], "Mon collègue Jean Dupont, chambre 12, est-il concerné ?")
    qtbot.waitUntil(lambda: panel.tabs.tabText(0) == "Nouveaux (2)", timeout=WAIT_MS)
    rows = _row_texts(panel)
    flagged = next(r for r in rows if "chambre" in r)
    assert FLAG_STYLE in flagged and "Signalé" in flagged
    assert ">chambre 12<" in flagged
    assert not session.projector.spotlight_shown

    # Hide the flagged one, approve the other: only the approved one reaches a tablet.
    assert presenter.room is not None
    items = presenter.room.bridge.text_items("table-ronde")
    flagged_id = next(i.item_id for i in items if i.flagged)
    clean_id = next(i.item_id for i in items if not i.flagged)
    panel.select(flagged_id)
    qtbot.mouseClick(panel.hide_button, Qt.MouseButton.LeftButton)
    panel.select(clean_id)
    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.tabs.tabText(1) == "Approuvés (1)", timeout=WAIT_MS)
    assert panel.tabs.tabText(3) == "Masqués (1)"

    def board(client: ParticipantClient) -> list[str]:
        snapshot = client.snapshot
        if snapshot is None or snapshot.activity is None or snapshot.activity.results is None:
            return []
        return [i.text for i in getattr(snapshot.activity.results, "items", [])]

    qtbot.waitUntil(
        lambda: all(board(c) == ["Comment réagir à un avis négatif en ligne ?"] for c in clients),
        timeout=WAIT_MS,
    )

    # Spotlight: the question, large, on the projector; answered takes it away.
    panel.select(clean_id)
    qtbot.mouseClick(panel.spotlight_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.projector.spotlight_shown, timeout=WAIT_MS)
    assert (
        session.projector.spotlight.text_label.text()
        == "Comment réagir à un avis négatif en ligne ?"
    )
    assert session.projector.spotlight.text_label.font().pixelSize() >= 18
    panel.select(clean_id)
    qtbot.mouseClick(panel.answered_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not session.projector.spotlight_shown, timeout=WAIT_MS)
    assert panel.tabs.tabText(2) == "Répondus (1)"


def test_a_timed_poll_counts_down_on_the_projector_and_closes_itself(
    presenter: Presenter,
) -> None:
    session = presenter.start()
    qtbot = presenter.qtbot
    go_to(presenter, 3)
    assert presenter.room is not None
    qtbot.keyClick(session.console, Qt.Key.Key_O)
    countdown = session.projector.countdown
    qtbot.waitUntil(countdown.isVisible, timeout=WAIT_MS)
    first = countdown.text()
    assert first in {"0:06", "0:05"}
    qtbot.waitUntil(lambda: countdown.text() != first, timeout=WAIT_MS)
    # Nobody closes it: the room does at zero, and the countdown goes.
    qtbot.waitUntil(
        lambda: presenter.room is not None and presenter.room.live.room.status("vite") == "closed",
        timeout=WAIT_MS + 4000,
    )
    qtbot.waitUntil(lambda: not countdown.isVisible(), timeout=WAIT_MS)
