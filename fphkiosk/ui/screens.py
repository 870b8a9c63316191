"""Which screen the projector window goes to."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen


def choose_projector_screen(screens: Sequence[QScreen], primary: QScreen | None) -> QScreen | None:
    """The screen for the projector, or None when the laptop has only its own screen.

    The projector is the largest screen that is not the primary one: the laptop's own panel is
    the primary screen in every desktop's default set-up, and a room may also have a second
    monitor smaller than the projector.
    """
    others = [s for s in screens if s is not primary and s != primary]
    if not others:
        return None
    return max(others, key=lambda s: _area(s.geometry()))


def projector_screen(app: QGuiApplication) -> QScreen | None:
    return choose_projector_screen(app.screens(), app.primaryScreen())


def _area(rect: QRect) -> int:
    return rect.width() * rect.height()
