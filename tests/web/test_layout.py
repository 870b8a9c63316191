"""Answers on one row on a tablet either way up, one column on a phone, never a lone answer on a
row of its own; at 200 % zoom nothing is lost (no sideways scrolling, no clipped word)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Browser, FloatRect, Page, expect

from fphkiosk.net.protocol import PresenterStateMsg
from tests.web.conftest import HeadlessRoom

DECK = """---
title: Mise en page
---
# Sondage

```poll
id: cinq
question: Combien de fois par semaine ?
choices: [Jamais, Une fois, Deux fois, Trois fois, Tous les jours]
```
---
# Échelle

```scale
id: sept
file: scales/sept.yaml
```
"""

SCALE = """title: Sept réponses
options:
  - {label: Jamais, points: 0}
  - {label: Rarement, points: 1}
  - {label: Parfois, points: 2}
  - {label: Assez souvent, points: 3}
  - {label: Souvent, points: 4}
  - {label: Très souvent, points: 5}
  - {label: Toujours, points: 6}
items:
  - Je range mon bureau.
bands:
  - {min: 0, max: 6, label: Tous}
"""

TABLETS = [(768, 1024), (1024, 768)]
SHOTS = os.environ.get("FPHKIOSK_SCREENSHOTS", "")
PHONE = (390, 844)


@pytest.fixture
async def layout_room(tmp_path: Path) -> AsyncIterator[HeadlessRoom]:
    folder = tmp_path / "deck"
    (folder / "scales").mkdir(parents=True)
    (folder / "scales" / "sept.yaml").write_text(SCALE, encoding="utf-8")
    (folder / "deck.md").write_text(DECK, encoding="utf-8")
    room = HeadlessRoom(
        folder,
        tmp_path / "session.fphk",
        tmp_path / "room.json",
        options=("--connections-per-address", "64"),
    )
    await room.start()
    try:
        yield room
    finally:
        await room.stop()


async def _open(room: HeadlessRoom, http: aiohttp.ClientSession, activity_id: str) -> None:
    remote = await room.remote(http)
    try:
        await remote.command("open", activity_id=activity_id)
        await remote.expect(
            lambda m: isinstance(m, PresenterStateMsg) and m.current_activity == activity_id
        )
    finally:
        await remote.close()


async def _boxes(page: Page) -> list[FloatRect]:
    buttons = page.locator("#screen .choices .choice")
    await expect(buttons.first).to_be_visible()
    return [box for box in [await b.bounding_box() for b in await buttons.all()] if box]


async def _tab(browser: Browser, size: tuple[int, int], scale: float = 1) -> Page:
    context = await browser.new_context(
        viewport={"width": size[0], "height": size[1]}, device_scale_factor=scale
    )
    return await context.new_page()


async def _shot(page: Page, name: str) -> None:
    """The screenshots of docs/screenshots/web, when asked for (FPHKIOSK_SCREENSHOTS)."""
    if SHOTS:
        size = page.viewport_size or {"width": 0, "height": 0}
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        path = Path(SHOTS) / f"layout-{name}-{size['width']}x{size['height']}.jpg"
        await page.screenshot(path=path, full_page=True, type="jpeg", quality=70)


async def _no_loss(page: Page) -> None:
    """Nothing scrolls sideways and no answer's text is cut."""
    assert await page.evaluate(
        "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
    clipped = await page.evaluate(
        """() => [...document.querySelectorAll('#screen .choice, #screen h1, #screen p')]
             .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent)"""
    )
    assert clipped == []


async def test_answers_sit_on_one_row_on_tablets_and_in_one_column_on_a_phone(
    layout_room: HeadlessRoom, browser: Browser, http: aiohttp.ClientSession
) -> None:
    room = layout_room
    sizes = [*TABLETS, PHONE]
    pages = [await _tab(browser, size) for size in sizes]
    # 200 % zoom of each tablet: half the CSS pixels, twice the device pixels.
    zoomed = [await _tab(browser, (w // 2, h // 2), scale=2) for w, h in TABLETS]
    for page in pages + zoomed:
        await page.goto(room.page_url(room.room_code))
        await expect(page.locator("#connection")).to_have_attribute("data-state", "connected")

    await _open(room, http, "cinq")
    for size, page in zip(sizes, pages, strict=True):
        boxes = await _boxes(page)
        assert len(boxes) == 5
        if size in TABLETS:
            assert len({round(b["y"]) for b in boxes}) == 1, size
        else:
            assert len({round(b["x"]) for b in boxes}) == 1, size
        await _no_loss(page)
        await _shot(page, "poll")

    await _open(room, http, "sept")
    for page in pages + zoomed:
        await page.locator("#screen .actions .primary").click()
    for size, page in zip(sizes, pages, strict=True):
        boxes = await _boxes(page)
        assert len(boxes) == 7
        if size in TABLETS:
            assert len({round(b["y"]) for b in boxes}) == 1, size
            assert len({round(b["width"]) for b in boxes}) == 1, size
        else:
            assert len({round(b["x"]) for b in boxes}) == 1, size
        await _no_loss(page)
        await _shot(page, "scale")
    for page in zoomed:
        # As narrow as a phone once zoomed: one column, every word whole.
        boxes = await _boxes(page)
        assert len({round(b["x"]) for b in boxes}) == 1
        await _no_loss(page)
        await expect(page.get_by_role("button", name="Très souvent")).to_be_visible()
        await _shot(page, "scale-zoom200")
    for page in pages + zoomed:
        await page.context.close()


async def test_reduced_motion_and_more_contrast_are_honoured(
    layout_room: HeadlessRoom, browser: Browser
) -> None:
    page = await _tab(browser, TABLETS[0])
    try:
        await page.goto(layout_room.page_url())
        hint = page.locator("#code-hint")
        await expect(hint).to_be_visible()
        styles = "(e) => [getComputedStyle(e).color, getComputedStyle(document.body).color]"
        muted, text = await hint.evaluate(styles)
        assert muted != text
        await page.emulate_media(contrast="more")
        muted, text = await hint.evaluate(styles)
        assert muted == text
        border = "(e) => getComputedStyle(e).borderTopWidth"
        assert await page.locator("#code ~ button").evaluate(border) == "3px"

        await page.evaluate("document.getElementById('connection').dataset.state = 'reconnecting'")
        dot = page.locator("#connection .dot")
        animated = "(e) => getComputedStyle(e).animationName"
        assert await dot.evaluate(animated) != "none"
        await page.emulate_media(reduced_motion="reduce")
        assert await dot.evaluate(animated) == "none"
    finally:
        await page.context.close()
