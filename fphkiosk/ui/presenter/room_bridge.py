"""The live room seen from Qt: LiveRoom changes become signals, trainer intents become commands.

``LiveRoom`` calls its listeners from inside the server's handlers, possibly hundreds of times a
second during a burst of answers. The bridge only notes what changed there and refreshes the
screens from a timer: the first change after a quiet spell is shown on the next turn of the loop,
later ones at most ``REFRESH_INTERVAL_MS`` apart (about 10 redraws a second). Slide moves are
passed on at once, since the projector must follow a presenter remote without delay.

Widgets never keep room state: they are given ``ActivityState`` values built here from the room.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from fphkiosk.core.deck import Activity
from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import PublicResults
from fphkiosk.core.room_changes import (
    ActivityStatus,
    ActivityStatusChanged,
    AnswerRecorded,
    Change,
    ConnectedChanged,
    GoToSlide,
    KioskPinGuessed,
    PresenterCommand,
    SlideChanged,
    SpotlightChanged,
    TextItem,
    TextItemChanged,
    TextReceived,
    TimerStarted,
    VoteCast,
)
from fphkiosk.core.room_errors import Rejection
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.storage.errors import SessionStoreError

REFRESH_INTERVAL_MS = 100
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActivityState:
    """One activity as the console shows it: what the room says now."""

    activity: Activity
    status: ActivityStatus
    respondents: int
    connected: int
    results: PublicResults
    """Room-wide results, already withheld below the minimum group size."""


@dataclass(frozen=True)
class RoomRefresh:
    """What changed since the last refresh."""

    activities: frozenset[str]
    """Activities whose status, answers or texts changed."""
    connected: bool
    spotlight: bool = False
    """The projector's spotlight changed."""


class RoomBridge(QObject):
    """Subscribes to a LiveRoom; ``close()`` unsubscribes."""

    refreshed = Signal(object)
    """A RoomRefresh, at most about ten times a second."""
    slide_moved = Signal(int)
    """The room moved to another slide (0-based) on someone else's command (a remote)."""
    command_refused = Signal(str)
    """A trainer command failed; the message is for the trainer, in their language."""
    pin_guessed = Signal(int)
    """A wrong kiosk PIN was typed on a tablet: how many since the last right one."""

    def __init__(self, live: LiveRoom, tr: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._live = live
        self._tr = tr
        self._dirty: set[str] = set()
        self._connected_dirty = False
        self._spotlight_dirty = False
        self._last_refresh = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        # The slide the presentation wants the room on; one task at a time takes it there.
        self._wanted_slide: int | None = None
        self._slide_task: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._unsubscribe = live.subscribe(self._on_live_changes)

    # Reading ----------------------------------------------------------------------------------

    @property
    def room_code(self) -> str:
        return self._live.room_code

    @property
    def presenter_secret(self) -> str:
        return self._live.presenter_secret

    @property
    def connected(self) -> int:
        return self._live.room.connected

    @property
    def slide_index(self) -> int:
        return self._live.room.slide_index

    @property
    def current_activity_id(self) -> str | None:
        return self._live.room.current_activity_id

    def status(self, activity_id: str) -> ActivityStatus:
        return self._live.room.status(activity_id)

    def state(self, activity_id: str) -> ActivityState:
        room = self._live.room
        return ActivityState(
            activity=room.activity(activity_id),
            status=room.status(activity_id),
            respondents=room.respondents(activity_id),
            connected=room.connected,
            results=room.results(activity_id),
        )

    def text_items(self, activity_id: str) -> tuple[TextItem, ...]:
        """The moderation queue of a qa, open or words activity."""
        return self._live.room.text_items(activity_id)

    @property
    def spotlight(self) -> TextItem | None:
        return self._live.room.texts.spotlight

    def remaining(self, activity_id: str) -> float | None:
        """Seconds left of a timed open activity."""
        return self._live.room.remaining(activity_id)

    # Commands ---------------------------------------------------------------------------------

    def send(self, command: PresenterCommand) -> None:
        """Apply *command* to the room soon; a refusal comes back as ``command_refused``."""
        task = asyncio.get_running_loop().create_task(self._apply(command))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def follow_slide(self, index: int) -> None:
        """Take the room to slide *index* (0-based), so participants see its title."""
        self._wanted_slide = index
        if self.slide_index == index:
            return
        if self._slide_task is None or self._slide_task.done():
            self._slide_task = asyncio.get_running_loop().create_task(self._move_slide())

    async def settle(self) -> None:
        """Wait for the commands sent so far (for shutting down, and for tests)."""
        pending = [t for t in (*self._tasks, self._slide_task) if t is not None and not t.done()]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

    def close(self) -> None:
        self._unsubscribe()
        self._timer.stop()

    async def _apply(self, command: PresenterCommand) -> None:
        try:
            await self._live.command(command)
        except Rejection as exc:
            self.command_refused.emit(self._tr(exc.key, **exc.params))
        except SessionStoreError as exc:
            self.command_refused.emit(self._tr(exc.key, **exc.params))
        except Exception as exc:
            # Never the details: they could hold an answer. The room itself is unchanged.
            _log.error("room command failed: %s", type(exc).__name__)

    async def _move_slide(self) -> None:
        # Only the latest wish counts: slides skipped by a fast clicker are never sent.
        while (target := self._wanted_slide) is not None and self.slide_index != target:
            try:
                await self._live.command(GoToSlide(target))
            except (Rejection, SessionStoreError) as exc:
                self.command_refused.emit(self._tr(exc.key, **exc.params))
                return

    # Room -> Qt -------------------------------------------------------------------------------

    def _on_live_changes(self, changes: tuple[Change, ...]) -> None:
        for change in changes:
            if isinstance(change, SlideChanged):
                # Our own moves come back here too; only someone else's must move the projector.
                if change.index != self._wanted_slide:
                    self._wanted_slide = change.index
                    self.slide_moved.emit(change.index)
            elif isinstance(
                change,
                ActivityStatusChanged | AnswerRecorded | TimerStarted | TextReceived | VoteCast,
            ):
                self._dirty.add(change.activity_id)
            elif isinstance(change, TextItemChanged):
                self._dirty.add(change.item.activity_id)
            elif isinstance(change, SpotlightChanged):
                self._spotlight_dirty = True
            elif isinstance(change, ConnectedChanged):
                self._connected_dirty = True
            elif isinstance(change, KioskPinGuessed):
                self.pin_guessed.emit(change.wrong)
        dirty = self._dirty or self._connected_dirty or self._spotlight_dirty
        if dirty and not self._timer.isActive():
            since_ms = (time.monotonic() - self._last_refresh) * 1000
            self._timer.start(max(0, round(REFRESH_INTERVAL_MS - since_ms)))

    def _on_timer_timeout(self) -> None:
        refresh = RoomRefresh(frozenset(self._dirty), self._connected_dirty, self._spotlight_dirty)
        self._dirty.clear()
        self._connected_dirty = False
        self._spotlight_dirty = False
        self._last_refresh = time.monotonic()
        self.refreshed.emit(refresh)


class RoomKey(Enum):
    OPEN = auto()
    CLOSE = auto()
    REVEAL = auto()
    TOGGLE_JOIN = auto()


_ROOM_KEYS: dict[int, RoomKey] = {
    Qt.Key.Key_O: RoomKey.OPEN,
    Qt.Key.Key_C: RoomKey.CLOSE,
    Qt.Key.Key_R: RoomKey.REVEAL,
    Qt.Key.Key_J: RoomKey.TOGGLE_JOIN,
}


class RoomKeys(QObject):
    """O, C, R and J in either presenter window, whatever child has the focus.

    Installed on the application after ``PresenterKeys``, so it sees keys first; it takes only
    these four letters, so digits, Enter and the clicker's keys still reach ``PresenterKeys``.
    """

    key_pressed = Signal(object)
    """A RoomKey."""

    def __init__(self, owns: Callable[[QWidget], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._owns = owns

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if not self._owns(watched):
            return False
        assert isinstance(event, QKeyEvent)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = _ROOM_KEYS.get(event.key())
        if key is None or modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        # A held key must not open, close and reopen an activity in a loop.
        if not event.isAutoRepeat():
            self.key_pressed.emit(key)
        return True
