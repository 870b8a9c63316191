"""Audience mode writes a question, votes, ticks several answers and counts down (real room)."""

# pytest-qt's key and mouse helpers carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import pytest

from fphkiosk.core.aggregation import TextBoard
from fphkiosk.core.room_changes import Moderate
from tests.room_fixture import Served
from tests.ui.audience.test_window import Audience, audience, click, lifetime_ms, shown

__all__ = ["audience", "lifetime_ms"]


@pytest.fixture
def served(served_round_table: Served) -> Served:
    return served_round_table


async def test_a_question_is_written_held_then_voted_for(
    audience: Audience, served: Served
) -> None:
    window = audience.window
    await audience.trainer("open", "questions", "open")
    page = window.write_page
    assert shown(window) is page
    page.editor.setPlainText("<i>code</i> ?")
    click(page.send_button)
    await audience.until(lambda c: not c.unacknowledged)
    await audience.client.wait_until(lambda c: True)
    assert "HTML" in page.status.text()
    page.editor.setPlainText("Comment signaler un faux compte ?")
    assert page.counter.text() == "33 / 280 caractères"
    click(page.send_button)
    await audience.acknowledged()
    assert page.status.text() == "Reçu. Le formateur le lira avant qu'il s'affiche."
    (item,) = served.live.room.text_items("questions")
    await served.live.command(Moderate("questions", item.item_id, "approve"))
    await audience.until(
        lambda c: (
            c.view is not None
            and c.view.activity is not None
            and isinstance(c.view.activity.results, TextBoard)
            and len(c.view.activity.results.items) == 1
        )
    )
    button = page.vote_buttons[item.item_id]
    click(button)
    await audience.until(lambda c: c.view is not None and item.item_id in c.view.my_votes)
    assert page.vote_buttons[item.item_id].isChecked()
    assert served.live.room.text_items("questions")[0].count == 1


async def test_several_answers_and_a_countdown(audience: Audience, served: Served) -> None:
    window = audience.window
    await audience.trainer("open", "plusieurs", "open")
    page = window.multi_page
    assert shown(window) is page
    assert page.hint.text() == "Plusieurs réponses possibles\u00a0: 3 au plus."
    for index in (0, 1, 2):
        click(page.buttons[index])
    assert not page.buttons[3].isEnabled()  # three at most
    click(page.send_button)
    await audience.acknowledged()
    assert served.live.room.respondents("plusieurs") == 1
    await audience.trainer("open", "minute", "open")
    assert window.countdown_label.isVisible()
    assert window.countdown_label.text() in {"0:05", "0:04"}
    await audience.until(
        lambda c: (
            c.snapshot is not None
            and c.snapshot.activity is not None
            and c.snapshot.activity.status == "closed"
        )
    )
    assert not window.countdown_label.isVisible()
