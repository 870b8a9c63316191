"""Shared test set-up: Qt runs offscreen, so the suite needs no display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fphkiosk.core.i18n import Translator, load_translator
from fphkiosk.paths import assets_dir, bundled_deck_dir

REPO = Path(__file__).resolve().parents[1]

# The real room on loopback (`served`), shared by the server, UI and web tests.
pytest_plugins = ["tests.room_fixture"]


@pytest.fixture(scope="session")
def tr() -> Translator:
    return load_translator(assets_dir() / "i18n", "fr")


@pytest.fixture(scope="session")
def bundled_deck_path() -> Path:
    return bundled_deck_dir()
