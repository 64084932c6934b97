"""What a damaged or unusable project file is called, in words an analyst can act on.

Never SQLite's own words: they name pages and b-trees, not what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store.backup_names import list_backups


def restore_hint(path: Path) -> str:
    """What to do about a damaged project: its newest backup by name, or a read-only copy."""
    try:
        backups = list_backups(path)
    except OSError:
        backups = []
    if backups:
        return (
            f"restore the newest backup, {backups[0]}, with File > Restore Backup, "
            "or open a copy read-only to export what can be read"
        )
    return "restore a copy from before the damage, or open a copy read-only to export"


class DamagedError(ProjectError):
    """The file itself is damaged: writers are refused, readers may still read what they can."""


def damaged(path: Path, what: str) -> DamagedError:
    return DamagedError(
        f"the project file is damaged ({what})", where=str(path), hint=restore_hint(path)
    )


def _describe_sqlite_error(path: Path, exc: BaseException) -> ProjectError:
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return ProjectError(
            "the disk is full; the last edit was not saved",
            where=str(path),
            hint="free some space and try again; earlier edits are safe",
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return ProjectError(
            "the file cannot be written (read-only or no permission)",
            where=str(path),
            hint="open a writable copy with File > Save As",
        )
    if "locked" in text or "busy" in text:
        return ProjectError(
            "the project is busy in another program",
            where=str(path),
            hint="close the other program and try again",
        )
    if "unable to open" in text:
        return ProjectError(
            "the file cannot be opened (read-only folder or no permission)",
            where=str(path),
            hint="open it read-only, or copy it somewhere writable",
        )
    undecodable = re.search(r"could not decode to utf-8 column '([^']*)'", text)
    if undecodable:  # Python's sqlite3 reading text that a flipped bit made not UTF-8
        return damaged(path, f"a value in its {undecodable[1]} column is not readable text")
    if (
        "malformed" in text
        or "not a database" in text
        or "corrupt" in text
        or "fts5" in text
        or "codec" in text
    ):
        return damaged(path, "it cannot be read")
    return ProjectError(f"database error: {exc}", where=str(path))


def _check_failed(path: Path, exc: BaseException) -> ProjectError:
    """An error while checking a file is about the file: never SQLite's own words."""
    err = _describe_sqlite_error(path, exc)
    return damaged(path, "it cannot be read") if err.message.startswith("database error") else err
