"""One function per edit an analyst makes in the window.

Each builds its ChangeSet from the store's operations and runs it through
:meth:`Session.edit`: one transaction, one undo step, a refusal reported once. ``source`` is
the view that asked, so that it can skip the echo of its own edit (see ``Changes``).
Returns True when the edit was applied.
"""

from __future__ import annotations

import contextlib
from typing import Any

from annotator.core.dates.provenance import DateChange
from annotator.core.dates.value import DateValue
from annotator.core.errors import InputError
from annotator.core.text import counted
from annotator.store import codebook, grades, notes, operations, relations
from annotator.store.actor_links import event_actors_changeset
from annotator.store.changes import ChangeSet
from annotator.store.project import Project
from annotator.ui.editing.session import Session

Span = tuple[str, int, int]  # article id, start, end (code points)


def update_item(
    session: Session, kind: str, item_id: str, /, *, source: object | None = None, **fields: Any
) -> bool:
    return session.edit(lambda p: operations.update_item(p, kind, item_id, **fields), source=source)


def confirm_date(session: Session, event_id: str, *, source: object | None = None) -> bool:
    """The analyst checked a suggested date: it keeps its phrase and what it was counted
    from, and is marked confirmed (a typed date would lose where it came from). Refused,
    and said, for a date set by hand: there is nothing to confirm."""
    return session.edit(
        lambda p: operations.update_item(p, "event", event_id, date_status="confirmed"),
        source=source,
    )


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
        return operations.update_item(
            project, kind, item_id, date=value, date_anchor=DateChange.DRAGGED.value
        )

    return session.edit(build)


def merge_events(session: Session, keep_id: str, merge_ids: list[str]) -> bool:
    return session.edit(lambda p: operations.merge_events(p, keep_id, merge_ids))


# -- the tag codebook (store.codebook) ---------------------------------------------------


def create_code(session: Session, name: str, *, parent: str | None = None) -> bool:
    return session.edit(lambda p: codebook.create_code(p, name, parent=parent))


def rename_code(session: Session, old: str, new: str) -> bool:
    return session.edit(lambda p: codebook.rename_code(p, old, new))


def merge_codes(session: Session, names: list[str], into: str) -> bool:
    return session.edit(lambda p: codebook.merge_codes(p, names, into))


def edit_code(
    session: Session, name: str, *, color: str | None = None, description: str | None = None
) -> bool:
    return session.edit(lambda p: codebook.edit_code(p, name, color=color, description=description))


def move_code(session: Session, name: str, parent: str | None) -> bool:
    return session.edit(lambda p: codebook.move_code(p, name, parent))


def delete_code(session: Session, name: str) -> bool:
    return session.edit(lambda p: codebook.delete_code(p, name))


def apply_tags(session: Session, names: list[str], items: list[tuple[str, str]]) -> bool:
    return session.edit(lambda p: codebook.apply_tags(p, names, items))


def relate_events(
    session: Session,
    source_id: str,
    kind: str,
    target_id: str,
    note: str = "",
    *,
    source: object | None = None,
) -> bool:
    """Record that one event is caused by, part of or precedes another."""
    return session.edit(
        lambda p: relations.relate(p, source_id, kind, target_id, note), source=source
    )


def unrelate_events(session: Session, relation_id: str, *, source: object | None = None) -> bool:
    return session.edit(lambda p: relations.unrelate(p, relation_id), source=source)


def set_relation_note(
    session: Session, relation_id: str, note: str, *, source: object | None = None
) -> bool:
    return session.edit(lambda p: relations.set_relation_note(p, relation_id, note), source=source)


# -- memos and fact status -----------------------------------------------------------------


def add_note(
    session: Session, kind: str, target_id: str, text: str, *, source: object | None = None
) -> bool:
    """A memo on an article, passage, event, actor or claim."""
    return session.edit(lambda p: notes.add_note(p, kind, target_id, text)[0], source=source)


def add_passage_note(
    session: Session, span: Span, text: str, *, source: object | None = None
) -> bool:
    """A memo on the reader's selection (its passage is made if not stored yet)."""
    return session.edit(lambda p: notes.add_passage_note(p, span, text)[0], source=source)


def update_note(session: Session, note_id: str, text: str, *, source: object | None = None) -> bool:
    return session.edit(lambda p: notes.update_note(p, note_id, text), source=source)


def delete_note(session: Session, note_id: str, *, source: object | None = None) -> bool:
    return session.edit(lambda p: notes.delete_note(p, note_id), source=source)


def set_fact_status(
    session: Session, kind: str, item_id: str, status: str | None, *, source: object | None = None
) -> bool:
    """Key fact, undisputed, disputed, or None (not judged) for an event or claim."""
    return session.edit(
        lambda p: operations.update_item(p, kind, item_id, fact_status=status), source=source
    )


def set_day_range(session: Session, event_id: str, edtf: str) -> bool:
    """An event's date set to a day or a day range by dragging an end of its bar."""
    return session.edit(
        lambda p: operations.update_item(
            p, "event", event_id, date=edtf, date_anchor=DateChange.BAR_END.value
        )
    )


def set_article_urls(session: Session, urls: dict[str, str]) -> bool:
    """Several articles' web addresses in one undoable edit (asked for before an export)."""

    def build(project: Project) -> ChangeSet:
        cs = ChangeSet(f"Add web addresses to {counted(len(urls), 'article')}")
        for article_id, url in urls.items():
            cs.extend(operations.update_article(project, article_id, url=url))
        return cs

    return session.edit(build)


def dismiss_suggestion(session: Session, article_id: str, key: tuple[str, int, int, str]) -> bool:
    """The reader's suggestion is not offered again in this article (undoable)."""
    from annotator.store.suggestion_dismissals import dismiss

    return session.edit(lambda p: dismiss(p, article_id, key))


# -- graded sources and event assessments (store.grades) ------------------------------------


def set_outlet_grade(
    session: Session, outlet: str, grade: str | None, *, source: object | None = None
) -> bool:
    """An outlet's reliability A-F (the default for its articles); None: not graded."""
    return session.edit(lambda p: grades.set_outlet_grade(p, outlet, grade), source=source)


def set_article_reliability(
    session: Session, article_id: str, grade: str | None, *, source: object | None = None
) -> bool:
    """An article's own reliability, over its outlet's; None: as its outlet."""
    return session.edit(
        lambda p: grades.set_article_reliability(p, article_id, grade), source=source
    )


def set_citation_credibility(
    session: Session, citation_id: str, grade: str | None, *, source: object | None = None
) -> bool:
    """A citation's information credibility 1-6; None: not graded."""
    return session.edit(
        lambda p: grades.set_citation_credibility(p, citation_id, grade), source=source
    )


def set_event_assessment(
    session: Session, event_id: str, assessment: str | None, *, source: object | None = None
) -> bool:
    """Corroborated, disputed or unverified, as the analyst judges it; None: not yet."""
    return session.edit(
        lambda p: grades.set_event_assessment(p, event_id, assessment), source=source
    )
