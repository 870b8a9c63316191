"""Which slide is live on the projector, which one the trainer previews, and the blackout.

Commands return the changes they caused; the console and the projector render from those
changes and never read state back from a widget.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LiveSlideChanged:
    index: int
    """0-based index of the slide now on the projector."""


@dataclass(frozen=True)
class PreviewChanged:
    index: int
    """0-based index of the slide the trainer looks at in the console without projecting it."""


@dataclass(frozen=True)
class BlackoutChanged:
    active: bool


Change = LiveSlideChanged | PreviewChanged | BlackoutChanged


class Presentation:
    """Navigation through *count* slides; the preview follows the live slide until moved apart."""

    def __init__(self, count: int, live: int = 0):
        if count < 1:
            raise ValueError("a presentation needs at least one slide")
        self.count = count
        self.live = self._clamp(live)
        self.preview = self.live
        self.blackout = False

    def _clamp(self, index: int) -> int:
        return max(0, min(self.count - 1, index))

    def go_to(self, index: int) -> tuple[Change, ...]:
        """Put slide *index* (0-based) live; the preview follows."""
        target = self._clamp(index)
        changes: list[Change] = []
        if target != self.live:
            self.live = target
            changes.append(LiveSlideChanged(target))
        if self.preview != target:
            self.preview = target
            changes.append(PreviewChanged(target))
        return tuple(changes)

    def next(self) -> tuple[Change, ...]:
        return self.go_to(self.live + 1)

    def previous(self) -> tuple[Change, ...]:
        return self.go_to(self.live - 1)

    def first(self) -> tuple[Change, ...]:
        return self.go_to(0)

    def last(self) -> tuple[Change, ...]:
        return self.go_to(self.count - 1)

    def go_to_number(self, number: int) -> tuple[Change, ...]:
        """Jump to the slide numbered *number* as the trainer sees it (1-based)."""
        return self.go_to(number - 1)

    def show_preview(self, index: int) -> tuple[Change, ...]:
        """Look at a slide in the console without changing the projector."""
        target = self._clamp(index)
        if target == self.preview:
            return ()
        self.preview = target
        return (PreviewChanged(target),)

    def send_preview_live(self) -> tuple[Change, ...]:
        return self.go_to(self.preview)

    def toggle_blackout(self) -> tuple[Change, ...]:
        return self.set_blackout(not self.blackout)

    def set_blackout(self, active: bool) -> tuple[Change, ...]:
        if active == self.blackout:
            return ()
        self.blackout = active
        return (BlackoutChanged(active),)
