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
from dataclasses import dataclass
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
            raise ProjectError(
                f"cannot be opened for writing ({exc.strerror})",
                where=str(self.path),
                hint="the folder is read-only: open the project read-only, "
                "or copy it somewhere writable",
            ) from None
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
                        hint="close it there, or open this one read-only",
                    ) from None
                time.sleep(0.05)

    @property
    def held(self) -> bool:
        return self._fd is not None or fcntl is None

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None


def held_elsewhere(path: Path) -> bool:
    """True when another process holds the project's writer lock. Takes no lock of its own.

    Read from the kernel's lock table where there is one (Linux): even a moment's shared
    lock here could make the app's own open fail as "open in another window". Elsewhere, a
    non-blocking shared lock on a new descriptor of the side file, dropped at once; closing
    that descriptor drops only its own lock, and the database file is never opened here.
    """
    if fcntl is None:
        return False
    lock_path = ProjectLock(path).lock_path
    try:
        st = os.stat(lock_path)
    except OSError:
        return False  # no side file: no writer has ever had this project open
    try:
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return _probe(lock_path)
    me = (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
    for line in table.splitlines():
        # "1: FLOCK  ADVISORY  WRITE 4242 fe:00:2155350 0 EOF"; a waiter's line has "->"
        parts = line.split()
        if len(parts) < 6 or parts[1] != "FLOCK" or parts[3] != "WRITE":
            continue
        try:
            major, minor, inode = parts[5].split(":")
            held = (int(major, 16), int(minor, 16), int(inode))
        except ValueError:  # a line of a form this does not know: not ours to judge
            continue
        if held == me and parts[4] != str(os.getpid()):
            return True
    return False


def _probe(lock_path: Path) -> bool:
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


# -- the close marker ------------------------------------------------------------------------
#
# The lock's side file also says how the project was last closed: "open" from a writer's
# open until its clean close, then "clean" with the file's identity (inode, size, mtime)
# and the salts of any -wal left behind (a reader elsewhere can keep one). A crash leaves
# "open". It lets a writer skip the checks that read the whole file when nothing can have
# changed it, and tell its own -wal from one copied in (SQLite cannot: see file_checks).

_MARKER = "annotator-close 1"


@dataclass(frozen=True)
class Marker:
    clean: bool
    stat: tuple[int, int, int] | None = None
    salts: tuple[int, int] | None = None


def db_stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def read_marker(path: Path) -> Marker | None:
    """None when there is none, or it cannot be read (then nothing is taken on trust)."""
    try:
        with ProjectLock(path).lock_path.open("rb") as fh:
            words = fh.read(200).decode("ascii").split()
    except (OSError, UnicodeDecodeError):
        return None
    if words[:2] != _MARKER.split() or len(words) < 3:
        return None
    if words[2] == "open":
        return Marker(clean=False)
    if words[2] != "clean" or len(words) != 8 or not all(w.isdigit() for w in words[3:6]):
        return None
    ino, size, mtime = (int(w) for w in words[3:6])
    salts = (int(words[6]), int(words[7])) if words[6].isdigit() and words[7].isdigit() else None
    return Marker(clean=True, stat=(ino, size, mtime), salts=salts)


def write_marker(path: Path, *, clean: bool, salts: tuple[int, int] | None = None) -> None:
    """Best effort: a marker that cannot be written only costs the long checks next time."""
    text = f"{_MARKER} open\n"
    stat = db_stat(path)
    if clean and stat is not None:
        s1, s2 = salts if salts else ("-", "-")
        text = f"{_MARKER} clean {stat[0]} {stat[1]} {stat[2]} {s1} {s2}\n"
    lock_path = ProjectLock(path).lock_path
    with contextlib.suppress(OSError):
        # Rewritten in place, never replaced: the writer's flock is on this inode.
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, text.encode("ascii"), 0)
        finally:
            os.close(fd)
