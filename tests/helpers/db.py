"""Project file contents read back by a second connection, for comparing."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def db_dump(path: Path | str) -> dict[str, list[tuple]]:
    """Every user table's rows, sorted: equal dumps mean equal project contents."""
    return db_dump_all(path)


def _content(rows_of) -> dict[str, list[tuple]]:
    tables = [
        r[0]
        for r in rows_of(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%_fts%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        t: sorted((tuple(r) for r in rows_of(f"SELECT * FROM [{t}]")), key=repr) for t in tables
    }


def close_and_compare(project) -> None:
    """Close an app's project and check the file holds exactly what the app saw.

    What the app's own connection shows is read first; then the project is closed and the
    file read by a new connection. A transaction left open (or anything else that never
    reached the file) makes the two differ.
    """
    if project.closed or project.path is None:
        return
    seen = _content(lambda sql: [tuple(r.values()) for r in project.rows(sql)])
    path = project.path
    project.close()
    assert db_dump_all(path) == seen, "the file differs from what the app showed"


def db_dump_all(path: Path | str) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _content(lambda sql: con.execute(sql).fetchall())
    finally:
        con.close()


def read_file(path: Path | str, sql: str, params: tuple = ()) -> list[tuple]:
    """The file as any other program sees it: a new read-only connection."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()
