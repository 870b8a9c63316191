"""Typed deck errors: where (file and line), what is wrong and what to write instead.

The loader never formats text itself: each issue carries a message key and its parameters, and the
edge (command line, dialog) renders it with the translator, so the same error reads in French or
English and the core stays free of interface text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Translate = Callable[..., str]


@dataclass(frozen=True)
class DeckIssue:
    file: Path
    line: int
    key: str
    """Translation key of the message; ``<key>.hint`` says what to write instead."""
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, tr: Translate, base: Path | None = None) -> str:
        where = self.file
        if base is not None:
            try:
                where = self.file.resolve().relative_to(base.resolve())
            except ValueError:
                where = self.file
        # Parameters that name a type or a part of the deck are words to translate too.
        params = dict(self.params)
        for name in ("expected", "what"):
            if name in params:
                params[name] = tr(f"deck.{name}.{params[name]}")
        message = tr(f"deck.{self.key}", **params)
        hint = tr(f"deck.{self.key}.hint", **params)
        return f"{where}:{self.line}: {message}\n    → {hint}"


class DeckError(Exception):
    """A deck that cannot be used, with every problem found in one pass."""

    def __init__(self, issues: Sequence[DeckIssue]):
        self.issues = tuple(sorted(issues, key=lambda i: (str(i.file), i.line)))
        super().__init__("; ".join(f"{i.file}:{i.line}: {i.key}" for i in self.issues))

    def render(self, tr: Translate, base: Path | None = None) -> str:
        return "\n".join(issue.render(tr, base) for issue in self.issues)
