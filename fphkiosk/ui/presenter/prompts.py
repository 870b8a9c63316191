"""Questions the console asks the trainer before a command goes to the room."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from fphkiosk.core.deck import ScaleActivity
from fphkiosk.ui.presenter.room_bridge import ActivityState

ConfirmLicence = Callable[[QWidget, str, str], bool]
"""Asks the trainer (parent, scale title, licence notice) whether to launch a licensed scale."""


class LicencePrompt:
    """A licensed scale shows its notice before its first opening; the trainer may decline."""

    def __init__(self, parent: QWidget, confirm: ConfirmLicence) -> None:
        self._parent = parent
        self._confirm = confirm

    def allows_opening(self, state: ActivityState) -> bool:
        activity = state.activity
        if not isinstance(activity, ScaleActivity) or not activity.scale.licence:
            return True
        if state.status != "idle":
            return True
        return self._confirm(self._parent, activity.scale.title, activity.scale.licence)
