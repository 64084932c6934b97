"""An event's actors keep the order they were linked in, through every edit and its undo.

The order is the links' rowid order (exports list actors so). A row inserted again by an
undo gets a new rowid, so a link removed from the middle would come back last. Instead an
edit that removes or replaces links deletes every link from the first one it changes
onwards and inserts the new tail in order: its inverse then does the same to the old
tail, and the order comes back exactly. ``ChangeSet.ordered`` applies the deletes of such
re-inserted rows first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.errors import InputError
from annotator.store.changes import ChangeSet, derived_id
from annotator.store.project import Project
from annotator.store.rows import provenance

Row = dict[str, Any]


def event_links(project: Project, event_id: str) -> list[Row]:
    """The event's actor links as stored, in their order."""
    return project.rows("SELECT * FROM event_actors WHERE event_id = ? ORDER BY rowid", [event_id])


def relink(cs: ChangeSet, current: list[Row], wanted: list[Row]) -> None:
    """Turn one event's links ``current`` into ``wanted`` (both in order) within ``cs``."""
    same = 0
    while same < min(len(current), len(wanted)) and current[same] == wanted[same]:
        same += 1
    for row in reversed(current[same:]):
        cs.delete("event_actors", row)
    for row in wanted[same:]:
        cs.insert("event_actors", row)


def set_event_actors(
    project: Project, event_id: str, actors: Sequence[tuple[str, str]]
) -> ChangeSet:
    """Links kept stay in their order; new ones follow in the order given."""
    _must(project, "events", event_id)
    cs = ChangeSet("Set actors")
    wanted = {derived_id("event_actor", event_id, a, r): (a, r) for a, r in actors}
    current = event_links(project, event_id)
    kept = [row for row in current if row["id"] in wanted]
    have = {r["id"] for r in current}
    added = [
        link_row(project, cs, event_id, actor_id, role)
        for link_id, (actor_id, role) in wanted.items()
        if link_id not in have
    ]
    relink(cs, current, kept + added)
    return cs


def move_actor_links(project: Project, cs: ChangeSet, actor_id: str, to: str | None) -> None:
    """Hand an actor's links to actor ``to`` (merging), in the same places, or drop them
    (``to`` None: deleting the actor). A role ``to`` has on the event already is not doubled."""
    events = [
        r["event_id"]
        for r in project.rows(
            "SELECT DISTINCT event_id FROM event_actors WHERE actor_id = ? ORDER BY event_id",
            [actor_id],
        )
    ]
    for event_id in events:
        current = event_links(project, event_id)
        have = {link["id"] for link in current}
        wanted: list[Row] = []
        for link in current:
            if link["actor_id"] == actor_id:
                if to is None:
                    continue
                link = {
                    **link,
                    "id": derived_id("event_actor", event_id, to, link["role"]),
                    "actor_id": to,
                    **provenance(project.analyst),
                }
                if link["id"] in have or any(w["id"] == link["id"] for w in wanted):
                    continue
            wanted.append(link)
        relink(cs, current, wanted)


def link_row(project: Project, cs: ChangeSet, event_id: str, actor_id: str, role: str) -> Row:
    """A new link's row; the actor must exist (or be made in this edit)."""
    made = any(c.table == "actors" and c.id == actor_id and c.after is not None for c in cs.changes)
    if not made:
        _must(project, "actors", actor_id)
    return {
        "id": derived_id("event_actor", event_id, actor_id, role),
        "event_id": event_id,
        "actor_id": actor_id,
        "role": role,
        **provenance(project.analyst),
    }


def _must(project: Project, table: str, id: str) -> None:
    if project.row(table, id) is None:
        raise InputError(f"no such {table[:-1]}: {id}", where=table)
