"""The deck's outline as plain data, for `fphkiosk check --json` and for scripts."""

from __future__ import annotations

from typing import Any

from fphkiosk.core.deck import Activity, Deck, Poll, TextActivity


def deck_outline(deck: Deck) -> dict[str, Any]:
    return {
        "title": deck.meta.title,
        "date": deck.meta.date,
        "place": deck.meta.place,
        "organizer": deck.meta.organizer,
        "min_group_size": deck.meta.min_group_size,
        "moderation": deck.meta.moderation,
        "keep_texts": deck.meta.keep_texts,
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
        if len(activity.correct) == 1:
            entry["correct"] = activity.correct[0] + 1
        elif activity.correct:
            entry["correct"] = [c + 1 for c in activity.correct]
        if activity.mode != "single":
            entry["mode"] = activity.mode
        if activity.multiple:
            entry["multiple"] = True
            entry["max"] = activity.most_choices
        if activity.timer is not None:
            entry["timer"] = activity.timer
        return entry
    if isinstance(activity, TextActivity):
        text_entry: dict[str, Any] = {
            "id": activity.id,
            "kind": activity.kind,
            "question": activity.question,
            "max_length": activity.max_length,
        }
        if activity.kind == "words":
            text_entry["max_words"] = activity.max_words
        if activity.timer is not None:
            text_entry["timer"] = activity.timer
        return text_entry
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
    if activity.timer is not None:
        entry["timer"] = activity.timer
    return entry
