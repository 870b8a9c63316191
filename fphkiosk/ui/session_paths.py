"""Where a session file goes when the trainer does not choose one: the user's data folder.

One SQLite file per session, named for the moment it started (``2023-11-21_09-05-33.fphk``), in
``<AppDataLocation>/sessions/``. Qt knows each platform's data folder (XDG on Linux, Application
Support on macOS, AppData on Windows); only QtCore is used, so the headless runner needs no display.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from fphkiosk.storage.private_files import private_folder

APPLICATION_NAME = "fphkiosk"
SESSION_SUFFIX = ".fphk"
SESSIONS_FOLDER = "sessions"
_STAMP = "%Y-%m-%d_%H-%M-%S"


def sessions_dir() -> Path:
    """The folder of the sessions (not created here)."""
    # AppDataLocation ends with the application's name: without it, it would be the interpreter's.
    if QCoreApplication.applicationName() != APPLICATION_NAME:
        QCoreApplication.setApplicationName(APPLICATION_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / SESSIONS_FOLDER


def default_session_path(now: datetime | None = None, folder: Path | None = None) -> Path:
    """A new session file's path for *now* in *folder* (default: ``sessions_dir()``), created.

    The folder is created (mode 0700); the file is not (the session store creates it). Two
    sessions started in the same second get ``-2``, ``-3``... rather than sharing a file.
    """
    folder = folder or sessions_dir()
    # The application's own folder of sessions (secrets until purged): its owner's only.
    private_folder(folder)
    stamp = (now or datetime.now()).strftime(_STAMP)
    path = folder / f"{stamp}{SESSION_SUFFIX}"
    number = 2
    while path.exists():
        path = folder / f"{stamp}-{number}{SESSION_SUFFIX}"
        number += 1
    return path
