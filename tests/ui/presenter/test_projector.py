"""Projector window: close ignored, full screen on its screen, F key, screen choice, overlays."""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fphkiosk.app import PresenterSession, build_presenter
from fphkiosk.charts.poll_chart import PollChart
from fphkiosk.core.aggregation import ChoiceCounts
from fphkiosk.core.deck import Deck, Poll
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.screens import choose_projector_screen
from fphkiosk.ui.slides.slide_renderer import letterbox

DECK = """\
---
title: Projection d'essai
---
# Un

Texte un.
---
# Deux

Texte deux.
---
# Trois

Texte trois.
"""


def write_deck(folder: Path) -> Deck:
    (folder / "deck.md").write_text(DECK, encoding="utf-8")
    return load_deck(folder)


def never_quit(_parent: object) -> bool:
    return False


def open_presenter(
    qtbot: QtBot, qapp: QApplication, deck: Deck, tr: Translator, *, windowed: bool
) -> PresenterSession:
    session = build_presenter(
        qapp, deck, tr, windowed=windowed, screen=qapp.primaryScreen(), confirm_quit=never_quit
    )
    qtbot.addWidget(session.console)
    qtbot.addWidget(session.projector)
    session.show()
    qtbot.waitExposed(session.projector)
    return session


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    return write_deck(tmp_path)


@pytest.fixture
def windowed(
    qtbot: QtBot, qapp: QApplication, deck: Deck, tr: Translator
) -> Iterator[PresenterSession]:
    session = open_presenter(qtbot, qapp, deck, tr, windowed=True)
    yield session
    session.dispose()


def test_the_user_cannot_close_the_projector(windowed: PresenterSession) -> None:
    assert not windowed.projector.close()
    assert windowed.projector.isVisible()


def test_the_projector_closes_when_the_application_quits(windowed: PresenterSession) -> None:
    windowed.projector.allow_close()
    assert windowed.projector.close()
    assert not windowed.projector.isVisible()


def test_the_projector_shows_the_live_slide_and_obeys_keys(
    windowed: PresenterSession, qtbot: QtBot
) -> None:
    assert windowed.projector.view.slide is not None
    assert windowed.projector.view.slide.index == 1
    with qtbot.waitSignal(
        windowed.projector.view.slide_painted, check_params_cb=lambda n: n == 2, timeout=3000
    ):
        qtbot.keyClick(windowed.projector, Qt.Key.Key_Space)
    with qtbot.waitSignal(
        windowed.projector.view.slide_painted, check_params_cb=lambda n: n == 0, timeout=3000
    ):
        qtbot.keyClick(windowed.projector, Qt.Key.Key_B)
    assert windowed.projector.view.blackout
    qtbot.keyClick(windowed.projector, Qt.Key.Key_B)
    assert not windowed.projector.view.blackout


def test_windowed_projector_is_an_ordinary_window(windowed: PresenterSession) -> None:
    assert not windowed.projector.full_screen
    assert not windowed.projector.isFullScreen()
    assert not windowed.projector.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_projector_on_its_own_screen_is_full_screen_and_f_toggles_it(
    qtbot: QtBot, qapp: QApplication, deck: Deck, tr: Translator
) -> None:
    session = open_presenter(qtbot, qapp, deck, tr, windowed=False)
    try:
        projector = session.projector
        qtbot.waitUntil(projector.isFullScreen)
        assert projector.windowFlags() & Qt.WindowType.FramelessWindowHint
        qtbot.keyClick(session.console, Qt.Key.Key_F)
        qtbot.waitUntil(lambda: not projector.isFullScreen())
        assert not projector.windowFlags() & Qt.WindowType.FramelessWindowHint
        qtbot.keyClick(projector, Qt.Key.Key_F)
        qtbot.waitUntil(projector.isFullScreen)
        assert not projector.close()
    finally:
        session.dispose()


def test_no_projector_screen_when_the_laptop_has_only_its_own(qapp: QApplication) -> None:
    primary = qapp.primaryScreen()
    assert choose_projector_screen([primary], primary) is None
    assert choose_projector_screen([], None) is None


def test_overlays_cover_the_slide_frame_and_hide_under_the_blackout(
    windowed: PresenterSession, qtbot: QtBot, tr: Translator
) -> None:
    projector = windowed.projector
    assert not projector.join_shown and not projector.results_shown
    projector.set_join("http://192.168.1.20:8765/?code=AC34K7", "AC34K7")
    projector.show_join(True)
    poll = Poll("essai", "poll", "Ça va\u00a0?", ("Oui", "Non"))
    projector.show_results(poll, ChoiceCounts("essai", 6, (4, 2)), True)
    assert projector.join_shown and projector.results_shown
    projector.resize(1000, 700)  # not 16:9: black bars above and below the slide
    qtbot.waitUntil(lambda: projector.width() == 1000)
    frame = letterbox(QRectF(projector.rect())).toAlignedRect()
    assert projector.results_view.geometry() == frame
    assert projector.join_panel.geometry() == frame
    assert frame.top() > 0
    chart = projector.results_view.chart
    assert isinstance(chart, PollChart)
    assert [bar.get_width() for bar in chart.bars.patches] == [4, 2]

    projector.set_blackout(True)
    assert not projector.join_shown and not projector.results_shown
    projector.set_blackout(False)
    assert projector.join_shown and projector.results_shown
    projector.hide_results()
    projector.show_join(False)
    assert not projector.join_shown and not projector.results_shown
