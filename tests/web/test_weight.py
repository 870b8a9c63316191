"""The participant page's first load, as the browser counts it: bytes on the wire and requests."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Browser, Page, expect

from tests.web.conftest import HeadlessRoom

FIRST_LOAD_LIMIT = 80_000  # bytes transferred, headers included, for the page and what it loads

# Every entry the browser timed for this load: the page itself, then each file it fetched.
ENTRIES = """() => [
  ...performance.getEntriesByType("navigation"),
  ...performance.getEntriesByType("resource"),
].map((e) => ({ name: e.name, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize,
               decodedBodySize: e.decodedBodySize }))"""


async def first_load(page: Page, url: str) -> list[dict[str, Any]]:
    """Load *url* in a fresh tab with an empty cache and return the browser's own figures."""
    await page.goto(url)
    await expect(page.locator("#connection")).to_have_attribute("data-state", "connected")
    await page.wait_for_load_state("networkidle")
    await page.evaluate("document.fonts.ready.then(() => true)")
    return list(await page.evaluate(ENTRIES))


async def test_the_first_load_is_light_and_a_second_visit_asks_for_nothing(
    room: HeadlessRoom, browser: Browser
) -> None:
    context = await browser.new_context(viewport={"width": 1024, "height": 768})
    try:
        page = await context.new_page()
        entries = await first_load(page, room.page_url(room.room_code))
        total = sum(int(e["transferSize"]) for e in entries)
        print(f"\nfirst load: {len(entries)} requests, {total} bytes transferred")
        for entry in entries:
            print(
                f"  {entry['transferSize']:>7} {entry['encodedBodySize']:>7}"
                f" {entry['decodedBodySize']:>7}  {entry['name']}"
            )
        assert all(int(e["transferSize"]) > 0 for e in entries), entries
        assert total <= FIRST_LOAD_LIMIT
        # Compressed on the wire: the text files arrive far smaller than they are.
        scripts = [e for e in entries if e["name"].endswith(".js")]
        assert sum(e["encodedBodySize"] for e in scripts) * 3 < sum(
            e["decodedBodySize"] for e in scripts
        )

        # Another tab of the same browser: the page itself again (no-store), nothing else.
        again = await context.new_page()
        await again.goto(room.page_url(room.room_code))
        await expect(again.locator("#connection")).to_have_attribute("data-state", "connected")
        await again.wait_for_load_state("networkidle")
        fetched = [e for e in await again.evaluate(ENTRIES) if int(e["transferSize"]) > 0]
        assert [e["name"].split("?")[0] for e in fetched] == [room.page_url()]
    finally:
        await context.close()
