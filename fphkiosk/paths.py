"""Where the shipped assets and the bundled course live, in a checkout or an installed package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def assets_dir() -> Path:
    """The `assets/` folder: fonts, translations, the participant web page."""
    return _first_existing(_PACKAGE / "_assets", _PACKAGE.parent / "assets")


def bundled_deck_dir() -> Path:
    """The course shipped with the application (`slides/`)."""
    return _first_existing(_PACKAGE / "_slides", _PACKAGE.parent / "slides")
