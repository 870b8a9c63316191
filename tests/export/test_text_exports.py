"""Approved texts in the statistics: questions with their votes, words with their counts."""

from __future__ import annotations

from pathlib import Path

import msgspec

from fphkiosk.core.i18n import Translator
from fphkiosk.core.room import Room
from fphkiosk.core.room_changes import Moderate, OpenActivity, SubmitText, Vote
from fphkiosk.export.statistics import SessionInfo, build_statistics
from fphkiosk.export.tables import activity_sheet
from tests.net.sample_deck import sample_deck


def test_texts_are_exported_approved_only_with_their_counts(tmp_path: Path, tr: Translator) -> None:
    deck = sample_deck(tmp_path, min_group_size=5, round_table=True)
    room = Room(deck)
    room.apply(OpenActivity("questions"))
    room.apply(SubmitText("a", "questions", "1", "Question approuvée ?", 0.0))
    room.apply(SubmitText("b", "questions", "2", "Question masquée ?", 0.0))
    room.apply(SubmitText("c", "questions", "3", "Question jamais lue ?", 0.0))
    room.apply(Moderate("questions", "t1", "approve"))
    room.apply(Moderate("questions", "t2", "hide"))
    for voter in ("v1", "v2", "v3"):
        room.apply(Vote(voter, "questions", "t1"))
    room.apply(OpenActivity("mots"))
    for token, given in (("a", "Partage, écoute"), ("b", "partages"), ("c", "Écoute")):
        room.apply(SubmitText(token, "mots", f"m{token}", given, 10.0))
    for item in room.text_items("mots"):
        room.apply(Moderate("mots", item.item_id, "approve"))

    info = SessionInfo("Cours", "", "", "", "2026-11-29T10:00:00+00:00", None, 3, 5, "s.fphk")
    stats = build_statistics(deck, room, info)
    questions = stats.activity("questions")
    words = stats.activity("mots")
    assert questions is not None and words is not None
    assert [(t.text, t.count) for t in questions.texts] == [("Question approuvée ?", 3)]
    assert [(t.text, t.count) for t in words.texts] == [("Partage", 2), ("écoute", 2)]
    serialised = msgspec.json.encode(stats).decode()
    assert "masquée" not in serialised and "jamais lue" not in serialised

    sheet = activity_sheet(words, 6, 5, tr)
    (table,) = sheet.tables
    assert table.headers == ("Texte", "Donné par")
    assert [(r[0].data, r[1].data) for r in table.rows] == [("Partage", 2), ("écoute", 2)]
    qa_sheet = activity_sheet(questions, 5, 5, tr)
    assert qa_sheet.tables[0].headers == ("Texte", "Votes", "Répondue")
