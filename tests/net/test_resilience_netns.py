"""Participants on their own network hosts lose their link for 10 seconds and come back alone.

Each host is a network namespace made by the test, joined to the root namespace by a veth pair
(addresses 10.231.<host>.0/24, on this machine only); the room listens in the root namespace on
the first host's veth address. Two hosts' links go down (``ip link set ... down``) for 10 s while
everyone answers: the hosts still up are not delayed, the others reconnect on their own once the
link is back, and nothing is lost or counted twice. Needs root and iproute2; the namespaces are
removed even when the test fails.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from fphkiosk.bench.participants import ParticipantProcess
from fphkiosk.bench.runner import PresenterRemote
from fphkiosk.core.i18n import Translator
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.server import RoomServer
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.storage.store import SessionSeed, SessionStore
from tests.net.sample_deck import sample_deck

HOSTS = 4
PER_HOST = 12
"""Below the default 16 connections per address: each host is one tablet-like address."""
FLAPPED = (3, 4)
OUTAGE_S = 10.0
WAIT = 40.0
CLIENT_OPTIONS = (
    *("--heartbeat", "2", "--connect-timeout", "2"),
    *("--backoff-initial", "0.1", "--backoff-max", "1"),
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("ip") is None,
        reason="needs Linux, root and iproute2 (apt-get install -y iproute2)",
    ),
]


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


class Hosts:
    """Namespaces ``fk<pid>h<k>`` with veth ``fk<pid>r<k>`` (root side) / ``fk<pid>n<k>``."""

    def __init__(self, count: int):
        tag = f"fk{os.getpid() % 100000}"
        self.names = [f"{tag}h{k}" for k in range(1, count + 1)]
        self.root_links = [f"{tag}r{k}" for k in range(1, count + 1)]
        self._peer_links = [f"{tag}n{k}" for k in range(1, count + 1)]

    @staticmethod
    def address(host: int, side: int) -> str:
        return f"10.231.{host}.{side}"

    def create(self) -> None:
        for k, (name, root, peer) in enumerate(
            zip(self.names, self.root_links, self._peer_links, strict=True), start=1
        ):
            _ip("netns", "add", name)
            _ip("link", "add", root, "type", "veth", "peer", "name", peer, "netns", name)
            _ip("addr", "add", f"{self.address(k, 1)}/24", "dev", root)
            _ip("link", "set", root, "up")
            _ip("-n", name, "addr", "add", f"{self.address(k, 2)}/24", "dev", peer)
            _ip("-n", name, "link", "set", peer, "up")
            _ip("-n", name, "link", "set", "lo", "up")
            _ip("-n", name, "route", "add", "default", "via", self.address(k, 1))

    def set_link(self, host: int, up: bool) -> None:
        _ip("link", "set", self.root_links[host - 1], "up" if up else "down")

    def remove(self) -> None:
        for name, root in zip(self.names, self.root_links, strict=True):
            subprocess.run(["ip", "link", "del", root], capture_output=True, timeout=10)
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)


@pytest.fixture
def hosts() -> Iterator[Hosts]:
    taken = subprocess.run(["ip", "-4", "addr"], capture_output=True, text=True).stdout
    if "10.231." in taken:
        pytest.skip("10.231.0.0/16 is already used on this machine")
    made = Hosts(HOSTS)
    try:
        made.create()
        yield made
    finally:
        made.remove()


async def test_a_link_down_for_10_seconds_loses_nothing(
    hosts: Hosts, tmp_path: Path, tr: Translator
) -> None:
    session = tmp_path / "session.fphk"
    live = await LiveRoom.open(sample_deck(tmp_path / "deck"), session)
    # Short heartbeats so that both ends notice the dead link within the outage.
    # The tablets all sit in one namespace behind one address.
    server = RoomServer(live, tr, ServerLimits(heartbeat=2.0, participants_per_address=500))
    await server.start(hosts.address(1, 1), 0)
    url = f"http://{hosts.address(1, 1)}:{server.port}/ws"
    http = aiohttp.ClientSession()
    workers: dict[int, ParticipantProcess] = {}
    try:
        for host, name in enumerate(hosts.names, start=1):
            workers[host] = await ParticipantProcess.start(
                url,
                live.room_code,
                PER_HOST,
                seed=host,
                prefix=("ip", "netns", "exec", name),
                options=CLIENT_OPTIONS,
            )
        ready = {host: await w.expect("ready", WAIT) for host, w in workers.items()}
        remote = await PresenterRemote.connect(http, url, live.presenter_secret)
        await remote.open("sondage")
        await remote.wait_for(lambda s: s.current_activity == "sondage", WAIT)
        for worker in workers.values():
            await worker.command("answer")
        first = {host: await w.expect("answered", WAIT) for host, w in workers.items()}

        for host in FLAPPED:
            hosts.set_link(host, up=False)
        down_at = time.monotonic()
        for worker in workers.values():
            await worker.command("answer")
        # The hosts whose link is up are not held back by the ones that vanished.
        second = {}
        for host in sorted(set(workers) - set(FLAPPED)):
            second[host] = await workers[host].expect("answered", WAIT)
            # Acknowledged while the others are still cut off, not held until they return.
            assert max(second[host]["latencies_ms"]) < (OUTAGE_S - 2) * 1000
        # The room notices the dead tablets (heartbeat) and stops counting them as connected.
        await remote.wait_for(lambda s: s.connected == PER_HOST * (HOSTS - len(FLAPPED)), OUTAGE_S)
        await asyncio.sleep(max(0.0, OUTAGE_S - (time.monotonic() - down_at)))
        for host in FLAPPED:
            hosts.set_link(host, up=True)

        for host in FLAPPED:
            second[host] = await workers[host].expect("answered", WAIT)
        reports = {host: await w.report() for host, w in workers.items()}
        await remote.wait_for(lambda s: s.connected == PER_HOST * HOSTS, WAIT)
        await remote.close()
    finally:
        for worker in workers.values():
            await worker.close()
        await http.close()
        await server.stop()
        await live.close()

    for host, report in reports.items():
        assert report["tokens"] == ready[host]["tokens"]
        assert report["unacked"] == 0
        if host in FLAPPED:
            # Back on their own: a new connection each, with the token they had.
            assert all(count >= 2 for count in report["connections"])
            assert min(second[host]["latencies_ms"]) >= (OUTAGE_S - 2) * 1000
    sent = [tuple(s) for rounds in (first, second) for e in rounds.values() for s in e["sent"]]
    contents = SessionStore.open(session, SessionSeed("", "", "", "")).read()
    stored = [a for a in contents.answers if a.activity_id == "sondage"]
    # One answer per participant is kept; the ids of those it replaced are kept apart.
    replaced = [i for i, _, activity in contents.replaced_answer_ids if activity == "sondage"]
    stored_ids = [a.answer_id for a in stored] + replaced
    assert len(stored_ids) == len(set(stored_ids)) == 2 * HOSTS * PER_HOST
    acked = {a for r in reports.values() for a in r["acked"]}
    assert acked == set(stored_ids)
    assert set(stored_ids) == {answer_id for _, answer_id, _ in sent}
    # The second answer of each participant is the one that counts.
    last_stored = {a.token: (a.answer_id, a.payload) for a in stored}
    assert last_stored == {token: (answer_id, body) for token, answer_id, body in sent}
    assert len(last_stored) == HOSTS * PER_HOST
