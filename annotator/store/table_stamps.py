"""A stamp per table of an open project that moves whenever the table may have changed: the
key for anything derived from it and kept between edits (an edit to an event must not make
the actors or the articles' version chains be read again).

A TEMP trigger counts every insert, update and delete of the table made on this
connection, and ``PRAGMA data_version`` moves when another connection commits. Nothing is
written to the project file: the counter and triggers live in the connection's temp schema.
"""

from __future__ import annotations

import weakref

from annotator.store.project import Project

_STAMPED: weakref.WeakKeyDictionary[Project, set[str]] = weakref.WeakKeyDictionary()
TABLES = frozenset({"actors", "articles"})  # the tables something is derived from


def table_stamp(project: Project, table: str) -> tuple[int, int]:
    if table not in TABLES:
        raise ValueError(f"no stamp kept for {table}")
    db = project.db
    stamped = _STAMPED.setdefault(project, set())
    counter = f"{table}_stamp"
    if table not in stamped:
        exists = db.execute(
            "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = ?", [counter]
        ).fetchone()
        if not exists:
            with db.atomic():
                db.execute(f"CREATE TEMP TABLE {counter} (n INTEGER NOT NULL)")
                db.execute(f"INSERT INTO temp.{counter} VALUES (0)")
                for when in ("INSERT", "UPDATE", "DELETE"):
                    db.execute(
                        f"CREATE TEMP TRIGGER {counter}_{when.lower()} AFTER {when} "
                        f"ON main.{table} BEGIN UPDATE {counter} SET n = n + 1; END"
                    )
        stamped.add(table)
    with project.reading():
        n = db.execute(f"SELECT n FROM temp.{counter}").fetchone()[0]
        version = db.execute("PRAGMA data_version").fetchone()[0]
    return int(n), int(version)
