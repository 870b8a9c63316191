"""A presenter remote learns where each activity is and what it asks."""

from __future__ import annotations

from pathlib import Path

from fphkiosk.core.room import Room
from fphkiosk.net.views import presenter_state
from tests.net.sample_deck import sample_deck


def test_each_activity_carries_its_slide_kind_and_question(tmp_path: Path) -> None:
    deck = sample_deck(tmp_path)
    state = presenter_state(Room(deck))
    placed = {a.id: (a.slide, a.kind, a.question) for a in state.activities}
    assert placed["sondage"] == (1, "poll", "Quelle couleur ?")
    assert placed["quiz"] == (2, "quiz", "Combien font 2 + 2 ?")
    assert placed["echelle"] == (4, "scale", "Mini échelle")
    assert [a.id for a in state.activities] == [a.id for a in deck.activities]
