"""The web pages' routes on a real room server: files, content types, strict headers.

Two pages: the participant page at ``/`` and the trainer's phone remote at ``/remote``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import brotli
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from fphkiosk.core.i18n import Translator, load_catalogues
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
    assert directives["connect-src"] == ["'self'"]
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
    assert re.search(r'<script type="module" src="/static/[0-9a-f]{12}/app.js"></script>', text)
    assert "{{" not in text


async def test_the_remote_is_served_at_its_own_path_never_cached(page_server: PageServer) -> None:
    # The secret is in the fragment, which no request carries: the route sees a bare path.
    response, body = await page_server.get("/remote")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    _assert_strict(response)
    text = body.decode("utf-8")
    assert '<html lang="fr">' in text
    assert "<title>Télécommande du formateur</title>" in text
    assert re.search(r'<script type="module" src="/static/[0-9a-f]{12}/remote.js"></script>', text)
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
        ("/static/fonts/atkinson-regular.woff2", "font/woff2"),
        ("/static/fonts/atkinson-bold.woff2", "font/woff2"),
        ("/static/fonts/OFL-AtkinsonHyperlegible.txt", "text/plain; charset=utf-8"),
    ],
)
async def test_static_files_have_their_content_type_and_are_revalidated(
    page_server: PageServer, path: str, content_type: str
) -> None:
    # Asked for without compression: the bytes on disk.
    response, body = await page_server.get(path, headers={"Accept-Encoding": "identity"})
    assert response.status == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Cache-Control"] == "no-cache"
    _assert_strict(response)
    on_disk = assets_dir() / ("fonts" if "/fonts/" in path else "web") / path.rsplit("/", 1)[1]
    assert body == on_disk.read_bytes()
    again, again_body = await page_server.get(
        path, headers={"If-None-Match": response.headers["ETag"], "Accept-Encoding": "identity"}
    )
    assert (again.status, again_body) == (304, b"")


@pytest.mark.parametrize(
    "path",
    [
        "/static/nothing.js",
        "/static/fonts/AtkinsonHyperlegible-Regular.ttf",
        "/static/000000000000/app.js",
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


STATIC = "{{static}}/"


def _modules(page: str) -> list[str]:
    """The page's scripts: its module, then every module that one imports, each once."""
    markup = _Markup()
    markup.feed((WEB / page).read_text(encoding="utf-8"))
    names = [
        str(script["src"]).removeprefix(STATIC)
        for script in markup.scripts
        if script.get("type") == "module"
    ]
    for name in names:  # grows while it is walked: each new import is followed in turn
        for specifier in IMPORT.findall((WEB / name).read_text(encoding="utf-8")):
            # Relative to /static/, as the browser resolves it: nothing from elsewhere.
            assert re.fullmatch(r"\./[a-z][a-z0-9-]*\.js", specifier), (name, specifier)
            if specifier[2:] not in names:
                names.append(specifier[2:])
    return names


def _catalogue(area: str) -> dict[str, str]:
    """The French texts of one page (``web`` or ``remote``), without their area prefix, from
    whichever catalogue file holds them."""
    data = load_catalogues(assets_dir() / "i18n")["fr"]
    prefix = area + "."
    return {key.removeprefix(prefix): text for key, text in data.items() if key.startswith(prefix)}


def _scripts(page: str) -> str:
    return "\n".join((WEB / name).read_text(encoding="utf-8") for name in _modules(page))


@pytest.mark.parametrize(
    ("page", "script"), [("index.html", "app.js"), ("remote.html", "remote.js")]
)
def test_pages_have_no_inline_script_or_style(page: str, script: str) -> None:
    markup = _Markup()
    markup.feed((WEB / page).read_text(encoding="utf-8"))
    # One module, and one data block (the texts and languages), which no browser runs.
    assert markup.scripts == [
        {"type": "module", "src": f"{STATIC}{script}"},
        {"type": "application/json", "id": "page-config"},
    ]
    assert markup.inline_script.strip() == "{{config}}"
    assert markup.handlers == [] and markup.styles == []


async def test_the_texts_in_the_page_cannot_close_their_data_block(page_server: PageServer) -> None:
    _, body = await page_server.get("/")
    text = body.decode("utf-8")
    begin = text.index('<script type="application/json" id="page-config">')
    block = text[begin : text.index("</script>", begin)]
    assert "<" not in block.split(">", 1)[1]
    config = json.loads(block.split(">", 1)[1])
    assert config["lang"] == "fr" and config["texts"]["join.title"] == "Rejoindre la salle"
    assert config["languages"] == {"en": "English", "fr": "Français"}


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
    _, served = await page_server.get("/" if page == "index.html" else "/remote")
    [root] = set(re.findall(r'"(/static/[0-9a-f]{12})/', served.decode("utf-8")))
    markup = _Markup()
    markup.feed((WEB / page).read_text(encoding="utf-8"))
    sheets = [r.removeprefix(STATIC) for r in markup.references if r.endswith(".css")]
    assert "app.css" in sheets
    css = "".join((WEB / sheet).read_text(encoding="utf-8") for sheet in sheets)
    named = [r.replace(STATIC, root + "/") for r in markup.references]
    named += [f"{root}/{url}" for url in re.findall(r'url\("([^"]+)"\)', css)]
    assert f"{root}/fonts/atkinson-regular.woff2" in named
    for reference in named:
        response, _ = await page_server.get(reference)
        assert response.status == 200, reference
        # Versioned: the browser keeps it for the day without asking again.
        assert response.headers["Cache-Control"] == "public, max-age=86400, immutable"
    # Modules are fetched as scripts: served, and typed as JavaScript (nosniff enforces it).
    for name in _modules(page):
        response, _ = await page_server.get(f"{root}/{name}")
        assert response.status == 200, name
        assert response.headers["Content-Type"] == "text/javascript; charset=utf-8", name


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("", None)],
)
async def test_text_files_are_sent_compressed_when_the_browser_accepts_it(
    page_server: PageServer, accept: str, encoding: str | None
) -> None:
    plain = (WEB / "app.css").read_bytes()
    async with page_server.http.get(
        page_server.base + "/static/app.css",
        headers={"Accept-Encoding": accept},
        auto_decompress=False,
    ) as response:
        body = await response.read()
        assert response.headers.get("Content-Encoding") == encoding
        assert response.headers["Vary"] == "Accept-Encoding"
        etag = response.headers["ETag"]
    if encoding is None:
        assert body == plain
    else:
        assert len(body) < len(plain) / 3
        unpacked = brotli.decompress(body) if encoding == "br" else gzip.decompress(body)
        assert unpacked == plain
    # Each copy has its own ETag: a cached gzip copy is never taken for the Brotli one.
    again, again_body = await page_server.get(
        "/static/app.css", headers={"If-None-Match": etag, "Accept-Encoding": accept}
    )
    assert (again.status, again_body) == (304, b"")


@pytest.mark.parametrize(
    ("query", "lang", "title"),
    [
        ("", "fr", "Salle de formation"),
        ("?lang=en", "en", "Training room"),
        ("?lang=xx", "fr", "Salle de formation"),
    ],
)
async def test_the_page_speaks_the_language_asked_for(
    page_server: PageServer, query: str, lang: str, title: str
) -> None:
    _, body = await page_server.get("/" + query)
    text = body.decode("utf-8")
    assert f'<html lang="{lang}">' in text
    assert f"<title>{title}</title>" in text


@pytest.mark.parametrize("page", ["web", "remote"])
def test_every_text_the_script_asks_for_is_in_the_french_catalogue(page: str) -> None:
    keys = set(_catalogue(page))
    script = _scripts("index.html" if page == "web" else "remote.html")
    used = set(re.findall(r'\bt\(\s*"([a-z_.]+)"', script))
    for pair in re.findall(r'\?\s*"([a-z_]+\.[a-z_.]+)"\s*:\s*"([a-z_]+\.[a-z_.]+)"', script):
        used |= set(pair)
    used |= set(re.findall(r'\bkey:\s*"([a-z_]+\.[a-z_.]+)"', script))
    used |= set(re.findall(r':\s*"([a-z_]+\.[a-z_.]+)"\s*,?\s*\)', script))
    # Keys built from the protocol's names, and those common.js asks for.
    used |= {f"kind.{kind}" for kind in ("poll", "quiz", "scale")}
    used |= {f"connection.{name}" for name in ("idle", "connecting", "connected", "reconnecting")}
    used |= {"page.title", "language.switch", "noscript"}
    if page == "remote":
        used |= {f"status.{name}" for name in ("idle", "open", "closed", "revealed")}
        used |= {f"count.{what}.{n}" for what in ("answers", "connected") for n in ("one", "many")}
    else:
        used.add("language.name")
    assert len(used) > 40
    assert used - keys == set()
    # French typography: a no-break space before the high punctuation, never a plain space.
    assert not any(re.search(r" [:;?!]", text) for text in _catalogue(page).values())
