"""The check of Qt's X11 libraries that runs before any window: what it finds, what it prints."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from unittest.mock import create_autospec

import pytest

from fphkiosk.display_libraries import (
    XCB_PLUGIN_LIBRARIES,
    CanLoad,
    can_load,
    check_display_libraries,
    missing_xcb_libraries,
    xcb_will_be_used,
)

REPO = Path(__file__).resolve().parents[1]
LIBRARY_DIR = Path("/usr/lib/x86_64-linux-gnu")


def loader_without(*absent: str) -> CanLoad:
    lookup = create_autospec(can_load, side_effect=lambda name: name not in absent)
    return lookup  # type: ignore[no-any-return]


def test_every_missing_library_is_named_with_its_package_once() -> None:
    missing = missing_xcb_libraries(
        loader_without("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libgthread-2.0.so.0",
                       "libglib-2.0.so.0")
    )  # fmt: skip
    assert missing is not None
    assert missing.files == (
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libglib-2.0.so.0", "libgthread-2.0.so.0",
    )  # fmt: skip
    # Two files of one package: the package is named once.
    assert missing.apt_command == "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libglib2.0-0"


def test_each_library_is_asked_of_the_loader() -> None:
    lookup = create_autospec(can_load, side_effect=lambda name: True)
    assert missing_xcb_libraries(lookup) is None
    assert [call.args[0] for call in lookup.call_args_list] == list(XCB_PLUGIN_LIBRARIES)


def test_this_machine_has_every_library_the_plugin_needs() -> None:
    # The real loader: CI installs the libraries (.ci/run), so none may be missing here.
    assert missing_xcb_libraries() is None
    assert not can_load("libxcb-nothing-by-that-name.so.9")


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, "linux", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_the_check_runs_only_where_qt_loads_its_x11_plugin(
    environ: dict[str, str], platform: str, expected: bool
) -> None:
    assert xcb_will_be_used(environ, platform) is expected
    result = check_display_libraries(environ, loader_without("libxcb-cursor.so.0"), platform)
    assert (result is not None) is expected


def _plugin_links_against() -> set[str]:
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    wheel = str(Path(PySide6.__file__).parent)
    return {
        line.split()[0]
        for line in out.splitlines()
        if "=>" in line and wheel not in line and "/libc.so" not in line
    }


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd lists the plugin's libraries")
def test_the_table_covers_what_the_xcb_plugin_links_against() -> None:
    # The C and C++ runtime and their own dependencies come with any desktop; the rest must be
    # in the table, or a missing one would abort Qt after the check said all was well.
    base = {
        "libstdc++.so.6", "libm.so.6", "libgcc_s.so.1", "libc.so.6", "libz.so.1",
        "libXau.so.6", "libXdmcp.so.6", "libpcre2-8.so.0", "libGLdispatch.so.0", "libGLX.so.0",
        "libzstd.so.1", "libbsd.so.0", "libexpat.so.1", "libpng16.so.16", "libbrotlidec.so.1",
        "libbrotlicommon.so.1", "libpthread.so.0", "libdl.so.2", "libmd.so.0", "libsystemd.so.0",
        "libcap.so.2", "libgcrypt.so.20", "liblzma.so.5", "liblz4.so.1", "libgpg-error.so.0",
    }  # fmt: skip
    assert _plugin_links_against() - base <= set(XCB_PLUGIN_LIBRARIES)


def _unshare_can_bind() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _unshare_can_bind(), reason="hiding a library needs a mount namespace")
def test_present_without_the_libraries_prints_the_apt_line_and_exits_2(tmp_path: Path) -> None:
    # A fresh desktop, for this process alone: the libraries are hidden behind empty files in a
    # private mount namespace, so the real loader fails to load them, as it would without them.
    hidden = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    binds = " && ".join(
        f"mount --bind /dev/null {(LIBRARY_DIR / name).resolve()}" for name in hidden
    )
    command = (
        f"{binds} && exec {sys.executable} -m fphkiosk present --windowed --port 0 "
        f"--session {tmp_path / 's.fphk'}"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"}
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", command],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in result.stderr
    assert "Qt ne peut pas ouvrir de fenêtre" in result.stderr
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr
    assert not list(tmp_path.iterdir())
