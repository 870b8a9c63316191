"""The system libraries Qt's X11 platform plugin needs, checked before Qt starts.

On a fresh Debian or Ubuntu desktop, some of the small xcb libraries that PySide6's ``xcb`` plugin
links against are not installed; Qt then prints a line about a missing "xcb-cursor0" and the
process aborts. This module finds every missing one first, by asking the dynamic loader for each
library the plugin links against (``ldd libqxcb.so`` lists them), and names the Debian packages
that bring them, so the trainer gets one ``apt-get install`` line. It imports no Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

CanLoad = Callable[[str], bool]
"""Whether the dynamic loader finds and loads the library of this file name (soname)."""

# What PySide6's libqxcb.so and libQt6XcbQpa.so.6 link against outside the wheel, and the Debian
# and Ubuntu package that ships each file (the same names on both).
XCB_PLUGIN_LIBRARIES: Mapping[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


@dataclass(frozen=True)
class MissingLibraries:
    """The libraries the loader could not find, and the packages that bring them."""

    files: tuple[str, ...]
    packages: tuple[str, ...]

    @property
    def apt_command(self) -> str:
        return "sudo apt-get install " + " ".join(self.packages)


def can_load(soname: str) -> bool:
    """Ask the dynamic loader, as Qt will: the library and what it needs must load."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def xcb_will_be_used(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt is going to load its X11 (xcb) plugin in this environment."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        # "xcb", or a fallback list such as "wayland;xcb".
        return "xcb" in chosen.split(";")
    # Qt prefers its Wayland plugin on a Wayland session; the X11 one is the default otherwise.
    return not (environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"))


def missing_xcb_libraries(can_load: CanLoad = can_load) -> MissingLibraries | None:
    """The xcb plugin's libraries that cannot be loaded, or None when all are there."""
    files = tuple(name for name in XCB_PLUGIN_LIBRARIES if not can_load(name))
    if not files:
        return None
    packages = tuple(dict.fromkeys(XCB_PLUGIN_LIBRARIES[name] for name in files))
    return MissingLibraries(files, packages)


def check_display_libraries(
    environ: Mapping[str, str] | None = None,
    can_load: CanLoad = can_load,
    platform: str = sys.platform,
) -> MissingLibraries | None:
    """What the windows about to open lack, or None (nothing lacking, or no xcb to load)."""
    if not xcb_will_be_used(os.environ if environ is None else environ, platform):
        return None
    return missing_xcb_libraries(can_load)
