"""Every language says everything: the same keys in every catalogue (windows, command line and
web pages alike), the same {placeholders}, and a text for every error the room can send."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fphkiosk.core.i18n import DEFAULT_LANGUAGE, load_catalogues
from fphkiosk.core.room_errors import RejectionCode
from fphkiosk.paths import assets_dir

I18N = assets_dir() / "i18n"
REPO = Path(__file__).resolve().parents[2]
LANGUAGES = sorted(p.name for p in I18N.iterdir() if p.is_dir())
PLACEHOLDER = re.compile(r"\{(\w+)\}")
SENT_CODE = re.compile(r'(?:_refuse|_wrong_code|ProtocolError)\([^")]*"([a-z_]+)"')


def _files(language: str) -> dict[str, dict[str, str]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((I18N / language).glob("*.json"))
    }


def _error_codes() -> set[str]:
    """The codes docs/protocol.md lists, the room's refusals, and those the server sends."""
    doc = (REPO / "docs" / "protocol.md").read_text(encoding="utf-8")
    section = doc.split("## Error codes", 1)[1].split("\n## ", 1)[0]
    codes = set(re.findall(r"`([a-z_]+)`", section))
    codes |= {code.value for code in RejectionCode}
    for path in (REPO / "fphkiosk" / "net").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        codes |= set(SENT_CODE.findall(source))
    return codes


def test_french_and_english_are_both_shipped() -> None:
    assert {"fr", "en"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE])
def test_every_catalogue_has_the_same_files_keys_and_placeholders_as_french(
    language: str,
) -> None:
    french, other = _files(DEFAULT_LANGUAGE), _files(language)
    assert set(other) == set(french)
    # The web pages' catalogues are among them: the windows, the command line and the pages
    # are checked alike.
    assert {"web.json", "remote.json", "cli.json", "audience.json", "console.json"} <= set(french)
    for name, texts in french.items():
        assert set(other[name]) == set(texts), name
        for key, text in texts.items():
            translated = other[name][key]
            assert translated.strip(), (name, key)
            assert set(PLACEHOLDER.findall(translated)) == set(PLACEHOLDER.findall(text)), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_error_code_has_a_text(language: str) -> None:
    catalogue = load_catalogues(I18N)[language]
    codes = _error_codes()
    assert len(codes) >= 20
    missing = {
        code
        for code in codes
        if f"room.error.{code}" not in catalogue and f"room.rejected.{code}" not in catalogue
    }
    assert missing == set()


def test_a_key_lives_in_one_file_only() -> None:
    seen: dict[str, str] = {}
    for name, texts in _files(DEFAULT_LANGUAGE).items():
        for key in texts:
            assert key not in seen, f"{key} in {seen.get(key)} and {name}"
            seen[key] = name
