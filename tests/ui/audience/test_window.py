"""Audience mode against a real room on loopback: waiting, answering, scales, private results.

The tests run on pytest-asyncio's loop; the window is updated synchronously from the client's
callbacks, so awaiting the client (``wait_until``) is enough to see the screen change.
"""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from fphkiosk.core.i18n import Translator
from fphkiosk.core.participant_view import ActivitySheet, ScaleSheet
from fphkiosk.core.privacy import PublicBandCount, PublicScaleSummary
from fphkiosk.core.room_answers import BestWorstAnswer, ChoiceAnswer
from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import ChoiceBody
from fphkiosk.ui.audience.controller import AudienceController
from fphkiosk.ui.audience.pages import TOUCH_HEIGHT
from fphkiosk.ui.audience.results import result_rows
from fphkiosk.ui.audience.room_address import InvalidAddress, room_ws_url
from fphkiosk.ui.audience.scale_pages import ScaleForm
from fphkiosk.ui.audience.window import AudienceWindow
from fphkiosk.ui.slides.fonts import register_fonts
from tests.net.remote import Remote
from tests.room_fixture import Served


@dataclass
class Audience:
    window: AudienceWindow
    controller: AudienceController
    remote: Remote

    @property
    def client(self) -> ParticipantClient:
        assert self.controller.client is not None
        return self.controller.client

    async def until(self, predicate: Callable[[ParticipantClient], bool]) -> None:
        await self.client.wait_until(predicate)

    async def trainer(self, command: str, activity_id: str, status: str) -> None:
        """Send a trainer command and wait until this participant has seen its effect."""
        await self.remote.command(command, activity_id=activity_id)
        await self.until(
            lambda c: (
                c.snapshot is not None
                and c.snapshot.activity is not None
                and c.snapshot.activity.id == activity_id
                and c.snapshot.activity.status == status
            )
        )

    async def acknowledged(self) -> None:
        await self.until(lambda c: not c.unacknowledged)


@pytest.fixture
def lifetime_ms() -> int:
    return 60_000


@pytest.fixture
async def audience(
    served: Served,
    qtbot: QtBot,
    tr: Translator,
    lifetime_ms: int,
) -> AsyncIterator[Audience]:
    window = AudienceWindow(tr, family=register_fonts(), show_quit=False)
    qtbot.addWidget(window)
    window.show()
    controller = AudienceController(window, tr, result_lifetime_ms=lifetime_ms)
    address = f"127.0.0.1:{served.server.port}"
    await controller.join(address, served.live.room_code.lower())
    remote = await served.remote()
    audience = Audience(window, controller, remote)
    await audience.client.joined()
    try:
        yield audience
    finally:
        await remote.close()
        await controller.close()


def shown(window: AudienceWindow) -> object:
    """The page on screen (a call, so mypy does not narrow it between two screens)."""
    return window.current_page


def click(button: QAbstractButton) -> None:
    QtBot.mouseClick(button, Qt.MouseButton.LeftButton)


async def test_a_poll_answer_is_recorded_only_after_the_ack_and_can_be_changed(
    audience: Audience,
    served: Served,
) -> None:
    window = audience.window
    assert shown(window) is window.waiting_page
    assert window.waiting_page.headline.text() == "Regardez l'écran"
    assert window.waiting_page.slide.text() == "Accueil"
    assert window.connection_label.text() == "Connecté"

    await audience.trainer("open", "sondage", "open")
    page = window.choice_page
    assert shown(window) is page
    assert page.question.text() == "Quelle couleur ?"
    assert [b.text() for b in page.buttons] == ["A   Rouge", "B   Vert", "C   Bleu"]
    assert all(b.minimumHeight() >= 64 for b in page.buttons)

    click(page.buttons[1])
    # Sent, not yet committed: the screen must not claim it is recorded.
    assert page.status.text() == "Envoi de votre réponse…"
    assert page.buttons[1].isChecked()
    await audience.acknowledged()
    assert page.status.text().startswith("Réponse enregistrée")
    assert [b.isChecked() for b in page.buttons] == [False, True, False]

    click(page.buttons[2])
    await audience.acknowledged()
    assert [b.isChecked() for b in page.buttons] == [False, False, True]
    answers = served.live.room.answers("sondage")
    assert [a.answer for a in answers] == [ChoiceAnswer(choice=2)]

    await audience.trainer("close", "sondage", "closed")
    assert shown(window) is window.closed_page
    assert window.closed_page.mine.text() == "Votre réponse : C   Bleu"

    # One respondent, the deck's minimum is 3: the room's result stays hidden.
    await audience.trainer("reveal", "sondage", "revealed")
    assert shown(window) is window.results_page
    assert window.results_page.summary.text() == "Résultats masqués : moins de 3 réponses."
    assert window.results_page.row_texts == []


async def test_revealed_quiz_shows_counts_and_the_correct_answer(
    audience: Audience,
    served: Served,
) -> None:
    await audience.trainer("open", "quiz", "open")
    click(audience.window.choice_page.buttons[0])
    await audience.acknowledged()
    others = [ParticipantClient(served.ws_url, served.live.room_code) for _ in range(2)]
    for other in others:
        await other.start()
        await other.joined()
        await other.acknowledged(other.answer("quiz", ChoiceBody(choice=1)))
    await audience.trainer("reveal", "quiz", "revealed")
    for other in others:
        await other.close()

    page = audience.window.results_page
    assert shown(audience.window) is page
    assert page.row_texts == [
        "A   3 (votre réponse) 1 (33\u00a0%)",
        "B   4 — bonne réponse 2 (67\u00a0%)",
        "C   5 0 (0\u00a0%)",
    ]


async def test_best_worst_needs_two_different_choices_then_sends(
    audience: Audience,
    served: Served,
) -> None:
    await audience.trainer("open", "meilleure-pire", "open")
    page = audience.window.best_worst_page
    assert shown(audience.window) is page
    assert not page.send_button.isEnabled()
    click(page.best_buttons[3])
    click(page.worst_buttons[3])  # The same choice as the best: the best is dropped.
    assert [b.isChecked() for b in page.best_buttons] == [False] * 4
    assert not page.send_button.isEnabled()
    click(page.best_buttons[0])
    assert page.send_button.isEnabled()
    assert page.status.text() == "Touchez « Envoyer » pour enregistrer votre réponse."
    click(page.send_button)
    await audience.acknowledged()
    assert page.status.text().startswith("Réponse enregistrée")
    assert not page.send_button.isEnabled()
    answers = served.live.room.answers("meilleure-pire")
    assert [a.answer for a in answers] == [BestWorstAnswer(best=0, worst=3)]


async def fill_scale(audience: Audience, options: list[int]) -> None:
    await audience.trainer("open", "echelle", "open")
    form = audience.window.scale_form
    assert shown(audience.window) is form
    for n, option in enumerate(options):
        assert form.progress.text() == f"{n + 1} / {len(options)}"
        click(form.option_buttons[option])
    assert form.on_check_page
    click(form.send_button)
    await audience.acknowledged()


async def test_scale_one_item_at_a_time_then_check_then_own_result_until_finished(
    audience: Audience,
) -> None:
    window = audience.window
    await audience.trainer("open", "echelle", "open")
    form = window.scale_form
    assert form.item.text() == "Premier item ?"
    assert [b.text() for b in form.option_buttons] == ["Non", "Oui"]
    assert not form.back_button.isEnabled()
    click(form.option_buttons[0])
    assert form.progress.text() == "2 / 3"
    click(form.back_button)
    assert form.item.text() == "Premier item ?"
    assert form.option_buttons[0].isChecked()
    click(form.option_buttons[1])  # Changed on the way back: yes to the first item.
    click(form.option_buttons[0])
    click(form.option_buttons[1])
    assert form.on_check_page
    assert [b.text() for b in form.review_buttons] == [
        "1. Premier item ? — Oui",
        "2. Deuxième item ? — Non",
        "3. Troisième item, coté à l'envers ? — Oui",
    ]
    click(form.review_buttons[1])
    assert not form.on_check_page and form.item.text() == "Deuxième item ?"
    click(form.option_buttons[0])
    click(form.option_buttons[1])
    click(form.send_button)
    assert not form.send_button.isEnabled()  # Sending: not twice.
    await audience.acknowledged()

    page = window.result_page
    assert shown(window) is page
    # Yes, no, yes with the third item reversed: 1 + 0 + 0.
    assert page.score.text() == "Votre score : 1 / 3"
    assert page.band.text() == "Faible"
    assert page.advice.text() == "Rien à signaler."
    assert audience.controller.result_expiry_pending

    click(page.finish_button)
    assert shown(window) is window.waiting_page
    assert "effacé de cette tablette" in window.waiting_page.note.text()
    assert not audience.controller.result_expiry_pending
    # A reconnection brings the result back in the snapshot: it must stay off the screen.
    await audience.remote.command("go_to_slide", index=2)
    await audience.until(lambda c: c.snapshot is not None and c.snapshot.slide.index == 2)
    assert shown(window) is window.waiting_page


@pytest.mark.parametrize("lifetime_ms", [150])
async def test_own_result_vanishes_after_the_delay(audience: Audience) -> None:
    await fill_scale(audience, [1, 1, 0])
    window = audience.window
    assert shown(window) is window.result_page
    assert window.result_page.score.text() == "Votre score : 3 / 3"
    await asyncio.wait_for(audience.controller.result_cleared.wait(), 5)
    assert shown(window) is window.waiting_page
    assert "effacé" in window.waiting_page.note.text()


async def test_own_result_vanishes_when_another_activity_opens(audience: Audience) -> None:
    await fill_scale(audience, [0, 0, 1])
    window = audience.window
    assert shown(window) is window.result_page
    await audience.trainer("open", "sondage", "open")
    assert shown(window) is window.choice_page
    assert not audience.controller.result_expiry_pending


async def test_connection_state_follows_a_dropped_connection(audience: Audience) -> None:
    client = audience.client
    assert client.connections == 1
    assert audience.client._ws is not None  # The only way to cut the line from here.
    await audience.client._ws.close()
    await audience.until(lambda c: not c.is_joined)
    assert audience.window.connection_label.text() == "Reconnexion…"
    await audience.until(lambda c: c.is_joined)
    assert audience.window.connection_label.text() == "Connecté"
    assert client.connections == 2


async def test_a_wrong_room_code_returns_to_the_join_page(
    served: Served,
    qtbot: QtBot,
    tr: Translator,
) -> None:
    window = AudienceWindow(tr, family=register_fonts(), show_quit=False)
    qtbot.addWidget(window)
    controller = AudienceController(window, tr)
    controller.ask_for_room()
    assert shown(window) is window.join_page
    assert window.join_page.join_button.minimumHeight() >= TOUCH_HEIGHT
    await controller.join(served.ws_url, "WRONG1")
    assert shown(window) is window.connecting_page
    client = controller.client
    assert client is not None
    await client.wait_until(lambda c: c.failure is not None)
    await controller.close()
    assert shown(window) is window.join_page
    assert window.join_page.error.text().startswith("Code de salle incorrect")
    assert window.join_page.code.text() == "WRONG1"

    await controller.join("pas une adresse:port", "ABC")
    assert window.join_page.error.text().startswith("Adresse de la salle invalide")


def test_room_addresses_become_websocket_urls() -> None:
    assert room_ws_url("192.168.1.10:8765") == "http://192.168.1.10:8765/ws"
    assert room_ws_url(" http://192.168.1.10:8765/ ") == "http://192.168.1.10:8765/ws"
    assert room_ws_url("ws://salle.local:8765/ws") == "http://salle.local:8765/ws"
    for bad in ("", "ftp://x", "http://:80", "host:port"):
        with pytest.raises(InvalidAddress):
            room_ws_url(bad)


def test_licence_in_small_print_on_the_scale_first_screen_only(
    qtbot: QtBot, tr: Translator
) -> None:
    form = ScaleForm(tr)
    qtbot.addWidget(form)
    form.show()
    scale = ScaleSheet(
        title="ESS",
        instructions="Cochez.",
        options=("0", "1"),
        items=("Assis", "Lisant"),
        licence="© M.W. Johns",
    )
    form.show_scale("epworth", scale, "", sending=False)
    assert form.licence.isVisible() and form.licence.text() == "© M.W. Johns"
    assert form.licence.property("role") == "small"
    click(form.option_buttons[1])
    assert form.item.text() == "Lisant"
    assert not form.licence.isVisible()


def test_a_withheld_band_reads_less_than_the_minimum_with_an_empty_bar(tr: Translator) -> None:
    results = PublicScaleSummary(
        activity_id="ortman",
        respondents=24,
        minimum=5,
        min_score=0,
        max_score=2,
        mean=None,
        bands=(
            PublicBandCount(label="Normale", min=0, max=0, count=None, rest=(16, 24)),
            PublicBandCount(label="Exagérée", min=1, max=1, count=None),
            PublicBandCount(label="Dangereuse", min=2, max=2, count=None),
        ),
        distribution_from=15,
        shows_distribution=True,
    )
    activity = ActivitySheet(
        id="ortman", kind="scale", status="revealed", question="Ortman", results=results
    )
    _summary, rows = result_rows(activity, None, tr)
    assert [row.value for row in rows] == ["de 16 à 24", "moins de 5", "moins de 5"]
    assert [row.share for row in rows] == [0.0, 0.0, 0.0], "no bar for a withheld band"
