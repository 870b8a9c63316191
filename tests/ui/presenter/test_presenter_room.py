"""Presenter mode with its live room, end to end on loopback.

A real LiveRoom on a SQLite file in tmp_path, a real RoomServer on port 0, real ParticipantClients,
the real console and projector. One qasync loop, marked as running, is driven by qtbot's waits
(waitUntil / waitSignal process Qt's events, and with them the loop's callbacks).
"""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import asyncio
import functools
import itertools
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import numpy as np
import pytest
import qasync
from matplotlib.colors import to_hex
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from fphkiosk.app import (
    CONSOLE_SIZE,
    PresenterRoom,
    PresenterSession,
    build_presenter,
    start_room,
)
from fphkiosk.charts.poll_chart import CORRECT_COLOR, PollChart
from fphkiosk.charts.results_chart import PlaceholderChart
from fphkiosk.charts.scale_chart import ScaleChart
from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.core.room_answers import ChoiceAnswer
from fphkiosk.core.room_changes import SubmitAnswer
from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.protocol import ChoiceBody, ScaleBody
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.ui.presenter.join_panel import join_url
from fphkiosk.ui.qr_code import QUIET_ZONE, qr_matrix
from fphkiosk.ui.slides.slide_renderer import letterbox
from tests.net.remote import Remote

T = TypeVar("T")
WAIT_MS = 8000

DECK = """\
---
title: Salle d'essai
min_group_size: 5
---
<!-- layout: title -->

Bienvenue.
---
# Sondage

```poll
id: couleur
question: Quelle couleur préférez-vous ?
choices: [Rouge, Vert, Bleu]
```
---
# Quiz

```quiz
id: calcul
question: Combien font 2 + 2 ?
choices: ["3", "4", "5"]
correct: "4"
```
---
# Échelle

```scale
id: sommeil
file: scales/sommeil.yaml
```
---
# Fin

Merci.
"""

SCALE = """title: Petite échelle
instructions: 1 point par oui.
licence: Échelle d'essai © Quelqu'un ; licence requise pour les organisations.
options:
  - {label: Non, points: 0}
  - {label: Oui, points: 1}
items:
  - Premier item ?
  - Deuxième item ?
bands:
  - {min: 0, max: 1, label: Faible}
  - {min: 2, max: 2, label: Élevé}
"""


def write_deck(folder: Path) -> Deck:
    (folder / "scales").mkdir(parents=True, exist_ok=True)
    (folder / "scales" / "sommeil.yaml").write_text(SCALE, encoding="utf-8")
    (folder / "deck.md").write_text(DECK, encoding="utf-8")
    return load_deck(folder)


class DrivenLoop(qasync.QEventLoop):  # type: ignore[misc]  # qasync has no annotations
    """A qasync loop that counts as running while qtbot's waits process Qt's events."""

    finished = False

    def is_running(self) -> bool:
        return not self.finished and bool(super().is_running())


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[DrivenLoop]:
    loop = DrivenLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    loop.finished = True
    loop.close()
    asyncio._set_running_loop(None)
    asyncio.set_event_loop(None)


class LicenceAnswers:
    """The trainer's answer to a licensed scale's notice, and the notices shown."""

    def __init__(self) -> None:
        self.answer = True
        self.shown: list[tuple[str, str]] = []

    def __call__(self, parent: QWidget, title: str, licence: str) -> bool:
        self.shown.append((title, licence))
        return self.answer


@dataclass
class Presenter:
    qtbot: QtBot
    app: QApplication
    tr: Translator
    deck: Deck
    session_path: Path
    licence: LicenceAnswers = field(default_factory=LicenceAnswers)
    session: PresenterSession | None = None
    room: PresenterRoom | None = None
    clients: list[ParticipantClient] = field(default_factory=list)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        task = asyncio.ensure_future(coroutine)
        self.qtbot.waitUntil(task.done, timeout=WAIT_MS)
        return task.result()

    def start(self, size: tuple[int, int] = CONSOLE_SIZE) -> PresenterSession:
        """Open the room and show the console at *size* (logical pixels)."""
        live = self.run(LiveRoom.open(self.deck, self.session_path))
        session = build_presenter(
            self.app,
            self.deck,
            self.tr,
            windowed=True,
            screen=None,
            confirm_quit=lambda _parent: True,
            start_slide=live.room.slide_index,
        )
        # Not qtbot.addWidget: qtbot would delete the windows before stop() closes the room.
        self.room = self.run(
            start_room(
                session,
                live,
                self.tr,
                host="127.0.0.1",
                port=0,
                confirm_licence=self.licence,
                limits=ServerLimits(connections_per_address=64, participants_per_address=64),
            )
        )
        session.show()
        # The offscreen platform's screen is 800×600, where the console would fit itself to it:
        # the tests look at the console at its usual size, or at the screen size they name.
        session.console.resize(*size)
        self.qtbot.waitExposed(session.projector)
        self.session = session
        return session

    def stop(self) -> None:
        for client in self.clients:
            self.run(client.close())
        self.clients = []
        if self.room is not None:
            self.run(self.room.close())
            self.room = None
        if self.session is not None:
            self.session.dispose()
            self.session.console.deleteLater()
            self.session.projector.deleteLater()
            self.session = None

    @property
    def ws_url(self) -> str:
        assert self.room is not None
        return f"http://127.0.0.1:{self.room.server.port}/ws"

    def join(self, count: int) -> list[ParticipantClient]:
        assert self.room is not None
        clients = [ParticipantClient(self.ws_url, self.room.live.room_code) for _ in range(count)]
        for client in clients:
            self.run(client.start())
        self.clients.extend(clients)
        self.qtbot.waitUntil(lambda: all(c.is_joined for c in clients), timeout=WAIT_MS)
        return clients

    def answer(
        self, clients: list[ParticipantClient], activity_id: str, choices: list[int]
    ) -> None:
        for client in clients:
            is_open = functools.partial(_sees, client, activity_id, "open")
            self.qtbot.waitUntil(is_open, timeout=WAIT_MS)
        ids = [c.answer(activity_id, ChoiceBody(k)) for c, k in zip(clients, choices, strict=True)]
        for client, answer_id in zip(clients, ids, strict=True):
            self.run(client.acknowledged(answer_id))


def _sees(client: ParticipantClient, activity_id: str, status: str) -> bool:
    activity = client.snapshot.activity if client.snapshot is not None else None
    return activity is not None and activity.id == activity_id and activity.status == status


def presenting(
    qtbot: QtBot, qapp: QApplication, tr: Translator, deck: Deck, session_path: Path
) -> Iterator[Presenter]:
    """For a fixture: a Presenter on *deck*, stopped (room closed, windows gone) after the test."""
    made = Presenter(qtbot, qapp, tr, deck, session_path)
    try:
        yield made
    finally:
        made.stop()


@pytest.fixture
def presenter(
    qtbot: QtBot, qapp: QApplication, qloop: DrivenLoop, tmp_path: Path, tr: Translator
) -> Iterator[Presenter]:
    yield from presenting(qtbot, qapp, tr, write_deck(tmp_path / "deck"), tmp_path / "jour.fphk")


def go_to(presenter: Presenter, number: int) -> None:
    """Type the slide number and Enter on the console, as the trainer does."""
    session = presenter.session
    assert session is not None
    presenter.qtbot.keyClicks(session.console, str(number))
    presenter.qtbot.keyClick(session.console, Qt.Key.Key_Return)
    assert session.navigation.presentation.live == number - 1


def test_a_quiz_opened_answered_and_revealed_reaches_the_projector(presenter: Presenter) -> None:
    session = presenter.start()
    clients = presenter.join(6)
    qtbot = presenter.qtbot
    go_to(presenter, 3)
    panel = presenter.room.panel if presenter.room else None
    assert panel is not None
    card = panel.cards["calcul"]
    assert card.status_label.text() == "Prête"

    qtbot.keyClick(session.console, Qt.Key.Key_O)
    presenter.answer(clients, "calcul", [1, 1, 1, 0, 2, 1])
    qtbot.waitUntil(lambda: card.progress_label.text().startswith("6 réponses"), timeout=WAIT_MS)
    assert card.progress_label.text() == "6 réponses / 6 connectés"
    assert card.status_label.text() == "Ouverte"
    assert panel.connected_label.text() == "6 connectés"
    assert not session.projector.results_shown
    # The trainer's preview already shows the counts, without marking the answer.
    preview = card.preview.chart
    assert isinstance(preview, PollChart)
    assert [bar.get_width() for bar in preview.bars.patches] == [1, 4, 1]
    assert preview.marker is not None and not preview.marker.get_visible()

    qtbot.keyClick(session.projector, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: session.projector.results_shown, timeout=WAIT_MS)
    chart = session.projector.results_view.chart
    assert isinstance(chart, PollChart)
    assert [bar.get_width() for bar in chart.bars.patches] == [1, 4, 1]
    assert chart.marker is not None and chart.marker.get_visible()
    colours = [to_hex(bar.get_facecolor()) for bar in chart.bars.patches]
    assert colours[1] == to_hex(CORRECT_COLOR)
    assert colours[0] == colours[2] != colours[1]
    qtbot.waitUntil(lambda: card.status_label.text() == "Résultats affichés", timeout=WAIT_MS)
    assert session.console.projected_results_label.isVisibleTo(session.console)
    for client in clients:
        qtbot.waitUntil(functools.partial(_sees, client, "calcul", "revealed"), timeout=WAIT_MS)

    # Leaving the slide takes the results off the projector.
    qtbot.keyClick(session.console, Qt.Key.Key_Right)
    assert not session.projector.results_shown


def test_below_the_minimum_group_size_the_projector_shows_the_placeholder(
    presenter: Presenter,
) -> None:
    session = presenter.start()
    clients = presenter.join(3)
    go_to(presenter, 2)
    assert presenter.room is not None
    card = presenter.room.panel.cards["couleur"]
    presenter.qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
    presenter.answer(clients, "couleur", [0, 1, 1])
    presenter.qtbot.waitUntil(
        lambda: card.progress_label.text().startswith("3 réponses"), timeout=WAIT_MS
    )
    presenter.qtbot.keyClick(session.console, Qt.Key.Key_C)
    presenter.qtbot.waitUntil(lambda: card.status_label.text() == "Close", timeout=WAIT_MS)
    assert not session.projector.results_shown
    presenter.qtbot.mouseClick(card.reveal_button, Qt.MouseButton.LeftButton)
    presenter.qtbot.waitUntil(lambda: session.projector.results_shown, timeout=WAIT_MS)
    chart = session.projector.results_view.chart
    assert isinstance(chart, PlaceholderChart)
    assert any("5" in text for text in chart.texts)


def _decode_qr(image: QImage, left: float, top: float, side: float, size: int) -> list[list[bool]]:
    """Read the modules of a QR code drawn in a square of *side* pixels (quiet zone included)."""
    module = side / (size + 2 * QUIET_ZONE)
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            px = round(left + (QUIET_ZONE + x + 0.5) * module)
            py = round(top + (QUIET_ZONE + y + 0.5) * module)
            row.append(QColor(image.pixel(px, py)).lightness() < 128)
        rows.append(row)
    return rows


def test_the_join_card_shows_the_code_and_a_qr_code_of_the_address(presenter: Presenter) -> None:
    session = presenter.start()
    room = presenter.room
    assert room is not None
    projector = session.projector
    code = room.live.room_code
    expected_url = join_url("127.0.0.1", room.server.port, code)
    assert room.url == expected_url
    # The title slide shows it without asking.
    assert projector.join_shown
    panel = projector.join_panel
    assert panel.url == expected_url
    assert panel.code_text == f"{code[:3]} {code[3:]}"
    assert room.panel.join_button.isChecked()
    assert room.live.presenter_secret not in panel.url  # the remote's secret never projected

    image = panel.grab().toImage()
    rect = panel.qr_rect()
    expected = qr_matrix(expected_url)
    assert _decode_qr(image, rect.left(), rect.top(), rect.width(), len(expected)) == expected

    qtbot = presenter.qtbot
    qtbot.keyClick(session.console, Qt.Key.Key_J)
    assert not projector.join_shown
    assert not room.panel.join_button.isChecked()
    qtbot.keyClick(projector, Qt.Key.Key_J)
    assert projector.join_shown
    # Another slide: the card goes; J brings it over that slide too, and the button as well.
    qtbot.keyClick(session.console, Qt.Key.Key_Right)
    assert not projector.join_shown
    qtbot.mouseClick(room.panel.join_button, Qt.MouseButton.LeftButton)
    assert projector.join_shown
    assert session.console.projected_join_label.isVisibleTo(session.console)
    qtbot.keyClick(session.console, Qt.Key.Key_B)
    assert not projector.join_shown  # nothing shows through the blackout


def test_the_room_follows_the_live_slide_and_a_remote_moves_the_projector(
    presenter: Presenter,
) -> None:
    session = presenter.start()
    (client,) = presenter.join(1)
    qtbot = presenter.qtbot

    def title_seen() -> str:
        return client.snapshot.slide.title if client.snapshot is not None else ""

    qtbot.keyClick(session.console, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: title_seen() == "Sondage", timeout=WAIT_MS)
    # A fast clicker: only the last slide matters, and the projector is not pulled back.
    for _ in range(3):
        qtbot.keyClick(session.console, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: title_seen() == "Fin", timeout=WAIT_MS)
    assert session.navigation.presentation.live == 4

    assert presenter.room is not None
    secret = presenter.room.live.presenter_secret

    async def remote_goes_back() -> None:
        async with aiohttp.ClientSession() as http:
            remote = await Remote.connect(http, presenter.ws_url, secret)
            await remote.command("previous_slide")
            await remote.command("previous_slide")
            await remote.close()

    with qtbot.waitSignal(
        session.projector.view.slide_painted, check_params_cb=lambda n: n == 3, timeout=WAIT_MS
    ):
        presenter.run(remote_goes_back())
    qtbot.waitUntil(lambda: session.navigation.presentation.live == 2, timeout=WAIT_MS)
    assert session.console.position_label.text() == "Diapositive 3 / 5"
    qtbot.waitUntil(lambda: title_seen() == "Quiz", timeout=WAIT_MS)


def test_a_licensed_scale_shows_its_notice_before_it_opens(presenter: Presenter) -> None:
    session = presenter.start()
    go_to(presenter, 4)
    assert presenter.room is not None
    card = presenter.room.panel.cards["sommeil"]
    assert "licence requise" in card.licence_label.text()
    presenter.licence.answer = False
    presenter.qtbot.keyClick(session.console, Qt.Key.Key_O)
    assert presenter.licence.shown == [
        (
            "Petite échelle",
            "Échelle d'essai © Quelqu'un ; licence requise pour les organisations.",
        )
    ]
    presenter.run(presenter.room.bridge.settle())
    assert presenter.room.live.room.status("sommeil") == "idle"
    presenter.licence.answer = True
    presenter.qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
    presenter.qtbot.waitUntil(lambda: card.status_label.text() == "Ouverte", timeout=WAIT_MS)
    assert len(presenter.licence.shown) == 2


def test_restarting_on_the_same_session_resumes_the_slide_and_the_answers(
    presenter: Presenter,
) -> None:
    presenter.start()
    clients = presenter.join(5)
    go_to(presenter, 2)
    assert presenter.room is not None
    presenter.qtbot.mouseClick(
        presenter.room.panel.cards["couleur"].open_button, Qt.MouseButton.LeftButton
    )
    presenter.answer(clients, "couleur", [2, 2, 0, 1, 2])
    code = presenter.room.live.room_code
    presenter.stop()

    session = presenter.start()
    assert presenter.room is not None
    assert presenter.room.live.room_code == code
    assert session.navigation.presentation.live == 1
    assert session.projector.view.slide is not None
    assert session.projector.view.slide.title == "Sondage"
    card = presenter.room.panel.cards["couleur"]
    assert card.status_label.text() == "Ouverte"
    assert card.progress_label.text() == "5 réponses / 0 connecté"
    preview = card.preview.chart
    assert isinstance(preview, PollChart)
    assert [bar.get_width() for bar in preview.bars.patches] == [1, 1, 3]


def test_answers_are_shown_in_coalesced_refreshes_at_most_ten_a_second(
    presenter: Presenter,
) -> None:
    presenter.start()
    go_to(presenter, 2)
    room = presenter.room
    assert room is not None
    qtbot = presenter.qtbot
    card = room.panel.cards["couleur"]
    qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.status_label.text() == "Ouverte", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: card.preview.renders == 1, timeout=WAIT_MS)
    refreshed_at: list[float] = []
    room.bridge.refreshed.connect(lambda _refresh: refreshed_at.append(time.monotonic()))
    renders = card.preview.renders

    def submit(number: int) -> Coroutine[Any, Any, object]:
        command = SubmitAnswer(f"jeton-{number}", "couleur", f"r{number}", ChoiceAnswer(number % 3))
        return room.live.submit_answer(command)

    async def burst() -> None:
        await asyncio.gather(*(submit(n) for n in range(40)))

    presenter.run(burst())
    qtbot.waitUntil(lambda: card.progress_label.text().startswith("40 réponses"), timeout=WAIT_MS)
    # Coalesced: refreshes at most ten a second however long the burst took on this machine,
    # and never more renders than refreshes.
    assert len(refreshed_at) >= 1
    assert all(later - earlier >= 0.09 for earlier, later in itertools.pairwise(refreshed_at))
    assert card.preview.renders - renders <= len(refreshed_at)

    # Right after a refresh, the next one waits its turn: at most ten a second.
    refreshed_at.clear()
    presenter.run(submit(40))
    qtbot.waitUntil(lambda: len(refreshed_at) == 1, timeout=WAIT_MS)
    presenter.run(submit(41))
    qtbot.waitUntil(lambda: len(refreshed_at) == 2, timeout=WAIT_MS)
    assert refreshed_at[1] - refreshed_at[0] >= 0.09
    assert card.progress_label.text().startswith("42 réponses")


def test_a_revealed_scale_projects_the_room_distribution_only(presenter: Presenter) -> None:
    session = presenter.start()
    clients = presenter.join(5)
    go_to(presenter, 4)
    qtbot = presenter.qtbot
    qtbot.keyClick(session.console, Qt.Key.Key_O)
    for client in clients:
        qtbot.waitUntil(functools.partial(_sees, client, "sommeil", "open"), timeout=WAIT_MS)
    options = [[0, 0], [1, 0], [1, 1], [1, 1], [0, 1]]
    ids = [c.answer("sommeil", ScaleBody(o)) for c, o in zip(clients, options, strict=True)]
    for client, answer_id in zip(clients, ids, strict=True):
        ack = presenter.run(client.acknowledged(answer_id))
        assert ack.my_result is not None  # each participant's own score goes back to them only
    qtbot.keyClick(session.console, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: session.projector.results_shown, timeout=WAIT_MS)
    chart = session.projector.results_view.chart
    assert isinstance(chart, ScaleChart)
    # Scores 0, 1, 2 reached by 1, 2 and 2 people: a room of 5 sees its rounded average on the
    # band strip and no count at all, never who got what.
    assert chart.bars is None and chart.band_texts == []
    # (This 0-2 scale is too short for any average to be told safely in a room of 5.)
    assert chart.headline.get_text() == "Moyenne non publiée pour une salle de cette taille"
    assert "10" in chart.note.get_text(), "two bands of 5: the breakdown from 10"


def test_the_console_shows_the_tablets_pin_and_the_room_accepts_it(presenter: Presenter) -> None:
    presenter.start()
    assert presenter.room is not None
    panel = presenter.room.panel
    pin = presenter.room.live.kiosk_pin
    shown = panel.pin_label.text()
    assert shown.replace(" ", "").endswith(pin) and panel.pin_label.isVisibleTo(panel)
    # Never on the projector: no text of its windows carries the PIN.
    assert presenter.session is not None
    projector_texts = [label.text() for label in presenter.session.projector.findChildren(QLabel)]
    assert not any(pin in text.replace(" ", "") for text in projector_texts)
    [client] = presenter.join(1)
    assert presenter.run(client.check_kiosk_pin(shown.rsplit(":", 1)[1])) is True


def test_the_console_warns_when_someone_guesses_the_tablets_pin(presenter: Presenter) -> None:
    presenter.start()
    assert presenter.room is not None
    panel = presenter.room.panel
    assert not panel.pin_warning_label.isVisibleTo(panel)
    pin = presenter.room.live.kiosk_pin
    wrong = f"{(int(pin) + 1) % 1_000_000:06d}"
    [client] = presenter.join(1)
    assert presenter.run(client.check_kiosk_pin(wrong)) is False
    presenter.qtbot.waitUntil(lambda: panel.pin_warning_label.isVisibleTo(panel), timeout=WAIT_MS)
    assert panel.pin_warning_label.text() == (
        "Attention : quelqu'un essaie des PIN de tablette (1 faux). "
        "Les essais suivants sont ralentis."
    )
    assert presenter.run(client.check_kiosk_pin(wrong)) is False
    presenter.qtbot.waitUntil(lambda: "(2 faux)" in panel.pin_warning_label.text(), timeout=WAIT_MS)


def _frame_pixels(widget: QWidget) -> np.ndarray:
    """The 16:9 frame of *widget* as drawn on screen, 320×180, as an array of RGB values."""
    frame = letterbox(QRectF(widget.rect())).toAlignedRect()
    image = widget.grab(frame).toImage().convertToFormat(QImage.Format.Format_RGB888)
    small = image.scaled(320, 180, Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    data = np.frombuffer(small.constBits(), dtype=np.uint8)
    return data.reshape(180, small.bytesPerLine())[:, : 320 * 3].reshape(180, 320, 3)


def _difference(a: QWidget, b: QWidget) -> float:
    return float(np.abs(_frame_pixels(a).astype(int) - _frame_pixels(b).astype(int)).mean())


def test_the_console_live_pane_shows_what_the_projector_shows(presenter: Presenter) -> None:
    session = presenter.start()
    clients = presenter.join(6)
    qtbot = presenter.qtbot
    live, projector = session.console.live_view, session.projector
    # Small enough for 1920×1080 at 150 % (1280×720 less a task bar) and 1366×768.
    smallest = session.console.minimumSizeHint()
    assert smallest.width() <= 1280 and smallest.height() <= 680
    # The title slide: the join card over it, on both.
    qtbot.waitUntil(lambda: projector.join_shown, timeout=WAIT_MS)
    assert session.mirror.shown_overlays() == (projector.join_panel,)
    qtbot.waitUntil(lambda: _difference(live, projector) < 6, timeout=WAIT_MS)
    assert not projector.join_panel.alone
    go_to(presenter, 3)
    assert session.mirror.shown_overlays() == ()
    # Asked for over a slide whose content fills the page, the card is a screen of its own.
    qtbot.keyClick(session.console, Qt.Key.Key_J)
    assert projector.join_shown and projector.join_panel.alone
    qtbot.waitUntil(lambda: _difference(live, projector) < 6, timeout=WAIT_MS)
    qtbot.keyClick(session.console, Qt.Key.Key_J)
    assert not projector.join_shown
    # The slide alone, once the pane has caught up with the projector: taken a frame behind, it
    # would still hold the join card, and the results below might not differ enough from it.
    qtbot.waitUntil(lambda: _difference(live, projector) < 6, timeout=WAIT_MS)
    slide_only = _frame_pixels(live)

    qtbot.keyClick(session.console, Qt.Key.Key_O)
    presenter.answer(clients, "calcul", [1, 1, 1, 0, 2, 1])
    qtbot.keyClick(projector, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: projector.results_shown, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: projector.results_view.renders >= 1, timeout=WAIT_MS)

    seen: dict[str, float] = {}

    def pane_shows_the_results() -> bool:
        # Changed from the slide (the projector may paint the results a moment later on a busy
        # machine) and the same as the projector.
        seen["from the slide"] = float(
            np.abs(_frame_pixels(live).astype(int) - slide_only.astype(int)).mean()
        )
        seen["from the projector"] = _difference(live, projector)
        return seen["from the slide"] > 10 and seen["from the projector"] < 6

    try:
        qtbot.waitUntil(pane_shows_the_results, timeout=WAIT_MS)
    except qtbot.TimeoutError as timed_out:
        raise AssertionError(f"the pane never showed the results: {seen}") from timed_out
    assert session.mirror.shown_overlays() == (projector.results_view,)

    # Black on the projector, black in the pane.
    qtbot.keyClick(session.console, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: not projector.results_shown, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _frame_pixels(live).mean() < 5, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _difference(live, projector) < 6, timeout=WAIT_MS)
