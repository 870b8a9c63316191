"""One translation function for every string a user reads.

Messages are looked up by key in JSON catalogues (``assets/i18n/<lang>.json``). French is the
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

    def __init__(self, catalogues: Mapping[str, Mapping[str, str]], language: str = DEFAULT_LANGUAGE):
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


def load_translator(directory: Path, language: str = DEFAULT_LANGUAGE) -> Translator:
    """Read every ``<lang>.json`` catalogue in *directory*."""
    catalogues: dict[str, dict[str, str]] = {}
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        catalogues[path.stem] = {str(k): str(v) for k, v in data.items()}
    return Translator(catalogues, language)
