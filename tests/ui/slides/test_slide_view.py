"""SlideView: shows the renderer's slide scaled to the widget, black bars, blackout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.slide_renderer import SlideRenderer
from fphkiosk.ui.slides.slide_view import SlideView
from fphkiosk.ui.theme import Theme
from tests.ui import write_deck
from tests.ui.slides.test_slide_renderer import CONTENT, POLL, SECTION, pixels, share_near


@pytest.fixture
def deck(tmp_path: Path, qapp: object) -> Deck:
    return write_deck(tmp_path / "deck", SECTION, CONTENT, POLL)


@pytest.fixture
def view(qtbot: QtBot, deck: Deck, tr: Translator) -> SlideView:
    widget = SlideView(SlideRenderer(deck, tr))
    qtbot.addWidget(widget)
    widget.resize(640, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_set_slide_paints_it_and_reports_its_index(
    qtbot: QtBot, view: SlideView, deck: Deck
) -> None:
    with qtbot.waitSignal(view.slide_painted, check_params_cb=lambda index: index == 2):
        view.set_slide(deck.slides[1])
    image = pixels(view.grab().toImage())
    assert share_near(image, Theme().palette.background, 8) > 0.5


def test_blackout_paints_black_and_reports_zero(qtbot: QtBot, view: SlideView, deck: Deck) -> None:
    view.set_slide(deck.slides[2])
    with qtbot.waitSignal(view.slide_painted, check_params_cb=lambda index: index == 0):
        view.set_blackout(True)
    assert share_near(pixels(view.grab().toImage()), "#000000", 0) == 1.0
    with qtbot.waitSignal(view.slide_painted, check_params_cb=lambda index: index == 3):
        view.set_blackout(False)
    assert view.slide is deck.slides[2]


def test_no_slide_is_black(qtbot: QtBot, view: SlideView) -> None:
    with qtbot.waitSignal(view.slide_painted, check_params_cb=lambda index: index == 0):
        view.set_slide(None)
    assert share_near(pixels(view.grab().toImage()), "#000000", 0) == 1.0


def test_a_tall_widget_gets_black_bars(qtbot: QtBot, view: SlideView, deck: Deck) -> None:
    view.resize(400, 400)
    with qtbot.waitSignal(view.slide_painted, check_params_cb=lambda index: index == 1):
        view.set_slide(deck.slides[0])
    image = pixels(view.grab().toImage())
    assert share_near(image[:60], "#000000", 0) == 1.0
    assert share_near(image[-60:], "#000000", 0) == 1.0
    assert share_near(image[150:250], Theme().palette.section_background, 8) > 0.5
    assert view.heightForWidth(1920) == 1080


def test_the_next_slide_is_rendered_ahead(qtbot: QtBot, view: SlideView, deck: Deck) -> None:
    renderer = view.renderer
    with qtbot.waitSignal(view.slide_painted):
        view.set_slide(deck.slides[0])
    size = QSize(round(640 * view.devicePixelRatioF()), round(360 * view.devicePixelRatioF()))
    qtbot.waitUntil(lambda: renderer.is_cached(deck.slides[1], size))
    renders = renderer.renders
    with qtbot.waitSignal(view.slide_painted, check_params_cb=lambda index: index == 2):
        view.set_slide(deck.slides[1])
    assert renderer.renders == renders
