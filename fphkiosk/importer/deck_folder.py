"""Writing the deck folder all at once: built in a hidden sibling folder, renamed into place.

An import that fails or is interrupted leaves no half-written deck, and with --force the old deck
is replaced only once the new one is complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fphkiosk.importer.errors import OutIsAFile, OutNotEmpty, OutUnwritable


def check_destination(out: Path, force: bool) -> None:
    """Refuse a destination the import must not write over, before any slow work."""
    if out.exists() and not out.is_dir():
        raise OutIsAFile(out)
    if out.is_dir() and any(out.iterdir()) and not force:
        raise OutNotEmpty(out)
    if not out.parent.is_dir():
        raise OutUnwritable(out, reason="render.reason_missing_folder")


@contextlib.contextmanager
def staged_folder(out: Path, force: bool) -> Iterator[Path]:
    """A new empty folder next to *out*; on success it becomes *out*, on any failure it goes."""
    check_destination(out, force)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
        staging.chmod(0o777 & ~_umask())
    except OSError as exc:
        raise OutUnwritable(out, reason=reason_key(exc)) from exc
    try:
        yield staging
        _publish(staging, out)
    except OSError as exc:
        raise OutUnwritable(out, reason=reason_key(exc)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        return
    if not any(out.iterdir()):
        out.rmdir()
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def reason_key(exc: OSError) -> str:
    """The message key of why writing failed, in the user's words rather than the system's."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "render.reason_denied"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "render.reason_missing_folder"
    if exc.errno == errno.EROFS:
        return "render.reason_read_only"
    if exc.errno == errno.ENOSPC:
        return "render.reason_disk_full"
    return "render.reason_unknown"
