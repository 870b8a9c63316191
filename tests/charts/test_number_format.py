"""French (and English) number formatting for charts and exports. Needs no display."""

from __future__ import annotations

import pytest

from fphkiosk.charts.number_format import (
    MINUS,
    NO_BREAK_SPACE,
    format_fixed,
    format_number,
    format_percent,
)

NB = NO_BREAK_SPACE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (5, "5"),
        (999, "999"),
        (27900, f"27{NB}900"),
        (8560000, f"8{NB}560{NB}000"),
        (4.25, "4,25"),
        (0.48, "0,48"),
        (1.0, "1"),
        (-5, f"{MINUS}5"),
        (-27900.5, f"{MINUS}27{NB}900,5"),
    ],
)
def test_format_number_in_french(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_rounding_is_half_up_as_taught() -> None:
    assert format_number(4.25, 1) == "4,3"
    assert format_number(0.285, 2) == "0,29"
    assert format_number(4.0, 1) == "4"
    assert format_fixed(4.0, 1) == "4,0"
    assert format_fixed(-4.25, 1) == f"{MINUS}4,3"


def test_a_negative_number_rounded_to_zero_has_no_sign() -> None:
    assert format_number(-0.04, 1) == "0"
    assert format_fixed(-0.04, 1) == "0,0"


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (0, f"0{NB}%"),
        (0.48, f"48{NB}%"),
        (1.0, f"100{NB}%"),
        (0.005, f"1{NB}%"),
        (0.2345, f"23{NB}%"),
    ],
)
def test_format_percent_has_no_decimals_by_default(share: float, expected: str) -> None:
    assert format_percent(share) == expected


def test_format_percent_with_decimals() -> None:
    assert format_percent(0.2345, 1) == f"23,5{NB}%"
    assert format_percent(-0.1) == f"{MINUS}10{NB}%"


def test_english_style() -> None:
    assert format_number(27900, language="en") == "27,900"
    assert format_number(4.25, 1, language="en") == "4.3"
    assert format_percent(0.48, language="en") == "48%"


def test_unknown_language_falls_back_to_french() -> None:
    assert format_number(27900, language="de") == f"27{NB}900"


def test_the_thousands_space_exists_in_the_shipped_font() -> None:
    from matplotlib.ft2font import FT2Font

    from fphkiosk.paths import assets_dir

    font = assets_dir() / "fonts" / "AtkinsonHyperlegible-Regular.ttf"
    charmap = FT2Font(str(font)).get_charmap()
    assert ord(NO_BREAK_SPACE) in charmap
    assert ord(MINUS) in charmap


def test_negative_decimals_are_refused() -> None:
    with pytest.raises(ValueError):
        format_number(1.0, -1)
