"""The participant page in a real browser against a real room: join, answer, scales, restarts."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import aiohttp
from playwright.async_api import Locator, Page, expect

from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import ChoiceBody, PresenterStateMsg
from tests.net.remote import Remote
from tests.web.conftest import HeadlessRoom

SAVED = "Réponse enregistrée"


async def _open(remote: Remote, activity_id: str) -> None:
    await remote.command("open", activity_id=activity_id)
    await remote.expect(
        lambda m: isinstance(m, PresenterStateMsg) and m.current_activity == activity_id
    )


async def _joined(page: Page, room: HeadlessRoom) -> None:
    await page.goto(room.page_url(room.room_code))
    await expect(page.get_by_role("heading", name="Regardez l'écran")).to_be_visible()
    await expect(page.locator("#connection")).to_have_text("Connecté")


async def _stored(page: Page) -> dict[str, str] | None:
    raw = await page.evaluate("sessionStorage.getItem('fphkiosk.participant')")
    return None if raw is None else dict(json.loads(raw))


def _answers(session: Path, activity_id: str) -> list[tuple[str, dict[str, object]]]:
    db = sqlite3.connect(session)
    try:
        rows = db.execute(
            "SELECT token, payload FROM answer WHERE activity_id = ? ORDER BY seq", (activity_id,)
        ).fetchall()
    finally:
        db.close()
    return [(token, json.loads(payload)) for token, payload in rows]


async def _answer_scale(page: Page, option: str, items: int) -> None:
    await page.get_by_role("button", name="Commencer").click()
    for index in range(items):
        await expect(page.locator("#screen").get_by_text(f"{index + 1} / {items}")).to_be_visible()
        await _choice(page, option).click()
    await page.get_by_role("button", name="Envoyer mes réponses").click()


def _choice(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


async def test_joins_by_url_and_says_saved_only_after_the_ack(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    remote = await room.remote(http)
    await _joined(page, room)
    stored = await _stored(page)
    assert stored is not None and stored["code"] == room.room_code and stored["token"]
    assert await page.evaluate("localStorage.length") == 0
    assert await page.evaluate("document.cookie") == ""

    await _open(remote, "sondage")
    await expect(page.get_by_role("heading", name="Quelle couleur ?")).to_be_visible()
    room.pause()
    try:
        await _choice(page, "Vert").click()
        await expect(_choice(page, "Vert")).to_have_attribute("aria-pressed", "true")
        await expect(page.locator("#screen").get_by_text("Envoi en cours…")).to_be_visible()
        # The server is stopped: no ack can have come, so nothing may claim the answer is saved.
        await expect(page.locator("#screen").get_by_text(SAVED)).to_have_count(0)
    finally:
        room.resume()
    await expect(page.locator("#screen").get_by_text(SAVED, exact=True)).to_be_visible()

    await _choice(page, "Bleu").click()
    await expect(_choice(page, "Bleu")).to_have_attribute("aria-pressed", "true")
    await expect(_choice(page, "Vert")).to_have_attribute("aria-pressed", "false")
    await expect(page.locator("#screen").get_by_text(SAVED, exact=True)).to_be_visible()
    answers = _answers(room.session, "sondage")
    assert [payload["choice"] for _, payload in answers] == [2]  # the changed answer replaced
    assert {token for token, _ in answers} == {stored["token"]}

    await remote.command("close", activity_id="sondage")
    await expect(page.locator("#screen").get_by_text("Réponses closes")).to_be_visible()
    await expect(_choice(page, "Bleu Votre réponse")).to_be_disabled()
    await remote.command("reveal", activity_id="sondage")
    await expect(
        page.locator("#screen").get_by_text("Résultats masqués : moins de 3 réponses")
    ).to_be_visible()


async def test_fills_a_scale_item_by_item_and_shows_the_private_result_until_finished(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    remote = await room.remote(http)
    await _joined(page, room)
    await _open(remote, "echelle")
    await expect(page.get_by_role("heading", name="Mini échelle")).to_be_visible()
    await expect(page.locator("#screen").get_by_text("1 point par oui.")).to_be_visible()
    await page.get_by_role("button", name="Commencer").click()

    await expect(page.locator("#screen").get_by_text("1 / 3", exact=True)).to_be_visible()
    await expect(page.get_by_role("heading", name="Premier item ?")).to_be_visible()
    await expect(page.get_by_role("button", name="Suivant")).to_be_disabled()
    await _choice(page, "Oui").click()
    await expect(page.locator("#screen").get_by_text("2 / 3", exact=True)).to_be_visible()
    await page.get_by_role("button", name="Précédent").click()
    await expect(page.locator("#screen").get_by_text("1 / 3", exact=True)).to_be_visible()
    await expect(_choice(page, "Oui")).to_have_attribute("aria-pressed", "true")
    await page.get_by_role("button", name="Suivant").click()
    await expect(page.get_by_role("heading", name="Deuxième item ?")).to_be_visible()
    await _choice(page, "Non").click()
    await expect(page.locator("#screen").get_by_text("3 / 3", exact=True)).to_be_visible()
    await _choice(page, "Non").click()

    await expect(page.get_by_role("heading", name="Vérifier et envoyer")).to_be_visible()
    await expect(page.locator(".review-text")).to_have_text(
        [
            re.compile(r"^1\. Premier item \? Oui$"),
            re.compile(r"^2\. .* Non$"),
            re.compile(r" Non$"),
        ]
    )
    await page.get_by_role("button", name="Envoyer mes réponses").click()

    # Oui (1) + Non (0) + Non on the reversed item (1) = 2: the "Élevé" band.
    await expect(page.get_by_role("heading", name="Votre résultat")).to_be_visible()
    result = page.locator(".result")
    await expect(result).to_contain_text("2")
    await expect(result).to_contain_text("sur une échelle de 0 à 3")
    await expect(result).to_contain_text("Élevé")
    await expect(result).to_contain_text("Faites une pause.")
    stored = await page.evaluate("JSON.stringify(sessionStorage)")
    assert "Élevé" not in stored and "score" not in stored
    assert await page.evaluate("localStorage.length") == 0

    await page.get_by_role("button", name="Terminer").click()
    await expect(page.get_by_role("heading", name="Réponses enregistrées")).to_be_visible()
    await expect(page.locator("#screen").get_by_text("Élevé")).to_have_count(0)
    assert [p["options"] for _, p in _answers(room.session, "echelle")] == [[1, 0, 0]]


async def test_the_private_result_leaves_the_screen_after_a_minute_or_on_a_new_activity(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    await page.clock.install()
    remote = await room.remote(http)
    await _joined(page, room)
    await _open(remote, "echelle")
    await _answer_scale(page, "Oui", 3)
    await expect(page.get_by_role("heading", name="Votre résultat")).to_be_visible()
    await page.clock.fast_forward(59_000)
    await expect(page.get_by_role("heading", name="Votre résultat")).to_be_visible()
    await page.clock.fast_forward(2_000)
    await expect(page.get_by_role("heading", name="Réponses enregistrées")).to_be_visible()
    await expect(page.locator(".result")).to_have_count(0)

    # A second tablet: its result goes as soon as the trainer opens something else, and does
    # not come back when the scale is reopened, though its answers are known to be saved.
    context = await page.context.browser.new_context()  # type: ignore[union-attr]
    other = await context.new_page()
    try:
        await other.goto(room.page_url(room.room_code))
        await expect(other.get_by_role("heading", name="Mini échelle")).to_be_visible()
        await _answer_scale(other, "Non", 3)
        await expect(other.get_by_role("heading", name="Votre résultat")).to_be_visible()
        await _open(remote, "sondage")
        await expect(other.get_by_role("heading", name="Quelle couleur ?")).to_be_visible()
        await expect(other.locator(".result")).to_have_count(0)
        await _open(remote, "echelle")
        await expect(other.get_by_role("heading", name="Réponses enregistrées")).to_be_visible()
        await expect(other.locator(".result")).to_have_count(0)
    finally:
        await context.close()


async def test_survives_a_server_restart_and_resends_the_unacknowledged_answer(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    remote = await room.remote(http)
    await _joined(page, room)
    token = (await _stored(page) or {})["token"]
    await _open(remote, "sondage")
    await _choice(page, "Rouge").click()
    await expect(page.locator("#screen").get_by_text(SAVED, exact=True)).to_be_visible()
    await remote.close()

    # Stopped, the server never reads the change of mind; killed, it loses it with the socket.
    room.pause()
    await _choice(page, "Bleu").click()
    await expect(page.locator("#screen").get_by_text("Envoi en cours…")).to_be_visible()
    await room.kill()
    await expect(page.locator("#connection")).to_have_text("Reconnexion…")
    await expect(page.locator("#screen").get_by_text("Réponse en attente")).to_be_visible()
    await expect(page.locator("#screen").get_by_text(SAVED)).to_have_count(0)

    await room.start(port=room.port)
    await expect(page.locator("#connection")).to_have_text("Connecté")
    await expect(page.locator("#screen").get_by_text(SAVED, exact=True)).to_be_visible()
    await expect(_choice(page, "Bleu")).to_have_attribute("aria-pressed", "true")
    answers = _answers(room.session, "sondage")
    assert [p["choice"] for _, p in answers] == [2]  # the resent answer replaced the first
    assert {t for t, _ in answers} == {token}

    # A reload resumes from the server's snapshot alone, with the same token.
    await page.reload()
    await expect(_choice(page, "Bleu")).to_have_attribute("aria-pressed", "true")
    await expect(page.locator("#screen").get_by_text(SAVED, exact=True)).to_be_visible()
    assert (await _stored(page) or {})["token"] == token


async def test_refuses_a_wrong_room_code_with_the_servers_message(
    room: HeadlessRoom, page: Page
) -> None:
    wrong = "AAAAAA" if room.room_code != "AAAAAA" else "CCCCCC"
    await page.goto(room.page_url(wrong))
    await expect(page.get_by_role("alert")).to_have_text(
        "Code de salle incorrect : vérifiez le code affiché à l'écran."
    )
    field = page.get_by_label("Code de la salle")
    await expect(field).to_have_value(wrong)
    await expect(field).to_have_attribute("aria-invalid", "true")
    assert await _stored(page) is None

    # Typed as people type it: lower case, with a space.
    code = room.room_code.lower()
    await field.fill(f"{code[:3]} {code[3:]}")
    await field.press("Enter")
    await expect(page.get_by_role("heading", name="Regardez l'écran")).to_be_visible()
    stored = await _stored(page)
    assert stored is not None and stored["code"] == room.room_code


async def test_best_worst_needs_two_different_choices_and_a_revealed_quiz_shows_the_room(
    room: HeadlessRoom, page: Page, http: aiohttp.ClientSession
) -> None:
    remote = await room.remote(http)
    await _joined(page, room)
    await _open(remote, "meilleure-pire")
    best = page.get_by_role("group", name="La meilleure ?")
    worst = page.get_by_role("group", name="La pire ?")
    send = page.get_by_role("button", name="Envoyer", exact=True)
    await best.get_by_role("button", name="Liker").click()
    await worst.get_by_role("button", name="Liker").click()
    await expect(
        page.locator("#screen").get_by_text("Choisissez deux réponses différentes.")
    ).to_be_visible()
    await expect(send).to_be_disabled()
    await worst.get_by_role("button", name="Signaler").click()
    await send.click()
    await expect(page.locator("#screen").get_by_text(SAVED, exact=True)).to_be_visible()
    assert [p for _, p in _answers(room.session, "meilleure-pire")] == [
        {"kind": "best_worst", "best": 0, "worst": 3}
    ]

    await _open(remote, "quiz")
    await _choice(page, "4").click()
    await expect(page.locator("#screen").get_by_text(SAVED, exact=True)).to_be_visible()
    others = [ParticipantClient(room.ws_url, room.room_code, session=http) for _ in range(2)]
    try:
        for client, choice in zip(others, (1, 0), strict=True):
            await client.start()
            await client.joined()
            await client.acknowledged(client.answer("quiz", ChoiceBody(choice)))
    finally:
        for client in others:
            await client.close()
    await remote.command("reveal", activity_id="quiz")
    correct = page.locator(".results li.correct")
    await expect(correct).to_contain_text("4")
    await expect(correct).to_contain_text("Bonne réponse")
    await expect(correct).to_contain_text("Votre réponse")
    await expect(correct).to_contain_text("2 · 67 %")
    await expect(
        page.locator("#screen").get_by_text("67 % de bonnes réponses dans la salle.")
    ).to_be_visible()
