"""Where a project's backups live and how they are named: a leaf the damage messages use."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

_STAMP = "%Y%m%dT%H%M%S.%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\.\d{6}Z)\.db$")


def backup_dir(path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    return path.parent / f".{path.name}.backups"


def stamp_of(backup: Path) -> datetime | None:
    match = _NAME.match(backup.name)
    if not match:
        return None
    return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)


def list_backups(path: str | os.PathLike[str]) -> list[Path]:
    """The project's backups, newest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and stamp_of(p) is not None]
    return sorted(
        found, key=lambda p: stamp_of(p) or datetime.min.replace(tzinfo=UTC), reverse=True
    )
