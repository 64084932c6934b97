"""One index of the actors' names per open project, built again only when actors change.

The new-item forms match the selected passage against every actor's names and aliases;
reading and decoding 5,000 actors took 50 ms each time a form opened (profiled). The index
(``core.actor_matching.ActorNames``) is kept beside the connection and stamped: a TEMP
trigger counts every insert, update and delete of ``actors`` made on this connection, and
``PRAGMA data_version`` moves when another connection commits. Nothing is written to the
project file: the counter and triggers live in the connection's temp schema.
"""

from __future__ import annotations

import weakref

from annotator.core.actor_matching import ActorNames
from annotator.store.panel_queries import actor_names
from annotator.store.project import Project

_INDEXES: weakref.WeakKeyDictionary[Project, tuple[tuple[int, int], ActorNames]] = (
    weakref.WeakKeyDictionary()
)
_STAMPED: weakref.WeakSet[Project] = weakref.WeakSet()


def actors_stamp(project: Project) -> tuple[int, int]:
    """Changes whenever the actors may have: a key for anything derived from them."""
    db = project.db
    if project not in _STAMPED:
        exists = db.execute(
            "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'actors_stamp'"
        ).fetchone()
        if not exists:
            with db.atomic():
                db.execute("CREATE TEMP TABLE actors_stamp (n INTEGER NOT NULL)")
                db.execute("INSERT INTO temp.actors_stamp VALUES (0)")
                for when in ("INSERT", "UPDATE", "DELETE"):
                    db.execute(
                        f"CREATE TEMP TRIGGER actors_stamp_{when.lower()} AFTER {when} "
                        "ON main.actors BEGIN UPDATE actors_stamp SET n = n + 1; END"
                    )
        _STAMPED.add(project)
    with project.reading():
        n = db.execute("SELECT n FROM temp.actors_stamp").fetchone()[0]
        version = db.execute("PRAGMA data_version").fetchone()[0]
    return int(n), int(version)


def actor_index(project: Project) -> ActorNames:
    """The project's actors, names and aliases indexed; the same object until they change."""
    stamp = actors_stamp(project)
    kept = _INDEXES.get(project)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    index = ActorNames(actor_names(project))
    _INDEXES[project] = (stamp, index)
    return index
