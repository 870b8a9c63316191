"""The server does what docs/protocol.md says, for the cases an attack found it did not."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from fphkiosk.core.room_answers import ChoiceAnswer
from fphkiosk.net.protocol import AckMsg, ErrorMsg, SnapshotMsg, WelcomeMsg
from tests.net.remote import Raw
from tests.room_fixture import Served


async def _participant(served: Served, token: str | None = None) -> tuple[Raw, WelcomeMsg]:
    raw = await Raw.connect(served.http, served.ws_url)
    await raw.send({"v": 1, "type": "join", "room_code": served.live.room_code, "token": token})
    welcome = await raw.expect(lambda m: isinstance(m, WelcomeMsg))
    assert isinstance(welcome, WelcomeMsg)
    return raw, welcome


async def _open(served: Served, activity_id: str) -> None:
    remote = await served.remote()
    await remote.command("open", activity_id=activity_id)
    await remote.expect(lambda m: served.live.room.status(activity_id) == "open")
    await remote.close()


def _answer(answer_id: str, choice: int, activity_id: str = "sondage") -> dict[str, object]:
    return {
        "v": 1,
        "type": "answer",
        "activity_id": activity_id,
        "answer_id": answer_id,
        "answer": {"kind": "choice", "choice": choice},
    }


async def test_deeply_nested_json_is_refused_and_the_connection_stays(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    raw, _ = await _participant(served)
    nested = '{"v":' + "[" * 3000 + "]" * 3000 + ',"type":"sync"}'
    with caplog.at_level(logging.DEBUG):
        await raw.send(nested)
        refused = await raw.expect(lambda m: isinstance(m, ErrorMsg))
        assert isinstance(refused, ErrorMsg) and refused.code == "invalid_message"
        await raw.send({"v": 1, "type": "sync"})
        assert isinstance(await raw.expect(lambda m: True), SnapshotMsg)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    await raw.close()


async def test_an_acknowledged_answer_id_with_another_answer_is_refused(served: Served) -> None:
    await _open(served, "sondage")
    raw, _ = await _participant(served)
    await raw.send(_answer("first-id", 0))
    assert isinstance(await raw.expect(lambda m: isinstance(m, AckMsg)), AckMsg)
    await raw.send(_answer("first-id", 0))  # the same answer again: a retry, acknowledged
    assert isinstance(await raw.expect(lambda m: True), AckMsg)
    await raw.send(_answer("first-id", 2))
    refused = await raw.expect(lambda m: True)
    assert isinstance(refused, ErrorMsg)
    assert (refused.code, refused.answer_id) == ("answer_id_reused", "first-id")
    kept = [a.answer for a in served.live.room.answers("sondage")]
    assert kept == [ChoiceAnswer(0)]
    await raw.close()


@pytest.mark.parametrize("choice", [-1, 1_000_000_000])
async def test_every_refused_answer_carries_its_answer_id(served: Served, choice: int) -> None:
    await _open(served, "sondage")
    raw, _ = await _participant(served)
    await raw.send(_answer("out-of-range", choice))
    refused = await raw.expect(lambda m: True)
    assert isinstance(refused, ErrorMsg)
    assert (refused.code, refused.answer_id) == ("invalid_message", "out-of-range")
    await raw.close()


async def test_binary_frames_are_refused_as_documented(served: Served) -> None:
    raw, _ = await _participant(served)
    await raw.ws.send_bytes(b'{"v": 1, "type": "sync"}')
    refused = await raw.expect(lambda m: True)
    assert isinstance(refused, ErrorMsg) and refused.code == "invalid_message"
    assert refused.detail is not None and "text" in refused.detail
    await raw.send({"v": 1, "type": "sync"})
    assert isinstance(await raw.expect(lambda m: True), SnapshotMsg)
    await raw.close()


async def test_trainer_action_before_any_join_is_not_joined(served: Served) -> None:
    raw = await Raw.connect(served.http, served.ws_url)
    await raw.send({"v": 1, "type": "open", "activity_id": "sondage"})
    refused = await raw.expect(lambda m: True)
    assert isinstance(refused, ErrorMsg) and refused.code == "not_joined"
    await raw.close()
    joined, _ = await _participant(served)
    await joined.send({"v": 1, "type": "open", "activity_id": "sondage"})
    forbidden = await joined.expect(lambda m: True)
    assert isinstance(forbidden, ErrorMsg) and forbidden.code == "forbidden"
    await joined.close()


SCALE_ANSWER = {"kind": "scale", "options": [0, 1, 0]}


async def test_own_scale_result_is_sent_back_only_while_open_and_unfinished(
    served: Served,
) -> None:
    activity = next(a.id for a in served.live.room.deck.activities if a.kind == "scale")
    scale = served.live.room.activity(activity)
    options = [0] * len(scale.scale.items)  # type: ignore[union-attr]
    await _open(served, activity)
    raw, welcome = await _participant(served)
    token = welcome.token
    await raw.send(
        {
            "v": 1,
            "type": "answer",
            "activity_id": activity,
            "answer_id": "scale-1",
            "answer": {"kind": "scale", "options": options},
        }
    )
    ack = await raw.expect(lambda m: isinstance(m, AckMsg))
    assert isinstance(ack, AckMsg) and ack.my_result is not None
    await raw.close()
    # Open and not finished: a reload brings the person's own answer back.
    again, resumed = await _participant(served, token)
    assert resumed.snapshot.my_answer is not None and resumed.snapshot.my_result is not None
    # "Terminer": never again, on this device or any holding the token.
    await again.send({"v": 1, "type": "finish", "activity_id": activity})
    await again.send({"v": 1, "type": "sync"})
    synced = await again.expect(lambda m: isinstance(m, SnapshotMsg))
    assert isinstance(synced, SnapshotMsg)
    assert synced.snapshot.my_answer is None and synced.snapshot.my_result is None
    await again.close()
    third, later = await _participant(served, token)
    assert later.snapshot.my_answer is None and later.snapshot.my_result is None
    await third.close()


async def test_own_answer_is_not_sent_back_once_the_activity_is_closed(served: Served) -> None:
    await _open(served, "sondage")
    raw, welcome = await _participant(served)
    await raw.send(_answer("poll-1", 1))
    await raw.expect(lambda m: isinstance(m, AckMsg))
    await raw.close()
    remote = await served.remote()
    await remote.command("close", activity_id="sondage")
    await remote.expect(lambda m: served.live.room.status("sondage") == "closed")
    await remote.close()
    again, resumed = await _participant(served, welcome.token)
    assert resumed.snapshot.activity is not None and resumed.snapshot.activity.id == "sondage"
    assert resumed.snapshot.my_answer is None and resumed.snapshot.my_result is None
    await again.close()


async def test_finish_needs_a_join(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        raw = await Raw.connect(http, served.ws_url)
        await raw.send({"v": 1, "type": "finish", "activity_id": "sondage"})
        refused = await raw.expect(lambda m: True)
        assert isinstance(refused, ErrorMsg) and refused.code == "not_joined"
        await raw.close()
