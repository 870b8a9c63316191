"""The participant page writes a question, upvotes, gives words and ticks several answers (real
Chromium against a real room)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Browser, Page, expect

from fphkiosk.net.protocol import PresenterStateMsg
from tests.net.remote import Remote
from tests.net.sample_deck import write_sample_deck
from tests.web.conftest import HeadlessRoom


@pytest.fixture
async def room(tmp_path: Path) -> AsyncIterator[HeadlessRoom]:
    deck = write_sample_deck(tmp_path / "deck", min_group_size=3, round_table=True)
    headless = HeadlessRoom(deck, tmp_path / "session.fphk", tmp_path / "room.json")
    await headless.start()
    try:
        yield headless
    finally:
        await headless.stop()


async def _open(remote: Remote, activity_id: str) -> None:
    await remote.command("open", activity_id=activity_id)
    await remote.expect(
        lambda m: isinstance(m, PresenterStateMsg) and m.current_activity == activity_id
    )


async def _joined_then_opened(
    page: Page, room: HeadlessRoom, http: aiohttp.ClientSession, activity_id: str
) -> Remote:
    """The page joins the room, then the trainer's remote opens *activity_id*."""
    await page.goto(room.page_url(room.room_code))
    await expect(page.locator("#connection")).to_have_text("Connecté")
    remote = await room.remote(http)
    await _open(remote, activity_id)
    return remote


async def _state(remote: Remote, check: object) -> PresenterStateMsg:
    message = await remote.expect(lambda m: isinstance(m, PresenterStateMsg) and check(m))  # type: ignore[operator]
    assert isinstance(message, PresenterStateMsg)
    return message


async def test_a_question_is_written_held_approved_and_upvoted(
    page: Page, room: HeadlessRoom, http: aiohttp.ClientSession
) -> None:
    remote = await _joined_then_opened(page, room, http, "questions")
    field = page.get_by_label("Votre question (280 caractères au plus)")
    await expect(field).to_be_visible()
    await field.fill("<b>gras</b> ?")
    await page.get_by_role("button", name="Envoyer ma question").click()
    await expect(page.locator("#screen")).to_contain_text("code HTML")
    await field.fill("Comment répondre à un avis négatif sur Google ?")
    await expect(page.locator("#screen").get_by_text("47 / 280 caractères")).to_be_visible()
    await page.get_by_role("button", name="Envoyer ma question").click()
    await expect(
        page.locator("#screen").get_by_text("Le formateur le lira avant qu'il s'affiche")
    ).to_be_visible()
    # Held: not on the page's list until the trainer approves it.
    await expect(
        page.locator("#screen").get_by_text("Rien d'affiché pour l'instant.")
    ).to_be_visible()

    state = await _state(remote, lambda m: len(m.texts) == 1)
    (item,) = state.texts
    assert item.text == "Comment répondre à un avis négatif sur Google ?" and item.state == "new"
    await remote.command("moderate", activity_id="questions", item_id=item.id, action="approve")
    vote = page.get_by_role("button", name="Voter pour cette question (0 votes)")
    await expect(vote).to_be_visible()
    await vote.click()
    withdraw = page.get_by_role("button", name="Retirer mon vote (1 votes)")
    await expect(withdraw).to_have_attribute("aria-pressed", "true")
    await _state(remote, lambda m: m.texts and m.texts[0].count == 1)
    await remote.close()


async def test_words_and_several_answers(
    page: Page, room: HeadlessRoom, http: aiohttp.ClientSession
) -> None:
    remote = await _joined_then_opened(page, room, http, "mots")
    field = page.get_by_label("Un à 3 mots ou expressions, séparés par des virgules")
    await field.fill("Partage, écoute, vigilance, prudence")
    await page.get_by_role("button", name="Envoyer mes mots").click()
    await expect(page.locator("#screen")).to_contain_text("Trop de mots")
    await field.fill("Partage, écoute")
    await page.get_by_role("button", name="Envoyer mes mots").click()
    await expect(
        page.locator("#screen").get_by_text("Le formateur le lira avant qu'il s'affiche")
    ).to_be_visible()
    state = await _state(remote, lambda m: len(m.texts) == 2)
    assert sorted(i.text for i in state.texts) == ["Partage", "écoute"]

    await _open(remote, "plusieurs")
    await expect(
        page.locator("#screen").get_by_text("Plusieurs réponses possibles : 3 au plus.")
    ).to_be_visible()
    for name in ("WhatsApp", "Signal"):
        await page.get_by_role("checkbox", name=name).click()
    await page.get_by_role("button", name="Envoyer mes réponses").click()
    await expect(page.locator("#screen").get_by_text("Réponse enregistrée")).to_be_visible()
    await _state(
        remote, lambda m: any(a.id == "plusieurs" and a.respondents == 1 for a in m.activities)
    )
    await remote.close()


async def test_a_timed_poll_counts_down_on_the_page(
    page: Page, room: HeadlessRoom, http: aiohttp.ClientSession
) -> None:
    remote = await _joined_then_opened(page, room, http, "minute")
    timer = page.get_by_role("timer")
    await expect(timer).to_have_text("0:05")
    await expect(timer).to_have_text("0:03")
    await expect(page.locator("#screen").get_by_text("Réponses closes")).to_be_visible()
    await expect(timer).to_have_count(0)
    await remote.close()


async def test_the_phone_remote_moderates_and_spotlights(
    browser: Browser, page: Page, room: HeadlessRoom, http: aiohttp.ClientSession
) -> None:
    remote = await _joined_then_opened(page, room, http, "questions")
    field = page.get_by_label("Votre question (280 caractères au plus)")
    await field.fill("Écrivez à marc.durand@chu-metz.fr ?")
    await page.get_by_role("button", name="Envoyer ma question").click()
    await _state(remote, lambda m: len(m.texts) == 1)
    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    phone = await context.new_page()
    await phone.goto(f"http://127.0.0.1:{room.port}/remote#secret={room.info['presenter_secret']}")
    queue = phone.locator(".text-queue")
    await expect(queue).to_contain_text("marc.durand@chu-metz.fr")
    await expect(queue).to_contain_text("Signalé")
    await queue.get_by_role("button", name="Projeter en grand").click()
    spotlit = await _state(remote, lambda m: m.spotlight is not None)
    assert spotlit.spotlight is not None and spotlit.spotlight.text.startswith("Écrivez")
    await expect(page.locator("#screen")).to_contain_text("marc.durand@chu-metz.fr")
    await queue.get_by_role("button", name="Masquer").click()
    hidden = await _state(remote, lambda m: m.spotlight is None)
    assert hidden.texts[0].state == "hidden"
    await expect(page.locator("#screen")).not_to_contain_text("marc.durand")
    await context.close()
    await remote.close()
