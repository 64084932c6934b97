"""Reading a colleague's project file made with an earlier version, without changing it.

A file is brought up to date only when it is opened for writing. A colleague's file that
was never opened with this version lacks the columns later migrations add, and the merge
reads whole rows: so it is read through a private copy, taken through SQLite (its -wal
included), migrated, then thrown away. The colleague's file is only ever read.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store.file_checks import _check_failed, _read_only
from annotator.store.project import Project
from annotator.store.schema import MIGRATION_SET, known_migrations


def _applied(path: Path) -> list[str] | None:
    """The migrations the file has (None: not a file of ours; the open says what it is)."""
    try:
        with _read_only(path) as con:
            return [
                r[0]
                for r in con.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                    [MIGRATION_SET],
                )
            ]
    except sqlite3.Error:
        return None


def refuse_newer(path: Path, applied: list[str]) -> None:
    """A file from a newer version holds what this one cannot read: say so, and what to do."""
    unknown = [n for n in applied if n not in known_migrations()]
    if unknown:
        raise ProjectError(
            "cannot merge a project written by a newer version of the app",
            where=str(path),
            hint=(
                f"update Timeline Annotator and merge again, or ask its author for a JSON "
                f"export (File > Export) and merge that; it holds step {unknown[-1]}, which "
                "this version does not know. It was not changed"
            ),
        )


@contextlib.contextmanager
def read_current(path: Path) -> Iterator[Project]:
    """``path`` open read-only at the current schema: itself, or a migrated private copy."""
    applied = _applied(path)
    if applied is not None:
        refuse_newer(path, applied)
    if applied is None or not [n for n in known_migrations() if n not in applied]:
        with Project.open(path, readonly=True) as project:
            yield project
        return
    with Project.open(path, readonly=True):  # the checks a reader runs, on the file itself
        pass
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as folder:
        copy = Path(folder) / path.name
        try:
            with _read_only(path) as src:  # a consistent copy, the -wal's rows included
                dst = sqlite3.connect(copy)
                try:
                    src.backup(dst)
                finally:
                    dst.close()
        except sqlite3.Error as exc:
            raise _check_failed(path, exc) from None
        except OSError as exc:
            raise ProjectError(
                f"cannot make a working copy of it to bring it up to date ({exc.strerror})",
                where=str(path),
                hint="free some space in the temporary folder and merge again",
            ) from None
        try:
            Project.open(copy, analyst="merge").close()  # brought up to date here only
            with Project.open(copy, readonly=True) as project:
                yield project
        except ProjectError as exc:  # name the colleague's file, never the private copy
            if exc.where is None or str(copy) not in exc.where:
                raise
            where = exc.where.replace(str(copy), str(path))
            raise type(exc)(exc.message, where=where, hint=exc.hint) from None
