"""The live room on the presenter's screens: the console's room panel, the projector's join card
and revealed results, and the trainer's room keys (O, C, R, J).

The room follows the live slide (``NavigationController.changes_applied``); a presenter remote's
slide moves come back through the navigation like the trainer's own. Everything shown is rendered
from the room's state, through the ``RoomBridge``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from fphkiosk.core.deck import Deck, Slide
from fphkiosk.core.i18n import Translator
from fphkiosk.core.presentation import Change, LiveSlideChanged
from fphkiosk.core.room_changes import ActivityStatus, CloseActivity, OpenActivity, RevealActivity
from fphkiosk.ui.presenter.console import ConsoleWindow
from fphkiosk.ui.presenter.navigation import NavigationController
from fphkiosk.ui.presenter.projector import ProjectorWindow
from fphkiosk.ui.presenter.prompts import LicencePrompt
from fphkiosk.ui.presenter.room_bridge import (
    ActivityState,
    RoomBridge,
    RoomKey,
    RoomKeys,
    RoomRefresh,
)
from fphkiosk.ui.presenter.room_panel import RoomPanel

# Per key, the statuses of the activity it acts on, in order of preference.
_KEY_TARGETS: dict[RoomKey, tuple[ActivityStatus, ...]] = {
    RoomKey.OPEN: ("idle", "closed", "revealed"),
    RoomKey.CLOSE: ("open",),
    RoomKey.REVEAL: ("open", "closed"),
}


def activity_for_key(
    key: RoomKey, activity_ids: Sequence[str], statuses: dict[str, ActivityStatus]
) -> str | None:
    """Which of a slide's activities *key* acts on (most slides have only one)."""
    for status in _KEY_TARGETS.get(key, ()):
        for activity_id in activity_ids:
            if statuses[activity_id] == status:
                return activity_id
    return None


class RoomController(QObject):
    """Drives the room from the presentation and shows it on the console and the projector."""

    def __init__(
        self,
        deck: Deck,
        navigation: NavigationController,
        room: RoomBridge,
        panel: RoomPanel,
        console: ConsoleWindow,
        projector: ProjectorWindow,
        room_keys: RoomKeys,
        licence: LicencePrompt,
        join_url: str,
        tr: Translator,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._deck = deck
        self._navigation = navigation
        self._room = room
        self._panel = panel
        self._console = console
        self._projector = projector
        self._licence = licence
        self._tr = tr
        self._join_shown = False
        self._results_projected = False
        projector.set_join(join_url, room.room_code)
        navigation.changes_applied.connect(self._on_navigation_changes_applied)
        room_keys.key_pressed.connect(self._on_room_keys_key_pressed)
        room.refreshed.connect(self._on_room_refreshed)
        room.slide_moved.connect(self._on_room_slide_moved)
        room.command_refused.connect(self._on_room_command_refused)
        room.pin_guessed.connect(panel.show_pin_guessing)
        panel.open_requested.connect(self._on_room_panel_open_requested)
        panel.close_requested.connect(self._on_room_panel_close_requested)
        panel.reveal_requested.connect(self._on_room_panel_reveal_requested)
        panel.join_toggle_requested.connect(self._on_room_panel_join_toggle_requested)
        panel.show_connected(room.connected)
        self._show_join(self._live_slide().layout == "title")
        self._render()

    def open_activity(self, activity_id: str) -> None:
        """Open *activity_id* for answers; a licensed scale's notice is shown first."""
        if self._licence.allows_opening(self._room.state(activity_id)):
            self._send(OpenActivity(activity_id))

    def close_activity(self, activity_id: str) -> None:
        self._send(CloseActivity(activity_id))

    def reveal_activity(self, activity_id: str) -> None:
        self._send(RevealActivity(activity_id))

    def _send(self, command: OpenActivity | CloseActivity | RevealActivity) -> None:
        self._panel.show_message("")
        self._room.send(command)

    def _live_slide(self) -> Slide:
        return self._deck.slides[self._navigation.presentation.live]

    # Rendering ------------------------------------------------------------------------------

    def _render(self) -> None:
        """Show the live slide's activities in the panel and, once revealed, on the projector."""
        slide = self._live_slide()
        states = [self._room.state(activity.id) for activity in slide.activities]
        self._panel.show_activities(states, self._next_activity_hint(slide))
        revealed = self._revealed(states)
        if revealed is None:
            self._projector.hide_results()
        else:
            self._projector.show_results(revealed.activity, revealed.results, True)
        self._results_projected = revealed is not None
        self._console.show_projected(self._results_projected, self._join_shown)

    def _revealed(self, states: Sequence[ActivityState]) -> ActivityState | None:
        """The revealed activity to project: the one revealed last when a slide has several."""
        revealed = [s for s in states if s.status == "revealed"]
        for state in revealed:
            if state.activity.id == self._room.current_activity_id:
                return state
        return revealed[-1] if revealed else None

    def _next_activity_hint(self, slide: Slide) -> str:
        if slide.activities:
            return ""
        for following in self._deck.slides[slide.index :]:
            if following.activities:
                return self._tr(
                    "room_ui.next_activity", number=following.index, title=following.title
                )
        return self._tr("room_ui.no_activity")

    def _show_join(self, shown: bool) -> None:
        self._join_shown = shown
        # Over the title slide the card has its corner; any other slide's content fills the
        # page, so there the card is a screen of its own and covers none of it.
        self._projector.show_join(shown, alone=self._live_slide().layout != "title")
        self._console.show_projected(self._results_projected, shown)
        self._panel.show_join_shown(shown)

    # Events ---------------------------------------------------------------------------------

    def _on_navigation_changes_applied(self, changes: tuple[Change, ...]) -> None:
        for change in changes:
            if isinstance(change, LiveSlideChanged):
                self._room.follow_slide(change.index)
                # The title slide is where people arrive: it shows how to join until J hides it.
                self._show_join(self._deck.slides[change.index].layout == "title")
                self._render()

    def _on_room_keys_key_pressed(self, key: RoomKey) -> None:
        if key is RoomKey.TOGGLE_JOIN:
            self._show_join(not self._join_shown)
            return
        ids = [a.id for a in self._live_slide().activities]
        activity_id = activity_for_key(key, ids, {i: self._room.status(i) for i in ids})
        if activity_id is None:
            return
        if key is RoomKey.OPEN:
            self.open_activity(activity_id)
        elif key is RoomKey.CLOSE:
            self.close_activity(activity_id)
        else:
            self.reveal_activity(activity_id)

    def _on_room_panel_open_requested(self, activity_id: str) -> None:
        self.open_activity(activity_id)

    def _on_room_panel_close_requested(self, activity_id: str) -> None:
        self.close_activity(activity_id)

    def _on_room_panel_reveal_requested(self, activity_id: str) -> None:
        self.reveal_activity(activity_id)

    def _on_room_panel_join_toggle_requested(self) -> None:
        self._show_join(not self._join_shown)

    def _on_room_refreshed(self, refresh: RoomRefresh) -> None:
        if refresh.connected:
            self._panel.show_connected(self._room.connected)
        self._render()

    def _on_room_slide_moved(self, index: int) -> None:
        # A presenter remote moved the room: the projector follows, as for a key press.
        presentation = self._navigation.presentation
        if index != presentation.live:
            self._navigation.apply(presentation.go_to(index))

    def _on_room_command_refused(self, message: str) -> None:
        self._panel.show_message(message)
