"""One function per edit an analyst makes in the window.

Each builds its ChangeSet from the store's operations and runs it through
:meth:`Session.edit`: one transaction, one undo step, a refusal reported once. ``source`` is
the view that asked, so that it can skip the echo of its own edit (see ``Changes``).
Returns True when the edit was applied.
"""

from __future__ import annotations

import contextlib
from typing import Any

from annotator.core.dates.value import DateValue
from annotator.core.errors import InputError
from annotator.core.text import counted
from annotator.store import operations
from annotator.store.actor_links import event_actors_changeset
from annotator.store.changes import ChangeSet
from annotator.store.project import Project
from annotator.ui.editing.session import Session

Span = tuple[str, int, int]  # article id, start, end (code points)


def update_item(
    session: Session, kind: str, item_id: str, /, *, source: object | None = None, **fields: Any
) -> bool:
    return session.edit(lambda p: operations.update_item(p, kind, item_id, **fields), source=source)


def set_tags(
    session: Session, kind: str, item_id: str, tags: list[str], *, source: object | None = None
) -> bool:
    return session.edit(lambda p: operations.set_tags(p, kind, item_id, tags), source=source)


def set_event_actors(
    session: Session, event_id: str, text: str, *, source: object | None = None
) -> bool:
    """The event's actors from picker text; names not known yet become actors."""
    return session.edit(lambda p: event_actors_changeset(p, event_id, text), source=source)


def cite(session: Session, kind: str, item_id: str, span: Span) -> bool:
    return session.edit(lambda p: operations.cite(p, kind, item_id, span))


def uncite(session: Session, citation_id: str, *, source: object | None = None) -> bool:
    return session.edit(lambda p: operations.uncite(p, citation_id), source=source)


def add_alias(session: Session, actor_id: str, alias: str, span: Span) -> bool:
    """The passage's words as another name of an actor, cited for it (if not already)."""

    def build(project: Project) -> ChangeSet:
        cs = operations.add_alias(project, actor_id, alias)
        with contextlib.suppress(InputError):  # already cited: the alias alone is the edit
            cs.extend(operations.cite(project, "actor", actor_id, span))
        cs.label = f"Add alias {alias[:40]}"
        return cs

    return session.edit(build)


def merge_actors(session: Session, keep_id: str, merge_id: str) -> bool:
    return session.edit(lambda p: operations.merge_actors(p, keep_id, merge_id))


def merge_actors_into(session: Session, keep_id: str, merge_ids: list[str]) -> bool:
    """Several actors folded into one: one undo step (each merge is built on the last)."""
    with session.macro(f"Merge {len(merge_ids) + 1} actors"):
        return all(merge_actors(session, keep_id, gone) for gone in merge_ids)


def delete_item(session: Session, kind: str, item_id: str) -> bool:
    return session.edit(lambda p: operations.delete_item(p, kind, item_id))


def delete_article(session: Session, article_id: str) -> bool:
    """Refused (and said) while anything cites it: annotations are never deleted silently."""
    return session.edit(lambda p: operations.delete_article(p, article_id))


def update_article(session: Session, article_id: str, **fields: Any) -> bool:
    return session.edit(lambda p: operations.update_article(p, article_id, **fields))


def shift_date(session: Session, kind: str, item_id: str, days: int) -> bool:
    """Move an item's date by whole days, keeping its precision (a drag on the chart)."""
    table, column = ("claims", "claimed") if kind == "claim" else ("events", "date")

    def build(project: Project) -> ChangeSet:
        row = project.row(table, item_id)
        if row is None or not row[column]:
            return ChangeSet(f"Move {kind}", [])
        value = DateValue.from_edtf(row[column]).shifted(days)
        if kind == "claim":
            return operations.update_item(project, kind, item_id, claimed=value)
        return operations.update_item(project, kind, item_id, date=value, date_anchor="dragged")

    return session.edit(build)


def set_article_urls(session: Session, urls: dict[str, str]) -> bool:
    """Several articles' web addresses in one undoable edit (asked for before an export)."""

    def build(project: Project) -> ChangeSet:
        cs = ChangeSet(f"Add web addresses to {counted(len(urls), 'article')}")
        for article_id, url in urls.items():
            cs.extend(operations.update_article(project, article_id, url=url))
        return cs

    return session.edit(build)
