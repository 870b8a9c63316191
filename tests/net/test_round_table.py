"""A round table over real sockets: 30 tablets ask and upvote, the remote moderates."""

from __future__ import annotations

import asyncio

import msgspec
import pytest

from fphkiosk.core.room_changes import Change, Moderate, SpotlightChanged
from fphkiosk.net.client import AnswerRefused, ParticipantClient
from fphkiosk.net.protocol import (
    ChoiceBody,
    ChoiceCountsView,
    ChoicesBody,
    PresenterStateMsg,
    ServerMessage,
    TextBoardView,
)
from tests.net.remote import Remote
from tests.room_fixture import Served

WAIT = 20.0
CLIENTS = 30


@pytest.fixture
def served(served_round_table: Served) -> Served:
    return served_round_table


async def _clients(served: Served, count: int) -> list[ParticipantClient]:
    clients = [
        ParticipantClient(served.ws_url, served.live.room_code, session=served.http)
        for _ in range(count)
    ]
    for client in clients:
        await client.start()
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.joined() for c in clients))
    return clients


def _record(clients: list[ParticipantClient]) -> list[str]:
    """Every message every tablet receives, as text, to prove what never reaches one."""
    seen: list[str] = []

    def keep(message: ServerMessage) -> None:
        seen.append(msgspec.json.encode(message).decode())

    for client in clients:
        client.subscribe(keep)
    return seen


async def _open(remote: Remote, clients: list[ParticipantClient], activity_id: str) -> None:
    await remote.command("open", activity_id=activity_id)
    async with asyncio.timeout(WAIT):
        await asyncio.gather(
            *(
                c.wait_until(
                    lambda c: (
                        c.snapshot is not None
                        and c.snapshot.activity is not None
                        and c.snapshot.activity.id == activity_id
                        and c.snapshot.activity.status == "open"
                    )
                )
                for c in clients
            )
        )


def _board(client: ParticipantClient) -> dict[str, int]:
    snapshot = client.snapshot
    assert snapshot is not None and snapshot.activity is not None
    results = snapshot.activity.results
    assert isinstance(results, TextBoardView)
    return {item.text: item.count for item in results.items}


async def test_thirty_tablets_ask_upvote_and_the_remote_moderates(served: Served) -> None:
    clients = await _clients(served, CLIENTS)
    seen = _record(clients)
    spotlights: list[SpotlightChanged] = []

    def projector(changes: tuple[Change, ...]) -> None:
        spotlights.extend(c for c in changes if isinstance(c, SpotlightChanged))

    served.live.subscribe(projector)
    remote = await served.remote()
    await _open(remote, clients, "questions")

    texts = [f"Question numéro {n} pour la table ronde ?" for n in range(CLIENTS)]
    ids = [client.write("questions", text) for client, text in zip(clients, texts, strict=True)]
    async with asyncio.timeout(WAIT):
        acks = await asyncio.gather(*(c.acknowledged(i) for c, i in zip(clients, ids, strict=True)))
    assert all(ack.held for ack in acks)  # manual moderation: every one waits for the trainer

    state = await remote.expect(
        lambda m: isinstance(m, PresenterStateMsg) and len(m.texts) == CLIENTS
    )
    assert isinstance(state, PresenterStateMsg)
    by_text = {item.text: item.id for item in state.texts}
    assert all(item.state == "new" for item in state.texts)
    hidden = [texts[n] for n in range(0, CLIENTS, 3)]  # 10 hidden, 20 approved
    # The remote hides (a phone moderates too); the console approves, in process.
    for text in texts:
        if text in hidden:
            await remote.command(
                "moderate", activity_id="questions", item_id=by_text[text], action="hide"
            )
        else:
            await served.live.command(Moderate("questions", by_text[text], "approve"))
    approved = [t for t in texts if t not in hidden]
    async with asyncio.timeout(WAIT):
        await asyncio.gather(
            *(c.wait_until(lambda c: len(_board(c)) == len(approved)) for c in clients)
        )

    # Client k upvotes the approved questions j with (j + k) % 4 == 0, then withdraws one.
    expected = dict.fromkeys(approved, 0)
    votes = []
    for k, client in enumerate(clients):
        for j, text in enumerate(approved):
            if (j + k) % 4 == 0:
                votes.append(client.vote("questions", by_text[text]))
                expected[text] += 1
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*votes)
    async with asyncio.timeout(WAIT):
        await clients[0].vote("questions", by_text[approved[0]], on=False)
        await clients[0].vote("questions", by_text[approved[0]], on=False)  # twice: no change
        await clients[1].vote("questions", by_text[approved[2]])
        await clients[1].vote("questions", by_text[approved[2]])  # twice: counted once
    expected[approved[0]] -= 1
    expected[approved[2]] += 1
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.wait_until(lambda c: _board(c) == expected) for c in clients))
    assert sum(expected.values()) == len(votes)
    assert (
        clients[0].snapshot is not None and by_text[approved[0]] not in clients[0].snapshot.my_votes
    )

    # A hidden question cannot be voted for, and its text never reached a tablet.
    with pytest.raises(AnswerRefused) as refused:
        await clients[5].vote("questions", by_text[hidden[0]])
    assert refused.value.code == "cannot_vote"
    for text in hidden:
        assert not any(text in message for message in seen)

    # The spotlight reaches the projector's side of the room, and the remote.
    top = max(expected, key=lambda t: expected[t])
    await remote.command(
        "moderate", activity_id="questions", item_id=by_text[top], action="spotlight"
    )
    spotlit = await remote.expect(
        lambda m: isinstance(m, PresenterStateMsg) and m.spotlight is not None
    )
    assert isinstance(spotlit, PresenterStateMsg) and spotlit.spotlight is not None
    assert spotlit.spotlight.text == top
    assert spotlights[-1].item_id == by_text[top]

    # The session file keeps the 20 approved questions and their votes, not the hidden ones.
    stored = served.live.room.texts.board("questions")
    assert {i.text: i.count for i in stored.items} == expected
    for client in clients:
        await client.close()
    await remote.close()


async def test_bad_texts_get_a_french_message_and_change_nothing(served: Served) -> None:
    (client,) = await _clients(served, 1)
    remote = await served.remote()
    await _open(remote, [client], "questions")
    cases = {
        "   ": ("text_empty", "Le texte est vide"),
        "x" * 300: ("text_too_long", "Texte trop long"),
        "<script>alert(1)</script>": ("text_markup", "code HTML"),
        "abc\u202edef": ("text_bidi_controls", "sens d'écriture"),
    }
    for text, (code, words) in cases.items():
        answer_id = client.write("questions", text)
        with pytest.raises(AnswerRefused) as refused:
            await asyncio.wait_for(client.acknowledged(answer_id), WAIT)
        assert refused.value.code == code
        assert words in refused.value.message
    first = client.write("questions", "Une vraie question ?")
    await asyncio.wait_for(client.acknowledged(first), WAIT)
    flood = client.write("questions", "Une autre question tout de suite ?")
    with pytest.raises(AnswerRefused) as too_soon:
        await asyncio.wait_for(client.acknowledged(flood), WAIT)
    assert too_soon.value.code == "text_too_soon"
    assert "attendez" in too_soon.value.message
    assert [i.text for i in served.live.room.text_items("questions")] == ["Une vraie question ?"]
    await client.close()
    await remote.close()


async def test_a_word_cloud_groups_words_and_shows_them_once_revealed(served: Served) -> None:
    clients = await _clients(served, 4)
    remote = await served.remote()
    await _open(remote, clients, "mots")
    words = ["Partage, écoute", "partages", "ÉCOUTE, Partage, vigilance", "Vigilances"]
    ids = [c.write("mots", w) for c, w in zip(clients, words, strict=True)]
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.acknowledged(i) for c, i in zip(clients, ids, strict=True)))
    for item in served.live.room.text_items("mots"):
        await remote.command("moderate", activity_id="mots", item_id=item.item_id, action="approve")
    assert clients[0].snapshot is not None and clients[0].snapshot.activity is not None
    assert clients[0].snapshot.activity.results is None  # not before it is revealed
    await remote.command("reveal", activity_id="mots")
    async with asyncio.timeout(WAIT):
        await clients[0].wait_until(
            lambda c: (
                c.snapshot is not None
                and c.snapshot.activity is not None
                and c.snapshot.activity.status == "revealed"
            )
        )
    assert _board(clients[0]) == {"Partage": 3, "écoute": 2, "vigilance": 2}
    for client in clients:
        await client.close()
    await remote.close()


async def test_a_multiple_quiz_over_the_wire(served: Served) -> None:
    clients = await _clients(served, 3)
    remote = await served.remote()
    await _open(remote, clients, "plusieurs")
    picks = [[0, 2], [0], [3, 0, 2]]
    ids = [c.answer("plusieurs", ChoicesBody(p)) for c, p in zip(clients, picks, strict=True)]
    async with asyncio.timeout(WAIT):
        await asyncio.gather(*(c.acknowledged(i) for c, i in zip(clients, ids, strict=True)))
    too_many = clients[0].answer("plusieurs", ChoicesBody([0, 1, 2, 3]))
    with pytest.raises(AnswerRefused) as refused:
        await asyncio.wait_for(clients[0].acknowledged(too_many), WAIT)
    assert "de 1 à 3" in refused.value.message
    await remote.command("reveal", activity_id="plusieurs")
    async with asyncio.timeout(WAIT):
        await clients[1].wait_until(
            lambda c: (
                c.snapshot is not None
                and c.snapshot.activity is not None
                and c.snapshot.activity.status == "revealed"
            )
        )
    assert clients[1].snapshot is not None and clients[1].snapshot.activity is not None
    activity = clients[1].snapshot.activity
    assert activity.correct_choices == [0, 2] and activity.multiple
    results = activity.results
    assert isinstance(results, ChoiceCountsView)
    assert results.counts == [3, 0, 2, 1] and results.respondents == 3
    for client in clients:
        await client.close()
    await remote.close()


async def test_a_timed_activity_counts_down_and_the_room_closes_it(served: Served) -> None:
    (client,) = await _clients(served, 1)
    remote = await served.remote()
    await _open(remote, [client], "minute")
    assert client.snapshot is not None and client.snapshot.activity is not None
    remaining = client.snapshot.activity.remaining
    assert client.snapshot.activity.timer == 5
    assert remaining is not None and 0 < remaining <= 5
    # Nobody closes it: the room does, at zero, and every tablet hears it.
    async with asyncio.timeout(WAIT):
        await client.wait_until(
            lambda c: (
                c.snapshot is not None
                and c.snapshot.activity is not None
                and c.snapshot.activity.status == "closed"
            )
        )
    assert served.live.room.status("minute") == "closed"
    assert client.snapshot.activity is not None and client.snapshot.activity.remaining is None
    answer_id = client.answer("minute", ChoiceBody(0))
    with pytest.raises(AnswerRefused):
        await asyncio.wait_for(client.acknowledged(answer_id), WAIT)
    await client.close()
    await remote.close()
