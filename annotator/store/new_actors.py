"""An event or a claim made together with actors that did not exist yet: one edit, one
undo step.

The new-event form lets the analyst name an actor nobody has made yet, and the claim form
offers a reported speaker nobody has made yet as its claimant; the actor is made with the
item, so that undoing the item takes the actor away with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.text import counted
from annotator.store.changes import ChangeSet, RowChange
from annotator.store.link_order import link_row
from annotator.store.operations import Span, create_actor, create_claim, create_event
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


def create_claim_with_new_claimant(
    project: Project,
    name: str,
    kind: str,
    name_span: Span | None = None,
    **claim: Any,
) -> tuple[ChangeSet, str]:
    """``create_claim`` whose claimant is made with it, citing ``name_span`` (where the text
    names the speaker) as the actor's evidence. A name that is already an actor's (as typed,
    case aside) is that actor: no twin is made."""
    same = project.rows(
        "SELECT id FROM actors WHERE lower(name) = lower(?) ORDER BY id LIMIT 1",
        [" ".join(name.split())],
    )
    if same:
        return create_claim(project, claimant_id=same[0]["id"], **claim)
    if name_span is not None and name_span == claim.get("span"):
        name_span = None  # one passage, inserted once: the claim's
    made, actor_id = create_actor(project, name=name, kind=kind, span=name_span)
    cs, claim_id = create_claim(project, claimant_id=None, **claim)
    # The claimant is checked against the file, where the new actor is not yet: its row
    # is inserted naming it, in the same edit as the actor's.
    cs.changes = [
        RowChange(c.table, c.id, None, {**c.after, "claimant_id": actor_id})
        if c.table == "claims" and c.id == claim_id and c.after is not None
        else c
        for c in cs.changes
    ]
    made.extend(cs)
    made.label = f"{cs.label} (and {counted(1, 'new actor')})"
    return made, claim_id
