"""Merging another analyst's project (or JSON export) into this one, losing nobody's work.

Rows are matched by id; an article by its text hash and a passage by its span are
recognised even under another id. A row both sides changed is a conflict: ours stays,
theirs is kept in ``merge_conflicts`` until the analyst chooses. Which side changed is
told from ``row_history`` (the versions each file has superseded), so two copies of one
project merge cleanly without a common base file. A row we deleted stays deleted unless
they changed it or something that needs it; then it comes back whole, with its links.
The whole merge is one ChangeSet.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from annotator.core.agreement import Agreement
from annotator.core.errors import InputError, ProjectError
from annotator.core.text import counted
from annotator.store.agreement import merge_agreement
from annotator.store.changes import ChangeSet, derived_id, new_id, now_iso
from annotator.store.chronology import check_stored, document_rows, has_table, stored_json
from annotator.store.codebook import parents_first
from annotator.store.older_files import read_current
from annotator.store.project import Project, plain_database_error
from annotator.store.relation_merge import drop_merged_loops
from annotator.store.rows import provenance
from annotator.store.schema import TABLE_ORDER

# Child table -> (column, parent table) for the references a merged row must keep valid.
PARENTS = {
    "passages": [("article_id", "articles")],
    "event_actors": [("event_id", "events"), ("actor_id", "actors")],
    "claims": [("claimant_id", "actors"), ("event_id", "events")],
    "citations": [
        ("passage_id", "passages"),
        ("event_id", "events"),
        ("actor_id", "actors"),
        ("claim_id", "claims"),
    ],
    "tags": [("event_id", "events"), ("actor_id", "actors"), ("claim_id", "claims")],
    "codes": [("parent_id", "codes")],
    "event_relations": [("source_id", "events"), ("target_id", "events")],
    "notes": [
        ("article_id", "articles"),
        ("passage_id", "passages"),
        ("event_id", "events"),
        ("actor_id", "actors"),
        ("claim_id", "claims"),
    ],
}


@dataclass
class MergeResult:
    source: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    kept_deleted: int = 0
    revived: int = 0  # rows we had deleted, back because they still work on them
    recognised: int = 0
    loops: list[str] = field(default_factory=list)  # their relations left out (see relations)
    changeset: ChangeSet | None = None
    agreement: Agreement | None = None  # how far the two analysts tagged alike, before merging

    def summary(self) -> str:
        def rows(counts: dict[str, int]) -> str:
            return ", ".join(counted(n, _NOUNS.get(t, t)) for t, n in counts.items() if n)

        add = rows(self.added) or "nothing new"
        upd = rows(self.updated) or "none"
        back = (
            f"; {counted(self.revived, 'deleted row')} brought back with their links"
            if self.revived
            else ""
        )
        loops = (
            f"; {counted(len(self.loops), 'relation')} of theirs left out, as each would close "
            "a loop "
            f"of “part of” or “precedes” here: {'; '.join(self.loops[:3])}"
            if self.loops
            else ""
        )
        return (
            f"merged {Path(self.source).name}: added {add}; took their edits for {upd}; "
            f"{counted(len(self.conflicts), 'conflict')} to review; "
            f"{counted(self.recognised, 'row')} recognised under other ids{back}{loops}"
        )


# Table names as an analyst says them, one of each.
_NOUNS = {
    "articles": "article",
    "passages": "passage",
    "actors": "actor",
    "events": "event",
    "claims": "claim",
    "event_actors": "actor link",
    "citations": "citation",
    "tags": "tag",
    "not_duplicates": "pair set aside",
    "codes": "codebook entry",
    "event_relations": "relation",
    "suggestion_dismissals": "dismissed suggestion",
    "outlet_grades": "outlet grade",
}


def _history(project_or_rows: Any) -> set[tuple[str, str]]:
    rows = project_or_rows.rows("SELECT row_id, modified FROM row_history")
    return {(r["row_id"], r["modified"]) for r in rows}


def _deleted(project: Project) -> set[str]:
    return {r["row_id"] for r in project.rows("SELECT row_id FROM row_history WHERE deleted")}


def read_other(path: Path) -> tuple[dict[str, list[dict[str, Any]]], set[tuple[str, str]]]:
    """The other side's rows and version history, from a project file or a JSON export."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        from annotator.core.export.json_export import read_document

        doc = read_document(path)
        history = {(h["id"], h["modified"]) for h in doc.get("history", [])}
        return document_rows(doc), history
    with read_current(path) as other:  # an older file: through a migrated private copy
        check_stored(other)  # bytes where text belongs, a dropped column: found by fuzzing
        # Rows as stored (not via the document), so provenance compares exactly.
        rows = {
            t: other.rows(f"SELECT * FROM [{t}] ORDER BY rowid")
            for t in TABLE_ORDER
            if t != "merge_conflicts" and has_table(other, t)  # an older file has fewer
        }
        history = _history(other)
    return rows, history


def merge_into(project: Project, other: Path, *, apply: bool = True) -> MergeResult:
    check_stored(project)
    rows, their_history = read_other(other)
    result = MergeResult(source=str(other), agreement=merge_agreement(project, rows))
    cs = plan_merge(project, rows, their_history, result)
    check_rows(cs, str(other))
    result.changeset = cs
    if apply and cs:
        project.apply(cs)
    return result


def plan_merge(
    project: Project,
    rows: dict[str, list[dict[str, Any]]],
    their_history: set[tuple[str, str]],
    result: MergeResult,
) -> ChangeSet:
    cs = ChangeSet(f"Merge {Path(result.source).name}")
    our_history = _history(project)
    our_deleted = _deleted(project)
    remap: dict[str, str] = {}
    present: set[tuple[str, str]] = set()  # (table, id) that exist after this merge
    revived = _revived(project, rows, their_history, our_history, our_deleted)
    result.revived = len(revived)

    for table in TABLE_ORDER:
        if table == "merge_conflicts":
            continue
        added = updated = 0
        incoming = rows.get(table, [])
        if table == "codes":  # a code's parent first, so that it is there to point at
            incoming = parents_first(incoming)
        for theirs in incoming:
            theirs = _remapped(table, theirs, remap)
            same = _recognise(project, table, theirs)
            if same and same != theirs["id"]:
                remap[theirs["id"]] = same
                result.recognised += 1
                present.add((table, same))
                continue
            ours = project.row(table, theirs["id"])
            parents_ok = _parents_ok(project, table, theirs, present)
            if ours is None:
                if not parents_ok or (
                    theirs["id"] in our_deleted
                    and _we_saw(our_history, theirs)
                    and (table, theirs["id"]) not in revived
                ):
                    result.kept_deleted += 1  # we deleted the version they still have
                    continue
                cs.insert(table, theirs)
                present.add((table, theirs["id"]))
                added += 1
                continue
            present.add((table, ours["id"]))
            if _same_content(table, ours, theirs) or _we_saw(our_history, theirs):
                continue
            # Their version pointing at a row we deleted is reviewed, never dropped.
            if parents_ok and (ours["id"], ours["modified"]) in their_history:
                cs.update(table, ours, **theirs)
                updated += 1
                continue
            _conflict(project, cs, table, ours, theirs, result)
        result.added[table] = added
        result.updated[table] = updated
    _reattach_claims(project, cs, rows, our_deleted)
    _anchor_merged_passages(project, cs)
    result.loops = drop_merged_loops(project, cs)
    return cs


def _reattach_claims(
    project: Project, cs: ChangeSet, rows: dict[str, list[dict[str, Any]]], our_deleted: set[str]
) -> None:
    """Claims we detached only by deleting their event or claimant point at it again when
    it comes back (a claim that differs otherwise is left as we have it)."""
    back = {
        (c.table, c.id)
        for c in cs.changes
        if c.kind == "insert" and c.table in ("events", "actors") and c.id in our_deleted
    }
    if not back:
        return
    written = {c.id for c in cs.changes if c.table == "claims"}
    refs = (("event_id", "events"), ("claimant_id", "actors"))
    for theirs in rows.get("claims", []):
        moved = [(col, theirs[col]) for col, table in refs if (table, theirs.get(col)) in back]
        ours = project.row("claims", theirs["id"]) if moved else None
        if ours is None or ours["id"] in written:
            continue
        restored = {col: ref for col, ref in moved if ours[col] is None}
        skip = {"modified", "analyst", *restored}
        if restored and all(ours[k] == theirs.get(k) for k in ours if k not in skip):
            cs.update("claims", ours, **restored, modified=now_iso(), analyst=project.analyst)


# Item table -> the link tables whose rows belong to an item (and go where it goes).
ITEM_LINKS = {
    "events": ("event_actors", "citations", "tags", "event_relations", "notes"),
    "actors": ("event_actors", "citations", "tags", "notes"),
    "claims": ("citations", "tags", "notes"),
}


def _revived(
    project: Project,
    rows: dict[str, list[dict[str, Any]]],
    their_history: set[tuple[str, str]],
    our_history: set[tuple[str, str]],
    our_deleted: set[str],
) -> set[tuple[str, str]]:
    """Rows we deleted that come back: their new or edited rows need them.

    A row we deleted stays deleted while they only still hold it. But when they edited it,
    or added or edited a row that refers to it (a citation of a deleted claim, a passage
    of a deleted article), it comes back, so their work is not lost; and a row that comes
    back brings the rows it refers to and, for an event, actor or claim, all its links
    (citations with their passages, tags, event actors in their order).
    """
    by_key = {(t, r["id"]): r for t, rs in rows.items() if t in TABLE_ORDER for r in rs}
    gone = {
        key
        for key, r in by_key.items()
        if r["id"] in our_deleted
        and _we_saw(our_history, r)
        and project.row(key[0], r["id"]) is None
    }
    if not gone:
        return set()
    children: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for (table, _id), row in by_key.items():
        for column, parent in PARENTS.get(table, []):
            if row.get(column):
                children.setdefault((parent, row[column]), []).append((table, row["id"]))

    def refs(key: tuple[str, str]) -> list[tuple[str, str]]:
        # The rows a row points to (a column left empty points nowhere).
        return [
            (parent, parent_id)
            for column, parent in PARENTS.get(key[0], [])
            if (parent_id := by_key[key].get(column)) is not None
        ]

    # Rows coming back as they are: edited by them after we deleted them.
    back = {
        key
        for key in by_key
        if key not in gone and key[1] in our_deleted and project.row(*key) is None
    }
    todo = [
        key
        for key in by_key
        if key in back
        or (
            key not in gone
            and any(r in gone for r in refs(key))
            and _written(project, key[0], by_key[key], their_history, our_history)
        )
    ]
    revived: set[tuple[str, str]] = set()
    while todo:
        key = todo.pop()
        found = [r for r in refs(key) if r in gone]
        if key in revived or key in back:
            links = ITEM_LINKS.get(key[0], ())
            found += [c for c in children.get(key, []) if c[0] in links and c in gone]
        for other in found:
            if other not in revived:
                revived.add(other)
                todo.append(other)
    return revived


def _written(
    project: Project,
    table: str,
    theirs: dict[str, Any],
    their_history: set[tuple[str, str]],
    our_history: set[tuple[str, str]],
) -> bool:
    """Whether the merge will insert their row or take their version of it."""
    ours = project.row(table, theirs["id"])
    if ours is None:
        return True
    return (
        not (_same_content(table, ours, theirs) or _we_saw(our_history, theirs))
        and (ours["id"], ours["modified"]) in their_history
    )


# The id form the JSON schema allows (resources/schema: $defs.id).
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")


def check_rows(cs: ChangeSet, source: str) -> None:
    """Refuse, naming the row, what the other file holds that this schema does not allow.

    Another program (or a damaged page) can store a value past the schema's checks; the
    merge would then fail on saving with SQLite's own words. Each row the merge writes is
    first tried in an empty scratch project, where the same checks apply.
    """
    rows = [c for c in cs.changes if c.after is not None and c.table != "merge_conflicts"]
    if not rows:
        return
    scratch = Project.memory()
    try:
        scratch.db.execute("PRAGMA foreign_keys=OFF")  # only the rows' own values count
        for change in rows:
            row = change.after or {}
            if not _ID.fullmatch(str(change.id)):  # the form every export and link relies on
                raise ProjectError(
                    f"the other project is damaged ({change.table} row {change.id!r}: its id "
                    "is not an id this app makes)",
                    where=source,
                    hint="nothing was merged; merge from a backup of that file",
                )
            names = ", ".join(f"[{k}]" for k in row)
            try:
                scratch.db.execute(
                    f"INSERT INTO [{change.table}] ({names}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()),
                )
            except sqlite3.Error as exc:
                raise ProjectError(
                    f"the other project is damaged ({change.table} row {change.id}: "
                    f"{_refused_because(exc, row)})",
                    where=source,
                    hint="nothing was merged; merge from a backup of that file",
                ) from None
    finally:
        scratch.close()


def _refused_because(exc: sqlite3.Error, row: dict[str, Any]) -> str:
    """SQLite's reason for refusing a row, in plain words naming the column."""
    text = str(exc)
    if "NOT NULL constraint failed:" in text:
        return f"{text.rsplit('.', 1)[-1]} is empty"
    if "has no column named" in text:
        return f"a column {text.rsplit(' ', 1)[-1]} this app does not know"
    if "CHECK constraint failed" in text:
        column = next((c for c in row if re.search(rf"\b{re.escape(c)}\b", text)), None)
        return f"{column or 'a column'} holds a value this app does not allow"
    if "UNIQUE constraint failed" in text:
        return "it repeats another row"
    return (plain_database_error(exc) or "a value this app cannot store").rstrip(".")


def _anchor_merged_passages(project: Project, cs: ChangeSet) -> None:
    """Their passages may point into another version of an article: re-find or orphan them."""
    from annotator.store.anchors import anchor_incoming

    texts = {
        c.id: c.after["text"] for c in cs.changes if c.table == "articles" and c.after is not None
    }
    passages = [
        c.after
        for c in cs.changes
        if c.table == "passages" and c.kind == "insert" and c.after is not None
    ]
    anchor_incoming(
        passages,
        lambda aid: (
            texts.get(aid)
            if aid in texts
            else project.scalar("SELECT text FROM articles WHERE id = ?", [aid])
        ),
    )


def _we_saw(history: set[tuple[str, str]], theirs: dict[str, Any]) -> bool:
    return (theirs["id"], theirs.get("modified", "")) in history


LINK_TABLES = ("event_actors", "citations", "tags")


def _same_content(table: str, ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    # A link's id is derived from what it links, so equal ids mean the same link; an
    # export does not carry a link's own provenance.
    skip = {"analyst", "created", "modified"} if table in LINK_TABLES else {"analyst"}
    return {k: v for k, v in ours.items() if k not in skip} == {
        k: v for k, v in theirs.items() if k not in skip
    }


def _remapped(table: str, row: dict[str, Any], remap: dict[str, str]) -> dict[str, Any]:
    row = dict(row)
    for column, _parent in PARENTS.get(table, []):
        if row.get(column) in remap:
            row[column] = remap[row[column]]
    return row


def _recognise(project: Project, table: str, row: dict[str, Any]) -> str | None:
    """The id under which this project already holds the same article or passage."""
    if table == "articles":
        return _found_id(project, "SELECT id FROM articles WHERE text_hash = ?", [row["text_hash"]])
    if table == "passages":
        return _found_id(
            project,
            'SELECT id FROM passages WHERE article_id = ? AND start = ? AND "end" = ?',
            [row["article_id"], row["start"], row["end"]],
        )
    if table == "citations":
        kind = next(k for k in ("event", "actor", "claim") if row.get(f"{k}_id"))
        return _found_id(
            project,
            f"SELECT id FROM citations WHERE passage_id = ? AND {kind}_id = ?",
            [row["passage_id"], row[f"{kind}_id"]],
        )
    if table == "event_actors":
        return _found_id(
            project,
            "SELECT id FROM event_actors WHERE event_id = ? AND actor_id = ? AND role = ?",
            [row["event_id"], row["actor_id"], row["role"]],
        )
    if table == "codes":  # the same tag name: one entry of the codebook
        return _found_id(project, "SELECT id FROM codes WHERE name = ?", [row["name"]])
    if table == "outlet_grades":  # one grade per outlet, whatever id a file gave it
        return _found_id(project, "SELECT id FROM outlet_grades WHERE outlet = ?", [row["outlet"]])
    if table == "event_relations":
        return _found_id(
            project,
            "SELECT id FROM event_relations WHERE source_id = ? AND kind = ? AND target_id = ?",
            [row["source_id"], row["kind"], row["target_id"]],
        )
    if table == "tags":
        kind = next(k for k in ("event", "actor", "claim") if row.get(f"{k}_id"))
        return _found_id(
            project,
            f"SELECT id FROM tags WHERE tag = ? AND {kind}_id = ?",
            [row["tag"], row[f"{kind}_id"]],
        )
    return None


def _found_id(project: Project, sql: str, params: list[Any]) -> str | None:
    """The id a ``SELECT id ...`` query finds, if any."""
    return cast(str | None, project.scalar(sql, params))


def _parents_ok(
    project: Project, table: str, row: dict[str, Any], present: set[tuple[str, str]]
) -> bool:
    for column, parent in PARENTS.get(table, []):
        ref = row.get(column)
        if ref and (parent, ref) not in present and project.row(parent, ref) is None:
            return False
    return True


def _conflict(
    project: Project,
    cs: ChangeSet,
    table: str,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    result: MergeResult,
) -> None:
    cid = derived_id(
        "conflict", table, ours["id"], ours.get("modified", ""), theirs.get("modified", "")
    )
    result.conflicts.append(ours["id"])
    if project.row("merge_conflicts", cid) or any(c.id == cid for c in cs.changes):
        return
    cs.insert(
        "merge_conflicts",
        {
            "id": cid,
            "table_name": table,
            "row_id": ours["id"],
            "ours": json.dumps(ours, ensure_ascii=False, sort_keys=True),
            "theirs": json.dumps(theirs, ensure_ascii=False, sort_keys=True),
            "source": result.source,
            "resolution": None,
            **provenance(project.analyst),
        },
    )


def open_conflicts(project: Project) -> list[dict[str, Any]]:
    rows = project.rows(
        "SELECT * FROM merge_conflicts WHERE resolution IS NULL ORDER BY table_name, created"
    )
    for r in rows:
        r["ours"] = stored_json(project, r, "merge_conflicts", "ours", dict) if r["ours"] else None
        r["theirs"] = stored_json(project, r, "merge_conflicts", "theirs", dict)
    return rows


def resolve_conflict(project: Project, conflict_id: str, choice: str) -> ChangeSet:
    """Keep ours, take theirs, or keep both (theirs becomes a new item beside ours)."""
    conflict = project.row("merge_conflicts", conflict_id)
    if conflict is None:
        raise InputError(f"no such conflict: {conflict_id}", where="merge")
    if choice not in ("ours", "theirs", "both"):
        raise InputError(
            f"unknown choice {choice!r}", where="merge", hint="choose ours, theirs or both"
        )
    table = conflict["table_name"]
    theirs = stored_json(project, conflict, "merge_conflicts", "theirs", dict)
    cs = ChangeSet(f"Resolve conflict: {choice}")
    current = project.row(table, conflict["row_id"])
    for column, parent in PARENTS.get(table, []):
        # A row their version points at may be deleted here since: that link stays as ours.
        ref = theirs.get(column)
        if ref is not None and project.row(parent, ref) is None:
            theirs[column] = current.get(column) if current else None
    if choice == "theirs" and current is not None:
        cs.update(table, current, **theirs)
    elif choice == "both":
        if table not in ("events", "actors", "claims"):
            raise InputError("only events, actors and claims can be kept twice", where=table)
        copy = {**theirs, "id": new_id(), "modified": now_iso()}
        cs.insert(table, copy)
    cs.update("merge_conflicts", conflict, resolution=choice, modified=now_iso())
    return cs
