"""Audience mode under a real window manager (Openbox on Xvfb), driven by keys as a user would.

"Show desktop" (Super+D), a switch to another workspace and bringing another window forward must
each leave the locked window on screen and active again at once. Xvfb, Openbox and xdotool are
Debian packages (.ci/run installs them); without them the test cannot run and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
WAIT = 20.0
TOOLS = ("Xvfb", "openbox", "xdotool")


@dataclass
class Desktop:
    env: dict[str, str]
    kiosk: int
    other: int

    def xdotool(self, *args: str) -> str:
        try:
            done = subprocess.run(
                ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=WAIT
            )
        except subprocess.TimeoutExpired:
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    def active(self) -> int:
        value = self.xdotool("getactivewindow")
        return int(value) if value.isdigit() else 0

    def visible(self, window: int) -> bool:
        return str(window) in self.xdotool("search", "--onlyvisible", "--name", ".").split()


def _until(condition: Callable[[], bool]) -> bool:
    """Poll *condition* for up to WAIT seconds (a bound on a hang, not a measurement)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (installed by .ci/run)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    processes: list[subprocess.Popen[str] | subprocess.Popen[bytes]] = [xvfb]
    try:
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        processes.append(
            subprocess.Popen(
                ["openbox", "--sm-disable"], env=env, stderr=subprocess.DEVNULL, cwd=tmp_path
            )
        )
        probe = Desktop(env, 0, 0)
        assert _until(lambda: probe.xdotool("get_num_desktops").isdigit()), "openbox did not start"
        if int(probe.xdotool("get_num_desktops")) < 2:
            probe.xdotool("set_num_desktops", "2")
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.audience.kiosk_child"],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        processes.append(child)
        assert child.stdout is not None
        words = child.stdout.readline().split()
        assert words[:1] == ["ready"], words
        yield Desktop(env, int(words[1]), int(words[2]))
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_the_kiosk_takes_the_screen_back_under_openbox(desktop: Desktop) -> None:
    assert _until(lambda: desktop.active() == desktop.kiosk)

    desktop.xdotool("windowactivate", str(desktop.other))  # what Alt+Tab does
    assert _until(lambda: desktop.active() == desktop.kiosk)
    desktop.xdotool("key", "alt+Tab")
    assert _until(lambda: desktop.active() == desktop.kiosk)

    desktop.xdotool("key", "super+d")  # Openbox's "show desktop"
    assert _until(lambda: desktop.active() == desktop.kiosk and desktop.visible(desktop.kiosk))

    desktop.xdotool("set_desktop", "1")  # another workspace: the kiosk comes along
    assert _until(lambda: desktop.active() == desktop.kiosk and desktop.visible(desktop.kiosk))
