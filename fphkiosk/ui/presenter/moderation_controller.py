"""The room's texts on the presenter's screens: the console's moderation queue, the projector's
spotlight, and the countdown of a timed activity.

The queue shows the live slide's qa, open or words activity (or, on another slide, the room's
current one, so the trainer can still moderate after moving on). Everything is rendered from
the room through the ``RoomBridge``; the trainer's decisions go back as ``Moderate`` commands.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from fphkiosk.core.deck import Deck, TextActivity
from fphkiosk.core.presentation import Change, LiveSlideChanged
from fphkiosk.core.room_changes import Moderate, ModerationAction
from fphkiosk.ui.presenter.moderation_panel import ModerationPanel
from fphkiosk.ui.presenter.navigation import NavigationController
from fphkiosk.ui.presenter.projector import ProjectorWindow
from fphkiosk.ui.presenter.room_bridge import RoomBridge, RoomRefresh

COUNTDOWN_TICK_MS = 250
_ACTIONS: dict[str, ModerationAction] = {
    "approve": "approve",
    "hide": "hide",
    "answered": "answered",
    "spotlight": "spotlight",
    "unspotlight": "unspotlight",
}


class ModerationController(QObject):
    def __init__(
        self,
        deck: Deck,
        navigation: NavigationController,
        room: RoomBridge,
        panel: ModerationPanel,
        projector: ProjectorWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._deck = deck
        self._navigation = navigation
        self._room = room
        self._panel = panel
        self._projector = projector
        self._ticker = QTimer(self)
        self._ticker.setInterval(COUNTDOWN_TICK_MS)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        navigation.changes_applied.connect(self._on_navigation_changes_applied)
        room.refreshed.connect(self._on_room_refreshed)
        panel.moderation_requested.connect(self._on_panel_moderation_requested)
        self._render()

    def _activity(self) -> TextActivity | None:
        slide = self._deck.slides[self._navigation.presentation.live]
        for activity in slide.activities:
            if isinstance(activity, TextActivity):
                return activity
        current = self._room.current_activity_id
        if current is not None:
            activity = self._room.state(current).activity
            if isinstance(activity, TextActivity):
                return activity
        return None

    def _render(self) -> None:
        activity = self._activity()
        spotlight = self._room.spotlight
        if activity is None:
            self._panel.show_texts(None, "", "", (), None)
        else:
            spotlit = (
                spotlight.item_id
                if spotlight is not None and spotlight.activity_id == activity.id
                else None
            )
            self._panel.show_texts(
                activity.id,
                activity.kind,
                activity.question,
                self._room.text_items(activity.id),
                spotlit,
            )
        self._projector.show_spotlight(None if spotlight is None else spotlight.text)
        self._show_countdown()

    def _show_countdown(self) -> None:
        current = self._room.current_activity_id
        remaining = None if current is None else self._room.remaining(current)
        self._projector.show_countdown(remaining)
        if remaining is None:
            self._ticker.stop()
        elif not self._ticker.isActive():
            self._ticker.start()

    # Events ---------------------------------------------------------------------------------

    def _on_navigation_changes_applied(self, changes: tuple[Change, ...]) -> None:
        if any(isinstance(change, LiveSlideChanged) for change in changes):
            self._render()

    def _on_room_refreshed(self, refresh: RoomRefresh) -> None:
        self._render()

    def _on_ticker_timeout(self) -> None:
        self._show_countdown()

    def _on_panel_moderation_requested(self, activity_id: str, item_id: str, action: str) -> None:
        chosen = _ACTIONS.get(action)
        if chosen is not None:
            self._room.send(Moderate(activity_id, item_id, chosen))
