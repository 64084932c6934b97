"""One writer per project file.

An advisory ``flock`` on a hidden side file (``.NAME.lock``): the kernel drops it when
the process dies, so a crash never leaves a stale lock. Not on the database file itself:
closing any descriptor of that file would drop the POSIX locks SQLite holds on it in
this process. The side file is never deleted (deleting lock files races).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from annotator.core.errors import ProjectError

try:
    import fcntl
except ImportError:  # Windows: no advisory lock; SQLite's own locking still protects the file
    fcntl = None  # type: ignore[assignment]


class ProjectLockedError(ProjectError):
    """Another process has the project open for writing."""


class ProjectLock:
    def __init__(self, path: Path):
        self.path = path
        # Keyed on the file itself, not on how its path is spelled: a symlink to the
        # project (or a relative path) finds the same lock as the real path.
        real = Path(os.path.realpath(path))
        self.lock_path = real.with_name(f".{real.name}.lock")
        self._fd: int | None = None

    def acquire(self, *, wait: bool = False, timeout: float = 10.0) -> None:
        if fcntl is None:
            return
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ProjectError(f"cannot be opened for writing ({exc.strerror})",
                               where=str(self.path),
                               hint="the folder is read-only: open the project read-only, "
                                    "or copy it somewhere writable") from None
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._fd = fd
                return
            except BlockingIOError:
                if not wait or time.monotonic() > deadline:
                    os.close(fd)
                    raise ProjectLockedError(
                        "the project is open in another window or program",
                        where=str(self.path),
                        hint="close it there, or open this one read-only") from None
                time.sleep(0.05)

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None
