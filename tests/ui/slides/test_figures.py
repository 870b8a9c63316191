"""Figures on the projector: a zero that reads as a zero, and no line break inside a number."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

from fphkiosk.charts.style import CHART_FONT_FAMILY
from fphkiosk.ui.slides.fonts import FONT_FAMILY, font_dir, pixel_font, register_fonts
from fphkiosk.ui.slides.text_fit import french_spacing

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("8 560 000 tweets", f"8{NBSP}560{NBSP}000 tweets"),
        ("(soit 96 % des CHU)", f"(soit 96{NBSP}% des CHU)"),
        ("30 000 € d'amende", f"30{NBSP}000{NBSP}€ d'amende"),
        ("entre 0 et 5 000 amis", f"entre 0 et 5{NBSP}000 amis"),
        # Not a figure's groups: a year then a count, two numbers side by side.
        ("en 2020 2 fois", "en 2020 2 fois"),
        ("en 2020 12345 fois", "en 2020 12345 fois"),
    ],
)
def test_figures_and_their_signs_are_held_together(typed: str, shown: str) -> None:
    assert french_spacing(typed) == shown


def _lines(text: str, width: float) -> list[str]:
    font = pixel_font(register_fonts(), 48)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


def _breaks_inside_a_figure(lines: list[str]) -> bool:
    return any(line.startswith(("000", "560", "900", "%")) for line in lines)


def test_boxes_break_around_a_figure_never_inside_it(qapp: QApplication) -> None:
    text = "Réponse : 8 560 000 tweets, soit 27 900 par CHU et 96 % des CHU"
    font = pixel_font(register_fonts(), 48)
    narrowest = int(QFontMetricsF(font).horizontalAdvance(f"8{NBSP}560{NBSP}000")) + 4
    widths = range(narrowest, 1600, 7)
    # Ordinary spaces break some figure at some width: the case the no-break spaces are for.
    assert any(_breaks_inside_a_figure(_lines(text, width)) for width in widths)
    for width in widths:
        lines = _lines(french_spacing(text), width)
        assert not _breaks_inside_a_figure(lines), (width, lines)
        assert f"8{NBSP}560{NBSP}000" in " ".join(lines)


def test_the_shipped_zero_has_no_slash() -> None:
    for path in sorted(font_dir().glob("*.ttf")):
        font = TTFont(path)
        # An oval and its counter; the slashed design had the counter cut in two.
        assert font["glyf"]["zero"].numberOfContours == 2, path.name
        assert font["name"].getBestFamilyName() == FONT_FAMILY
    assert CHART_FONT_FAMILY == FONT_FAMILY


def test_the_projected_zero_is_empty_in_its_middle(qapp: QApplication) -> None:
    family = register_fonts()
    assert family == FONT_FAMILY
    font = pixel_font(family, 200)
    image = QImage(300, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), int(Qt.AlignmentFlag.AlignCenter), "0")
    painter.end()
    ink = [
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() < 128
    ]
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    middle_x, middle_y = (min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2
    # The middle of the glyph, where a slash crosses, is paper; its rim is ink.
    assert QColor(image.pixel(middle_x, middle_y)).lightness() > 200
    assert QColor(image.pixel(min(xs) + 3, middle_y)).lightness() < 128
