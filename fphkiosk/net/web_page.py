"""The participant web page and the trainer's remote, served by the room server itself.

``GET /`` gives ``index.html``, the participant page; ``GET /remote`` gives ``remote.html``, the
trainer's phone remote (its presenter secret travels in the URL fragment, which no request
carries); ``GET /static/<version>/<name>`` gives the pages' scripts, style sheets, fonts and texts.
The files are read once, when the routes are added, and only those files can be asked for: a
request names an entry of that list, never a path on disk. Every answer carries a strict
Content-Security-Policy (the pages' own files only, no inline script) and sets no cookie.

The pages speak the room's language (the deck's, else the one the room was started with), or the
one asked for with ``?lang=``: their text is filled in when the server starts, one copy per
language, with that language's texts in a JSON data block the page's script reads. The static
files' URLs carry a version, the hash of all of them, so a browser keeps them for the whole day
without asking again and an updated application is never mixed with a cached old file; each file
is sent compressed (Brotli or gzip) when the browser accepts it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from pathlib import Path

from aiohttp import hdrs, web

from fphkiosk.core.i18n import DEFAULT_LANGUAGE, load_catalogues
from fphkiosk.net.emoji_subset import emoji_subset
from fphkiosk.net.http_guard import CONTENT_SECURITY_POLICY, SECURITY_HEADERS
from fphkiosk.net.page_texts import (
    PAGES,
    page_languages,
    page_texts,
    room_language,
    script_json,
)
from fphkiosk.net.static_files import PageFile, page_file, version_of
from fphkiosk.paths import assets_dir

__all__ = ["CONTENT_SECURITY_POLICY", "PageFile", "WebPage", "add_page", "page_setup", "setup"]

PAGE_PATH = "/"
REMOTE_PATH = "/remote"
STATIC_PREFIX = "/static/"
FONTS_PREFIX = "fonts/"
I18N_PREFIX = "i18n/"
EMOJI_FILE = "emoji.woff2"
INDEX = "index.html"
REMOTE = "remote.html"
# The pages are served at their own paths only, so each has one address and one cache policy.
_PAGES = frozenset({INDEX, REMOTE})
_PAGE_OF = {INDEX: "web", REMOTE: "remote"}
PAGE_AREAS = ("web.", "remote.", "room.error.", "room.rejected.")
# A versioned URL never changes content: kept for the training day, never asked for again.
VERSIONED_CACHE = "public, max-age=86400, immutable"


_WEB_SUFFIXES = frozenset({".html", ".css", ".js", ".svg"})
_FONT_SUFFIXES = frozenset({".woff2", ".txt"})


def page_files(web_dir: Path, fonts_dir: Path) -> dict[str, PageFile]:
    """The files the page may load, by their name under ``/static/`` (fonts under ``fonts/``)."""
    files: dict[str, PageFile] = {}
    for path in sorted(web_dir.iterdir()):
        if path.is_file() and path.suffix in _WEB_SUFFIXES:
            files[path.name] = page_file(path.read_bytes(), path.suffix)
    # The fonts are served from assets/fonts rather than copied: one copy to update.
    for path in sorted(fonts_dir.iterdir()):
        if path.is_file() and path.suffix in _FONT_SUFFIXES:
            files[FONTS_PREFIX + path.name] = page_file(path.read_bytes(), path.suffix)
    return files


def text_files(catalogues: Mapping[str, Mapping[str, str]]) -> dict[str, PageFile]:
    """Each page's texts in each language, ``i18n/<page>.<lang>.json``, for a language switch."""
    files: dict[str, PageFile] = {}
    for language in page_languages(catalogues):
        for page in PAGES:
            body = script_json(page_texts(catalogues, page, language).as_json()).encode("utf-8")
            files[f"{I18N_PREFIX}{page}.{language}.json"] = page_file(body, ".json")
    return files


class WebPage:
    """Answers the pages' GET requests from the files read at start.

    *catalogues* are the application's texts by language; *language* is the room's. Without
    catalogues, the pages are served as they are on disk (a bare page, for tests of the routes).
    """

    def __init__(
        self,
        files: Mapping[str, PageFile],
        catalogues: Mapping[str, Mapping[str, str]] | None = None,
        language: str = DEFAULT_LANGUAGE,
    ):
        if INDEX not in files:
            raise ValueError("the participant page needs an index.html")
        self._files = dict(files)
        if catalogues:
            self._files.update(text_files(catalogues))
        self.version = version_of(
            (name, file.body) for name, file in self._files.items() if name not in _PAGES
        )
        self.static_root = STATIC_PREFIX + self.version
        self.language = language
        self._rendered: dict[tuple[str, str], PageFile] = {}
        if catalogues:
            languages = page_languages(catalogues)
            for name in _PAGES & self._files.keys():
                template = self._files[name].body.decode("utf-8")
                for code in languages:
                    body = self._render(template, _PAGE_OF[name], catalogues, languages, code)
                    self._rendered[(name, code)] = page_file(body, ".html")

    def _render(
        self,
        template: str,
        page: str,
        catalogues: Mapping[str, Mapping[str, str]],
        languages: Mapping[str, str],
        language: str,
    ) -> bytes:
        texts = page_texts(catalogues, page, language)
        config = {
            "lang": language,
            "room_lang": self.language,
            "languages": dict(languages),
            **texts.as_json(),
        }
        filled = {
            "{{lang}}": html.escape(language),
            "{{title}}": html.escape(texts.texts.get("page.title", "")),
            "{{noscript}}": html.escape(texts.texts.get("noscript", "")),
            "{{static}}": self.static_root,
            "{{config}}": script_json(config),
        }
        for placeholder, value in filled.items():
            template = template.replace(placeholder, value)
        return template.encode("utf-8")

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get(PAGE_PATH, self._index)
        app.router.add_get(REMOTE_PATH, self._remote)
        app.router.add_get(STATIC_PREFIX + "{name:.+}", self._static)

    def _page(self, request: web.Request, name: str) -> PageFile | None:
        asked = request.query.get("lang", "")
        for language in (asked, self.language):
            found = self._rendered.get((name, language))
            if found is not None:
                return found
        return self._files.get(name)

    async def _index(self, request: web.Request) -> web.StreamResponse:
        found = self._page(request, INDEX)
        assert found is not None  # checked in __init__
        # no-store: a tablet always gets the page of the room it is in, never a stale copy.
        return self._respond(request, found, "no-store")

    async def _remote(self, request: web.Request) -> web.StreamResponse:
        found = self._page(request, REMOTE)
        if found is None:
            raise web.HTTPNotFound(headers=SECURITY_HEADERS)
        return self._respond(request, found, "no-store")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        versioned = name.startswith(self.version + "/")
        if versioned:
            name = name[len(self.version) + 1 :]
        found = self._files.get(name)
        if found is None or name in _PAGES:
            raise web.HTTPNotFound(headers=SECURITY_HEADERS)
        # Unversioned: kept, but checked against the ETag, so an update reaches every tablet.
        return self._respond(request, found, VERSIONED_CACHE if versioned else "no-cache")

    @staticmethod
    def _respond(request: web.Request, file: PageFile, cache: str) -> web.StreamResponse:
        copy = file.encoded(request.headers.get(hdrs.ACCEPT_ENCODING, ""))
        headers = {
            **SECURITY_HEADERS,
            hdrs.CACHE_CONTROL: cache,
            hdrs.ETAG: copy.etag,
            hdrs.VARY: hdrs.ACCEPT_ENCODING,
        }
        if request.headers.get(hdrs.IF_NONE_MATCH) == copy.etag:
            return web.Response(status=304, headers=headers)
        headers[hdrs.CONTENT_TYPE] = file.content_type
        if copy.encoding is not None:
            headers[hdrs.CONTENT_ENCODING] = copy.encoding
        return web.Response(body=copy.body, headers=headers)


def add_page(app: web.Application, assets: Path, *languages: str, symbols: str = "") -> WebPage:
    """Serve the pages found under *assets* (``web/``, ``fonts/``, ``i18n/``) on *app*, in
    the first of *languages* they can speak (French when none), with an emoji face for the
    emoji and symbols of *symbols* (the deck's texts)."""
    catalogues = load_catalogues(assets / "i18n")
    files = page_files(assets / "web", assets / "fonts")
    # The pages' own symbols (⚠) too, in every language: the text face has letters only.
    page_symbols = [
        text
        for catalogue in catalogues.values()
        for key, text in catalogue.items()
        if key.startswith(PAGE_AREAS)
    ]
    emoji = emoji_subset(assets / "fonts", [symbols, *page_symbols])
    if emoji is not None:
        files[FONTS_PREFIX + EMOJI_FILE] = page_file(emoji, ".woff2")
    page = WebPage(files, catalogues, room_language(catalogues, *languages))
    page.add_routes(app)
    return page


def page_setup(*languages: str, symbols: str = "") -> Callable[[web.Application], None]:
    """``RoomServer(..., setup_app=page_setup(deck_language, cli_language, symbols=text))``: the
    shipped pages, in the first of *languages* they can speak (French when none), able to draw
    the emoji of *symbols*."""

    def setup_app(app: web.Application) -> None:
        add_page(app, assets_dir(), *languages, symbols=symbols)

    return setup_app


def setup(app: web.Application) -> None:
    """Serve the shipped pages in French: pass as ``RoomServer(..., setup_app=setup)``."""
    add_page(app, assets_dir())
