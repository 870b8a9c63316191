"""The `fphkiosk` command: check, its JSON outline, and present on good and bad decks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fphkiosk.app import FIRST_PAINT_MARK
from fphkiosk.cli import EXIT_OK, EXIT_USAGE, main

REPO = Path(__file__).resolve().parents[1]

GOOD = """\
---
title: Cours d'essai
---
# Bienvenue

Bonjour.

Notes:
Dire bonjour.
---
# Question

```poll
id: essai
question: Ça va ?
choices: [Oui, Non]
```
"""

BAD = """\
---
title: Cours cassé
---
# Bienvenue

```poll
id: Pas Bon
question: Ça va ?
choices: [Oui]
```
"""


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.md").write_text(text, encoding="utf-8")
    return folder


def test_check_accepts_a_good_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(write(tmp_path / "bon", GOOD))]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Présentation valide" in out
    assert "diapositives : 2" in out
    assert "essai" in out


def test_check_json_is_the_outline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(write(tmp_path / "bon", GOOD))]) == EXIT_OK
    outline = json.loads(capsys.readouterr().out)
    assert isinstance(outline, dict)
    text = json.dumps(outline, ensure_ascii=False)
    assert "Cours d'essai" in text
    assert "essai" in text


def test_check_rejects_a_bad_deck_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(write(tmp_path / "mauvais", BAD))]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "La présentation contient" in err
    assert "deck.md:" in err
    assert "Traceback" not in err


def test_present_on_a_bad_deck_exits_2_with_the_french_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["present", "--windowed", str(write(tmp_path / "mauvais", BAD))]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "La présentation contient" in err
    assert "Identifiant invalide" in err


def test_present_on_a_missing_deck_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["present", str(tmp_path / "nulle-part")]) == EXIT_USAGE
    assert "Présentation introuvable" in capsys.readouterr().err


def test_the_benchmark_flag_is_hidden(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["present", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--windowed", "--session", "--port", "--host", "--headless", "--info-file"):
        assert option in out
    assert "8765" in out
    assert "first-paint" not in out


def test_present_runs_on_the_qasync_loop_until_the_first_paint(tmp_path: Path) -> None:
    """The real command in its own process: windows, event loop and the benchmark's exit."""
    deck = write(tmp_path / "bon", GOOD)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fphkiosk",
            "present",
            "--windowed",
            "--exit-after-first-paint",
            "--port",
            "0",
            "--session",
            str(tmp_path / "session.fphk"),
            str(deck),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == EXIT_OK, result.stderr
    [mark] = [line for line in result.stdout.splitlines() if line.startswith(FIRST_PAINT_MARK)]
    painted_at = float(mark.split()[-1])
    assert started < painted_at < time.time()
    # The room ran on the same loop: its session file was created and closed.
    assert (tmp_path / "session.fphk").is_file()
