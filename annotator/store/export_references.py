"""Whether every id the chronology document holds is unique and every reference in it
resolves, asked of SQLite rather than of sets of the ids written so far.

The JSON export's checks kept every article's, passage's, event's and citation's id in
memory to find a duplicate or a reference to nothing (profiled: 85 MB at 100,000 events,
about 0.7 KB per event at a million). The same questions asked here read the primary keys'
indexes, about 0.3 s at 100,000 events, in SQLite's own bounded memory. The answer may only
err on the side of "no": the export then checks the ids as it always did, so a file with
a problem still gets the same words for it.
"""

from __future__ import annotations

import sqlite3

from annotator.store.chronology import has_table
from annotator.store.project import Project

# The lists whose ids must be unique, as the document's checks name them.
_UNIQUE = ("articles", "passages", "events", "actors", "claims", "citations", "notes")


def _dangling(table: str, column: str, target: str) -> str:
    """A row whose ``column`` names no row of ``target`` (NULL names nothing: allowed)."""
    return (
        f"EXISTS (SELECT 1 FROM [{table}] x WHERE x.[{column}] IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM [{target}] y WHERE y.id = x.[{column}]))"
    )


# A note is about the first of these it names (``chronology_stream.notes``: an empty id
# names nothing there either).
_NOTE_TARGETS = (
    ("article_id", "articles"),
    ("passage_id", "passages"),
    ("event_id", "events"),
    ("actor_id", "actors"),
    ("claim_id", "claims"),
)
_NOTE_DANGLES = (
    "EXISTS (SELECT 1 FROM notes n WHERE CASE "
    + " ".join(
        f"WHEN n.{column} IS NOT NULL AND n.{column} != '' THEN NOT EXISTS "
        f"(SELECT 1 FROM {target} y WHERE y.id = n.{column})"
        for column, target in _NOTE_TARGETS
    )
    + " ELSE 0 END)"
)

_PROBLEMS = [
    *(f"EXISTS (SELECT 1 FROM {t} GROUP BY id HAVING count(*) > 1)" for t in _UNIQUE),
    # A citation of two items would be listed twice (the schema forbids it; a file may not).
    "EXISTS (SELECT 1 FROM citations WHERE "
    "(event_id IS NOT NULL) + (actor_id IS NOT NULL) + (claim_id IS NOT NULL) > 1)",
    _dangling("articles", "previous_version", "articles"),
    _dangling("passages", "article_id", "articles"),
    _dangling("citations", "passage_id", "passages"),
    _dangling("event_actors", "actor_id", "actors"),
    _dangling("claims", "claimant_id", "actors"),
    _dangling("claims", "event_id", "events"),
    _NOTE_DANGLES,
]
_RELATIONS_DANGLE = [
    _dangling("event_relations", "source_id", "events"),
    _dangling("event_relations", "target_id", "events"),
]


def references_resolve(project: Project) -> bool:
    """True only if no id the document lists twice and no reference to nothing is stored.
    False on a file known damaged, or one whose indexes cannot be read: the export's own
    checks then decide, as before."""
    if project.damage is not None:
        return False
    checks = list(_PROBLEMS)
    if has_table(project, "event_relations"):
        checks += _RELATIONS_DANGLE
    try:
        with project.reading():
            cur = project.db.conn.cursor()
            cur.row_factory = None
            row = cur.execute("SELECT " + " OR ".join(checks)).fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
            raise  # our SQL is wrong: a bug, not the user's file
        return False
    return not row[0]
