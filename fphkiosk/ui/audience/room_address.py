"""The room's address as a participant types it, made into the room's WebSocket URL."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

SCHEMES = {"http": "http", "https": "https", "ws": "http", "wss": "https"}


class InvalidAddress(ValueError):
    """The room address typed or given is not usable; ``key`` is the message to show."""

    key = "audience.join.bad_address"


def room_ws_url(address: str) -> str:
    """The WebSocket URL of the room at *address* ("192.168.1.10:8765", "http://…/", "ws://…")."""
    text = address.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    scheme = SCHEMES.get(parts.scheme.lower())
    try:
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        raise InvalidAddress(address) from None
    if scheme is None or not parts.hostname:
        raise InvalidAddress(address)
    return urlunsplit((scheme, parts.netloc, "/ws", "", ""))
