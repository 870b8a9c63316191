"""The web pages' files, read once and compressed once, and the encoding each browser gets.

Text files are compressed when the server starts (Brotli and gzip, each kept only when smaller),
never per request: a room's Wi-Fi carries the smallest copy the browser accepts. Fonts are WOFF2,
already compressed. Each copy has its own ETag, so a cached copy is checked against the right one.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import brotli

BROTLI = "br"
GZIP = "gzip"
IDENTITY = "identity"

CONTENT_TYPES: Mapping[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".txt": "text/plain; charset=utf-8",
}
# Already compressed: a second compression only costs time.
_COMPRESSED = frozenset({".woff2"})


@dataclass(frozen=True)
class Encoded:
    """One copy of a file as sent: its bytes, its Content-Encoding (None: as is) and ETag."""

    body: bytes
    encoding: str | None
    etag: str


@dataclass(frozen=True)
class PageFile:
    body: bytes
    content_type: str
    etag: str
    compressed: Mapping[str, Encoded] = field(default_factory=dict)
    """The smaller copies, by content coding (``br``, ``gzip``)."""

    def encoded(self, accept_encoding: str) -> Encoded:
        """The smallest copy that *accept_encoding* allows (the file as is when none)."""
        accepted = accepted_encodings(accept_encoding)
        for coding in (BROTLI, GZIP):
            copy = self.compressed.get(coding)
            if copy is not None and coding in accepted:
                return copy
        return Encoded(self.body, None, self.etag)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def page_file(body: bytes, suffix: str) -> PageFile:
    """*body* served as a file named ``*suffix``, with its compressed copies."""
    etag = _etag(body)
    compressed: dict[str, Encoded] = {}
    if suffix not in _COMPRESSED:
        for coding, packed in (
            (BROTLI, brotli.compress(body, quality=11)),
            (GZIP, gzip.compress(body, compresslevel=9, mtime=0)),
        ):
            if len(packed) < len(body):
                compressed[coding] = Encoded(packed, coding, etag[:-1] + "-" + coding + '"')
    return PageFile(body, CONTENT_TYPES[suffix], etag, compressed)


def accepted_encodings(header: str) -> frozenset[str]:
    """The content codings an Accept-Encoding header allows (``q=0`` refuses one)."""
    accepted: set[str] = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        quality = params.strip().lower().replace(" ", "")
        if not name or quality in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        accepted.add(name)
    if "*" in accepted:
        accepted |= {BROTLI, GZIP}
    return frozenset(accepted)


def version_of(files: Iterable[tuple[str, bytes]]) -> str:
    """A short name that changes whenever any of the *files* (name, body) changes."""
    digest = hashlib.sha256()
    for name, body in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(body).digest())
    return digest.hexdigest()[:12]
