"""Ctrl+C in the terminal ends presenter mode like the console's quit: the session is closed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_sigint_closes_the_session_as_ended(tmp_path: Path) -> None:
    session = tmp_path / "seance.fphk"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fphkiosk",
            "present",
            "--windowed",
            "--port",
            "0",
            "--session",
            str(session),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        # The second line says the room listens: the windows and the loop are up.
        lines = [process.stdout.readline() for _ in range(2)]
        assert "code de la salle" in lines[1], lines
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    db = sqlite3.connect(session)
    try:
        [(ended,)] = db.execute("SELECT ended_at FROM session").fetchall()
    finally:
        db.close()
    assert ended
