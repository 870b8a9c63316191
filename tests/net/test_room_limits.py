"""Room codes, tokens, rate and connection caps, and the headless runner's refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.net.headless import main
from fphkiosk.net.limits import AddressLimiter, TokenBucket
from fphkiosk.room.credentials import (
    ROOM_CODE_ALPHABET,
    ROOM_CODE_LENGTH,
    TokenIssuer,
    new_room_code,
    room_code_matches,
)
from tests.net.sample_deck import write_sample_deck


def test_room_codes_are_short_and_easy_to_read_out() -> None:
    codes = {new_room_code() for _ in range(50)}
    assert len(codes) > 45
    for code in codes:
        assert len(code) == ROOM_CODE_LENGTH
        assert set(code) <= set(ROOM_CODE_ALPHABET)
    assert not set("0O1IL2Z5S8B") & set(ROOM_CODE_ALPHABET)
    assert room_code_matches("AC3K47", " ac3-k47 ")
    assert not room_code_matches("AC3K47", "AC3K48")


def test_tokens_are_recognised_only_by_their_issuer() -> None:
    issuer = TokenIssuer("a" * 64)
    token = issuer.issue()
    assert issuer.is_valid(token)
    assert TokenIssuer("a" * 64).is_valid(token)  # same session key, after a restart
    assert not TokenIssuer("b" * 64).is_valid(token)
    nonce, _, mac = token.partition(".")
    assert not issuer.is_valid(f"{nonce}.{'0' * len(mac)}")
    assert not issuer.is_valid("made-up")
    assert issuer.issue() != token


def test_token_bucket_allows_bursts_then_the_rate() -> None:
    now = [0.0]
    bucket = TokenBucket(rate=2.0, capacity=3, clock=lambda: now[0])
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    now[0] += 0.5  # one more message after half a second at 2 per second
    assert [bucket.take(), bucket.take()] == [True, False]


def test_address_limiter_counts_open_connections() -> None:
    limiter = AddressLimiter(2)
    assert limiter.acquire("a") and limiter.acquire("a")
    assert not limiter.acquire("a")
    assert limiter.acquire("b")
    limiter.release("a")
    assert limiter.acquire("a")


def test_headless_refuses_a_file_that_is_not_a_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_sample_deck(tmp_path / "deck")
    notes = tmp_path / "notes.txt"
    notes.write_text("pas une session\n" * 200, encoding="utf-8")
    assert main([str(deck), "--session", str(notes), "--port", "0"]) == 2
    assert "n'est pas un fichier de session" in capsys.readouterr().err


def test_headless_refuses_a_broken_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text("pas d'en-tête\n", encoding="utf-8")
    assert main([str(deck), "--session", str(tmp_path / "s.fphk"), "--port", "0"]) == 2
    assert "deck.md:1" in capsys.readouterr().err
