"""The shipped typeface, registered with Qt so every screen and export uses the same letters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from fphkiosk.paths import assets_dir

# Atkinson Hyperlegible with a plain zero (tools/plain_zero_font.py): figures read as figures.
FONT_FAMILY = "Atkinson Hyperlegible Plain Zero"
# Noto Emoji (tools/emoji_font.py): the emoji and symbols the text face lacks (🧼, 🙌, ✔).
EMOJI_FAMILY = "Noto Emoji"
EMOJI_FILES = "emoji/*.ttf"
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
    folder = directory or font_dir()
    for path in [*sorted(folder.glob("*.ttf")), *sorted(folder.glob(EMOJI_FILES))]:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            loaded.update(QFontDatabase.applicationFontFamilies(font_id))
    # Any text face falls back on the shipped emoji, before whatever the system may have.
    for family in (FONT_FAMILY, *FALLBACK_FAMILIES):
        QFont.insertSubstitution(family, EMOJI_FAMILY)
    if FONT_FAMILY in loaded:
        return FONT_FAMILY
    if loaded - {EMOJI_FAMILY}:
        return sorted(loaded - {EMOJI_FAMILY})[0]
    available = set(QFontDatabase.families())
    for family in FALLBACK_FAMILIES:
        if family in available:
            return family
    return QFont().defaultFamily()


def with_emoji(font: QFont) -> QFont:
    """*font*, falling back on the shipped emoji face for the glyphs it lacks."""
    families = font.families() or [font.family()]
    if EMOJI_FAMILY not in families:
        font.setFamilies([*families, EMOJI_FAMILY])
    return font


def pixel_font(
    family: str, pixel_size: float, *, bold: bool = False, italic: bool = False
) -> QFont:
    """A font sized in canvas pixels, unhinted so its layout is identical at every scale."""
    font = with_emoji(QFont(family))
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
