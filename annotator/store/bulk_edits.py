"""Several events (or claims) edited at once: one ChangeSet, so one undo step.

Only what the analyst changed is given; an item that already has those values is left
alone (its row is not touched), and the caller learns how many items really changed.
Actors added by a name nobody has yet are made once, with their kind guessed from the
name, as the inspector's actor field does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.item_text import actor_kind
from annotator.core.text import counted
from annotator.store.actor_links import actor_index
from annotator.store.changes import ChangeSet
from annotator.store.link_order import event_links, link_row, relink
from annotator.store.operations import create_actor, set_tags, update_item
from annotator.store.project import Project
from annotator.store.rows import clean_text, item_column, item_table


@dataclass(frozen=True)
class BulkChanges:
    fields: Mapping[str, Any] = field(default_factory=dict)  # column -> its new value
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    add_actors: Sequence[tuple[str, str]] = ()  # (name, role), events only
    remove_actors: Sequence[str] = ()  # actor ids, events only

    def __bool__(self) -> bool:
        return bool(
            self.fields
            or self.add_tags
            or self.remove_tags
            or self.add_actors
            or self.remove_actors
        )


@dataclass
class BulkSummary:
    """What the selected items hold now: each field's values, tags and actors, counted."""

    count: int
    fields: dict[str, Counter[Any]]
    tags: Counter[str]
    actors: list[tuple[str, str, int]]  # (actor id, name, how many of the items)


def bulk_summary(
    project: Project, kind: str, ids: Sequence[str], columns: Sequence[str]
) -> BulkSummary:
    table, col = item_table(kind), item_column(kind)
    rows = [r for r in (project.row(table, i) for i in ids) if r is not None]
    fields = {c: Counter(r.get(c) for r in rows) for c in columns}
    tags: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    names: dict[str, str] = {}
    for item_id in ids:
        tags.update(
            {r["tag"] for r in project.rows(f"SELECT tag FROM tags WHERE {col} = ?", [item_id])}
        )
        if kind == "event":
            for link in project.rows(
                "SELECT DISTINCT l.actor_id, a.name FROM event_actors l "
                "JOIN actors a ON a.id = l.actor_id WHERE l.event_id = ?",
                [item_id],
            ):
                actors[link["actor_id"]] += 1
                names[link["actor_id"]] = link["name"]
    listed = sorted(actors.items(), key=lambda a: (-a[1], names[a[0]].casefold()))
    return BulkSummary(len(rows), fields, tags, [(a, names[a], n) for a, n in listed])


def bulk_edit(
    project: Project, kind: str, ids: Sequence[str], changes: BulkChanges
) -> tuple[ChangeSet, int]:
    """The edit for every item in ``ids`` and how many of them it changes."""
    cs = ChangeSet(f"Edit {counted(len(ids), kind)}")
    col = item_column(kind)
    adding = {clean_text(t) for t in changes.add_tags} - {""}
    removing = {clean_text(t) for t in changes.remove_tags} - adding
    index = actor_index(project) if changes.add_actors else {}
    made: dict[str, str] = {}  # casefolded name -> id of an actor made in this edit
    changed = 0
    for item_id in ids:
        part = ChangeSet("")
        if changes.fields:
            part.extend(update_item(project, kind, item_id, **changes.fields))
        if adding or removing:
            now = {
                r["tag"] for r in project.rows(f"SELECT tag FROM tags WHERE {col} = ?", [item_id])
            }
            wanted = (now - removing) | adding
            if wanted != now:
                part.extend(set_tags(project, kind, item_id, sorted(wanted)))
        if kind == "event" and (changes.add_actors or changes.remove_actors):
            _relink_actors(project, cs, part, item_id, changes, index, made)
        if part:
            changed += 1
            cs.extend(part)
    return cs, changed


def _relink_actors(
    project: Project,
    cs: ChangeSet,
    part: ChangeSet,
    event_id: str,
    changes: BulkChanges,
    index: dict[str, str],
    made: dict[str, str],
) -> None:
    current = event_links(project, event_id)
    gone = set(changes.remove_actors)
    wanted = [link for link in current if link["actor_id"] not in gone]
    have = {link["id"] for link in wanted}
    for name, role in changes.add_actors:
        key = " ".join(name.split()).casefold()
        actor_id = index.get(key) or made.get(key)
        if actor_id is None:
            new, actor_id = create_actor(project, name=name, kind=actor_kind(name))
            made[key] = actor_id
            part.extend(new)  # counted with the first event that names it
        row = link_row(project, _Both(cs, part), event_id, actor_id, role)
        if row["id"] not in have:
            have.add(row["id"])
            wanted.append(row)
    if [r["id"] for r in wanted] != [r["id"] for r in current]:
        relink(part, current, wanted)


class _Both(ChangeSet):
    """The edit so far and the item's part of it: where a new actor may have been made."""

    def __init__(self, whole: ChangeSet, part: ChangeSet):
        super().__init__("", whole.changes + part.changes)
