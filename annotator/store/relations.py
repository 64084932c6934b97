"""Relations between two events (caused by, part of, precedes): the edits and the reads.

One row per relation, in its stored direction; each reads both ways (``relation_words``).
A relation to itself, the same relation twice and a loop of "part of" or "precedes"
(A precedes B precedes A) are refused with a message saying which events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TypedDict, cast

from annotator.core.errors import InputError
from annotator.core.vocabulary import RELATION_KINDS, relation_words
from annotator.store.changes import ChangeSet, derived_id, now_iso
from annotator.store.project import Project
from annotator.store.rows import provenance
from annotator.store.search_terms import fts_query

# Kinds whose chains must not come back to where they started.
NO_LOOPS = ("part_of", "precedes")


class RelationView(TypedDict):
    """A relation as one event sees it: "this event <words> <other>"."""

    id: str
    kind: str
    words: str  # "caused by", or read from the other end: "causes"
    other_id: str
    other_headline: str
    other_date: str | None
    note: str
    outgoing: bool  # stored with this event as its source


def relation_id(source_id: str, kind: str, target_id: str) -> str:
    return derived_id("event_relation", source_id, kind, target_id)


def _headline(project: Project, event_id: str) -> str:
    headline = project.scalar("SELECT headline FROM events WHERE id = ?", [event_id])
    if headline is None:
        raise InputError(f"no such event: {event_id}", where="relation")
    return str(headline)


def _quoted(headline: str) -> str:
    return f"“{headline if len(headline) <= 60 else headline[:57] + '…'}”"


def relate(
    project: Project, source_id: str, kind: str, target_id: str, note: str = ""
) -> ChangeSet:
    """Say that the source event is <kind> the target event (e.g. caused by it)."""
    if kind not in RELATION_KINDS:
        raise InputError(
            f"unknown relation {kind!r}",
            where="relation",
            hint="choose one of " + ", ".join(relation_words(k) for k in RELATION_KINDS),
        )
    source, target = _headline(project, source_id), _headline(project, target_id)
    if source_id == target_id:
        raise InputError("an event cannot be related to itself", where=_quoted(source))
    words = relation_words(kind)
    rid = relation_id(source_id, kind, target_id)
    if project.row("event_relations", rid) is not None:
        raise InputError(
            f"{_quoted(source)} is already recorded as {words} {_quoted(target)}",
            where="relation",
            hint="nothing was changed",
        )
    if kind in NO_LOOPS and _reaches(project, kind, target_id, source_id):
        verb = "precede" if kind == "precedes" else "be part of"
        raise InputError(
            f"{_quoted(source)} cannot {verb} {_quoted(target)}: {_quoted(target)} already "
            f"{words} it, directly or through other events",
            where="relation",
            hint="remove one of the relations in that chain first",
        )
    cs = ChangeSet(f"Relate: {words} {target[:30]}")
    cs.insert(
        "event_relations",
        {
            "id": rid,
            "source_id": source_id,
            "kind": kind,
            "target_id": target_id,
            "note": note.strip(),
            **provenance(project.analyst),
        },
    )
    return cs


def _reaches(project: Project, kind: str, start: str, goal: str) -> bool:
    """Whether a chain of ``kind`` relations leads from ``start`` to ``goal``."""
    found = project.scalar(
        "WITH RECURSIVE chain(id) AS (SELECT ? UNION "
        " SELECT r.target_id FROM event_relations r JOIN chain ON r.source_id = chain.id "
        " WHERE r.kind = ?) SELECT 1 FROM chain WHERE id = ? LIMIT 1",
        [start, kind, goal],
    )
    return bool(found)


def unrelate(project: Project, relation_id: str) -> ChangeSet:
    row = project.row("event_relations", relation_id)
    if row is None:
        raise InputError("that relation is no longer recorded", where="relation")
    cs = ChangeSet(f"Remove relation: {relation_words(row['kind'])}")
    cs.delete("event_relations", row)
    return cs


def set_relation_note(project: Project, relation_id: str, note: str) -> ChangeSet:
    row = project.row("event_relations", relation_id)
    if row is None:
        raise InputError("that relation is no longer recorded", where="relation")
    cs = ChangeSet("Edit relation note")
    if (row["note"] or "") != note.strip():
        cs.update(
            "event_relations", row, note=note.strip(), modified=now_iso(), analyst=project.analyst
        )
    return cs


def relation_rows(project: Project, event_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Stored relations touching any of these events."""
    ids = json.dumps(sorted(set(event_ids)))
    return project.rows(
        "SELECT * FROM event_relations WHERE source_id IN (SELECT value FROM json_each(?)) "
        "UNION SELECT * FROM event_relations WHERE target_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY created, id",
        [ids, ids],
    )


def drop_relations(project: Project, cs: ChangeSet, event_id: str) -> None:
    """A deleted event's relations go with it (and come back with it on undo)."""
    for row in relation_rows(project, [event_id]):
        cs.delete("event_relations", row)


def relation_count(project: Project, event_id: str) -> int:
    return int(
        project.scalar(
            "SELECT count(*) FROM event_relations WHERE source_id = ? OR target_id = ?",
            [event_id, event_id],
        )
        or 0
    )


def repoint_relations(project: Project, cs: ChangeSet, gone_id: str, keep_id: str) -> None:
    """Two events become one: the gone event's relations move to the kept one. A relation
    that would then join the kept event to itself, or repeat one it has, is dropped."""
    for row in relation_rows(project, [gone_id]):
        source = keep_id if row["source_id"] == gone_id else row["source_id"]
        target = keep_id if row["target_id"] == gone_id else row["target_id"]
        cs.delete("event_relations", row)
        rid = relation_id(source, row["kind"], target)
        taken = project.row("event_relations", rid) is not None or any(
            c.table == "event_relations" and c.id == rid and c.after is not None for c in cs.changes
        )
        if source == target or taken:
            continue
        cs.insert(
            "event_relations",
            {
                **row,
                "id": rid,
                "source_id": source,
                "target_id": target,
                "modified": now_iso(),
                "analyst": project.analyst,
            },
        )


def relations_of(project: Project, event_id: str) -> list[RelationView]:
    """An event's relations as it reads them, both directions, by kind then the other's date."""
    rows = project.rows(
        "SELECT * FROM (SELECT r.id, r.kind, r.note, 1 AS outgoing, e.id AS other_id, "
        "e.headline, e.date, e.date_earliest FROM event_relations r "
        "JOIN events e ON e.id = r.target_id WHERE r.source_id = ? "
        "UNION ALL SELECT r.id, r.kind, r.note, 0, e.id, e.headline, e.date, e.date_earliest "
        "FROM event_relations r JOIN events e ON e.id = r.source_id WHERE r.target_id = ?) "
        "ORDER BY kind, outgoing DESC, date_earliest IS NULL, date_earliest, headline",
        [event_id, event_id],
    )
    return [
        RelationView(
            id=str(r["id"]),
            kind=str(r["kind"]),
            words=relation_words(str(r["kind"]), reverse=not r["outgoing"]),
            other_id=str(r["other_id"]),
            other_headline=str(r["headline"]),
            other_date=cast(str | None, r["date"]),
            note=str(r["note"] or ""),
            outgoing=bool(r["outgoing"]),
        )
        for r in rows
    ]


class EventChoice(TypedDict):
    id: str
    headline: str
    date: str | None


def find_events(
    project: Project, text: str, *, exclude: str | None = None, limit: int = 50
) -> list[EventChoice]:
    """Events to relate to: by words of the headline (the full-text index, the last word a
    prefix) or by a date typed as stored (``2025-03``, ``2025-03-04``: an index range); the
    latest first when nothing is typed. Each read is bounded, at any number of events."""
    text = text.strip()
    if not text:
        rows = project.rows(
            "SELECT id, headline, date FROM events WHERE date IS NOT NULL AND id != ? "
            "ORDER BY date_earliest DESC, headline LIMIT ?",
            [exclude or "", limit],
        )
    elif text[:4].isdigit():
        rows = project.rows(
            "SELECT id, headline, date FROM events WHERE date_earliest >= ? "
            "AND date_earliest < ? AND id != ? ORDER BY date_earliest, day_seq, headline LIMIT ?",
            [text, text + "\uffff", exclude or "", limit],
        )
    else:
        query = fts_query(text)
        rows = (
            project.rows(
                "SELECT e.id, e.headline, e.date FROM events_fts "
                "JOIN events e ON e.rowid = events_fts.rowid "
                "WHERE events_fts MATCH ? AND e.id != ? ORDER BY rank LIMIT ?",
                [query, exclude or "", limit],
            )
            if query
            else []
        )
    return cast(list[EventChoice], rows)


def relations_among(project: Project, event_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(source, kind, target) of the relations whose two events are both among these."""
    ids = set(event_ids)
    if not ids:
        return []
    rows = project.rows(
        "SELECT source_id, kind, target_id FROM event_relations "
        "WHERE source_id IN (SELECT value FROM json_each(?)) ORDER BY created, id",
        [json.dumps(sorted(ids))],
    )
    return [
        (str(r["source_id"]), str(r["kind"]), str(r["target_id"]))
        for r in rows
        if r["target_id"] in ids
    ]
