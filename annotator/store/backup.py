"""Rolling backups of a project file, and restoring one without losing the current file.

Backups live beside the project in ``.<name>.backups/``, one ``VACUUM INTO`` copy per
open (at most one a minute), named by UTC time so that names sort oldest first, and
pruned to the newest ``keep``. A full disk never stops the app: :func:`make_backup`
returns None and the caller warns. :func:`restore_backup` refuses while another process
has the project open, and moves the current file aside instead of overwriting it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store.backup_names import _STAMP, backup_dir, list_backups, stamp_of
from annotator.store.file_checks import _check_header, _check_is_project
from annotator.store.lock import ProjectLock
from annotator.store.project import Project

__all__ = ["backup_dir", "list_backups", "make_backup", "restore_backup"]

MIN_INTERVAL = timedelta(seconds=60)
SIDECARS = ("-wal", "-shm")


def make_backup(project: Project, keep: int = 5, *, now: datetime | None = None) -> Path | None:
    """Copy the open project into its backup folder; the newest backup's path, or None.

    Skipped (returning the newest backup) when that one is under a minute old. None means
    no backup could be written (full disk, read-only folder, in-memory project): warn,
    but carry on, since the project itself is unharmed.
    """
    if project.path is None:
        return None
    now = now or datetime.now(UTC)
    existing = list_backups(project.path)
    newest = stamp_of(existing[0]) if existing else None
    if newest is not None and timedelta(0) <= now - newest < MIN_INTERVAL:
        return existing[0]
    folder = backup_dir(project.path)
    target = folder / f"{project.path.stem}-{now.strftime(_STAMP)}.db"
    partial = folder / f".{target.name}.partial"
    try:
        folder.mkdir(exist_ok=True)
        # Copies a killed process left half-written (and their journals): never backups,
        # and as large as the project. Only the project's writer makes backups.
        for stale in folder.glob(f".{project.path.stem}-*.db.partial*"):
            with contextlib.suppress(OSError):
                stale.unlink()
        # VACUUM INTO writes a compact, consistent copy while the project stays open.
        project.db.execute("VACUUM INTO ?", [str(partial)])
        os.replace(partial, target)
    except (sqlite3.Error, OSError):
        for left in (partial, Path(f"{partial}-journal")):
            with contextlib.suppress(OSError):
                left.unlink()
        return None
    for old in list_backups(project.path)[max(1, keep) :]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def _check_openable(path: Path) -> None:
    """A read-only look that raises ProjectError unless ``path`` is a whole project."""
    if not path.is_file():
        raise ProjectError("no such backup file", where=str(path))
    _check_header(path)
    _check_is_project(path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    finally:
        con.close()
    if result != "ok":
        raise ProjectError(
            f"the file is damaged ({result})", where=str(path), hint="choose another backup"
        )


def restore_backup(backup: str | os.PathLike[str], path: str | os.PathLike[str]) -> Path | None:
    """Put ``backup`` in place of the project at ``path``; where the old file went (or None).

    Refused (ProjectLockedError) while any window or program, this one included, has the
    project open: close it first. The current file, with its -wal, is moved aside to
    ``.<name>.before-restore-<time>.db`` so that nothing is lost, and the restored file is
    checked to open before this returns; if it does not, the old file is put back.
    """
    backup, path = Path(backup), Path(path)
    _check_openable(backup)
    stamp = datetime.now(UTC).strftime(_STAMP)
    aside = path.parent / f".{path.name}.before-restore-{stamp}.db"
    lock = None
    if path.exists():
        lock = ProjectLock(path)
        lock.acquire()
    try:
        if path.exists():
            os.replace(path, aside)
            for suffix in SIDECARS:  # a hot WAL belongs to the file it was written for
                if Path(f"{path}{suffix}").exists():
                    os.replace(f"{path}{suffix}", f"{aside}{suffix}")
        incoming = path.parent / f".{path.name}.restoring"
        try:
            shutil.copyfile(backup, incoming)
            with open(incoming, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(incoming, path)
            _check_openable(path)
            Project.open(path, readonly=True).close()
        except (OSError, ProjectError) as exc:
            with contextlib.suppress(OSError):
                incoming.unlink()
            _put_back(aside, path)
            if isinstance(exc, ProjectError):
                raise
            raise ProjectError(
                f"the backup could not be restored: {exc.strerror or exc}",
                where=str(path),
                hint="the project was left as it was",
            ) from None
    finally:
        if lock is not None:
            lock.release()
    return aside if aside.exists() else None


def _put_back(aside: Path, path: Path) -> None:
    if not aside.exists():
        return
    os.replace(aside, path)
    for suffix in SIDECARS:
        if Path(f"{aside}{suffix}").exists():
            os.replace(f"{aside}{suffix}", f"{path}{suffix}")


def backup_summary(backup: Path) -> str:
    """What a backup holds, in a few words ("3 articles, 11 events, …; last edit …"), so the
    analyst can pick one by its content; "" when it cannot be read."""
    from annotator.core.text import counted

    try:
        con = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    except sqlite3.Error:
        return ""
    try:
        counts = [
            counted(int(con.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]), t[:-1])
            for t in ("articles", "events", "claims", "actors")
        ]
        last = con.execute(
            "SELECT max(m) FROM (SELECT max(modified) AS m FROM events UNION ALL "
            "SELECT max(modified) FROM claims UNION ALL SELECT max(modified) FROM actors "
            "UNION ALL SELECT max(modified) FROM articles)"
        ).fetchone()[0]
    except sqlite3.Error:
        return ""
    finally:
        con.close()
    when = f"; last edit {str(last)[:16].replace('T', ' ')} UTC" if last else ""
    return ", ".join(counts) + when
