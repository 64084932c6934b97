"""A read made on a connection of its own, for a worker thread: the window's connection
belongs to the window's thread, and a read that takes tens of milliseconds (a search, an
article's thousands of passage marks) need not hold the window."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from annotator.core.errors import ProjectError
from annotator.store.project import Project, plain_database_error

T = TypeVar("T")


def read_on_own_connection(path: Path, read: Callable[[Project], T]) -> T:
    """``read`` on a read-only connection of its own; any failure is the app's error,
    naming the file."""
    try:
        with Project.open(path, readonly=True) as reader:
            return read(reader)
    except sqlite3.Error as exc:
        message = plain_database_error(exc) or "the file could not be read"
        raise ProjectError(message, where=str(path)) from None
