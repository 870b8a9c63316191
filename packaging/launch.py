"""Entry point of the desktop bundle: the ``fphkiosk`` command, with no Python installed.

fphkiosk starts some helpers as ``sys.executable -m MODULE`` (rehearsal participants, the bench's
servers and load generators). In the bundle ``sys.executable`` is this program, so it answers
``-m MODULE ARGS...`` the way Python would. Started with no argument (a double-click on
``fphkiosk.exe``), it opens presenter mode on the bundled course.
"""

from __future__ import annotations

import multiprocessing
import runpy
import sys


def run() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "-m":
        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return 0
    from fphkiosk.cli import main

    return main(sys.argv[1:] or ["present"])


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(run())
