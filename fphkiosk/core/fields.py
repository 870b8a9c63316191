"""Typed reading of a YAML mapping that records a located issue for each bad field."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fphkiosk.core.deck_errors import DeckIssue
from fphkiosk.core.yaml_lines import LineMap


class IssueLog:
    """Collects the issues of one load so that the trainer sees them all at once."""

    def __init__(self) -> None:
        self.issues: list[DeckIssue] = []

    def add(self, file: Path, line: int, key: str, **params: object) -> None:
        self.issues.append(DeckIssue(file, line, key, params))


class Fields:
    """Reads the fields of one block (`what` names it in messages: "poll", "bande", ...)."""

    def __init__(self, data: LineMap, file: Path, log: IssueLog, what: str):
        self.data = data
        self.file = file
        self.log = log
        self.what = what

    def line(self, key: str | None = None) -> int:
        return self.data.line if key is None else self.data.line_of(key)

    def issue(self, key: str | None, message: str, **params: object) -> None:
        self.log.add(self.file, self.line(key), message, what=self.what, **params)

    def only(self, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in self.data:
            if key not in allowed:
                self.issue(key, "unknown_field", field=key, allowed=", ".join(allowed))

    def _present(self, key: str, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                self.issue(None, "missing_field", field=key)
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._present(key, required)
        if value is None:
            return default
        if isinstance(value, (bool, dict, list)):
            self.issue(key, "wrong_type", field=key, expected="text")
            return default
        text = str(value).strip()
        if not text and required:
            self.issue(key, "empty_field", field=key)
        return text

    def integer(self, key: str, *, required: bool = True, default: int = 0) -> int:
        value = self._present(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.issue(key, "wrong_type", field=key, expected="integer")
            return default
        return value

    def number(self, key: str, *, required: bool = True, default: float = 0.0) -> float:
        value = self._present(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.issue(key, "wrong_type", field=key, expected="number")
            return default
        return float(value)

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self._present(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.issue(key, "wrong_type", field=key, expected="boolean")
            return default
        return value

    def text_list(self, key: str, *, required: bool = True) -> tuple[str, ...]:
        value = self._present(key, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.issue(key, "wrong_type", field=key, expected="list")
            return ()
        items: list[str] = []
        for element in value:
            if element is None or isinstance(element, (dict, list)) or not str(element).strip():
                self.issue(key, "empty_list_entry", field=key)
                continue
            items.append(str(element).strip())
        return tuple(items)

    def mapping_list(self, key: str, *, required: bool = True) -> list[LineMap]:
        value = self._present(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.issue(key, "wrong_type", field=key, expected="list")
            return []
        result: list[LineMap] = []
        for element in value:
            if isinstance(element, LineMap):
                result.append(element)
            else:
                self.issue(key, "wrong_type", field=key, expected="mapping_list")
        return result
