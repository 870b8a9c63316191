"""Hostile and malformed input: the server stays up, answers errors, and stores nothing."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fphkiosk.net.protocol import ErrorMsg, SnapshotMsg, WelcomeMsg
from tests.net.remote import Raw
from tests.room_fixture import Served

EXPECTED_CODES = {
    "bad_json",
    "unsupported_version",
    "unknown_type",
    "invalid_message",
    "rate_limited",
    "wrong_room_code",
    "too_many_attempts",
    "forbidden",
    "not_joined",
    "already_joined",
    "unknown_activity",
    "activity_not_open",
    "wrong_answer_kind",
    "choice_out_of_range",
    "same_best_and_worst",
    "wrong_scale_answer_count",
    "option_out_of_range",
}


def _stored(path: Path) -> object:
    """Everything a message could have changed in the session file (attendance aside)."""
    db = sqlite3.connect(path)
    try:
        return tuple(
            tuple(db.execute(f"SELECT * FROM {table} ORDER BY 1"))
            for table in ("session", "room_position", "activity_state", "answer")
        )
    finally:
        db.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
types = st.sampled_from(
    ["join", "remote_join", "answer", "sync", "open", "close", "reveal", "go_to_slide", "zap", ""]
)
# Messages that look like protocol messages but are wrong: any field, any value, any version.
near_misses = st.builds(
    lambda kind, fields, v: json.dumps({"v": v, "type": kind, **fields}),
    types,
    st.dictionaries(
        st.sampled_from(["room_code", "activity_id", "answer_id", "answer", "index", "x"]),
        json_values,
        max_size=4,
    ),
    st.sampled_from([1, 2, 0, "1", None]),
    # A bare sync with v=1 is a valid request (answered by a snapshot), not a near miss.
).filter(lambda message: json.loads(message) != {"v": 1, "type": "sync"})
# Answers with the right shape aimed at closed, unknown or mismatched activities, or out of range.
bad_answers = st.builds(
    lambda activity, answer, answer_id: json.dumps(
        {
            "v": 1,
            "type": "answer",
            "activity_id": activity,
            "answer_id": answer_id,
            "answer": answer,
        }
    ),
    st.sampled_from(["sondage", "meilleure-pire", "echelle", "nope"]),
    st.one_of(
        st.builds(lambda c: {"kind": "choice", "choice": c}, st.integers(3, 10_000)),
        st.builds(lambda b: {"kind": "best_worst", "best": b, "worst": b}, st.integers(0, 3)),
        st.builds(
            lambda o: {"kind": "scale", "options": o}, st.lists(st.integers(0, 9), max_size=6)
        ),
    ),
    st.from_regex(r"[A-Za-z0-9_-]{1,20}", fullmatch=True),
)
trainer_actions = st.builds(
    lambda kind, activity: json.dumps({"v": 1, "type": kind, "activity_id": activity}),
    st.sampled_from(["open", "close", "reveal"]),
    st.sampled_from(["quiz", "sondage", "echelle"]),
) | st.just('{"v": 1, "type": "next_slide"}')
garbage = st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: b.hex()))
payloads = st.lists(
    st.one_of(near_misses, bad_answers, trainer_actions, garbage), min_size=1, max_size=6
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payloads=payloads, join_first=st.booleans(), wrong_code=st.booleans())
async def test_hostile_participants_change_nothing(
    served: Served, payloads: list[str], join_first: bool, wrong_code: bool
) -> None:
    # The quiz is open (so that a bug would have something to store), the rest is not.
    if served.live.room.status("quiz") != "open":
        remote = await served.remote()
        await remote.command("open", activity_id="quiz")
        async with asyncio.timeout(5):
            while served.live.room.status("quiz") != "open":
                await asyncio.sleep(0.01)
        await remote.close()
    before = _stored(served.session_path)
    raw = await Raw.connect(served.http, served.ws_url)
    if join_first:
        code = "WRONG1" if wrong_code else served.live.room_code
        await raw.send({"v": 1, "type": "join", "room_code": code})
        reply = await raw.expect(lambda m: isinstance(m, WelcomeMsg | ErrorMsg))
        if wrong_code:
            assert isinstance(reply, ErrorMsg)
            assert reply.code in ("wrong_room_code", "too_many_attempts")
        else:
            # The examples share one address: its earlier wrong codes may make this one wait.
            assert isinstance(reply, WelcomeMsg) or (
                isinstance(reply, ErrorMsg) and reply.code == "too_many_attempts"
            )
    for payload in payloads:
        await raw.send(payload)
        reply = await raw.expect(lambda m: isinstance(m, ErrorMsg))
        assert isinstance(reply, ErrorMsg)
        assert reply.code in EXPECTED_CODES, reply
        assert reply.message and reply.message != f"room.error.{reply.code}"
    await raw.close()
    assert _stored(served.session_path) == before
    assert served.live.room.respondents("quiz") == 0


async def test_a_huge_message_closes_that_connection_only(served: Served) -> None:
    bystander = await Raw.connect(served.http, served.ws_url)
    await bystander.send({"v": 1, "type": "join", "room_code": served.live.room_code})
    await bystander.expect(lambda m: isinstance(m, WelcomeMsg))
    before = _stored(served.session_path)
    huge = await served.http.ws_connect(served.ws_url)
    await huge.send_str(json.dumps({"v": 1, "type": "join", "room_code": "A" * 40_000}))
    message = await huge.receive(timeout=5)
    assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert huge.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    await bystander.send({"v": 1, "type": "sync"})
    assert isinstance(await bystander.expect(lambda m: isinstance(m, SnapshotMsg)), SnapshotMsg)
    assert _stored(served.session_path) == before
    await bystander.close()


async def test_a_flood_is_rate_limited_then_dropped(served: Served) -> None:
    flooder = await Raw.connect(served.http, served.ws_url)
    await flooder.send({"v": 1, "type": "join", "room_code": served.live.room_code})
    await flooder.expect(lambda m: isinstance(m, WelcomeMsg))
    flood = json.dumps({"v": 1, "type": "sync"})
    # Past the burst allowance, messages are refused with "rate_limited"...
    for _ in range(45):
        await flooder.ws.send_str(flood)
    error = await flooder.expect(lambda m: isinstance(m, ErrorMsg))
    assert isinstance(error, ErrorMsg) and error.code == "rate_limited"
    # ...and a client that keeps flooding without reading is dropped, not buffered.
    with pytest.raises(ConnectionError):
        for _ in range(2000):
            await flooder.ws.send_str(flood)
            if flooder.ws.closed:
                break
        while True:
            await flooder.expect(lambda m: False)
    # The server is still there for everyone else.
    other = await Raw.connect(served.http, served.ws_url)
    await other.send({"v": 1, "type": "join", "room_code": served.live.room_code})
    assert isinstance(await other.expect(lambda m: isinstance(m, WelcomeMsg)), WelcomeMsg)
    await other.close()


async def test_wrong_codes_close_the_connection(served: Served) -> None:
    guesser = await Raw.connect(served.http, served.ws_url)
    for attempt in range(5):
        await guesser.send({"v": 1, "type": "join", "room_code": f"AAAAA{attempt}"})
        error = await guesser.expect(lambda m: isinstance(m, ErrorMsg))
        assert isinstance(error, ErrorMsg) and error.code == "wrong_room_code"
    message = await guesser.ws.receive(timeout=5)
    assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
