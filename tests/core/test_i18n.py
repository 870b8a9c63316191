"""One translation function, French by default, English falls back to French."""

from __future__ import annotations

import json
from pathlib import Path

from fphkiosk.core.i18n import Translator, load_translator
from fphkiosk.paths import assets_dir


def test_lookup_fallback_and_parameters() -> None:
    tr = Translator({"fr": {"a": "Bonjour {nom}", "b": "Oui"}, "en": {"a": "Hello {nom}"}}, "en")
    assert tr("a", nom="Zoé") == "Hello Zoé"
    assert tr("b") == "Oui"
    assert tr("inconnue") == "inconnue"
    assert tr("a") == "Hello {nom}"
    assert Translator({"fr": {}}, "de").language == "fr"


def test_catalogues_are_valid_and_english_keys_exist_in_french() -> None:
    directory = assets_dir() / "i18n"
    french = load_translator(directory, "fr")
    for path in (directory / "en").glob("*.json"):
        for key in json.loads(path.read_text(encoding="utf-8")):
            assert french.has(key), f"{path.name}: {key} has no French text"


def test_shipped_catalogues_are_utf8_json(tmp_path: Path) -> None:
    files = list((assets_dir() / "i18n").rglob("*.json"))
    assert files
    for path in files:
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)
