"""The shipped typeface, registered with Qt so every screen and export uses the same letters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from fphkiosk.paths import assets_dir

# Atkinson Hyperlegible with a plain zero (tools/plain_zero_font.py): figures read as figures.
FONT_FAMILY = "Atkinson Hyperlegible Plain Zero"
# Used when the shipped files are missing (a broken install): legible, widely available sans faces.
FALLBACK_FAMILIES = ("Noto Sans", "DejaVu Sans", "Arial", "Helvetica", "sans-serif")


def font_dir() -> Path:
    return assets_dir() / "fonts"


def register_fonts(directory: Path | None = None) -> str:
    """Register the shipped fonts (idempotent) and return the family name to use.

    Needs a QGuiApplication. Returns a fallback family when the files cannot be loaded, so a
    missing font degrades the look but never stops a presentation.
    """
    if FONT_FAMILY in QFontDatabase.families():
        return FONT_FAMILY
    loaded: set[str] = set()
    for path in sorted((directory or font_dir()).glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            loaded.update(QFontDatabase.applicationFontFamilies(font_id))
    if FONT_FAMILY in loaded:
        return FONT_FAMILY
    if loaded:
        return sorted(loaded)[0]
    available = set(QFontDatabase.families())
    for family in FALLBACK_FAMILIES:
        if family in available:
            return family
    return QFont().defaultFamily()


def pixel_font(
    family: str, pixel_size: float, *, bold: bool = False, italic: bool = False
) -> QFont:
    """A font sized in canvas pixels, unhinted so its layout is identical at every scale."""
    font = QFont(family)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
