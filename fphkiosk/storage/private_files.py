"""Files that hold a session's secrets: private to their owner, never written through a link.

A session file holds the presenter secret and the participants' tokens until it is purged, and the
headless room's info file holds the secret too. So they are created readable by their owner only
(0600; SQLite gives its ``-wal`` and ``-shm`` files the mode of the database), in a folder of
their own (0700) when the application chooses it. A path that is a symbolic link is refused: a
link planted where the file will be (even a dangling one) would have the secrets written
wherever it points. A file replaced as a whole is written to an exclusive, unpredictable
temporary in the same folder, then renamed over it in one step.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from fphkiosk.storage.errors import SymlinkRefused

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def refuse_symlink(path: Path) -> None:
    """Raise SymlinkRefused if *path* is a symbolic link (dangling or not)."""
    if path.is_symlink():
        raise SymlinkRefused(path)


def create_private(path: Path) -> None:
    """Create *path* empty and private, unless a file is already there (never through a link)."""
    refuse_symlink(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(path, flags, PRIVATE_FILE))
    except FileExistsError:
        make_private(path)


def make_private(path: Path) -> None:
    """Take group and others' access away from *path* and its SQLite companions (if we may)."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        # Not ours, or on a file system without modes (a FAT key): nothing more to do.
        with contextlib.suppress(OSError):
            if not candidate.is_symlink() and candidate.stat().st_mode & 0o077:
                candidate.chmod(PRIVATE_FILE)


def private_folder(folder: Path) -> None:
    """Create *folder* (and its parents) if needed; the folder itself is its owner's only."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(PRIVATE_FOLDER)


def write_private(path: Path, data: bytes) -> None:
    """Replace *path* with *data* at once: a reader sees the old file or the new, never half."""
    refuse_symlink(path)
    # mkstemp: O_EXCL, mode 0600 and a random name, so nothing planted can be written through.
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def writable(path: Path) -> bool:
    """Whether the session at *path* can be written: the file and its folder (for -wal, -shm)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
