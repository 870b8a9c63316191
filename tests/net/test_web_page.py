"""The web pages' routes on a real room server: files, content types, strict headers.

Two pages: the participant page at ``/`` and the trainer's phone remote at ``/remote``.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from fphkiosk.core.i18n import Translator
from fphkiosk.net.protocol import WelcomeMsg
from fphkiosk.net.server import RoomServer
from fphkiosk.net.web_page import PageFile, WebPage, setup
from fphkiosk.paths import assets_dir
from fphkiosk.room.live_room import LiveRoom
from tests.net.remote import Raw
from tests.net.sample_deck import sample_deck

WEB = assets_dir() / "web"
EXTERNAL_URL = re.compile(r"https?://", re.IGNORECASE)
PROTOCOL_RELATIVE_URL = re.compile(r"(?<![:\w])//[A-Za-z0-9-]+\.[A-Za-z]")
# Static imports of the pages' ES modules: `import … from "x"` and `import "x"`.
IMPORT = re.compile(r'^import\s(?:[^;"]*?\sfrom\s)?"([^"]+)";', re.MULTILINE)
PAGE_FILES = sorted(p.name for p in WEB.iterdir() if p.suffix in (".html", ".js", ".css"))


class PageServer:
    def __init__(self, server: RoomServer, http: aiohttp.ClientSession):
        self.server = server
        self.http = http

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def get(self, path: str, **kwargs: object) -> tuple[aiohttp.ClientResponse, bytes]:
        async with self.http.get(self.base + path, allow_redirects=False, **kwargs) as response:  # type: ignore[arg-type]
            return response, await response.read()


@pytest.fixture
async def page_server(tmp_path: Path, tr: Translator) -> AsyncIterator[PageServer]:
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), tmp_path / "session.fphk")
    server = RoomServer(live, tr, setup_app=setup)
    await server.start("127.0.0.1", 0)
    http = aiohttp.ClientSession()
    try:
        yield PageServer(server, http)
    finally:
        await http.close()
        await server.stop()
        await live.close()


def _assert_strict(response: aiohttp.ClientResponse) -> None:
    policy = response.headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'", "ws:"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in response.headers


async def test_the_page_is_served_at_the_root_never_cached(page_server: PageServer) -> None:
    response, body = await page_server.get("/?code=K7M3QX")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    _assert_strict(response)
    text = body.decode("utf-8")
    assert '<html lang="fr">' in text
    assert '<script type="module" src="/static/app.js"></script>' in text


async def test_the_remote_is_served_at_its_own_path_never_cached(page_server: PageServer) -> None:
    # The secret is in the fragment, which no request carries: the route sees a bare path.
    response, body = await page_server.get("/remote")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    _assert_strict(response)
    text = body.decode("utf-8")
    assert text == (WEB / "remote.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in text
    assert '<script type="module" src="/static/remote.js"></script>' in text
    again, again_body = await page_server.get(
        "/remote", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert (again.status, again_body) == (304, b"")


async def test_without_a_remote_file_the_remote_path_is_not_found(tmp_path: Path) -> None:
    app = web.Application()
    WebPage({"index.html": PageFile(b"<!doctype html>", "text/html", '"i"')}).add_routes(app)
    async with TestClient(TestServer(app)) as client:
        assert (await client.get("/remote")).status == 404
        assert (await client.get("/")).status == 200


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/app.js", "text/javascript; charset=utf-8"),
        ("/static/app.css", "text/css; charset=utf-8"),
        ("/static/remote.js", "text/javascript; charset=utf-8"),
        ("/static/remote.css", "text/css; charset=utf-8"),
        ("/static/common.js", "text/javascript; charset=utf-8"),
        ("/static/app-scale.js", "text/javascript; charset=utf-8"),
        ("/static/icon.svg", "image/svg+xml"),
        ("/static/fonts/AtkinsonHyperlegible-Regular.ttf", "font/ttf"),
        ("/static/fonts/AtkinsonHyperlegible-Bold.ttf", "font/ttf"),
        ("/static/fonts/OFL-AtkinsonHyperlegible.txt", "text/plain; charset=utf-8"),
    ],
)
async def test_static_files_have_their_content_type_and_are_revalidated(
    page_server: PageServer, path: str, content_type: str
) -> None:
    response, body = await page_server.get(path)
    assert response.status == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Cache-Control"] == "no-cache"
    _assert_strict(response)
    on_disk = assets_dir() / ("fonts" if "/fonts/" in path else "web") / path.rsplit("/", 1)[1]
    assert body == on_disk.read_bytes()
    again, again_body = await page_server.get(
        path, headers={"If-None-Match": response.headers["ETag"]}
    )
    assert (again.status, again_body) == (304, b"")


@pytest.mark.parametrize(
    "path",
    [
        "/static/nothing.js",
        "/static/index.html",
        "/static/remote.html",
        "/remote/",
        "/remote.html",
        "/remote/..%2F..%2Fpyproject.toml",
        "/static/",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/fonts/..%2F..%2F..%2Fpyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/index.html",
        "/assets/web/app.js",
    ],
)
async def test_nothing_else_is_served(page_server: PageServer, path: str) -> None:
    response, body = await page_server.get(path)
    assert response.status == 404
    assert b"[build-system]" not in body


@pytest.mark.parametrize("path", ["/", "/remote"])
async def test_only_get_is_allowed(page_server: PageServer, path: str) -> None:
    async with page_server.http.post(page_server.base + path, data=b"x") as response:
        assert response.status == 405


async def test_the_websocket_accepts_the_pages_own_origin_only(page_server: PageServer) -> None:
    url = page_server.base + "/ws"
    raw = await Raw.connect(page_server.http, url, origin=page_server.base)
    try:
        await raw.send({"v": 1, "type": "join", "room_code": page_server.server.live.room_code})
        assert isinstance(await raw.expect(lambda m: True), WelcomeMsg)
    finally:
        await raw.close()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await page_server.http.ws_connect(url, origin="http://elsewhere.example")
    assert refused.value.status == 403


def test_a_page_without_index_is_refused() -> None:
    with pytest.raises(ValueError, match=r"index\.html"):
        WebPage({"app.js": PageFile(b"", "text/javascript", '"x"')})


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline_script = ""
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self.references: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.handlers += [name for name in named if name.startswith("on")]
        if "style" in named or tag == "style":
            self.styles.append(tag)
        if tag == "script":
            self.scripts.append(named)
            self._in_script = True
        for name in ("src", "href"):
            if named.get(name):
                self.references.append(str(named[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_script += data


def _modules(page: str) -> list[str]:
    """The page's scripts: its module, then every module that one imports, each once."""
    markup = _Markup()
    markup.feed((WEB / page).read_text(encoding="utf-8"))
    names = [str(script["src"]).removeprefix("/static/") for script in markup.scripts]
    for name in names:  # grows while it is walked: each new import is followed in turn
        for specifier in IMPORT.findall((WEB / name).read_text(encoding="utf-8")):
            # Relative to /static/, as the browser resolves it: nothing from elsewhere.
            assert re.fullmatch(r"\./[a-z][a-z0-9-]*\.js", specifier), (name, specifier)
            if specifier[2:] not in names:
                names.append(specifier[2:])
    return names


def _texts_and_uses(page: str) -> tuple[str, str]:
    """The page's TEXTS catalogue, and all its scripts together (where texts are asked for)."""
    scripts = [(WEB / name).read_text(encoding="utf-8") for name in _modules(page)]
    (script,) = [s for s in scripts if "const TEXTS = {" in s]
    begin = script.index("const TEXTS = {")
    end = re.compile(r"^\s*};$", re.MULTILINE).search(script, begin)
    assert end is not None
    return script[begin : end.end()], "\n".join(scripts)


@pytest.mark.parametrize(
    ("page", "script"), [("index.html", "app.js"), ("remote.html", "remote.js")]
)
def test_pages_have_no_inline_script_or_style(page: str, script: str) -> None:
    markup = _Markup()
    markup.feed((WEB / page).read_text(encoding="utf-8"))
    assert markup.scripts == [{"type": "module", "src": f"/static/{script}"}]
    assert markup.inline_script.strip() == ""
    assert markup.handlers == [] and markup.styles == []


def test_the_pages_are_made_of_modules_sharing_common_js() -> None:
    assert {"app.js", "app-scale.js", "common.js"} <= set(_modules("index.html"))
    assert {"remote.js", "common.js"} <= set(_modules("remote.html"))
    # Every script shipped is a module of one page or the other: none is left unused.
    scripts = {name for name in PAGE_FILES if name.endswith(".js")}
    assert scripts == set(_modules("index.html")) | set(_modules("remote.html"))


def test_the_page_files_include_every_page_and_module() -> None:
    assert {"index.html", "app.js", "app.css", "remote.html", "remote.js", "remote.css"} <= set(
        PAGE_FILES
    )
    assert "common.js" in PAGE_FILES


@pytest.mark.parametrize("name", PAGE_FILES)
def test_the_page_references_nothing_external(name: str) -> None:
    text = (WEB / name).read_text(encoding="utf-8")
    assert EXTERNAL_URL.findall(text) == []
    assert PROTOCOL_RELATIVE_URL.findall(text) == []


@pytest.mark.parametrize("page", ["index.html", "remote.html"])
async def test_every_file_the_page_names_is_served(page_server: PageServer, page: str) -> None:
    markup = _Markup()
    markup.feed((WEB / page).read_text(encoding="utf-8"))
    sheets = [r.removeprefix("/static/") for r in markup.references if r.endswith(".css")]
    assert "app.css" in sheets
    css = "".join((WEB / sheet).read_text(encoding="utf-8") for sheet in sheets)
    named = markup.references + re.findall(r'url\("([^"]+)"\)', css)
    assert "/static/fonts/AtkinsonHyperlegible-Regular.ttf" in named
    for reference in named:
        assert reference.startswith("/static/"), reference
        response, _ = await page_server.get(reference)
        assert response.status == 200, reference
    # Modules are fetched as scripts: served, and typed as JavaScript (nosniff enforces it).
    for name in _modules(page):
        response, _ = await page_server.get(f"/static/{name}")
        assert response.status == 200, name
        assert response.headers["Content-Type"] == "text/javascript; charset=utf-8", name


def test_every_text_the_script_asks_for_is_in_the_french_catalogue() -> None:
    catalogue, script = _texts_and_uses("index.html")
    keys = set(re.findall(r'^\s*"([a-z_]+(?:\.[a-z_]+)+)":', catalogue, re.MULTILINE))
    used = set(re.findall(r'\bt\(\s*"([a-z_.]+)"', script))
    used |= set(re.findall(r'\?\s*"([a-z_]+\.[a-z_.]+)"\s*:\s*"[a-z_]+\.[a-z_.]+"', script))
    used |= set(re.findall(r':\s*"([a-z_]+\.[a-z_.]+)"\s*,?\s*\)', script))
    used |= {f"kind.{kind}" for kind in ("poll", "quiz", "scale")}
    used |= {f"connection.{name}" for name in ("idle", "connecting", "connected", "reconnecting")}
    assert len(used) > 40
    assert used - keys == set()


def test_every_text_the_remote_asks_for_is_in_its_french_catalogue() -> None:
    catalogue, script = _texts_and_uses("remote.html")
    keys = set(re.findall(r'^\s*"([a-z_]+(?:\.[a-z_]+)+)":', catalogue, re.MULTILINE))
    used = set(re.findall(r'\bt\(\s*"([a-z_.]+)"', script))
    for pair in re.findall(r'\?\s*"([a-z_]+\.[a-z_.]+)"\s*:\s*"([a-z_]+\.[a-z_.]+)"', script):
        used |= set(pair)
    # Keys built from the protocol's names.
    used |= {f"kind.{kind}" for kind in ("poll", "quiz", "scale")}
    used |= {f"status.{name}" for name in ("idle", "open", "closed", "revealed")}
    used |= {f"connection.{name}" for name in ("idle", "connecting", "connected", "reconnecting")}
    used |= {f"count.{what}.{n}" for what in ("answers", "connected") for n in ("one", "many")}
    assert len(used) > 40
    assert used - keys == set()
    assert keys - used == set()
    # French typography: a no-break space before the high punctuation, never a plain space.
    assert not re.search(r" [:;?!]", catalogue)
