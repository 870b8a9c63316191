"""Deck data charts: the Figure's artists carry the deck's figures, labels, title and source."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from fphkiosk.charts.data_chart import bar_texts, build_data_chart
from fphkiosk.charts.number_format import format_number
from fphkiosk.charts.style import CHART_FONT_FAMILY, PALETTE, chart_font_families
from fphkiosk.core.deck import Bar, ChartBlock
from fphkiosk.core.i18n import Translator
from fphkiosk.paths import assets_dir
from fphkiosk.ui.figure_image import figure_to_image

CHART = ChartBlock(
    id="temps",
    title="Temps passé par mois",
    bars=(
        Bar("TikTok", 21.4, "21 h 24"),
        Bar("Facebook", 12.9, "12 h 54"),
        Bar("Instagram", 8.6),
    ),
    unit="heures",
    source="We Are Social, 2023",
)


def bars_of(figure: object) -> list[Rectangle]:
    ax = figure.axes[0]  # type: ignore[attr-defined]
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_horizontal_bars_carry_the_values_and_labels(tr: Translator) -> None:
    figure = build_data_chart(CHART, tr)
    ax = figure.axes[0]
    assert [bar.get_width() for bar in bars_of(figure)] == pytest.approx([21.4, 12.9, 8.6])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["TikTok", "Facebook", "Instagram"]
    assert [t.get_text() for t in ax.texts] == ["21 h 24", "12 h 54", "8,6"]
    assert ax.get_title(loc="left") == "Temps passé par mois"
    assert ax.get_xlabel() == "heures"
    assert "Source : We Are Social, 2023" in [t.get_text() for t in figure.texts]
    assert ax.yaxis_inverted()  # the deck's first bar is on top
    assert {to_hex(bar.get_facecolor()) for bar in bars_of(figure)} == {PALETTE[0].lower()}


def test_vertical_bars(tr: Translator) -> None:
    chart = ChartBlock(
        id="v",
        title="",
        bars=(Bar("Facebook", 80.5), Bar("Un libellé assez long pour passer à la ligne", 27900)),
        orientation="vertical",
    )
    figure = build_data_chart(chart, tr)
    ax = figure.axes[0]
    assert [bar.get_height() for bar in bars_of(figure)] == pytest.approx([80.5, 27900])
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "Facebook"
    assert "\n" in labels[1]
    assert [t.get_text() for t in ax.texts] == ["80,5", "27\u00a0900"]
    assert ax.get_title(loc="left") == ""
    assert figure.texts == []


def test_the_title_can_be_left_to_the_slide(tr: Translator) -> None:
    figure = build_data_chart(CHART, tr, show_title=False)
    assert figure.axes[0].get_title(loc="left") == ""


def test_numbers_are_written_the_local_way() -> None:
    assert format_number(21.4) == "21,4"
    assert format_number(27900) == "27\u00a0900"
    assert format_number(1.25) == "1,25"
    assert format_number(5.0) == "5"
    assert format_number(27900.5, language="en") == "27,900.5"
    assert bar_texts(CHART, "en") == ["21 h 24", "12 h 54", "8.6"]


def test_the_shipped_font_is_used(tr: Translator) -> None:
    assert chart_font_families(assets_dir() / "fonts")[0] == CHART_FONT_FAMILY
    figure = build_data_chart(CHART, tr, font_dir=assets_dir() / "fonts")
    assert figure.axes[0].texts[0].get_fontfamily()[0] == CHART_FONT_FAMILY


def test_a_figure_renders_to_an_image_of_the_asked_size(tr: Translator) -> None:
    figure = build_data_chart(CHART, tr, width_in=9, height_in=6)
    image = figure_to_image(figure, QSize(900, 600))
    assert (image.width(), image.height()) == (900, 600)
    bar = QColor(PALETTE[0])
    hits = sum(
        1
        for x in range(0, 900, 10)
        for y in range(0, 600, 10)
        if image.pixelColor(x, y).rgb() == bar.rgb()
    )
    assert hits > 100
    assert figure.get_size_inches() == pytest.approx((9, 6))
