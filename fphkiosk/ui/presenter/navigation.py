"""Applies the trainer's slide commands to the Presentation and sends the changes to both windows.

The widgets hold no navigation state: every command goes through ``Presentation``, whose returned
change objects are the only thing the projector and the console render from. Whoever else must
follow the live slide (the room) listens to ``changes_applied``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from fphkiosk.core.deck import Deck
from fphkiosk.core.presentation import (
    BlackoutChanged,
    Change,
    LiveSlideChanged,
    Presentation,
    PreviewChanged,
)
from fphkiosk.ui.presenter.clock import ElapsedTime
from fphkiosk.ui.presenter.console import ConsoleWindow
from fphkiosk.ui.presenter.key_bindings import Command, GoToNumber, KeyCommand, PresenterKeys
from fphkiosk.ui.presenter.prerender import Prerenderer
from fphkiosk.ui.presenter.projector import ProjectorWindow


class NavigationController(QObject):
    """The one place where slide commands meet the presentation state."""

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
        prerenderer: Prerenderer,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._deck = deck
        self._presentation = presentation
        self._console = console
        self._projector = projector
        self._elapsed = elapsed
        self._prerenderer = prerenderer
        keys.command_issued.connect(self._on_keys_command_issued)
        keys.typed_number_changed.connect(self._on_keys_typed_number_changed)
        console.slide_previewed.connect(self._on_console_slide_previewed)
        console.slide_activated.connect(self._on_console_slide_activated)
        console.send_live_requested.connect(self._on_console_send_live_requested)
        console.closed.connect(self._on_console_closed)

    @property
    def presentation(self) -> Presentation:
        return self._presentation

    def show_initial_state(self) -> None:
        """Render the starting slide in both windows (no change object exists for it)."""
        p = self._presentation
        self._on_presentation_live_changed(LiveSlideChanged(p.live), count_as_start=False)
        self._on_presentation_preview_changed(PreviewChanged(p.preview))
        self._on_presentation_blackout_changed(BlackoutChanged(p.blackout))

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
        self._projector.show_slide(self._deck.slides[change.index])
        self._console.show_live(change.index)
        self._prerenderer.schedule()

    def _on_presentation_preview_changed(self, change: PreviewChanged) -> None:
        self._console.show_preview(change.index)

    def _on_presentation_blackout_changed(self, change: BlackoutChanged) -> None:
        self._projector.set_blackout(change.active)
        self._console.show_blackout(change.active)

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
