"""Every export message exists in French and English; French typography is kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fphkiosk.paths import assets_dir

PACKAGE = Path(__file__).resolve().parents[2] / "fphkiosk" / "export"
_KEY = re.compile(r"""["'](export\.[a-z_]+\.[a-z_]+)["']""")


def _catalogue(language: str) -> dict[str, str]:
    data = json.loads((assets_dir() / "i18n" / language / "export.json").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_key_used_is_translated() -> None:
    used = {k for p in PACKAGE.glob("*.py") for k in _KEY.findall(p.read_text("utf-8"))}
    # Keys built at run time: export.kind.<kind>, export.status.<status>, export.col.<column>...
    assert len(used) > 30
    french, english = _catalogue("fr"), _catalogue("en")
    assert set(french) == set(english)
    assert used <= set(french), used - set(french)


def test_french_punctuation_has_its_no_break_space() -> None:
    for key, text in _catalogue("fr").items():
        if key == "export.purge.question":
            continue  # typed at a terminal prompt, as the issue words it
        assert not re.search(r" [:?!»]|« ", text), key
