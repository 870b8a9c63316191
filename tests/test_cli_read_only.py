"""A session on read-only media: named as such, and `stats` still reads it.

The media is a real read-only file system: the session's folder bind-mounted read-only in a
mount namespace of the test's own (``unshare``), so no mount of the machine changes.
"""

from __future__ import annotations

import asyncio
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fphkiosk.core.room_answers import ChoiceAnswer
from fphkiosk.core.room_changes import OpenActivity, SubmitAnswer
from fphkiosk.room.live_room import LiveRoom
from tests.net.sample_deck import sample_deck

REPO = Path(__file__).resolve().parents[1]


def _read_only(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run *command* with *folder* mounted read-only (in a private mount namespace)."""
    quoted = shlex.quote(str(folder))
    script = (
        f"mount --bind {quoted} {quoted} && mount -o remount,bind,ro {quoted} && "
        f"touch {quoted}/probe 2>/dev/null && exit 99; exec {shlex.join(command)}"
    )
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


@pytest.fixture
def media(tmp_path: Path) -> Path:
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is needed to mount a read-only file system")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip("this system allows no private mount namespace")
    folder = tmp_path / "cle"
    folder.mkdir()
    return folder


async def _session(folder: Path, deck_folder: Path) -> Path:
    path = folder / "jour.fphk"
    live = await LiveRoom.open(sample_deck(deck_folder), path)
    await live.command(OpenActivity("sondage"))
    for n in range(4):
        token = live.tokens.issue()
        await live.submit_answer(SubmitAnswer(token, "sondage", f"a{n}", ChoiceAnswer(n % 3)))
    await live.close()
    return path


def test_stats_reads_a_session_on_read_only_media(media: Path, tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    session = asyncio.run(_session(media, deck))
    out = tmp_path / "export"
    done = _read_only(
        media,
        sys.executable, "-m", "fphkiosk", "stats", str(session),
        "--out", str(out), "--deck", str(deck), "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    statistics = json.loads((out / "statistiques.json").read_text(encoding="utf-8"))
    [poll] = [a for a in statistics["sessions"][0]["activities"] if a["id"] == "sondage"]
    assert poll["respondents"]["count"] == 4
    assert "n'est pas un fichier de session" not in done.stderr


def test_running_a_session_on_read_only_media_says_it_is_read_only(
    media: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "deck"
    session = asyncio.run(_session(media, deck))
    done = _read_only(
        media,
        sys.executable, "-m", "fphkiosk", "present", "--headless", "--host", "127.0.0.1",
        "--port", "0", "--session", str(session), str(deck),
    )  # fmt: skip
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "est en lecture seule" in done.stderr
    assert "n'est pas un fichier de session" not in done.stderr
    assert "Traceback" not in done.stderr
