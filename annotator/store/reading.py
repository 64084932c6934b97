"""Opening a project to read it, as the command line's reporting verbs and checks do."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import InputError, ProjectError
from annotator.core.files import check_input_file
from annotator.store.file_checks import DamagedError
from annotator.store.project import Project


def project_file(path: str | os.PathLike[str]) -> Path:
    """An existing project path that is a pipe, device or folder is refused before SQLite
    opens it (opening a FIFO nobody writes to would wait forever)."""
    if os.path.lexists(path):
        check_input_file(path, hint="give the path of a project file (.db)")
    return Path(path)


def open_to_read(path: Path) -> Project:
    """A read-only open for a verb that reports what it read: the damage checks run, and
    what they find is told with :func:`warn_damage` (a writer would be refused)."""
    return Project.open(path, readonly=True, report_damage=True)


@contextlib.contextmanager
def reading_damaged(project: Project) -> Iterator[None]:
    """A read that fails on a file known to be damaged says what the checks found, in the
    one line of the damage (never SQLite's words). That covers the JSON export refusing
    the file's own data (an InputError): the damage is the cause, not the analyst."""
    try:
        yield
    except (ProjectError, InputError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # the store's own read checks (check_stored) say "damaged" without the checks' class
        plain = (
            isinstance(exc, ProjectError)
            and not isinstance(exc, DamagedError)
            and not exc.message.startswith("the project file is damaged")
        )
        if project.damage is None or plain or isinstance(exc, sqlite3.ProgrammingError):
            raise
        raise project.damage from None
