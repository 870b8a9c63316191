"""The console on a small screen: a 1366×768 laptop, and 1920×1080 at 150 % (1280×720 in Qt's
logical pixels; 125 % gives 1536×864, roomier than both).

The live slide, what the room sees, must stay at least as large as the next slide; the room
panel, the moderation queue and the header must fit with nothing cut, whichever tab is shown and
whatever the header says. Real room on loopback, real tablets, the real console.
"""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.presenter.console import ConsoleWindow
from fphkiosk.ui.slides.slide_renderer import letterbox
from tests.ui.presenter.test_presenter_room import (
    WAIT_MS,
    DrivenLoop,
    Presenter,
    _sees,
    go_to,
    presenting,
    qloop,
)

__all__ = ["qloop"]

SMALL_SCREENS = [(1280, 720), (1366, 768)]

DECK = """\
---
title: Journée d'essai
min_group_size: 3
---
<!-- layout: title -->

Bienvenue.
---
# Et à l'hôpital ?

```poll
id: tweets
question: Durant la crise Covid (déc. 2019 – déc. 2020), combien de tweets les CHU ont-ils publié ?
choices: ["2 600", "27 900", "8 560 000"]
correct: "27 900"
```

Note: a long question, as in the course.
---
# Table ronde

```qa
id: table-ronde
question: Vos questions aux intervenants de la table ronde
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


def slide_width(view: QWidget) -> float:
    """The width of the 16:9 slide a view draws (letterboxed in its rectangle)."""
    return letterbox(QRectF(view.rect())).width()


def misfits(console: ConsoleWindow, screen: tuple[int, int]) -> list[str]:
    """What does not fit on *screen*: each a sentence, none when the console fits."""
    found: list[str] = []
    smallest = console.minimumSizeHint()
    if console.width() > screen[0] or smallest.width() > screen[0]:
        found.append(f"console {console.width()} wide (at least {smallest.width()})")
    live, upcoming = slide_width(console.live_view), slide_width(console.preview_view)
    if live < upcoming:
        found.append(f"live slide {live:.0f} narrower than the next one, {upcoming:.0f}")
    for widget in console.findChildren(QWidget):
        if not widget.isVisible():
            continue
        # A label or button narrower than its minimum cuts its text (wrapped ones wrap first).
        needed = widget.minimumSizeHint().width()
        if isinstance(widget, QLabel | QAbstractButton) and widget.width() < needed:
            found.append(f"{widget.text()!r}: {widget.width()} < {needed}")
        if isinstance(widget, QTabBar):
            found += [
                f"tab {widget.tabText(i)!r} cut"
                for i in range(widget.count())
                if not widget.rect().contains(widget.tabRect(i))
            ]
        # A scroll area's content is never scrolled sideways: wider than its view, it is cut.
        inner = widget.widget() if isinstance(widget, QScrollArea) else None
        view = widget.viewport().width() if isinstance(widget, QScrollArea) else 0
        if inner is not None and inner.width() > view:
            found.append(f"{widget.objectName()!r}: {inner.width()} > {view}")
    return found


def assert_fits(presenter: Presenter, screen: tuple[int, int]) -> None:
    session = presenter.session
    assert session is not None

    # Layouts settle on Qt's next turns: wait for them, then say what still does not fit.
    with contextlib.suppress(WaitTimeout):
        presenter.qtbot.waitUntil(lambda: not misfits(session.console, screen), timeout=WAIT_MS)
    assert misfits(session.console, screen) == []


@pytest.mark.parametrize("screen", SMALL_SCREENS, ids=["150pc", "1366x768"])
def test_on_a_small_screen_the_live_slide_is_the_largest_and_nothing_is_cut(
    presenter: Presenter, screen: tuple[int, int]
) -> None:
    session = presenter.start(size=screen)
    console = session.console
    assert presenter.room is not None
    panel = presenter.room.panel
    clients = presenter.join(12)
    go_to(presenter, 2)
    qtbot = presenter.qtbot
    qtbot.keyClick(console, Qt.Key.Key_O)
    presenter.answer(clients, "tweets", [0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 0, 1])
    qtbot.keyClick(console, Qt.Key.Key_R)
    card = panel.cards["tweets"]
    qtbot.waitUntil(lambda: card.status_label.text() == "Résultats affichés", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: session.projector.results_shown, timeout=WAIT_MS)
    assert_fits(presenter, screen)
    # The side panels never ask for more width than the live slide gets.
    assert console.side_panels.minimumSizeHint().width() <= console.live_view.width()

    # Every tab of the side panels: the room, the moderation queue, the keys' help.
    for index in range(console.side_panels.count()):
        console.side_panels.setCurrentIndex(index)
        assert_fits(presenter, screen)
    console.side_panels.setCurrentWidget(panel)

    # Everything the header can say at once: a black screen, a slide number being typed, and
    # the results and the join card on the projector.
    qtbot.keyClick(console, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: console.projected_join_label.isVisible(), timeout=WAIT_MS)
    console.show_blackout(True)
    console.show_typed_number("108")
    console.show_projected(results=True, join=True)
    assert_fits(presenter, screen)
    assert console.width() == screen[0]


def test_the_moderation_queue_fits_beside_the_live_slide(presenter: Presenter) -> None:
    screen = SMALL_SCREENS[0]
    session = presenter.start(size=screen)
    assert presenter.room is not None
    moderation = presenter.room.moderation
    clients = presenter.join(3)
    go_to(presenter, 3)
    presenter.qtbot.keyClick(session.console, Qt.Key.Key_O)
    for number, client in enumerate(clients):
        presenter.qtbot.waitUntil(
            functools.partial(_sees, client, "table-ronde", "open"), timeout=WAIT_MS
        )
        text = f"Question numéro {number + 1} pour les intervenants de la table ronde ?"
        presenter.run(client.acknowledged(client.write("table-ronde", text)))
    presenter.qtbot.waitUntil(lambda: moderation.list.count() == 3, timeout=WAIT_MS)
    session.console.side_panels.setCurrentWidget(moderation)
    assert_fits(presenter, screen)
