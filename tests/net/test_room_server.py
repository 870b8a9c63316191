"""End to end on loopback: real clients join, answer, change answers; the remote reveals."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from fphkiosk.net.client import AnswerRefused, JoinFailed, ParticipantClient
from fphkiosk.net.protocol import (
    ActivityMsg,
    BestWorstBody,
    ChoiceBody,
    ChoiceCountsView,
    ErrorMsg,
    PresenterStateMsg,
    ScaleBody,
    ScaleSummaryView,
    TooFewRespondentsView,
    WelcomeMsg,
)
from tests.net.remote import Raw
from tests.room_fixture import Served

WAIT = 10.0


async def _clients(served: Served, count: int) -> list[ParticipantClient]:
    clients = [
        ParticipantClient(served.ws_url, served.live.room_code.lower(), session=served.http)
        for _ in range(count)
    ]
    for client in clients:
        await client.start()
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.joined() for c in clients))
    return clients


def _sees(status: str, activity_id: str) -> object:
    def check(client: ParticipantClient) -> bool:
        snapshot = client.snapshot
        activity = None if snapshot is None else snapshot.activity
        return activity is not None and activity.id == activity_id and activity.status == status

    return check


async def _all_see(clients: list[ParticipantClient], status: str, activity_id: str) -> None:
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.wait_until(_sees(status, activity_id)) for c in clients))  # type: ignore[arg-type]


async def test_twenty_participants_answer_and_the_remote_reveals(served: Served) -> None:
    clients = await _clients(served, 22)
    remote = await served.remote()
    await remote.expect(lambda m: isinstance(m, PresenterStateMsg) and m.connected == 22)

    await remote.command("open", activity_id="quiz")
    await _all_see(clients, "open", "quiz")
    choices = [i % 3 for i in range(22)]
    ids = [c.answer("quiz", ChoiceBody(choice)) for c, choice in zip(clients, choices, strict=True)]
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.acknowledged(i) for c, i in zip(clients, ids, strict=True)))
    # One participant changes its mind: 0 -> 1 (the correct answer).
    changed = clients[0].answer("quiz", ChoiceBody(1))
    await clients[0].acknowledged(changed)
    choices[0] = 1

    # A participant cannot close or reveal: trainer actions are refused on its connection.
    intruder = await Raw.connect(served.http, served.ws_url)
    await intruder.send({"v": 1, "type": "join", "room_code": served.live.room_code})
    await intruder.expect(lambda m: isinstance(m, WelcomeMsg))
    for kind in ("close", "reveal"):
        await intruder.send({"v": 1, "type": kind, "activity_id": "quiz"})
        error = await intruder.expect(lambda m: isinstance(m, ErrorMsg))
        assert isinstance(error, ErrorMsg) and error.code == "forbidden"
        assert "formateur" in error.message
    assert served.live.room.status("quiz") == "open"

    await remote.command("close", activity_id="quiz")
    await _all_see(clients, "closed", "quiz")
    late = clients[1].answer("quiz", ChoiceBody(0))
    with pytest.raises(AnswerRefused) as refused:
        await clients[1].acknowledged(late)
    assert refused.value.code == "activity_not_open"

    await remote.command("reveal", activity_id="quiz")
    await _all_see(clients, "revealed", "quiz")
    expected = [choices.count(k) for k in range(3)]
    for client in clients:
        assert client.snapshot is not None and client.snapshot.activity is not None
        results = client.snapshot.activity.results
        assert isinstance(results, ChoiceCountsView)
        assert results.counts == expected
        assert results.respondents == 22
        assert client.snapshot.activity.correct == 1
        assert results.correct_share == pytest.approx(expected[1] / 22)

    db = sqlite3.connect(served.session_path)
    rows = db.execute("SELECT count(*), count(DISTINCT token) FROM answer").fetchone()
    replaced = db.execute("SELECT count(*) FROM replaced_answer").fetchone()[0]
    db.close()
    # One row per participant: the changed answer replaced its first one, whose id alone stays.
    assert rows == (22, 22) and replaced == 1
    await intruder.close()
    await remote.close()
    for client in clients:
        await client.close()


async def test_correct_answer_and_results_stay_hidden_until_revealed(served: Served) -> None:
    clients = await _clients(served, 3)
    remote = await served.remote()
    await remote.command("open", activity_id="quiz")
    await _all_see(clients, "open", "quiz")
    snapshot = clients[0].snapshot
    assert snapshot is not None and snapshot.activity is not None
    assert snapshot.activity.correct is None and snapshot.activity.results is None
    for client in clients:
        await client.close()
    await remote.close()


async def test_results_are_withheld_below_the_minimum_group(served: Served) -> None:
    clients = await _clients(served, 2)
    remote = await served.remote()
    await remote.command("open", activity_id="sondage")
    await _all_see(clients, "open", "sondage")
    for client in clients:
        await client.acknowledged(client.answer("sondage", ChoiceBody(0)))
    await remote.command("reveal", activity_id="sondage")
    await _all_see(clients, "revealed", "sondage")
    assert clients[0].snapshot is not None and clients[0].snapshot.activity is not None
    results = clients[0].snapshot.activity.results
    assert results == TooFewRespondentsView(activity_id="sondage", respondents=2, minimum=3)
    for client in clients:
        await client.close()
    await remote.close()


async def test_scale_score_goes_to_its_participant_only(served: Served) -> None:
    clients = await _clients(served, 3)
    remote = await served.remote()
    await remote.command("open", activity_id="echelle")
    await _all_see(clients, "open", "echelle")
    answers = [(1, 1, 0), (0, 0, 1), (1, 0, 0)]  # scores 3, 0, 2
    acks = [
        await c.acknowledged(c.answer("echelle", ScaleBody(list(a))))
        for c, a in zip(clients, answers, strict=True)
    ]
    assert [a.my_result.score if a.my_result else None for a in acks] == [3, 0, 2]
    assert acks[0].my_result is not None and acks[0].my_result.band_label == "Élevé"
    await remote.command("reveal", activity_id="echelle")
    await _all_see(clients, "revealed", "echelle")
    # The broadcast carries the room's distribution, never someone's own score.
    broadcasts = [m for m in remote.received if isinstance(m, ActivityMsg)]
    assert all(
        b.activity.results is None or isinstance(b.activity.results, ScaleSummaryView)
        for b in broadcasts
    )
    snapshot = clients[1].snapshot
    assert snapshot is not None and snapshot.my_result is not None
    assert snapshot.my_result.score == 0
    assert isinstance(snapshot.activity and snapshot.activity.results, ScaleSummaryView)
    for client in clients:
        await client.close()
    await remote.close()


async def test_best_worst_answers_are_counted_per_prompt(served: Served) -> None:
    clients = await _clients(served, 3)
    remote = await served.remote()
    await remote.command("open", activity_id="meilleure-pire")
    await _all_see(clients, "open", "meilleure-pire")
    for client, (best, worst) in zip(clients, [(3, 0), (3, 2), (1, 0)], strict=True):
        await client.acknowledged(client.answer("meilleure-pire", BestWorstBody(best, worst)))
    refused = clients[0].answer("meilleure-pire", BestWorstBody(2, 2))
    with pytest.raises(AnswerRefused) as caught:
        await clients[0].acknowledged(refused)
    assert caught.value.code == "same_best_and_worst"
    assert "différents" in caught.value.message
    await remote.command("reveal", activity_id="meilleure-pire")
    await _all_see(clients, "revealed", "meilleure-pire")
    for client in clients:
        await client.close()
    await remote.close()


async def test_reconnect_resumes_with_the_same_token_and_answer(served: Served) -> None:
    [client] = await _clients(served, 1)
    remote = await served.remote()
    await remote.command("open", activity_id="sondage")
    await _all_see([client], "open", "sondage")
    await client.acknowledged(client.answer("sondage", ChoiceBody(2)))
    token = client.token
    # Drop the connection from the server side, as a Wi-Fi cut would.
    for connection in list(served.server._connections):
        if connection.role == "participant":
            await connection.ws.close()
    async with asyncio.timeout(WAIT):
        await client.wait_until(lambda c: c.connections == 2 and c.is_joined)
    assert client.token == token
    assert client.snapshot is not None and client.snapshot.my_answer == ChoiceBody(2)
    assert served.live.room.respondents("sondage") == 1
    await client.close()
    await remote.close()


async def test_slide_changes_reach_participants(served: Served) -> None:
    [client] = await _clients(served, 1)
    remote = await served.remote()
    await remote.command("next_slide")
    async with asyncio.timeout(WAIT):
        await client.wait_until(
            lambda c: c.snapshot is not None and c.snapshot.slide.title == "Sondage"
        )
    await remote.command("go_to_slide", index=4)
    await remote.expect(lambda m: isinstance(m, PresenterStateMsg) and m.slide.index == 4)
    await remote.command("go_to_slide", index=40)
    error = await remote.expect(lambda m: isinstance(m, ErrorMsg))
    assert isinstance(error, ErrorMsg) and error.code == "slide_out_of_range"
    await remote.command("previous_slide")
    await remote.expect(lambda m: isinstance(m, PresenterStateMsg) and m.slide.index == 3)
    assert served.live.room.slide_index == 3
    await client.close()
    await remote.close()


async def test_in_process_presenter_hooks(served: Served) -> None:
    from fphkiosk.core.room_changes import ActivityStatusChanged, AnswerRecorded, OpenActivity

    seen: list[object] = []
    unsubscribe = served.live.subscribe(lambda changes: seen.extend(changes))
    [client] = await _clients(served, 1)
    await served.live.command(OpenActivity("sondage"))
    await _all_see([client], "open", "sondage")
    await client.acknowledged(client.answer("sondage", ChoiceBody(1)))
    unsubscribe()
    assert any(isinstance(c, ActivityStatusChanged) and c.status == "open" for c in seen)
    assert any(isinstance(c, AnswerRecorded) and c.respondents == 1 for c in seen)
    await client.close()


async def test_wrong_room_code_fails_the_join(served: Served) -> None:
    client = ParticipantClient(served.ws_url, "ZZZZZZ", session=served.http)
    await client.start()
    with pytest.raises(JoinFailed) as caught:
        async with asyncio.timeout(WAIT):
            await client.joined()
    assert caught.value.code == "wrong_room_code"
    await client.close()


async def test_a_foreign_origin_is_refused(served: Served) -> None:
    import aiohttp

    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        await served.http.ws_connect(served.ws_url, origin="http://evil.example")
    assert caught.value.status == 403
    same = await served.http.ws_connect(
        served.ws_url, origin=f"http://127.0.0.1:{served.server.port}"
    )
    await same.close()


async def test_connections_per_address_are_capped(served: Served, tr: object) -> None:
    import aiohttp

    from fphkiosk.net.limits import ServerLimits
    from fphkiosk.net.server import RoomServer

    small = RoomServer(served.live, tr, ServerLimits(connections_per_address=2))  # type: ignore[arg-type]
    await small.start("127.0.0.1", 0)
    url = f"http://127.0.0.1:{small.port}/ws"
    first = await served.http.ws_connect(url)
    second = await served.http.ws_connect(url)
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        await served.http.ws_connect(url)
    assert caught.value.status == 429
    await first.close()
    await second.close()
    await small.stop()


async def test_nothing_personal_is_logged(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    [client] = await _clients(served, 1)
    remote = await served.remote()
    await remote.command("open", activity_id="sondage")
    await _all_see([client], "open", "sondage")
    await client.acknowledged(client.answer("sondage", ChoiceBody(1)))
    with pytest.raises(AnswerRefused):
        await client.acknowledged(client.answer("sondage", ChoiceBody(9)))
    await client.close()
    await remote.close()
    assert client.token
    for record in caplog.records:
        text = record.getMessage()
        assert "127.0.0.1" not in text
        assert client.token not in text
        assert served.live.room_code not in text


async def test_a_revealed_scale_carries_no_withheld_count_to_participants_or_remote(
    served: Served,
) -> None:
    # Minimum 3. Scores 0, 0, 0, 1, 1, 1 and one 3: the "Élevé" band holds a single person.
    clients = await _clients(served, 7)
    remote = await served.remote()
    await remote.command("open", activity_id="echelle")
    await _all_see(clients, "open", "echelle")
    answers = [(0, 0, 1)] * 3 + [(1, 0, 1)] * 3 + [(1, 1, 0)]  # item 3 is reversed
    for client, options in zip(clients, answers, strict=True):
        await client.acknowledged(client.answer("echelle", ScaleBody(list(options))))
    await remote.command("reveal", activity_id="echelle")
    await _all_see(clients, "revealed", "echelle")
    state = await remote.expect(
        lambda m: (
            isinstance(m, PresenterStateMsg)
            and isinstance(m.results, ScaleSummaryView)
            and m.results.respondents == 7
        )
    )
    assert isinstance(state, PresenterStateMsg)
    seen = [state.results]
    for client in clients:
        assert client.snapshot is not None and client.snapshot.activity is not None
        seen.append(client.snapshot.activity.results)
    for results in seen:
        assert isinstance(results, ScaleSummaryView)
        assert results.minimum == 3 and results.respondents == 7
        assert [b.label for b in results.bands] == ["Faible", "Élevé"]
        # Minimum 3, two bands: the bands appear from 6. "Élevé" (1) reads "moins de 3" as a
        # zero would; "Faible" is told only as what the other leaves (5 to 7), never 6.
        assert results.shows_distribution and results.mean is None
        assert [b.count for b in results.bands] == [None, None]
        assert [b.rest for b in results.bands] == [(5, 7), None]
        assert not hasattr(results, "totals"), "no score's count ever leaves the server"
    for client in clients:
        await client.close()
    await remote.close()
