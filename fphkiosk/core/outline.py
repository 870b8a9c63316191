"""The deck's outline as plain data, for `fphkiosk check --json` and for scripts."""

from __future__ import annotations

from typing import Any

from fphkiosk.core.deck import Activity, Deck, Poll


def deck_outline(deck: Deck) -> dict[str, Any]:
    return {
        "title": deck.meta.title,
        "date": deck.meta.date,
        "place": deck.meta.place,
        "organizer": deck.meta.organizer,
        "min_group_size": deck.meta.min_group_size,
        "slides": [
            {
                "index": slide.index,
                "title": slide.title or deck.meta.title,
                "activities": [_activity(a) for a in slide.activities],
                "charts": [c.id for c in slide.charts],
            }
            for slide in deck.slides
        ],
    }


def _activity(activity: Activity) -> dict[str, Any]:
    if isinstance(activity, Poll):
        entry: dict[str, Any] = {
            "id": activity.id,
            "kind": activity.kind,
            "question": activity.question,
            "choices": list(activity.choices),
        }
        if activity.correct is not None:
            entry["correct"] = activity.correct + 1
        if activity.mode != "single":
            entry["mode"] = activity.mode
        return entry
    scale = activity.scale
    entry = {
        "id": activity.id,
        "kind": "scale",
        "title": scale.title,
        "items": [item.text for item in scale.items],
        "options": [{"label": o.label, "points": o.points} for o in scale.options],
        "bands": [{"min": b.min, "max": b.max, "label": b.label} for b in scale.bands],
    }
    if scale.licence:
        entry["licence"] = scale.licence
    return entry
