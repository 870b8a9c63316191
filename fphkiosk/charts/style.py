"""One chart look for slides, live results and PDF reports: palette, type sizes, font."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matplotlib import font_manager

# Okabe & Ito's palette: distinguishable with the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermilion
    "#F0E442",  # yellow (fills only: too light for text or thin lines)
    "#000000",
)
CHART_FONT_FAMILY = "Atkinson Hyperlegible Plain Zero"
"""The shipped font (see fphkiosk/ui/slides/fonts.py), its zero without a slash."""
FALLBACK_FONT_FAMILIES = ("DejaVu Sans", "sans-serif")
# Figures are laid out in inches at this many dots per inch for one canvas pixel, so a chart built
# for a 900 x 600 px box on the 1920 x 1080 canvas is 9 x 6 in whatever the output resolution.
CANVAS_DPI = 100.0


@dataclass(frozen=True)
class ChartStyle:
    """Point sizes assume CANVAS_DPI: 22 pt is about 30 canvas px, legible at the back of a room."""

    title_pt: float = 26
    label_pt: float = 24
    value_pt: float = 24
    unit_pt: float = 18
    source_pt: float = 16
    text: str = "#18202C"
    muted: str = "#4A5565"
    bar: str = PALETTE[0]
    background: str = "#FBFAF7"
    grid: str = "#C9D3DC"


def chart_font_families(font_dir: Path | None = None) -> list[str]:
    """Make the shipped font known to matplotlib (idempotent); return the family preference list."""
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    if CHART_FONT_FAMILY not in known and font_dir is not None and font_dir.is_dir():
        for path in sorted(font_dir.glob("*.ttf")):
            font_manager.fontManager.addfont(str(path))
        known = {entry.name for entry in font_manager.fontManager.ttflist}
    if CHART_FONT_FAMILY in known:
        return [CHART_FONT_FAMILY, *FALLBACK_FONT_FAMILIES]
    return list(FALLBACK_FONT_FAMILIES)
