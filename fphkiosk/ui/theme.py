"""The slide look: colours and sizes on the 1920 x 1080 canvas, legible from the back of a room."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    """Dark text on a light, slightly warm background; one calm blue accent."""

    background: str = "#FBFAF7"
    text: str = "#18202C"
    muted: str = "#4A5565"
    accent: str = "#0B5A87"
    accent_text: str = "#FFFFFF"
    """Text drawn on the accent colour (letter badges)."""
    accent_soft: str = "#E4EEF5"
    """Activity boxes."""
    section_background: str = "#EEF3F7"
    box_border: str = "#8FB0C8"
    second_accent: str = "#A34A0B"
    """Second prompt of a best / worst vote, so the two prompts differ by more than position."""
    rule: str = "#C9D3DC"
    blackout: str = "#000000"


@dataclass(frozen=True)
class Sizes:
    """Canvas pixels (the canvas is 1920 x 1080 whatever the screen)."""

    margin_x: float = 110
    margin_top: float = 64
    band_height: float = 14
    title_px: float = 60
    title_min_px: float = 40
    title_rule_width: float = 150
    title_rule_height: float = 7
    title_gap: float = 40
    body_px: float = 36
    body_min_px: float = 24
    section_title_px: float = 84
    course_title_px: float = 76
    course_line_px: float = 38
    footer_px: float = 24
    footer_height: float = 66
    footer_gap: float = 28
    visual_gap: float = 56
    choice_px: float = 40
    choice_min_px: float = 26
    question_px: float = 42
    box_radius: float = 22


@dataclass(frozen=True)
class Theme:
    palette: Palette = Palette()
    sizes: Sizes = Sizes()


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 to 21; AA asks 4.5 for body text, 3 for large text."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
