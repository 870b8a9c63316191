"""The trainer's phone remote in a real browser against a real room: slides, a poll, the secret.

The room is the headless runner in a subprocess (tests/web/conftest.py); a participant answers
through ``ParticipantClient``, and the room's side is checked through that participant's snapshot
or a second presenter connection. Set ``FPHKIOSK_SCREENSHOTS`` to a folder (docs/screenshots) to
keep the phone screenshot the first test takes.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Browser, Locator, Page, ViewportSize, expect

from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import ChoiceBody, PresenterStateMsg
from tests.web.conftest import WAIT, HeadlessRoom

PHONE: ViewportSize = {"width": 390, "height": 844}
SCREENSHOT_NAME = "remote-phone.png"
SCREENSHOT_MAX_BYTES = 100_000


def _remote_url(room: HeadlessRoom, secret: str | None = None) -> str:
    base = f"http://127.0.0.1:{room.port}/remote"
    return base if secret is None else f"{base}#secret={secret}"


def _secret(room: HeadlessRoom) -> str:
    return str(room.info["presenter_secret"])


@pytest.fixture
def console_expected() -> list[str]:
    """Console errors a test causes on purpose (the browser's own, when the room is down)."""
    return []


@pytest.fixture
async def phone(browser: Browser, console_expected: list[str]) -> AsyncIterator[Page]:
    """A phone-sized tab; any console error, script error or CSP refusal fails the test."""
    context = await browser.new_context(
        viewport=PHONE, locale="fr-FR", has_touch=True, is_mobile=True, device_scale_factor=1
    )
    tab = await context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") or "Content Security Policy" in message.text
            else None
        ),
    )
    try:
        yield tab
    finally:
        await context.close()
    unexpected = [p for p in problems if not any(e in p for e in console_expected)]
    assert not unexpected, unexpected


@pytest.fixture
async def participant(
    room: HeadlessRoom, http: aiohttp.ClientSession
) -> AsyncIterator[ParticipantClient]:
    client = ParticipantClient(room.ws_url, room.room_code, session=http)
    await client.start()
    try:
        async with asyncio.timeout(WAIT):
            await client.joined()
        yield client
    finally:
        await client.close()


async def _until(client: ParticipantClient, predicate: Callable[[ParticipantClient], bool]) -> None:
    async with asyncio.timeout(WAIT):
        await client.wait_until(predicate)


def _slide_is(index: int) -> Callable[[ParticipantClient], bool]:
    return lambda c: c.snapshot is not None and c.snapshot.slide.index == index


def _activity_is(activity_id: str, status: str) -> Callable[[ParticipantClient], bool]:
    def check(client: ParticipantClient) -> bool:
        activity = client.snapshot.activity if client.snapshot else None
        return activity is not None and activity.id == activity_id and activity.status == status

    return check


def _activity(page: Page, name: str) -> Locator:
    return page.get_by_role("group", name=name, exact=True)


def _current(page: Page, name: str) -> Locator:
    """An activity shown first: on the live slide, or opened last."""
    return page.locator(".current-slot").get_by_role("group", name=name, exact=True)


async def _connected(page: Page) -> None:
    await expect(page.locator("#connection")).to_have_text("Connecté")


async def test_drives_the_slides_and_a_poll_from_a_phone(
    room: HeadlessRoom, phone: Page, participant: ParticipantClient, tmp_path: Path
) -> None:
    await phone.goto(_remote_url(room, _secret(room)))
    await _connected(phone)
    # The secret leaves the address bar at once and lives in this tab's sessionStorage only.
    assert await phone.evaluate("location.hash") == ""
    assert _secret(room) not in phone.url
    stored = json.loads(await phone.evaluate("sessionStorage.getItem('fphkiosk.remote')"))
    assert stored == {"secret": _secret(room)}
    assert await phone.evaluate("localStorage.length") == 0
    assert await phone.evaluate("document.cookie") == ""

    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 1 / 5")
    await expect(phone.locator("#slide-title")).to_have_text("Accueil")
    previous = phone.get_by_role("button", name="Précédente")
    following = phone.get_by_role("button", name="Suivante")
    await expect(previous).to_be_disabled()
    await expect(_activity(phone, "Quelle couleur ?")).to_contain_text("Prête")
    await expect(phone.locator(".current-slot")).to_be_empty()

    await following.click()
    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 2 / 5")
    await expect(phone.locator("#slide-title")).to_have_text("Sondage")
    await _until(participant, _slide_is(1))

    # On its slide, the poll is listed first, named by its question, ready to open.
    poll = _current(phone, "Quelle couleur ?")
    await expect(poll).to_contain_text("Prête")
    await expect(poll.get_by_role("button", name="Clore")).to_be_disabled()
    await expect(poll.get_by_role("button", name="Afficher les résultats")).to_be_disabled()
    await poll.get_by_role("button", name="Ouvrir").click()
    await _until(participant, _activity_is("sondage", "open"))
    # Opened, the poll is the current activity, with the live count and "Clore" offered.
    current = phone.locator(".current-slot").get_by_role(
        "group", name="Quelle couleur ?", exact=True
    )
    await expect(current).to_contain_text("Ouverte")
    await expect(current).to_contain_text("0 réponse / 1 connecté")
    await expect(current.get_by_role("button", name="Rouvrir")).to_be_disabled()
    await expect(current.get_by_role("button", name="Clore")).to_be_enabled()

    async with asyncio.timeout(WAIT):
        await participant.acknowledged(participant.answer("sondage", ChoiceBody(1)))
    await expect(current.locator(".activity-count")).to_have_text("1 réponse / 1 connecté")
    await expect(current).to_contain_text("Moins de 3 réponses")

    # One-handed on a phone: every control at least 48 px each way, nothing wider than the screen.
    too_small = await phone.evaluate(
        """[...document.querySelectorAll("button, input")]
            .filter((e) => e.checkVisibility())
            .map((e) => [e.textContent || e.id, e.getBoundingClientRect()])
            .filter(([, r]) => r.height < 48 || r.width < 48 || r.right > innerWidth)
            .map(([name, r]) => `${name}: ${r.width}x${r.height}`)"""
    )
    assert too_small == []
    await phone.evaluate("window.scrollTo(0, 0)")
    shot = await phone.screenshot(path=tmp_path / SCREENSHOT_NAME)
    assert len(shot) < SCREENSHOT_MAX_BYTES
    if folder := os.environ.get("FPHKIOSK_SCREENSHOTS"):
        (Path(folder) / SCREENSHOT_NAME).write_bytes(shot)

    await current.get_by_role("button", name="Clore").click()
    await expect(current).to_contain_text("Close")
    await _until(participant, _activity_is("sondage", "closed"))
    await current.get_by_role("button", name="Afficher les résultats").click()
    await expect(current).to_contain_text("Résultats affichés")
    await _until(participant, _activity_is("sondage", "revealed"))
    await expect(current.get_by_role("button", name="Afficher les résultats")).to_be_disabled()
    await expect(current.get_by_role("button", name="Rouvrir")).to_be_enabled()

    # A number typed and "Aller"; a number out of the deck is refused on the page itself.
    field = phone.get_by_label("Aller à la diapositive")
    await field.fill("9")
    await phone.get_by_role("button", name="Aller", exact=True).click()
    await expect(phone.locator("#goto-error")).to_have_text("Saisissez un numéro de 1 à 5.")
    await expect(field).to_have_attribute("aria-invalid", "true")
    await field.fill("5")
    await field.press("Enter")
    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 5 / 5")
    await expect(phone.locator("#slide-title")).to_have_text("Échelle")
    await expect(following).to_be_disabled()
    await _until(participant, _slide_is(4))
    await previous.click()
    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 4 / 5")
    await _until(participant, _slide_is(3))


async def test_follows_another_remote_and_shows_the_rooms_refusals_as_they_come(
    room: HeadlessRoom, phone: Page, http: aiohttp.ClientSession
) -> None:
    await phone.goto(_remote_url(room, _secret(room)))
    await _connected(phone)
    # The console (or a second phone) opens the quiz: this page follows the room.
    other = await room.remote(http)
    try:
        await other.command("open", activity_id="quiz")
        await other.expect(
            lambda m: isinstance(m, PresenterStateMsg) and m.current_activity == "quiz"
        )
    finally:
        await other.close()
    current = phone.locator(".current-slot").get_by_role(
        "group", name="Combien font 2 + 2 ?", exact=True
    )
    await expect(current).to_contain_text("Ouverte")
    reveal = current.get_by_role("button", name="Afficher les résultats")
    await reveal.click()
    await expect(current).to_contain_text("Résultats affichés")
    await expect(reveal).to_be_disabled()

    # A tap that crossed the room's change on the way (forced here): the server refuses it,
    # and its French message is shown as it came.
    await reveal.evaluate("button => { button.disabled = false; button.click(); }")
    await expect(phone.get_by_role("alert").filter(has_text="rien à révéler")).to_have_text(
        "Il n'y a rien à révéler : ouvrez d'abord l'activité."
    )


async def test_a_wrong_or_missing_secret_asks_for_it_in_french(
    room: HeadlessRoom, phone: Page
) -> None:
    await phone.goto(_remote_url(room, "pas-le-bon-code"))
    await expect(phone.locator("#secret-error")).to_have_text("Code du présentateur incorrect.")
    assert await phone.evaluate("location.hash") == ""
    assert await phone.evaluate("sessionStorage.getItem('fphkiosk.remote')") is None
    field = phone.get_by_label("Code du présentateur")
    await expect(field).to_be_focused()
    await expect(field).to_have_attribute("aria-invalid", "true")
    await expect(phone.locator("#connection")).to_have_text("Non connecté")

    # Pasted as the console's whole link works as well as the bare secret.
    await field.fill(f"  {_remote_url(room, _secret(room))}  ")
    await phone.get_by_role("button", name="Se connecter").click()
    await _connected(phone)
    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 1 / 5")

    # A fresh tab on the bare address: no secret, a clear message and the field.
    await phone.evaluate("sessionStorage.clear()")
    await phone.goto(_remote_url(room))
    await expect(phone.get_by_text("Il manque le code du présentateur.")).to_be_visible()
    await expect(phone.get_by_label("Code du présentateur")).to_be_visible()
    await expect(phone.locator("#secret-error")).to_be_hidden()


async def test_comes_back_alone_after_the_room_restarts(
    room: HeadlessRoom, phone: Page, console_expected: list[str]
) -> None:
    # Chromium logs each refused attempt while the room is down; the page cannot silence that.
    console_expected.append("net::ERR_CONNECTION_REFUSED")
    await phone.goto(_remote_url(room, _secret(room)))
    await _connected(phone)
    await phone.get_by_role("button", name="Suivante").click()
    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 2 / 5")

    await room.kill()
    await expect(phone.locator("#connection")).to_have_text("Reconnexion…")
    # The last state stays readable, its controls are off until the room is back.
    await expect(phone.locator("#offline")).to_be_visible()
    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 2 / 5")
    await expect(phone.get_by_role("button", name="Suivante")).to_be_disabled()

    # The resumed session keeps its secret: the page re-joins with the one it kept.
    await room.start(port=room.port)
    await _connected(phone)
    await expect(phone.locator("#offline")).to_be_hidden()
    await phone.get_by_role("button", name="Suivante").click()
    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 3 / 5")

    # A reload has no fragment any more: the tab's sessionStorage brings the secret back.
    await phone.reload()
    await _connected(phone)
    await expect(phone.locator("#slide-number")).to_have_text("Diapositive 3 / 5")
