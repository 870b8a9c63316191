"""Every participant and remote screen, in both languages, at a portrait tablet, a landscape tablet
and a phone, checked by axe-core: zero violations of any impact. The same walk checks that no
screen mixes languages, and writes the screenshots of docs/screenshots/web when asked to
(``FPHKIOSK_SCREENSHOTS=docs/screenshots/web``).

axe-core comes from npm (tests/web/axe/package.json, installed by ``make test``), never from a CDN;
it is injected by the browser's own init-script mechanism, which the pages' strict CSP allows.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.protocol import PresenterStateMsg, ScaleBody
from fphkiosk.paths import assets_dir
from tests.net.sample_deck import write_sample_deck
from tests.web.conftest import HeadlessRoom

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"tablet-portrait": (768, 1024), "tablet-landscape": (1024, 768), "phone": (390, 844)}
LANGUAGES = ("fr", "en")
SHOTS = os.environ.get("FPHKIOSK_SCREENSHOTS", "")
AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3),
  }));
}"""


def _ui_texts(language: str) -> set[str]:
    """The texts of the pages in *language* that have no placeholder (whole sentences)."""
    texts: set[str] = set()
    for area in ("web", "remote"):
        path = assets_dir() / "i18n" / language / f"{area}.json"
        for text in json.loads(path.read_text(encoding="utf-8")).values():
            if "{" not in text and len(text) >= 8:
                texts.add(text)
    return texts


FOREIGN = {
    "fr": _ui_texts("en") - _ui_texts("fr"),
    "en": _ui_texts("fr") - _ui_texts("en"),
}


@dataclass
class Tab:
    language: str
    viewport: str
    page: Page

    @property
    def name(self) -> str:
        return f"{self.language}-{self.viewport}"


@dataclass
class Walk:
    """The same screens in every language and size at once; each screen checked in all tabs."""

    tabs: list[Tab]
    checked: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    async def each(self, action: Callable[[Tab], Awaitable[object]]) -> None:
        await asyncio.gather(*(action(tab) for tab in self.tabs))

    async def check(self, screen: str) -> None:
        await self.each(lambda tab: self._check(tab, screen))
        self.checked.append(screen)

    async def _check(self, tab: Tab, screen: str) -> None:
        page = tab.page
        await page.evaluate("document.fonts.ready.then(() => true)")
        for violation in await page.evaluate(AXE_RUN):
            self.violations.append(f"{screen} {tab.name}: {violation}")
        shown = await page.evaluate("document.body.innerText")
        for text in FOREIGN[tab.language]:
            if text in shown:
                self.violations.append(f"{screen} {tab.name}: other language: {text!r}")
        if SHOTS:
            folder = Path(SHOTS)
            folder.mkdir(parents=True, exist_ok=True)
            await page.screenshot(
                path=folder / f"{screen}-{tab.name}.jpg", full_page=True, type="jpeg", quality=70
            )


@pytest.fixture
async def room(tmp_path: Path) -> AsyncIterator[HeadlessRoom]:
    """The sample room, open to the six tabs of one test machine (one address) at once."""
    deck = write_sample_deck(tmp_path / "deck", min_group_size=3, round_table=True)
    headless = HeadlessRoom(
        deck,
        tmp_path / "session.fphk",
        tmp_path / "room.json",
        options=("--connections-per-address", "64"),
    )
    await headless.start()
    try:
        yield headless
    finally:
        await headless.stop()


@pytest.fixture
async def contexts(browser: Browser) -> AsyncIterator[list[tuple[str, str, BrowserContext]]]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (npm ci --prefix tests/web/axe)")
    made: list[tuple[str, str, BrowserContext]] = []
    try:
        for language in LANGUAGES:
            for viewport, (width, height) in VIEWPORTS.items():
                context = await browser.new_context(
                    viewport={"width": width, "height": height},
                    locale="fr-FR",
                    has_touch=True,
                    is_mobile=viewport == "phone",
                )
                await context.add_init_script(path=str(AXE))
                made.append((language, viewport, context))
        yield made
    finally:
        for _, _, context in made:
            await context.close()


async def _walk(contexts: list[tuple[str, str, BrowserContext]]) -> Walk:
    tabs = [Tab(lang, viewport, await context.new_page()) for lang, viewport, context in contexts]
    return Walk(tabs)


async def _command(
    room: HeadlessRoom, http: aiohttp.ClientSession, kind: str, activity_id: str
) -> None:
    """One trainer command from a remote of its own: the checks between two commands take longer
    than the server's heartbeat, which a remote nobody reads from would miss."""
    remote = await room.remote(http)
    try:
        await remote.command(kind, activity_id=activity_id)
        await remote.expect(
            lambda m: isinstance(m, PresenterStateMsg) and m.current_activity == activity_id
        )
    finally:
        await remote.close()


async def _others_answer_scale(room: HeadlessRoom, http: aiohttp.ClientSession) -> None:
    others = [ParticipantClient(room.ws_url, room.room_code, session=http) for _ in range(2)]
    try:
        for client in others:
            await client.start()
            await client.joined()
            await client.acknowledged(client.answer("echelle", ScaleBody([1, 0, 1])))
    finally:
        for client in others:
            await client.close()


def _heading(page: Page) -> object:
    return expect(page.locator("#screen h1")).to_be_visible()


async def test_every_participant_screen_has_no_axe_violation(
    room: HeadlessRoom,
    contexts: list[tuple[str, str, BrowserContext]],
    http: aiohttp.ClientSession,
) -> None:
    walk = await _walk(contexts)
    base = room.page_url()

    async def join_screen(tab: Tab) -> None:
        await tab.page.goto(f"{base}?lang={tab.language}")
        await expect(tab.page.locator("#code")).to_be_focused()

    await walk.each(join_screen)
    await walk.check("join")

    async def wrong_code(tab: Tab) -> None:
        await tab.page.locator("#code").fill("ZZZZZZ")
        await tab.page.locator("#code").press("Enter")
        await expect(tab.page.locator("#code-error")).not_to_be_empty()

    await walk.each(wrong_code)
    await walk.check("join-error")

    async def joined(tab: Tab) -> None:
        await tab.page.goto(f"{base}?code={room.room_code}&lang={tab.language}")
        await expect(tab.page.locator("#connection")).to_have_attribute("data-state", "connected")
        await expect(tab.page.locator("#screen h1")).to_be_visible()

    await walk.each(joined)
    await walk.check("waiting")

    async def shows(selector: str) -> None:
        await walk.each(lambda tab: expect(tab.page.locator(selector).first).to_be_visible())

    async def shows_text(selector: str, text: str) -> None:
        await walk.each(lambda tab: expect(tab.page.locator(selector)).to_contain_text(text))

    async def click(name: str, exact: bool = True) -> None:
        await walk.each(
            lambda tab: (
                tab.page.locator("#screen").get_by_role("button", name=name, exact=exact).click()
            )
        )

    await _command(room, http, "open", "sondage")
    await shows("#screen .choices")
    await walk.check("poll")
    await click("Vert")
    await shows("#screen .message.ok")
    await walk.check("poll-answered")
    await _command(room, http, "close", "sondage")
    await shows("#screen .message.info")
    await walk.check("poll-closed")
    await _command(room, http, "reveal", "sondage")
    await shows("#screen .results")
    await walk.check("poll-revealed")

    await _command(room, http, "open", "quiz")
    await shows("#screen .choices")
    await click("4")
    await shows("#screen .message.ok")
    await _command(room, http, "reveal", "quiz")
    await shows("#screen .results li.correct")
    await walk.check("quiz-revealed")

    await _command(room, http, "open", "meilleure-pire")
    await shows("#screen .choices.best")
    await walk.each(
        lambda tab: tab.page.locator(".choices.best").get_by_role("button", name="Liker").click()
    )
    await walk.each(
        lambda tab: (
            tab.page.locator(".choices.worst").get_by_role("button", name="Signaler").click()
        )
    )
    await walk.check("best-worst")
    await walk.each(lambda tab: tab.page.locator("#screen .actions .primary").click())
    await shows("#screen .message.ok")
    await _command(room, http, "reveal", "meilleure-pire")
    await shows("#screen .results.worst")
    await walk.check("best-worst-revealed")

    await _command(room, http, "open", "echelle")
    await shows("#screen .private-note")
    await walk.check("scale-intro")
    await walk.each(lambda tab: tab.page.locator("#screen .actions .primary").click())
    await shows("#screen .progress")
    await walk.check("scale-item")
    for index in range(3):
        await shows_text(".progress", f"{index + 1} / 3")
        await click("Oui")
    await shows("#screen ol.review")
    await walk.check("scale-review")
    await walk.each(lambda tab: tab.page.locator("#screen .actions .primary").click())
    await shows("#screen .result")
    await walk.check("scale-result")
    await walk.each(lambda tab: tab.page.locator("#screen .actions .primary").click())
    await shows("#screen .waiting")
    await walk.check("scale-done")
    await _others_answer_scale(room, http)
    await _command(room, http, "reveal", "echelle")
    await shows("#screen .results")
    await walk.check("scale-revealed")

    # The round-table kinds: a question, words, a free answer, several answers, a timed poll.
    for activity_id, question in (
        ("questions", "Vos questions"),
        ("mots", "Un à trois mots"),
        ("libre", "Qu'allez-vous changer"),
        ("plusieurs", "Quels réseaux"),
        ("minute", "Vite"),
    ):
        await _command(room, http, "open", activity_id)
        await shows_text("#screen", question)
        await walk.check(activity_id)

    print(
        f"\naxe-core: {len(walk.checked)} participant screens x {len(walk.tabs)} tabs"
        f" = {len(walk.checked) * len(walk.tabs)} runs, {len(walk.violations)} violations"
    )
    assert walk.violations == [], "\n".join(walk.violations)


async def test_every_remote_screen_has_no_axe_violation(
    room: HeadlessRoom, contexts: list[tuple[str, str, BrowserContext]]
) -> None:
    walk = await _walk(contexts)
    remote = f"http://127.0.0.1:{room.port}/remote"

    async def login(tab: Tab) -> None:
        await tab.page.goto(f"{remote}?lang={tab.language}")
        await expect(tab.page.locator("#screen input").first).to_be_visible()

    await walk.each(login)
    await walk.check("remote-login")

    async def wrong(tab: Tab) -> None:
        await tab.page.goto(f"{remote}?lang={tab.language}#secret=wrong-secret")
        await expect(
            tab.page.locator("#screen [role=alert], #screen .message").first
        ).not_to_be_empty()

    await walk.each(wrong)
    await walk.check("remote-error")

    async def joined(tab: Tab) -> None:
        await tab.page.goto(f"{remote}?lang={tab.language}#secret={room.info['presenter_secret']}")
        await expect(tab.page.locator("#connection")).to_have_attribute("data-state", "connected")

    await walk.each(joined)
    await walk.check("remote")
    print(
        f"\naxe-core: {len(walk.checked)} remote screens x {len(walk.tabs)} tabs"
        f" = {len(walk.checked) * len(walk.tabs)} runs, {len(walk.violations)} violations"
    )
    assert walk.violations == [], "\n".join(walk.violations)


def test_the_axe_package_is_the_pinned_one_with_its_licence() -> None:
    package = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))
    pinned = json.loads((AXE.parents[2] / "package.json").read_text(encoding="utf-8"))
    assert package["version"] == pinned["dependencies"]["axe-core"]
    assert package["license"] == "MPL-2.0"
    assert re.match(
        r"Mozilla Public License,? [Vv]ersion 2\.0", (AXE.parent / "LICENSE").read_text()
    )
