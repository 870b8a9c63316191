"""The participant web page and the trainer's remote, served by the room server itself.

``GET /`` gives ``index.html``, the participant page; ``GET /remote`` gives ``remote.html``, the
trainer's phone remote (its presenter secret travels in the URL fragment, which no request
carries); ``GET /static/<name>`` gives the pages' scripts, style sheets and fonts. The files are
read once, when the routes are added, and only those files can be asked for: a request names an
entry of that list, never a path on disk. Every answer carries a strict Content-Security-Policy
(the pages' own files only, no inline script) and sets no cookie.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from aiohttp import hdrs, web

from fphkiosk.paths import assets_dir

PAGE_PATH = "/"
REMOTE_PATH = "/remote"
STATIC_PREFIX = "/static/"
FONTS_PREFIX = "fonts/"
INDEX = "index.html"
REMOTE = "remote.html"
# The pages are served at their own paths only, so each has one address and one cache policy.
_PAGES = frozenset({INDEX, REMOTE})

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "img-src 'self'",
        "connect-src 'self' ws:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

CONTENT_TYPES: Mapping[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".txt": "text/plain; charset=utf-8",
}

_SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


@dataclass(frozen=True)
class PageFile:
    body: bytes
    content_type: str
    etag: str


def _page_file(path: Path) -> PageFile:
    body = path.read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return PageFile(body, CONTENT_TYPES[path.suffix], etag)


def page_files(web_dir: Path, fonts_dir: Path) -> dict[str, PageFile]:
    """The files the page may load, by their name under ``/static/`` (fonts under ``fonts/``)."""
    files: dict[str, PageFile] = {}
    for path in sorted(web_dir.iterdir()):
        if path.is_file() and path.suffix in CONTENT_TYPES:
            files[path.name] = _page_file(path)
    # The fonts are served from assets/fonts rather than copied, so there is one copy to update.
    for path in sorted(fonts_dir.iterdir()):
        if path.is_file() and path.suffix in (".ttf", ".txt"):
            files[FONTS_PREFIX + path.name] = _page_file(path)
    return files


class WebPage:
    """Answers the page's GET requests from the files read at start."""

    def __init__(self, files: Mapping[str, PageFile]):
        if INDEX not in files:
            raise ValueError("the participant page needs an index.html")
        self._files = dict(files)

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get(PAGE_PATH, self._index)
        app.router.add_get(REMOTE_PATH, self._remote)
        app.router.add_get(STATIC_PREFIX + "{name:.+}", self._static)

    async def _index(self, request: web.Request) -> web.StreamResponse:
        # no-store: a tablet always gets the page of the room it is in, never a stale copy.
        return self._respond(request, self._files[INDEX], "no-store")

    async def _remote(self, request: web.Request) -> web.StreamResponse:
        found = self._files.get(REMOTE)
        if found is None:
            raise web.HTTPNotFound(headers=_SECURITY_HEADERS)
        return self._respond(request, found, "no-store")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        found = self._files.get(name)
        if found is None or name in _PAGES:
            raise web.HTTPNotFound(headers=_SECURITY_HEADERS)
        # no-cache: kept, but checked against the ETag, so an update reaches every tablet.
        return self._respond(request, found, "no-cache")

    @staticmethod
    def _respond(request: web.Request, file: PageFile, cache: str) -> web.StreamResponse:
        headers = {**_SECURITY_HEADERS, hdrs.CACHE_CONTROL: cache, hdrs.ETAG: file.etag}
        if request.headers.get(hdrs.IF_NONE_MATCH) == file.etag:
            return web.Response(status=304, headers=headers)
        headers[hdrs.CONTENT_TYPE] = file.content_type
        return web.Response(body=file.body, headers=headers)


def add_page(app: web.Application, assets: Path) -> None:
    """Serve the page found under *assets* (``web/`` and ``fonts/``) on *app*."""
    WebPage(page_files(assets / "web", assets / "fonts")).add_routes(app)


def setup(app: web.Application) -> None:
    """Serve the shipped page: pass as ``RoomServer(..., setup_app=setup)``."""
    add_page(app, assets_dir())
