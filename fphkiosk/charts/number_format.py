"""Numbers as a reader of the chosen language writes them: "27 900", "4,2", "48 %" in French.

Pure Python (no matplotlib), so the exports can format the same way as the charts. Rounding is
half away from zero, as taught at school, not Python's half-to-even: 4.25 to one decimal is "4,3".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NO_BREAK_SPACE = "\u00a0"
"""French thousands and "%" separator. Not U+202F (the narrower one): the shipped font,
Atkinson Hyperlegible, has no glyph for it, so it would print as a box or a fallback face."""
MINUS = "\u2212"
"""The typographic minus sign (in the shipped font): as wide as "+", never split from its digits."""


@dataclass(frozen=True)
class NumberStyle:
    """How one language writes numbers."""

    thousands: str
    decimal: str
    percent: str
    """The whole percent suffix, its space included when the language wants one."""


STYLES: dict[str, NumberStyle] = {
    "fr": NumberStyle(thousands=NO_BREAK_SPACE, decimal=",", percent=f"{NO_BREAK_SPACE}%"),
    "en": NumberStyle(thousands=",", decimal=".", percent="%"),
}
DEFAULT_LANGUAGE = "fr"


def number_style(language: str) -> NumberStyle:
    """The style of *language*, French for a language without one."""
    return STYLES.get(language, STYLES[DEFAULT_LANGUAGE])


def format_number(value: float, max_decimals: int = 2, *, language: str = DEFAULT_LANGUAGE) -> str:
    """*value* rounded to at most *max_decimals* decimals, no trailing zero: "4,25", "27 900"."""
    return _format(value, max_decimals, trim=True, style=number_style(language))


def format_fixed(value: float, decimals: int = 1, *, language: str = DEFAULT_LANGUAGE) -> str:
    """*value* with exactly *decimals* decimals: "4,0", "4,3"."""
    return _format(value, decimals, trim=False, style=number_style(language))


def format_percent(share: float, decimals: int = 0, *, language: str = DEFAULT_LANGUAGE) -> str:
    """A share (0..1) as a percentage: 0.48 -> "48 %" (no-break space in French)."""
    style = number_style(language)
    return _format(share * 100, decimals, trim=False, style=style) + style.percent


def _format(value: float, decimals: int, *, trim: bool, style: NumberStyle) -> str:
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, got {decimals}")
    # repr() gives the shortest decimal that reads back as the same float, so 0.285 rounds up to
    # 0.29 as a person expects, rather than down as its binary value (0.28499...) would.
    exact = Decimal(repr(float(value)))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    negative = rounded < 0
    digits = f"{abs(rounded):f}"
    whole, _, fraction = digits.partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    text = _group_thousands(whole, style.thousands)
    if fraction:
        text = f"{text}{style.decimal}{fraction}"
    # "-0" after rounding is not a number a reader should see: rounded < 0 is False for it.
    return f"{MINUS}{text}" if negative else text


def _group_thousands(whole: str, separator: str) -> str:
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return separator.join(groups)
