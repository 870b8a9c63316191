"""Navigation state: live slide, preview, blackout. Needs no display."""

from __future__ import annotations

import pytest

from fphkiosk.core.presentation import (
    BlackoutChanged,
    LiveSlideChanged,
    Presentation,
    PreviewChanged,
)


def test_next_and_previous_stop_at_the_ends() -> None:
    p = Presentation(3)
    assert p.previous() == ()
    assert p.next() == (LiveSlideChanged(1), PreviewChanged(1))
    p.last()
    assert p.next() == ()
    assert p.live == 2
    assert p.first() == (LiveSlideChanged(0), PreviewChanged(0))


def test_preview_does_not_change_the_projector_until_sent() -> None:
    p = Presentation(5)
    assert p.show_preview(3) == (PreviewChanged(3),)
    assert p.live == 0
    assert p.send_preview_live() == (LiveSlideChanged(3),)
    assert p.preview == 3


def test_jump_by_number_is_one_based_and_clamped() -> None:
    p = Presentation(5)
    p.go_to_number(4)
    assert p.live == 3
    p.go_to_number(99)
    assert p.live == 4


def test_blackout_toggles() -> None:
    p = Presentation(2)
    assert p.toggle_blackout() == (BlackoutChanged(True),)
    assert p.set_blackout(True) == ()
    assert p.toggle_blackout() == (BlackoutChanged(False),)


def test_empty_presentation_is_refused() -> None:
    with pytest.raises(ValueError):
        Presentation(0)
