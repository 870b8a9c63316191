"""Browser tests of the participant page: a real headless room in a subprocess (the way a trainer
runs one, and so that it can be killed and restarted), presenter actions through a remote, and
Debian's Chromium driven by Playwright's async API on the test's event loop."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from tests.net.remote import Remote
from tests.net.sample_deck import write_sample_deck

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT = 15.0

expect.set_options(timeout=10_000)


@dataclass
class HeadlessRoom:
    """``python -m fphkiosk.net.headless`` on loopback, with its session file in tmp_path."""

    deck: Path
    session: Path
    info_path: Path
    process: asyncio.subprocess.Process | None = None
    info: dict[str, Any] = field(default_factory=dict)
    options: tuple[str, ...] = ()
    """More command-line options for the runner."""

    async def start(self, port: int = 0) -> None:
        self.info_path.unlink(missing_ok=True)
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "fphkiosk.net.headless",
            str(self.deck),
            "--session",
            str(self.session),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--info-file",
            str(self.info_path),
            # Every browser page comes from loopback: several people, one address.
            *("--max-participants-per-address", "16"),
            *self.options,
            cwd=REPO,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        async with asyncio.timeout(WAIT):
            # The runner writes the file by an atomic rename once it listens.
            while not self.info_path.exists():
                if self.process.returncode is not None:
                    stderr = await self.process.stderr.read() if self.process.stderr else b""
                    raise RuntimeError(f"the headless room did not start: {stderr.decode()}")
                await asyncio.sleep(0.02)
        self.info = json.loads(self.info_path.read_text(encoding="utf-8"))

    @property
    def port(self) -> int:
        return int(self.info["port"])

    @property
    def room_code(self) -> str:
        return str(self.info["room_code"])

    @property
    def ws_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/ws"

    def page_url(self, code: str | None = None) -> str:
        base = f"http://127.0.0.1:{self.port}/"
        return base if code is None else f"{base}?code={code}"

    async def remote(self, http: aiohttp.ClientSession) -> Remote:
        return await Remote.connect(http, self.ws_url, str(self.info["presenter_secret"]))

    def pause(self) -> None:
        """SIGSTOP: messages reach the socket but the server reads none of them."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    async def kill(self) -> None:
        """SIGKILL, as a crash of the laptop's process would be: no clean shutdown at all."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        process = self.process
        if process is None or process.returncode is not None:
            return
        process.send_signal(signal.SIGCONT)
        process.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(WAIT):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()


@pytest.fixture
async def room(tmp_path: Path) -> AsyncIterator[HeadlessRoom]:
    deck = write_sample_deck(tmp_path / "deck", min_group_size=3)
    headless = HeadlessRoom(deck, tmp_path / "session.fphk", tmp_path / "room.json")
    await headless.start()
    try:
        yield headless
    finally:
        await headless.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the participant page's browser tests need Debian's Chromium "
            "(apt-get install -y chromium)."
        )
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A fresh tab at tablet size; an uncaught script error or a CSP refusal fails the test."""
    context = await browser.new_context(
        viewport={"width": 1024, "height": 768}, locale="fr-FR", has_touch=True
    )
    tab = await context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    try:
        yield tab
    finally:
        await context.close()
    assert not problems, problems
