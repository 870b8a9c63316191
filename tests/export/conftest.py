"""Two sessions of the same course, recorded once per test run through the real room server."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from tests.export.recorded import Plan, metz_plan, nancy_plan, record, write_deck


@dataclass(frozen=True)
class Recorded:
    deck: Deck
    plan: Plan
    session: Path


@dataclass(frozen=True)
class Recordings:
    nancy: Recorded
    metz: Recorded


@pytest.fixture(scope="session")
def recordings(tmp_path_factory: pytest.TempPathFactory, tr: Translator) -> Recordings:
    root = tmp_path_factory.mktemp("recorded")
    made = []
    for name, plan in (("nancy", nancy_plan()), ("metz", metz_plan())):
        deck = write_deck(root / f"deck-{name}", plan)
        session = root / f"{name}.fphk"
        asyncio.run(record(deck, plan, session, tr))
        made.append(Recorded(deck, plan, session))
    return Recordings(*made)


def copy_session(recorded: Recorded, folder: Path, name: str | None = None) -> Path:
    """A private copy of a recorded session, for tests that write into it (save, purge)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or recorded.session.name)
    shutil.copyfile(recorded.session, target)
    return target
