"""`core` imports neither Qt, aiohttp nor sqlite3 (DESIGN.md section 3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "fphkiosk" / "core"

PROBE = """
import importlib, sys
FORBIDDEN = {'PySide6', 'shiboken6', 'aiohttp', 'sqlite3', '_sqlite3', 'qasync'}
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in FORBIDDEN:
            raise ImportError('forbidden in core: ' + name)
        return None
sys.meta_path.insert(0, Blocker())
for name in sys.argv[1:]:
    importlib.import_module(name)
print('ok', len(sys.argv) - 1)
"""


def test_every_core_module_imports_without_qt_aiohttp_or_sqlite() -> None:
    modules = sorted(f"fphkiosk.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    assert len(modules) >= 5
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(modules)}"
