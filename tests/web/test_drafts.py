"""A scale's answers in progress survive a reload and a lost connection while the scale is open,
and leave the tablet when sent, when the scale closes, and after two minutes without a touch."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from playwright.async_api import Locator, Page, expect

from fphkiosk.net.protocol import PresenterStateMsg
from tests.web.conftest import HeadlessRoom

DRAFT = "fphkiosk.draft"


async def _command(
    room: HeadlessRoom, http: aiohttp.ClientSession, kind: str, activity_id: str
) -> None:
    remote = await room.remote(http)
    try:
        await remote.command(kind, activity_id=activity_id)
        await remote.expect(
            lambda m: isinstance(m, PresenterStateMsg) and m.current_activity == activity_id
        )
    finally:
        await remote.close()


async def _draft(page: Page) -> dict[str, Any] | None:
    raw = await page.evaluate(f"sessionStorage.getItem('{DRAFT}')")
    return None if raw is None else dict(json.loads(raw))


def _progress(page: Page, text: str) -> Locator:
    return page.locator("#screen .progress").get_by_text(text, exact=True)


def _choice(page: Page, name: str) -> Locator:
    return page.locator("#screen").get_by_role("button", name=name, exact=True)


async def _half_way(page: Page, room: HeadlessRoom, http: aiohttp.ClientSession) -> None:
    """Joined, the scale open, its first item answered "Oui": the second item on screen."""
    await page.goto(room.page_url(room.room_code))
    await expect(page.locator("#connection")).to_have_text("Connecté")
    await _command(room, http, "open", "echelle")
    await page.get_by_role("button", name="Commencer").click()
    await _choice(page, "Oui").click()
    await expect(_progress(page, "2 / 3")).to_be_visible()


async def _back_on_the_second_item_with_the_first_answer(page: Page) -> None:
    await expect(_progress(page, "2 / 3")).to_be_visible()
    await expect(page.get_by_role("heading", name="Deuxième item ?")).to_be_visible()
    await page.get_by_role("button", name="Précédent").click()
    await expect(_progress(page, "1 / 3")).to_be_visible()
    await expect(_choice(page, "Oui")).to_have_attribute("aria-pressed", "true")


async def test_a_reload_returns_to_the_same_item_and_sending_wipes_the_draft(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    await _half_way(page, room, http)
    stored = await _draft(page)
    assert stored is not None and stored["step"] == 1 and stored["options"] == [1, None, None]
    await page.reload()
    await expect(page.locator("#announcer")).to_have_text(
        "Vos réponses en cours ont été retrouvées."
    )
    await _back_on_the_second_item_with_the_first_answer(page)
    await page.get_by_role("button", name="Suivant").click()
    await _choice(page, "Non").click()
    await _choice(page, "Oui").click()
    send = page.get_by_role("button", name="Envoyer mes réponses")
    await expect(send).to_be_visible()
    await send.click()
    await expect(page.get_by_role("heading", name="Votre résultat")).to_be_visible()
    assert await _draft(page) is None
    await page.get_by_role("button", name="Terminer").click()
    await expect(page.get_by_role("heading", name="Réponses enregistrées")).to_be_visible()
    assert await _draft(page) is None
    # Finished: a reload shows the next person nothing of it.
    await page.reload()
    await page.get_by_role("button", name="Commencer").click()
    await expect(_choice(page, "Oui")).to_have_attribute("aria-pressed", "false")


async def test_a_lost_connection_keeps_the_answers_given(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    await _half_way(page, room, http)
    await room.kill()
    await expect(page.locator("#connection")).to_have_text("Reconnexion…")
    await room.start(port=room.port)
    await expect(page.locator("#connection")).to_have_text("Connecté")
    await _back_on_the_second_item_with_the_first_answer(page)


async def test_closing_the_scale_wipes_the_draft(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    await _half_way(page, room, http)
    await _command(room, http, "close", "echelle")
    await expect(page.locator("#screen").get_by_text("Réponses closes")).to_be_visible()
    assert await _draft(page) is None
    await _command(room, http, "open", "echelle")
    await expect(page.get_by_role("button", name="Commencer")).to_be_visible()
    assert await _draft(page) is None


async def test_two_minutes_without_a_touch_wipe_the_draft(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    await page.clock.install()
    await _half_way(page, room, http)
    await page.clock.fast_forward(60_000)
    # A touch starts the two minutes again.
    await page.get_by_role("button", name="Précédent").click()
    await expect(_progress(page, "1 / 3")).to_be_visible()
    await page.clock.fast_forward(100_000)
    await expect(_progress(page, "1 / 3")).to_be_visible()
    assert await _draft(page) is not None
    await page.clock.fast_forward(21_000)
    await expect(page.get_by_role("button", name="Commencer")).to_be_visible()
    assert await _draft(page) is None
    await page.reload()
    await expect(page.get_by_role("button", name="Commencer")).to_be_visible()
    await page.get_by_role("button", name="Commencer").click()
    await expect(_choice(page, "Oui")).to_have_attribute("aria-pressed", "false")


async def test_send_is_one_tab_stop_after_the_check_screens_heading(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    await _half_way(page, room, http)
    await _choice(page, "Non").click()
    await _choice(page, "Oui").click()
    heading = page.get_by_role("heading", name="Vérifier et envoyer")
    await expect(heading).to_be_focused()
    await page.keyboard.press("Tab")
    await expect(page.get_by_role("button", name="Envoyer mes réponses")).to_be_focused()


async def test_each_items_heading_says_where_the_participant_is(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    await _half_way(page, room, http)
    heading = page.get_by_role("heading", name="Question 2 sur 3 : Deuxième item ?")
    await expect(heading).to_be_focused()
    options = page.get_by_role("group", name="Question 2 sur 3 : Deuxième item ?")
    await expect(options.get_by_role("button")).to_have_count(2)
