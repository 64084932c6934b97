"""An event's actors as the analyst types them: ``Name: role; Other name``.

Names resolve to actors by name or alias; a name nobody has yet becomes a new actor in
the same undoable edit, its kind guessed from the name as the new-actor form guesses it.
The ui's pickers and cells both edit through here.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from annotator.core.item_text import actor_kind
from annotator.store.changes import ChangeSet, derived_id
from annotator.store.operations import create_actor, set_event_actors
from annotator.store.project import Project
from annotator.store.queries import actor_choices
from annotator.store.rows import aliases_of, aliases_or_none, provenance
from annotator.store.table_stamps import table_stamp


@dataclass(frozen=True)
class ActorEntry:
    name: str
    role: str
    actor_id: str | None  # None: no actor has this name or alias yet


def split_actor_text(text: str) -> list[tuple[str, str]]:
    """``"Trump: speaker; EU"`` -> [("Trump", "speaker"), ("EU", "")]."""
    out: list[tuple[str, str]] = []
    for part in text.split(";"):
        name, _, role = part.partition(":")
        if name.strip():
            out.append((" ".join(name.split()), role.strip()))
    return out


@dataclass
class _Derived:
    """What is derived from the actors, kept per open project until they change."""

    stamp: tuple[int, int]
    rows: list[dict[str, Any]]
    index: dict[str, str] | None = None
    completions: dict[str, str] | None = None


# Per open project: id(project) alone was reused by the next Project after garbage
# collection, so another file's actors came back.
_ACTORS_CACHE: weakref.WeakKeyDictionary[Project, _Derived] = weakref.WeakKeyDictionary()


def _derived(project: Project) -> _Derived:
    """Keyed on the actors' own stamp (``store.table_stamps``), not on any change: an edit to
    an event left 5,000 actors to be read and parsed again for the inspector's picker,
    115 ms of the 280 ms that Enter on a new event blocked (profiled)."""
    stamp = table_stamp(project, "actors")
    cached = _ACTORS_CACHE.get(project)
    if cached is None or cached.stamp != stamp:
        cached = _Derived(stamp, actor_choices(project))
        _ACTORS_CACHE[project] = cached
    return cached


def actor_rows(project: Project) -> list[dict[str, Any]]:
    """Actor choices (id, name, kind, aliases), by name; shared: do not change them."""
    return _derived(project).rows


def actor_index(project: Project) -> dict[str, str]:
    """casefolded name or alias -> actor id (names win over aliases); shared, read only."""
    cached = _derived(project)
    if cached.index is None:
        index: dict[str, str] = {}
        for row in cached.rows:
            for alias in aliases_of(row, str(project.path or "")):
                index.setdefault(alias.casefold(), row["id"])
        for row in cached.rows:
            index[row["name"].casefold()] = row["id"]
        cached.index = index
    return cached.index


def actor_completions(project: Project) -> dict[str, str]:
    """What a picker completes -> the actor's name: each name, and "alias — name" for each
    alias; shared, read only."""
    cached = _derived(project)
    if cached.completions is None:
        names: dict[str, str] = {}
        for row in cached.rows:
            names[row["name"]] = row["name"]
            for alias in aliases_or_none(row) or []:  # a damaged list: the name alone
                names.setdefault(f"{alias} — {row['name']}", row["name"])
        cached.completions = names
    return cached.completions


def resolve_actors(project: Project, text: str) -> list[ActorEntry]:
    index = actor_index(project)
    return [
        ActorEntry(name, role, index.get(name.casefold())) for name, role in split_actor_text(text)
    ]


def event_actors_changeset(project: Project, event_id: str, text: str) -> ChangeSet:
    """Set an event's actors from picker text; unknown names become actors in the same edit."""
    entries = resolve_actors(project, text)
    known = [(e.actor_id, e.role) for e in entries if e.actor_id]
    cs = set_event_actors(project, event_id, known)
    created: dict[str, str] = {}
    for entry in entries:
        if entry.actor_id:
            continue
        key = entry.name.casefold()
        if key not in created:
            part, created[key] = create_actor(project, name=entry.name, kind=actor_kind(entry.name))
            cs.extend(part)
        actor_id = created[key]
        link_id = derived_id("event_actor", event_id, actor_id, entry.role)
        if not any(c.id == link_id for c in cs.changes):
            cs.insert(
                "event_actors",
                {
                    "id": link_id,
                    "event_id": event_id,
                    "actor_id": actor_id,
                    "role": entry.role,
                    **provenance(project.analyst),
                },
            )
    if created:
        cs.label = f"Set actors (new: {', '.join(e.name for e in entries if not e.actor_id)})"
    return cs
