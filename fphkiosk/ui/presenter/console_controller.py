"""Applies the trainer's commands to the Presentation and sends the changes to both windows.

The widgets hold no navigation state: every command goes through ``Presentation``, whose returned
change objects are the only thing the projector and the console render from. Once a live room is
attached (``attach_room``), the room follows the live slide, a presenter remote's slide moves are
applied here like the trainer's own, and the room's refreshes are rendered from the room's state:
the console's room panel, the projector's join card and revealed results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject, QRectF, QSize, QTimer, Signal
from PySide6.QtWidgets import QWidget

from fphkiosk.core.deck import Deck, ScaleActivity, Slide
from fphkiosk.core.i18n import Translator
from fphkiosk.core.presentation import (
    BlackoutChanged,
    Change,
    LiveSlideChanged,
    Presentation,
    PreviewChanged,
)
from fphkiosk.core.room_changes import ActivityStatus, CloseActivity, OpenActivity, RevealActivity
from fphkiosk.ui.presenter.clock import ElapsedTime
from fphkiosk.ui.presenter.console import ConsoleWindow
from fphkiosk.ui.presenter.key_bindings import Command, GoToNumber, KeyCommand, PresenterKeys
from fphkiosk.ui.presenter.projector import ProjectorWindow
from fphkiosk.ui.presenter.room_bridge import (
    ActivityState,
    RoomBridge,
    RoomKey,
    RoomKeys,
    RoomRefresh,
)
from fphkiosk.ui.presenter.room_panel import RoomPanel
from fphkiosk.ui.slides.slide_renderer import SlideRenderer, letterbox
from fphkiosk.ui.slides.slide_view import SlideView

# Per key, the statuses of the activity it acts on, in order of preference.
_KEY_TARGETS: dict[RoomKey, tuple[ActivityStatus, ...]] = {
    RoomKey.OPEN: ("idle", "closed", "revealed"),
    RoomKey.CLOSE: ("open",),
    RoomKey.REVEAL: ("open", "closed"),
}

ConfirmLicence = Callable[[QWidget, str, str], bool]
"""Asks the trainer (parent, scale title, licence notice) whether to launch a licensed scale."""


class PresenterController(QObject):
    """The one place where presenter commands meet the presentation state."""

    changes_applied = Signal(object)
    """The tuple of changes a command caused, after both windows were updated."""

    def __init__(
        self,
        deck: Deck,
        presentation: Presentation,
        console: ConsoleWindow,
        projector: ProjectorWindow,
        keys: PresenterKeys,
        elapsed: ElapsedTime,
        renderer: SlideRenderer,
        tr: Translator,
        room_keys: RoomKeys | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._deck = deck
        self._tr = tr
        self._renderer = renderer
        self._presentation = presentation
        self._console = console
        self._projector = projector
        self._elapsed = elapsed
        keys.command_issued.connect(self._on_keys_command_issued)
        keys.typed_number_changed.connect(self._on_keys_typed_number_changed)
        console.slide_previewed.connect(self._on_console_slide_previewed)
        console.slide_activated.connect(self._on_console_slide_activated)
        console.send_live_requested.connect(self._on_console_send_live_requested)
        console.closed.connect(self._on_console_closed)
        # Slides are drawn ahead, when the loop is idle, so that "next" only blits an image.
        self._prerender_timer = QTimer(self)
        self._prerender_timer.setSingleShot(True)
        self._prerender_timer.setInterval(0)
        self._prerender_timer.timeout.connect(self._on_prerender_timer_timeout)
        if room_keys is not None:
            room_keys.key_pressed.connect(self._on_room_keys_key_pressed)
        self._room: RoomBridge | None = None
        self._room_panel: RoomPanel | None = None
        self._confirm_licence: ConfirmLicence = lambda _parent, _title, _licence: True
        self._join_shown = False
        self._results_projected = False

    @property
    def presentation(self) -> Presentation:
        return self._presentation

    @property
    def join_shown(self) -> bool:
        return self._join_shown

    def attach_room(
        self,
        room: RoomBridge,
        panel: RoomPanel,
        join_url: str,
        confirm_licence: ConfirmLicence,
    ) -> None:
        """Drive *room* from this presentation and show it in *panel* and on the projector."""
        self._room = room
        self._room_panel = panel
        self._confirm_licence = confirm_licence
        self._projector.set_join(join_url, room.room_code)
        room.refreshed.connect(self._on_room_refreshed)
        room.slide_moved.connect(self._on_room_slide_moved)
        room.command_refused.connect(self._on_room_command_refused)
        panel.open_requested.connect(self._on_room_panel_open_requested)
        panel.close_requested.connect(self._on_room_panel_close_requested)
        panel.reveal_requested.connect(self._on_room_panel_reveal_requested)
        panel.join_toggle_requested.connect(self._on_room_panel_join_toggle_requested)
        panel.show_connected(room.connected)
        self._show_join(self._deck.slides[self._presentation.live].layout == "title")
        self._render_room()

    def show_initial_state(self) -> None:
        """Render the starting slide in both windows (no change object exists for it)."""
        p = self._presentation
        self._on_presentation_live_changed(LiveSlideChanged(p.live), count_as_start=False)
        self._on_presentation_preview_changed(PreviewChanged(p.preview))
        self._on_presentation_blackout_changed(BlackoutChanged(p.blackout))

    # Commands -----------------------------------------------------------------------------

    def execute(self, command: KeyCommand) -> tuple[Change, ...]:
        p = self._presentation
        if isinstance(command, GoToNumber):
            return self.apply(p.go_to_number(command.number))
        if command is Command.NEXT:
            return self.apply(p.next())
        if command is Command.PREVIOUS:
            return self.apply(p.previous())
        if command is Command.FIRST:
            return self.apply(p.first())
        if command is Command.LAST:
            return self.apply(p.last())
        if command is Command.TOGGLE_BLACKOUT:
            return self.apply(p.toggle_blackout())
        if command is Command.SEND_PREVIEW_LIVE:
            return self.apply(p.send_preview_live())
        if command is Command.TOGGLE_FULL_SCREEN:
            self._projector.toggle_full_screen()
        elif command is Command.QUIT:
            self._console.close()
        return ()

    def apply(self, changes: Iterable[Change]) -> tuple[Change, ...]:
        """Dispatch each change to the windows, in order."""
        applied = tuple(changes)
        for change in applied:
            if isinstance(change, LiveSlideChanged):
                self._on_presentation_live_changed(change)
            elif isinstance(change, PreviewChanged):
                self._on_presentation_preview_changed(change)
            elif isinstance(change, BlackoutChanged):
                self._on_presentation_blackout_changed(change)
        if applied:
            self.changes_applied.emit(applied)
        return applied

    # Model -> UI ----------------------------------------------------------------------------

    def _on_presentation_live_changed(
        self, change: LiveSlideChanged, *, count_as_start: bool = True
    ) -> None:
        if count_as_start:
            self._elapsed.start_if_stopped()
        slide = self._deck.slides[change.index]
        self._projector.show_slide(slide)
        self._console.show_live(change.index)
        self._prerender_timer.start()
        if self._room is not None:
            self._room.follow_slide(change.index)
            # The title slide is where people arrive: it shows how to join until J hides it.
            self._show_join(slide.layout == "title")
            self._render_room()

    def _on_presentation_preview_changed(self, change: PreviewChanged) -> None:
        self._console.show_preview(change.index)

    def _on_presentation_blackout_changed(self, change: BlackoutChanged) -> None:
        self._projector.set_blackout(change.active)
        self._console.show_blackout(change.active)

    def _on_prerender_timer_timeout(self) -> None:
        following = self._presentation.live + 1
        slides = self._deck.slides
        if following < len(slides):
            self._prerender(self._projector.view, slides[following])
            self._prerender(self._console.live_view, slides[following])
        if following + 1 < len(slides):
            self._prerender(self._console.preview_view, slides[following + 1])

    def _prerender(self, view: SlideView, slide: Slide) -> None:
        if not view.isVisible():
            return
        # The same size SlideView asks for, so the cached image is the one it will use.
        frame = letterbox(QRectF(view.rect()))
        ratio = view.devicePixelRatioF()
        size = QSize(max(1, round(frame.width() * ratio)), max(1, round(frame.height() * ratio)))
        self._renderer.prerender((slide,), size)

    # UI -> model ----------------------------------------------------------------------------

    def _on_keys_command_issued(self, command: KeyCommand) -> None:
        self.execute(command)

    def _on_keys_typed_number_changed(self, text: str) -> None:
        self._console.show_typed_number(text)

    def _on_console_slide_previewed(self, index: int) -> None:
        self.apply(self._presentation.show_preview(index))

    def _on_console_slide_activated(self, index: int) -> None:
        self.apply(self._presentation.show_preview(index))
        self.apply(self._presentation.send_preview_live())

    def _on_console_send_live_requested(self) -> None:
        self.apply(self._presentation.send_preview_live())

    def _on_console_closed(self) -> None:
        self._projector.allow_close()
        self._projector.close()

    # Live room --------------------------------------------------------------------------------

    def _render_room(self) -> None:
        """Show the live slide's activities in the panel and, once revealed, on the projector."""
        if self._room is None or self._room_panel is None:
            return
        room = self._room
        slide = self._deck.slides[self._presentation.live]
        states = [room.state(activity.id) for activity in slide.activities]
        self._room_panel.show_activities(states, self._next_activity_hint(slide))
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
        current = self._room.current_activity_id if self._room is not None else None
        for state in revealed:
            if state.activity.id == current:
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
        self._projector.show_join(shown)
        self._console.show_projected(self._results_projected, shown)
        if self._room_panel is not None:
            self._room_panel.show_join_shown(shown)

    def _activity_for(self, key: RoomKey) -> str | None:
        """Which of the live slide's activities a key acts on (most slides have only one)."""
        if self._room is None:
            return None
        room = self._room
        ids = [a.id for a in self._deck.slides[self._presentation.live].activities]
        statuses = {activity_id: room.status(activity_id) for activity_id in ids}
        preferred = _KEY_TARGETS.get(key, ())
        for status in preferred:
            for activity_id in ids:
                if statuses[activity_id] == status:
                    return activity_id
        return None

    def open_activity(self, activity_id: str) -> None:
        """Open *activity_id* for answers; a licensed scale's notice is shown first."""
        if self._room is None:
            return
        state = self._room.state(activity_id)
        activity = state.activity
        if (
            isinstance(activity, ScaleActivity)
            and activity.scale.licence
            and state.status == "idle"
            and not self._confirm_licence(
                self._console, activity.scale.title, activity.scale.licence
            )
        ):
            return
        self._send_room(OpenActivity(activity_id))

    def close_activity(self, activity_id: str) -> None:
        self._send_room(CloseActivity(activity_id))

    def reveal_activity(self, activity_id: str) -> None:
        self._send_room(RevealActivity(activity_id))

    def _send_room(self, command: OpenActivity | CloseActivity | RevealActivity) -> None:
        if self._room is None:
            return
        if self._room_panel is not None:
            self._room_panel.show_message("")
        self._room.send(command)

    def _on_room_keys_key_pressed(self, key: RoomKey) -> None:
        if self._room is None:
            return
        if key is RoomKey.TOGGLE_JOIN:
            self._show_join(not self._join_shown)
            return
        activity_id = self._activity_for(key)
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
        if refresh.connected and self._room is not None and self._room_panel is not None:
            self._room_panel.show_connected(self._room.connected)
        self._render_room()

    def _on_room_slide_moved(self, index: int) -> None:
        # A presenter remote moved the room: the projector follows, as for a key press.
        if index != self._presentation.live:
            self.apply(self._presentation.go_to(index))

    def _on_room_command_refused(self, message: str) -> None:
        if self._room_panel is not None:
            self._room_panel.show_message(message)
