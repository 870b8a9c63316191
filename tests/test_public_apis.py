"""The package uses the public APIs of Python, asyncio, aiohttp and Qt only.

An attribute with a leading underscore reached on another object (``obj._name``, or through
``getattr``) must be one the package defines itself; nothing private is imported from a library.
"""

from __future__ import annotations

import ast
from pathlib import Path

import fphkiosk

PACKAGE = Path(fphkiosk.__file__).parent
LIBRARIES = ("asyncio", "aiohttp", "PySide6", "qasync", "shiboken6", "concurrent", "sqlite3")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}


def _own_names(trees: dict[Path, ast.Module]) -> set[str]:
    """Every underscored name the package defines: its own attributes, functions, classes."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                names.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return {name for name in names if _private(name)}


def _foreign_private_uses(path: Path, tree: ast.Module, own: set[str]) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
            found.append(f"{where} .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
            and node.args[1].value not in own
        ):
            found.append(f"{where} {node.func.id}(..., {node.args[1].value!r})")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(LIBRARIES):
            module_parts = (node.module or "").split(".")
            private = [a.name for a in node.names if _private(a.name)]
            if private or any(_private(part) for part in module_parts):
                found.append(f"{where} from {node.module} import {private}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if alias.name.startswith(LIBRARIES) and any(_private(p) for p in parts):
                    found.append(f"{where} import {alias.name}")
    return found


def test_no_private_attribute_of_a_library_is_used() -> None:
    trees = _trees()
    own = _own_names(trees)
    found = [use for path, tree in trees.items() for use in _foreign_private_uses(path, tree, own)]
    assert found == []


def test_the_scan_finds_what_it_looks_for() -> None:
    sample = ast.parse(
        "import asyncio\n"
        "from aiohttp.http_writer import _serialize_headers\n"
        "def f(waiting, ws):\n"
        "    waiting._asyncio_future_blocking = False\n"
        "    getattr(ws, '_writer')\n"
        "    ws._writer.transport\n"
    )
    found = _foreign_private_uses(PACKAGE / "sample.py", sample, own=_own_names({}))
    assert len(found) == 4, found
    assert any("_asyncio_future_blocking" in use for use in found)
