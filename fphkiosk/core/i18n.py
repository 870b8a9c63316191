"""One translation function for every string a user reads.

Messages are looked up by key in JSON catalogues (``assets/i18n/<lang>/<area>.json``, one file per
area of the application, merged at load; keys are prefixed by their area). French is the
reference language: a key missing from another catalogue falls back to French, and a key missing
everywhere shows itself, so a forgotten translation is visible but never crashes the screen.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

DEFAULT_LANGUAGE = "fr"


class Translator:
    """Turns a message key and its parameters into text in the chosen language."""

    def __init__(
        self, catalogues: Mapping[str, Mapping[str, str]], language: str = DEFAULT_LANGUAGE
    ):
        if DEFAULT_LANGUAGE not in catalogues:
            raise ValueError("the French catalogue is required")
        self._catalogues = catalogues
        self.language = language if language in catalogues else DEFAULT_LANGUAGE

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self._catalogues))

    def has(self, key: str) -> bool:
        return key in self._catalogues[DEFAULT_LANGUAGE]

    def __call__(self, key: str, /, **params: object) -> str:
        template = self._catalogues[self.language].get(key)
        if template is None:
            template = self._catalogues[DEFAULT_LANGUAGE].get(key, key)
        if not params:
            return template
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template


def load_catalogues(directory: Path) -> dict[str, dict[str, str]]:
    """Every ``<lang>/*.json`` file under *directory*, merged per language."""
    catalogues: dict[str, dict[str, str]] = {}
    for language_dir in sorted(p for p in directory.iterdir() if p.is_dir()):
        merged = catalogues.setdefault(language_dir.name, {})
        for path in sorted(language_dir.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            merged.update({str(k): str(v) for k, v in data.items()})
    return catalogues


def load_translator(directory: Path, language: str = DEFAULT_LANGUAGE) -> Translator:
    return Translator(load_catalogues(directory), language)
