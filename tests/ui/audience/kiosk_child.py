"""A locked audience window, and a plain one beside it, for the window-manager test.

Run as ``python -m tests.ui.audience.kiosk_child`` on a display; prints ``ready KIOSK OTHER`` (the
two X window ids) once both are shown, then runs until killed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from fphkiosk.core.i18n import load_translator
from fphkiosk.paths import assets_dir
from fphkiosk.ui.audience.kiosk import KioskLock
from fphkiosk.ui.audience.window import AudienceWindow
from fphkiosk.ui.slides.fonts import register_fonts


def main() -> int:
    app = QApplication(sys.argv[:1])
    tr = load_translator(assets_dir() / "i18n", "fr")
    other = QLabel("Autre fenêtre")
    other.setWindowTitle("autre-fenetre")
    other.resize(300, 200)
    other.show()
    window = AudienceWindow(tr, family=register_fonts(), show_quit=True)
    lock = KioskLock(window, "4821", tr)
    lock.show()

    def ready() -> None:
        print(f"ready {int(window.winId())} {int(other.winId())}", flush=True)

    QTimer.singleShot(500, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
