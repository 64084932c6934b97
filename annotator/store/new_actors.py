"""An event made together with actors that did not exist yet: one edit, one undo step.

The new-event form lets the analyst name an actor nobody has made yet; the actor is made
with the event, so that undoing the event takes the actor away with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.text import counted
from annotator.store.changes import ChangeSet
from annotator.store.link_order import link_row
from annotator.store.operations import create_actor, create_event
from annotator.store.project import Project


def create_event_with_new_actors(
    project: Project, new_actors: Sequence[tuple[str, str, str]], **event: Any
) -> tuple[ChangeSet, str]:
    """``create_event`` plus ``new_actors`` as (name, kind, role), each made and linked."""
    cs, event_id = create_event(project, **event)
    made: set[str] = set()
    for name, kind, role in new_actors:
        key = " ".join(name.split()).casefold()
        if key in made:
            continue
        made.add(key)
        part, actor_id = create_actor(project, name=name, kind=kind)
        cs.extend(part)
        cs.insert("event_actors", link_row(project, cs, event_id, actor_id, role))
    if made:
        cs.label = f"{cs.label} (and {counted(len(made), 'new actor')})"
    return cs, event_id
