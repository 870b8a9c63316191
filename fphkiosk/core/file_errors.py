"""A file the user named that cannot be used: the base of the store's and the exports' errors."""

from __future__ import annotations

from pathlib import Path


class FileProblem(Exception):
    """``key`` and ``params`` make the user's message; ``path`` is in the params as text."""

    area = "error"
    """Prefix of the translation keys of a family of errors."""
    code = "failed"

    def __init__(self, path: Path, **params: object):
        self.path = path
        self.params: dict[str, object] = {"path": str(path), **params}
        super().__init__(f"{self.code}: {path} {params}")

    @property
    def key(self) -> str:
        return f"{self.area}.{self.code}"
