"""The pages speak the room's language, or the one a visitor picks, never a mix of two."""

from __future__ import annotations

import aiohttp
from playwright.async_api import Page, expect

from tests.web.conftest import HeadlessRoom


async def test_lang_in_the_address_gives_english_even_for_the_rooms_french_errors(
    room: HeadlessRoom, page: Page
) -> None:
    await page.goto(room.page_url() + "?lang=en")
    assert await page.evaluate("document.documentElement.lang") == "en"
    assert await page.title() == "Training room"
    await expect(page.get_by_role("heading", name="Join the room")).to_be_visible()
    await page.get_by_label("Room code").fill("ZZZZZZ")
    await page.get_by_role("button", name="Join", exact=True).click()
    # The room speaks French; its refusal arrives by code and shows in the page's language.
    await expect(page.locator("#code-error")).to_have_text(
        "Wrong room code: check the code shown on the screen."
    )
    await expect(page.locator("#screen")).not_to_contain_text("Code de salle incorrect")


async def test_the_switch_changes_the_language_in_place_and_a_reload_keeps_it(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    await page.goto(room.page_url(room.room_code))
    await expect(page.get_by_role("heading", name="Regardez l'écran")).to_be_visible()
    switch = page.get_by_role("group", name="Langue de la page")
    await expect(switch.get_by_role("button", name="FR")).to_have_attribute("aria-pressed", "true")
    await switch.get_by_role("button", name="EN").click()
    await expect(page.get_by_role("heading", name="Look at the screen")).to_be_visible()
    await expect(page.locator("#connection")).to_have_text("Connected")
    assert await page.evaluate("document.documentElement.lang") == "en"
    assert "lang=en" in page.url
    await page.reload()
    await expect(page.get_by_role("heading", name="Look at the screen")).to_be_visible()
    await expect(
        page.get_by_role("group", name="Page language").get_by_role("button", name="EN")
    ).to_have_attribute("aria-pressed", "true")


async def test_the_remote_switches_language_too(room: HeadlessRoom, page: Page) -> None:
    await page.goto(f"http://127.0.0.1:{room.port}/remote")
    await expect(page.get_by_role("heading", name="Télécommande du formateur")).to_be_visible()
    await page.get_by_role("button", name="EN", exact=True).click()
    await expect(page.get_by_role("heading", name="Trainer's remote")).to_be_visible()
    assert await page.title() == "Trainer's remote"
