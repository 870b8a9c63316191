"""The rehearsal simulator answers every activity the trainer opens, of every kind."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import aiohttp
import pytest

from fphkiosk.bench.cli import simulated_participants
from fphkiosk.bench.simulate import HumanDelay, Simulation, random_body, ws_url
from fphkiosk.core.i18n import Translator
from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.protocol import (
    ActivityView,
    BestWorstBody,
    ChoiceBody,
    ScaleBody,
    ScaleView,
)
from fphkiosk.net.server import RoomServer
from fphkiosk.room.live_room import LiveRoom
from tests.net.remote import Remote
from tests.net.sample_deck import sample_deck

SIMULATED = 8
QUICK = HumanDelay(median=0.1, spread=0.5, low=0.02, high=0.3)


def test_ws_url_accepts_what_the_room_shows() -> None:
    assert ws_url("http://192.168.1.20:8765/") == "http://192.168.1.20:8765/ws"
    assert ws_url("http://127.0.0.1:8765/ws") == "http://127.0.0.1:8765/ws"
    assert ws_url("10.0.0.2:8765") == "http://10.0.0.2:8765/ws"


def test_random_bodies_fit_each_kind() -> None:
    rng = random.Random(1)
    poll = ActivityView(id="p", kind="poll", status="open", question="?", choices=["a", "b"])
    best_worst = ActivityView(
        id="b", kind="poll", status="open", question="?", mode="best-worst", choices=list("abcd")
    )
    scale = ActivityView(
        id="s",
        kind="scale",
        status="open",
        question="?",
        scale=ScaleView(title="t", instructions="", options=["0", "1", "2"], items=["x"] * 5),
    )
    for _ in range(50):
        choice = random_body(poll, rng)
        assert isinstance(choice, ChoiceBody) and choice.choice in (0, 1)
        pair = random_body(best_worst, rng)
        assert isinstance(pair, BestWorstBody) and pair.best != pair.worst
        answers = random_body(scale, rng)
        assert isinstance(answers, ScaleBody) and len(answers.options) == 5
        assert set(answers.options) <= {0, 1, 2}
    assert 1.0 <= HumanDelay().draw(rng) <= 8.0


def _answered(activity_id: str) -> Callable[[ParticipantClient], bool]:
    def answered(client: ParticipantClient) -> bool:
        snapshot = client.snapshot
        return (
            snapshot is not None
            and snapshot.activity is not None
            and snapshot.activity.id == activity_id
            and snapshot.my_answer is not None
        )

    return answered


@pytest.fixture
async def room(tmp_path: Path, tr: Translator) -> AsyncIterator[tuple[LiveRoom, RoomServer]]:
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), tmp_path / "s.fphk")
    # Simulated participants all come from loopback: one address, many voices.
    server = RoomServer(live, tr, ServerLimits(participants_per_address=100))
    await server.start("127.0.0.1", 0)
    try:
        yield live, server
    finally:
        await server.stop()
        await live.close()


async def test_simulated_participants_answer_every_opened_activity(
    room: tuple[LiveRoom, RoomServer],
) -> None:
    live, server = room
    url = f"http://127.0.0.1:{server.port}/"
    async with (
        aiohttp.ClientSession() as http,
        Simulation(url, live.room_code, SIMULATED, delay=QUICK, seed=3) as simulation,
    ):
        await simulation.joined()
        remote = await Remote.connect(http, ws_url(url), live.presenter_secret)
        for activity in ("sondage", "quiz", "meilleure-pire", "echelle"):
            await remote.command("open", activity_id=activity)
            # Every simulated participant answers, after its own human-looking delay.
            for participant in simulation.participants:
                await participant.client.wait_until(_answered(activity))
            assert live.room.respondents(activity) == SIMULATED
        await remote.close()
        assert simulation.answered == 4 * SIMULATED


async def test_a_closed_activity_gets_no_late_answers(room: tuple[LiveRoom, RoomServer]) -> None:
    live, server = room
    # A median of 30 s is clipped to the 8 s at most a person takes: longer than this test.
    url = f"http://127.0.0.1:{server.port}/"
    simulation = simulated_participants(url, live.room_code, 4, median_delay=30.0)
    async with aiohttp.ClientSession() as http, simulation:
        await simulation.joined()
        remote = await Remote.connect(http, simulation.url, live.presenter_secret)
        await remote.command("open", activity_id="sondage")
        for participant in simulation.participants:
            await participant.client.wait_until(
                lambda c: c.snapshot is not None and c.snapshot.activity is not None
            )
        assert all(p.waiting for p in simulation.participants)
        await remote.command("close", activity_id="sondage")
        for participant in simulation.participants:
            await participant.client.wait_until(
                lambda c: (
                    c.snapshot is not None
                    and c.snapshot.activity is not None
                    and c.snapshot.activity.status == "closed"
                )
            )
        # The delayed answers were dropped with the activity, not sent into a refusal.
        assert not any(p.waiting for p in simulation.participants)
        await remote.close()
    assert live.room.respondents("sondage") == 0
