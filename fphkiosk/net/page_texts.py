"""The web pages' texts, from the same catalogues as the windows and the command line.

Each page reads the keys of its own area (``web.*`` for the participant page, ``remote.*`` for the
trainer's remote), without that prefix, and the texts of every error the room may send, by error
code, so that a refusal shows in the page's language rather than the room's. A language is any
folder of ``assets/i18n`` that has the page's catalogue: adding one needs no code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from fphkiosk.core.i18n import DEFAULT_LANGUAGE

PAGES = ("web", "remote")
ERROR_PREFIXES = ("room.error.", "room.rejected.")
LANGUAGE_NAME = "web.language.name"


@dataclass(frozen=True)
class PageTexts:
    """One page's texts in one language: ``texts`` by key, ``errors`` by error code."""

    texts: Mapping[str, str]
    errors: Mapping[str, str]

    def as_json(self) -> dict[str, object]:
        return {"texts": dict(self.texts), "errors": dict(self.errors)}


def page_languages(catalogues: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Each language the pages can speak, by code, with its own name ("Français", "English")."""
    return {
        language: catalogue[LANGUAGE_NAME]
        for language, catalogue in sorted(catalogues.items())
        if LANGUAGE_NAME in catalogue
    }


def page_texts(catalogues: Mapping[str, Mapping[str, str]], page: str, language: str) -> PageTexts:
    """*page*'s texts in *language*; a key it lacks is taken from French, as everywhere else."""
    merged = {**catalogues[DEFAULT_LANGUAGE], **catalogues.get(language, {})}
    prefix = page + "."
    texts = {key[len(prefix) :]: text for key, text in merged.items() if key.startswith(prefix)}
    errors: dict[str, str] = {}
    for error_prefix in ERROR_PREFIXES:
        for key, text in merged.items():
            if key.startswith(error_prefix):
                errors.setdefault(key[len(error_prefix) :], text)
    return PageTexts(texts, errors)


def room_language(catalogues: Mapping[str, Mapping[str, str]], *preferred: str) -> str:
    """The first of *preferred* (the deck's language, then --lang) the pages can speak."""
    languages = page_languages(catalogues)
    for language in preferred:
        if language in languages:
            return language
    return DEFAULT_LANGUAGE


def script_json(value: object) -> str:
    """*value* as JSON that can sit inside an HTML ``<script type="application/json">``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
