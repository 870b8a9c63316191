"""The console's room panel on its own: it renders the states it is given and forwards clicks."""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from fphkiosk.charts.poll_chart import PollChart
from fphkiosk.core.aggregation import aggregate
from fphkiosk.core.deck import Deck, Poll, TextKind
from fphkiosk.core.i18n import Translator, load_catalogues
from fphkiosk.core.privacy import publishable
from fphkiosk.core.room_answers import ChoiceAnswer
from fphkiosk.core.room_changes import ActivityStatus
from fphkiosk.paths import assets_dir
from fphkiosk.ui.presenter.join_panel import remote_url, spaced_code
from fphkiosk.ui.presenter.room_bridge import ActivityState
from fphkiosk.ui.presenter.room_panel import RoomPanel
from fphkiosk.ui.qr_code import qr_image
from tests.ui.presenter.test_presenter_room import write_deck

SECRET = "s3cr3t-du-formateur"
REMOTE = remote_url("192.168.1.20", 8765, SECRET)


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    return write_deck(tmp_path)


@pytest.fixture
def panel(qtbot: QtBot, tr: Translator) -> RoomPanel:
    made = RoomPanel(tr, "AC34K7", SECRET, REMOTE)
    qtbot.addWidget(made)
    made.resize(420, 700)
    made.show()
    qtbot.waitExposed(made)
    return made


def state(
    deck: Deck, activity_id: str, status: ActivityStatus, choices: list[int], connected: int
) -> ActivityState:
    activity = deck.activity(activity_id)
    assert activity is not None
    answers = [ChoiceAnswer(choice) for choice in choices]
    results = publishable(aggregate(activity, answers), deck.meta.min_group_size)
    return ActivityState(activity, status, len(answers), connected, results)


def test_an_open_poll_shows_its_answers_and_its_buttons(
    panel: RoomPanel, deck: Deck, qtbot: QtBot
) -> None:
    panel.show_connected(7)
    panel.show_activities([state(deck, "couleur", "open", [0, 1, 1, 2, 2, 2], 7)])
    card = panel.cards["couleur"]
    assert panel.connected_label.text() == "7 connectés"
    assert card.title_label.text() == "Sondage — Quelle couleur préférez-vous\u00a0?"
    assert card.status_label.text() == "Ouverte"
    assert card.progress_label.text() == "6 réponses / 7 connectés"
    assert not card.open_button.isEnabled()
    assert card.close_button.isEnabled()
    assert card.reveal_button.isEnabled()
    assert not panel.no_activity_label.isVisibleTo(panel)
    assert card.preview.isVisibleTo(panel)
    preview = card.preview.chart
    assert isinstance(preview, PollChart)
    assert [bar.get_width() for bar in preview.bars.patches] == [1, 2, 3]
    # The preview is drawn once however many times the same state comes again.
    qtbot.waitUntil(lambda: card.preview.renders >= 1)
    card.preview.repaint()  # synchronous: no resize can come between the two counts
    renders = card.preview.renders
    panel.show_activities([state(deck, "couleur", "open", [0, 1, 1, 2, 2, 2], 7)])
    card.preview.repaint()
    assert card.preview.renders == renders
    panel.show_activities([state(deck, "couleur", "open", [0, 1, 1, 2, 2, 2, 2], 7)])
    # A new count is drawn once the answers settle (PREVIEW_SETTLE_MS), not at the next paint.
    card.preview.repaint()
    assert card.preview.renders == renders
    assert card.preview.settling
    qtbot.waitUntil(lambda: not card.preview.settling)
    card.preview.repaint()
    assert card.preview.renders == renders + 1

    with qtbot.waitSignal(panel.close_requested) as closing:
        qtbot.mouseClick(card.close_button, Qt.MouseButton.LeftButton)
    assert closing.args == ["couleur"]
    with qtbot.waitSignal(panel.reveal_requested) as revealing:
        qtbot.mouseClick(card.reveal_button, Qt.MouseButton.LeftButton)
    assert revealing.args == ["couleur"]


@pytest.mark.parametrize(
    ("status", "label", "open_text", "enabled"),
    [
        ("idle", "Prête", "Ouvrir (O)", (True, False, False)),
        ("closed", "Close", "Rouvrir (O)", (True, False, True)),
        ("revealed", "Résultats affichés", "Rouvrir (O)", (True, False, False)),
    ],
)
def test_each_status_has_its_label_and_buttons(
    panel: RoomPanel,
    deck: Deck,
    qtbot: QtBot,
    status: ActivityStatus,
    label: str,
    open_text: str,
    enabled: tuple[bool, bool, bool],
) -> None:
    panel.show_activities([state(deck, "calcul", status, [1], 1)])
    card = panel.cards["calcul"]
    assert card.status_label.text() == label
    assert card.progress_label.text() == "1 réponse / 1 connecté"
    assert card.open_button.text() == open_text
    buttons = (card.open_button, card.close_button, card.reveal_button)
    assert tuple(b.isEnabled() for b in buttons) == enabled
    # Nothing to preview before the activity was ever opened.
    assert card.preview.isVisibleTo(panel) == (status != "idle")
    if status == "idle":
        with qtbot.waitSignal(panel.open_requested) as opening:
            qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
        assert opening.args == ["calcul"]


def test_the_cards_follow_the_slide_and_a_hint_shows_without_activity(
    panel: RoomPanel, deck: Deck
) -> None:
    panel.show_activities([state(deck, "couleur", "idle", [], 0)])
    first = panel.cards["couleur"]
    panel.show_activities([state(deck, "couleur", "open", [], 0)])
    assert panel.cards["couleur"] is first  # updated in place, its chart kept
    panel.show_activities([], "Prochaine activité : diapositive 3")
    assert panel.cards == {}
    assert panel.no_activity_label.isVisibleTo(panel)
    assert panel.no_activity_label.text() == "Prochaine activité : diapositive 3"


def test_a_licensed_scale_shows_its_notice(panel: RoomPanel, deck: Deck) -> None:
    activity = deck.activity("sommeil")
    assert activity is not None and not isinstance(activity, Poll)
    results = publishable(aggregate(activity, []), 5)
    panel.show_activities([ActivityState(activity, "idle", 0, 0, results)])
    card = panel.cards["sommeil"]
    assert card.licence_label.isVisibleTo(panel)
    assert card.licence_label.text().startswith("Licence\u00a0: Échelle d'essai ©")
    assert card.title_label.text() == "Échelle — Petite échelle"


def test_every_kind_of_activity_is_named_on_its_card_in_both_languages() -> None:
    catalogues = load_catalogues(assets_dir() / "i18n")
    kinds = ("poll", "quiz", "scale", *get_args(TextKind))
    for language in ("fr", "en"):
        missing = [kind for kind in kinds if f"room_ui.kind.{kind}" not in catalogues[language]]
        assert missing == [], language


def test_the_room_code_is_spaced_and_the_join_button_asks(panel: RoomPanel, qtbot: QtBot) -> None:
    assert spaced_code("AC34K7") == "AC3 4K7"
    assert panel.code_label.text() == "Code de la salle\u00a0: AC3 4K7"
    with qtbot.waitSignal(panel.join_toggle_requested):
        qtbot.mouseClick(panel.join_button, Qt.MouseButton.LeftButton)
    # The button shows what the controller says, not its own guess.
    assert not panel.join_button.isChecked()
    panel.show_join_shown(True)
    assert panel.join_button.isChecked()
    assert panel.join_button.text() == "Masquer le code de la salle (J)"


def test_the_remote_button_shows_the_secret_and_its_qr_code(panel: RoomPanel, qtbot: QtBot) -> None:
    # Behind the button only: no text of the panel itself shows the secret.
    assert not any(SECRET in label.text() for label in panel.findChildren(QLabel))
    qtbot.mouseClick(panel.remote_button, Qt.MouseButton.LeftButton)
    dialog = panel.remote_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert SECRET in dialog.secret_label.text()
    assert dialog.url == REMOTE
    assert dialog.qr_label.pixmap().toImage() == qr_image(REMOTE, module_px=6).convertToFormat(
        dialog.qr_label.pixmap().toImage().format()
    )
    dialog.close()
