"""Typed errors of the session store; each carries the translation key of its message."""

from __future__ import annotations

from fphkiosk.core.file_errors import FileProblem


class SessionStoreError(FileProblem):
    """A session file that cannot be used; ``key`` and ``params`` make the user's message."""

    area = "room.store"
    code = "store_failed"


class NotASessionFile(SessionStoreError):
    """The file exists but is not an fphkiosk session (another database, or not a database)."""

    code = "not_a_session"


class SessionFolderMissing(SessionStoreError):
    """A new session file was asked for in a folder that does not exist."""

    code = "folder_missing"


class DamagedSession(SessionStoreError):
    """The file is a session but its contents are damaged."""

    code = "damaged"


class NewerSessionVersion(SessionStoreError):
    """The file was written by a newer version of the application."""

    code = "newer_version"


class SessionWriteFailed(SessionStoreError):
    """A write could not be committed (disk full, file removed, ...)."""

    code = "write_failed"


class SymlinkRefused(SessionStoreError):
    """The path is a symbolic link: the file would be written wherever it points."""

    code = "symlink"


class ReadOnlySession(SessionStoreError):
    """A session on read-only media (or a file that may not be written): it cannot be run."""

    code = "read_only"


class SessionPurged(SessionStoreError):
    """The session was purged (secrets and raw answers erased): it cannot be resumed."""

    code = "purged"
