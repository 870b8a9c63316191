"""The session's secrets: the room code read out to the room, the presenter secret, tokens.

A participant token is made by the server: 128 random bits plus an HMAC under the session's token
key. The server can then accept a token it issued earlier (after a reconnect, or a restart, since
the key is kept in the session file) without storing a list of devices, and a client cannot make
up tokens of its own. The token says nothing about the device or the person.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# Read out loud and typed on a tablet: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G look-alikes.
ROOM_CODE_ALPHABET = "ACEFHJKMNPRTUWXY34679"
ROOM_CODE_LENGTH = 6
_MAC_CHARS = 22


def new_room_code() -> str:
    return "".join(secrets.choice(ROOM_CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))


def normalize_room_code(text: str) -> str:
    """What the participant typed, without spaces or dashes, in capitals."""
    return "".join(c for c in text.upper() if c not in " -\t")


def room_code_matches(expected: str, typed: str) -> bool:
    return hmac.compare_digest(expected.encode(), normalize_room_code(typed).encode())


def new_presenter_secret() -> str:
    return secrets.token_urlsafe(24)


def secret_matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


KIOSK_PIN_DIGITS = 6


def kiosk_pin(presenter_secret: str) -> str:
    """The PIN that unlocks audience mode's kiosk, derived from the presenter secret.

    Derived rather than stored, so a resumed session keeps its PIN with no change to the session
    file, and only the laptop (which holds the secret) can tell it: the console shows it, the
    tablets ask the server to check what the trainer typed.
    """
    digest = hmac.new(presenter_secret.encode(), b"kiosk-pin", hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big") % 10**KIOSK_PIN_DIGITS
    return f"{number:0{KIOSK_PIN_DIGITS}d}"


def pin_matches(expected: str, typed: str) -> bool:
    cleaned = "".join(c for c in typed if not c.isspace())
    return hmac.compare_digest(expected.encode(), cleaned.encode())


def new_token_key() -> str:
    return secrets.token_hex(32)


class TokenIssuer:
    """Issues participant tokens and recognises the ones it issued."""

    def __init__(self, key: str):
        self._key = key.encode()

    def issue(self) -> str:
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._mac(nonce)}"

    def is_valid(self, token: str) -> bool:
        nonce, dot, mac = token.partition(".")
        if not dot or not nonce or len(token) > 128:
            return False
        return hmac.compare_digest(mac.encode(), self._mac(nonce).encode())

    def _mac(self, nonce: str) -> str:
        digest = hmac.new(self._key, nonce.encode(), hashlib.sha256).hexdigest()
        return digest[:_MAC_CHARS]
