"""Sessions recorded through the real room server, with answers known in advance (ground truth).

A deck in a temporary folder carries a poll with a correct answer, a quiz, a best-worst poll, a
yes/no scale, a poll that only three people answer and one that is never opened. Real participant
clients join over loopback, a presenter remote opens, closes and reveals, and the answers below are
sent and acknowledged: the session file is then exactly what a day in the room leaves behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.net.client import ParticipantClient
from fphkiosk.net.limits import ServerLimits
from fphkiosk.net.protocol import AnswerBody, BestWorstBody, ChoiceBody, ScaleBody
from fphkiosk.net.server import RoomServer
from fphkiosk.room.live_room import LiveRoom
from tests.net.remote import Remote

WAIT = 15.0
TITLE = "Réseaux sociaux à l'hôpital"

DECK = """---
title: {title}
date: {date}
place: {place}
organizer: ANFH Lorraine
---
# Accueil

Bienvenue.
---
# Les tweets des CHU

```poll
id: tweets
question: Combien de tweets les CHU ont-ils publié en 2020 ?
choices: ["2 600", "27 900", "8 560 000"]
correct: "27 900"
```
---
# Quiz

```quiz
id: rgpd
question: "Les échanges par messagerie doivent être conformes au :"
choices: [Code de la route, Code civil, RGPD]
correct: 3
```
---
# Meilleure et pire

```poll
id: actions
mode: best-worst
question: Que faire de ce contenu ?
choices: [Signaler, Commenter, Ignorer, Partager]
prompts: ["La meilleure ?", "La pire ?"]
```
---
# Échelle

```scale
id: stress
file: scales/stress.yaml
```
---
# Petit groupe

```poll
id: petit
question: Qui a un compte LinkedIn ?
choices: [Oui, Non]
```
---
# Jamais lancé

```poll
id: jamais
question: Question jamais posée ?
choices: [A, B]
```
"""

SCALE = """title: Échelle de stress numérique
instructions: 1 point par « oui ».
options:
  - {label: Non, points: 0}
  - {label: Oui, points: 1}
items:
  - Je consulte mon téléphone au réveil ?
  - Je publie chaque jour ?
  - Je me sens mal sans réseau ?
  - Je dors moins à cause des écrans ?
bands:
  - {min: 0, max: 1, label: Faible, advice: Rien à signaler.}
  - {min: 2, max: 3, label: Moyen, advice: Restez attentif.}
  - {min: 4, max: 4, label: Élevé, advice: Faites une pause.}
"""


@dataclass(frozen=True)
class Plan:
    """Who answers what: per activity, (participant number, answer) in sending order."""

    place: str
    date: str
    participants: int
    answers: dict[str, list[tuple[int, AnswerBody]]] = field(default_factory=dict)

    def final(self, activity_id: str) -> dict[int, AnswerBody]:
        """The answer that counts for each participant: the last one sent."""
        return dict(self.answers.get(activity_id, []))


def _choices(*pairs: tuple[int, int]) -> list[tuple[int, AnswerBody]]:
    return [(who, ChoiceBody(choice)) for who, choice in pairs]


def nancy_plan() -> Plan:
    """12 participants; small cells and a secondary suppression are bound to appear."""
    tweets = [1, 1, 1, 1, 1, 1, 1, 1, 0, 2, 2, 2]  # 8 / 1 / 3: two small cells
    quiz = [2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]  # 0 / 5 / 7: nothing hidden, a zero shown
    best = [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 3]  # 6 / 0 / 5 / 1: one small -> 5 hidden too
    worst = [3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1]  # 0 / 7 / 0 / 5
    scale = [  # yes per item: 12, 6, 2, 9
        [1, 1, 1, 1],
        [1, 1, 1, 1],
        [1, 1, 0, 1],
        [1, 1, 0, 1],
        [1, 1, 0, 1],
        [1, 1, 0, 1],
        [1, 0, 0, 1],
        [1, 0, 0, 1],
        [1, 0, 0, 1],
        [1, 0, 0, 0],
        [1, 0, 0, 0],
        [1, 0, 0, 0],
    ]
    answers: dict[str, list[tuple[int, AnswerBody]]] = {
        # Participant 0 first says 2 600, then changes to 27 900: the last answer counts.
        "tweets": _choices((0, 0), *enumerate(tweets)),
        "rgpd": _choices(*enumerate(quiz)),
        "actions": [
            (i, BestWorstBody(b, w)) for i, (b, w) in enumerate(zip(best, worst, strict=True))
        ],
        "stress": [(i, ScaleBody(options)) for i, options in enumerate(scale)],
        "petit": _choices((0, 0), (1, 0), (2, 1)),
    }
    return Plan("Domaine de l'Asnée, Villers-lès-Nancy", "21 novembre 2023", 12, answers)


def metz_plan() -> Plan:
    """8 participants, another place and day: a second session of the same course to compare."""
    answers: dict[str, list[tuple[int, AnswerBody]]] = {
        "tweets": _choices(*enumerate([1, 1, 1, 1, 1, 1, 2, 2])),
        "rgpd": _choices(*enumerate([2, 2, 2, 2, 2, 2, 2, 2])),
        "actions": [(i, BestWorstBody(0, 3)) for i in range(8)],
        "stress": [(i, ScaleBody([1, 0, 0, 0] if i < 5 else [1, 1, 1, 1])) for i in range(8)],
    }
    return Plan("CHR Metz-Thionville", "5 décembre 2023", 8, answers)


def write_deck(folder: Path, plan: Plan, title: str = TITLE) -> Deck:
    (folder / "scales").mkdir(parents=True, exist_ok=True)
    (folder / "scales" / "stress.yaml").write_text(SCALE, encoding="utf-8")
    text = DECK.format(title=title, date=plan.date, place=plan.place)
    (folder / "deck.md").write_text(text, encoding="utf-8")
    return load_deck(folder)


async def record(deck: Deck, plan: Plan, session_path: Path, tr: Translator) -> None:
    """Run the room, play *plan* through real clients, and close the session file."""
    live = await LiveRoom.open(deck, session_path)
    server = RoomServer(
        live, tr, ServerLimits(connections_per_address=100, participants_per_address=100)
    )
    await server.start("127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.port}/ws"
    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    clients = [
        ParticipantClient(url, live.room_code, session=http) for _ in range(plan.participants)
    ]
    try:
        for client in clients:
            await client.start()
        async with asyncio.timeout(WAIT):
            await asyncio.gather(*(c.joined() for c in clients))
        remote = await Remote.connect(http, url, live.presenter_secret)
        for activity_id, answers in plan.answers.items():
            await remote.command("open", activity_id=activity_id)
            async with asyncio.timeout(WAIT):
                await asyncio.gather(*(c.wait_until(_sees_open(activity_id)) for c in clients))
                for who, body in answers:
                    answer_id = clients[who].answer(activity_id, body)
                    await clients[who].acknowledged(answer_id)
            await remote.command("reveal", activity_id=activity_id)
            async with asyncio.timeout(WAIT):
                await asyncio.gather(
                    *(c.wait_until(_sees(activity_id, "revealed")) for c in clients)
                )
        await remote.close()
    finally:
        for client in clients:
            await client.close()
        await http.close()
        await server.stop()
        await live.close()


def _sees_open(activity_id: str) -> Callable[[ParticipantClient], bool]:
    return _sees(activity_id, "open")


def _sees(activity_id: str, status: str) -> Callable[[ParticipantClient], bool]:
    def check(client: ParticipantClient) -> bool:
        snapshot = client.snapshot
        activity = None if snapshot is None else snapshot.activity
        return activity is not None and activity.id == activity_id and activity.status == status

    return check
