"""The chronology document (DESIGN.md): built from a project, and loaded back into one.

Every export writer reads this document, never the database, so the command line and the
app produce the same files. Export, load into an empty project, export again: identical.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, ProjectError
from annotator.store import chronology_stream as stream
from annotator.store.changes import ChangeSet
from annotator.store.chronology_stream import NOTE_TARGETS as _NOTE_TARGETS
from annotator.store.chronology_stream import SCHEMA_VERSION as SCHEMA_VERSION
from annotator.store.codebook import codebook_rows, parents_first
from annotator.store.project import Project
from annotator.store.rows import damaged_value, json_column, missing_column

PROVENANCE = ("created", "modified", "analyst")


def _prov(row: sqlite3.Row | dict[str, Any]) -> dict[str, Any]:
    """A document row's provenance as the file keeps it: the schema lets the analyst be
    unknown (null), the file's column holds that as no name."""
    out = {k: row[k] for k in PROVENANCE}
    if out["analyst"] is None:
        out["analyst"] = ""
    return out


# Tables every reader of a project (exports, merge) reads; their columns are checked.
CHECKED_TABLES = (
    "articles",
    "passages",
    "actors",
    "events",
    "claims",
    "event_actors",
    "citations",
    "tags",
    "notes",
    "row_history",
    "codes",
    "event_relations",
    "suggestion_dismissals",
    "outlet_grades",
)


@functools.cache
def expected_columns() -> dict[str, dict[str, str]]:
    """Each checked table's columns and declared types, as a new project has them."""
    project = Project.memory()
    try:
        return {
            t: {
                r["name"]: r["type"].upper()
                for r in project.rows(f"SELECT name, type FROM pragma_table_info('{t}')")
            }
            for t in CHECKED_TABLES
        }
    finally:
        project.close()


def damaged(project: Project, what: str) -> ProjectError:
    return ProjectError(
        f"the project file is damaged ({what})",
        where=str(project.path or ""),
        hint="restore a backup (File > Restore Backup)",
    )


def stored_json(project: Project, row: Any, table: str, column: str, kind: type) -> Any:
    """A JSON column of a stored row, or the damaged-file error naming table, row, column."""
    return json_column(
        row[column],
        table=table,
        row_id=row["id"],
        column=column,
        kind=kind,
        where=str(project.path or ""),
    )


# Actors whose aliases are not a JSON list of names (the schema's json_valid() check can
# be bypassed by a damaged page or another program).
_BAD_ALIASES = (
    "SELECT id FROM actors WHERE CASE WHEN json_valid(aliases) THEN "
    "json_type(aliases) != 'array' OR EXISTS (SELECT 1 FROM json_each(actors.aliases) "
    "WHERE type != 'text') ELSE 1 END LIMIT 1"
)


def check_stored(project: Project) -> None:
    """Raise the damaged-file error if a table lacks a column or holds a value of the wrong
    kind (a BLOB, or a number, where text belongs; text where a number belongs).

    SQLite lets another program (or a damaged page) do both; the readers would then fail
    far from the cause. ``typeof`` reads only the record header, so the scan is cheap even
    over article texts.
    """
    scans = _stored_scans(project)
    with project.reading():
        found = _scan_stored(project.db.conn, scans)
    _raise_stored(project, found)


# (table, the CASE naming a column of the wrong kind, the WHERE finding one, the kinds
# allowed by column)
_Scan = tuple[str, str, str, dict[str, str]]
_ALLOWED = {"TEXT": "'text', 'null'", "INTEGER": "'integer', 'null'"}


def _stored_scans(project: Project) -> list[_Scan]:
    """The columns check_stored reads every row of; a table or column missing is raised
    here (a few pragmas: no row is read)."""
    scans: list[_Scan] = []
    for table, columns in expected_columns().items():
        have = {r["name"] for r in project.rows(f"SELECT name FROM pragma_table_info('{table}')")}
        missing = [c for c in columns if c not in have]
        if not have and table in LATER_TABLES and not _migrated(project, LATER_TABLES[table]):
            continue  # a file from before that table, read without migrating it
        if not have:
            raise damaged(project, f"table {table} is missing")
        if missing:
            raise damaged(project, f"column {table}.{missing[0]} is missing")
        checks = [(c, _ALLOWED[t]) for c, t in columns.items() if t in _ALLOWED]
        if not checks:
            continue
        which = " ".join(f"WHEN typeof([{c}]) NOT IN ({ok}) THEN '{c}'" for c, ok in checks)
        where = " OR ".join(f"typeof([{c}]) NOT IN ({ok})" for c, ok in checks)
        scans.append((table, which, where, {c: _ALLOWED[columns[c]] for c, _ok in checks}))
    return scans


# What a scan found: (table, column, its type, the type that belongs), ("aliases", id)
_Found = tuple[str, ...] | None


def _scan_stored(con: sqlite3.Connection, scans: list[_Scan]) -> _Found:
    """Every row's types, then the actors' aliases: the first value of the wrong kind."""
    for table, which, where, allowed in scans:
        row = con.execute(f"SELECT CASE {which} END FROM [{table}] WHERE {where} LIMIT 1")
        column = (row.fetchone() or (None,))[0]
        if column:
            ok = allowed[column]
            kind = con.execute(
                f"SELECT typeof([{column}]) FROM [{table}] "
                f"WHERE typeof([{column}]) NOT IN ({ok}) LIMIT 1"
            ).fetchone()[0]
            return (table, column, kind, "a number" if "integer" in ok else "text")
    bad = con.execute(_BAD_ALIASES).fetchone()
    return ("aliases", bad[0]) if bad else None


def _raise_stored(project: Project, found: _Found) -> None:
    if found is None:
        return
    if found[0] == "aliases":
        raise damaged_value(
            "actors", found[1], "aliases", "is not a list of names", str(project.path or "")
        )
    table, column, kind, belongs = found
    raise damaged(
        project, f"{table}.{column} holds {_KINDS.get(kind, kind)} where {belongs} belongs"
    )


@contextlib.contextmanager
def checking_stored(project: Project) -> Iterator[None]:
    """``check_stored`` for an export written inside the block: the scan of every row
    (0.6 s at 100,000 events, 10% of the command's export, profiled) runs on a read-only
    connection of its own in a thread, while the export's Python builds its rows (SQLite
    lets go of the interpreter while it reads). The same guarantee: the damaged-file error
    is raised when the block ends, and comes before any failure of the block itself (a
    value of the wrong kind makes the writers fail far from the cause), so the caller
    discards the file either way. Run first, as before, where there is no file to open
    twice."""
    scans = _stored_scans(project)
    uri = _reader_uri(project)
    if uri is None:
        check_stored(project)
        yield
        return
    outcome: dict[str, Any] = {}

    def scan() -> None:
        try:
            con = sqlite3.connect(uri, uri=True)
            try:
                outcome["found"] = _scan_stored(con, scans)
            finally:
                con.close()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=scan, name="check-stored", daemon=True)
    thread.start()

    def finish() -> None:
        thread.join()
        if "error" in outcome:
            error = outcome["error"]
            if isinstance(error, sqlite3.OperationalError) and "found" not in outcome:
                check_stored(project)  # could not read beside it (busy, locked): read here
                return
            with project.reading():
                raise error
        _raise_stored(project, outcome.get("found"))

    try:
        yield
    except BaseException:
        finish()  # the damage is the cause: named first
        raise
    finish()


def _reader_uri(project: Project) -> str | None:
    """A read-only URI of the file the project's connection reads (None: in memory)."""
    for _seq, name, file in project.db.conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            mode = "ro&immutable=1" if _immutable(project) else "ro"
            return f"{Path(file).as_uri()}?mode={mode}"
    return None


def _immutable(project: Project) -> bool:
    """The project was opened with nothing SQLite may create beside it (a read-only
    folder): the second reader opens it the same way."""
    path = project.path
    return (
        path is not None
        and not os.access(path.parent, os.W_OK)
        and not Path(f"{path}-wal").exists()
    )


# Tables a later migration added: a file from before it, read without migrating (an export
# or a merge of a colleague's older file), simply has none of their rows.
LATER_TABLES = {
    "event_relations": "m009_event_relations",
    "codes": "m010_tag_codebook",
    "suggestion_dismissals": "m016_suggestion_dismissals",
    "outlet_grades": "m015_source_grades",
}


def _migrated(project: Project, name: str) -> bool:
    try:
        return bool(project.scalar("SELECT 1 FROM _sqlite_migrations WHERE name = ?", [name]))
    except ProjectError:  # no migrations table at all: not a file of ours, checked elsewhere
        return True


def has_table(project: Project, table: str) -> bool:
    return bool(
        project.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
    )


_KINDS = {"blob": "bytes", "integer": "a number", "real": "a number", "text": "text"}


def build_document(project: Project, *, include_text: bool = True) -> dict[str, Any]:
    """The whole project as a chronology document (see ``_build``); a damaged file is the
    damaged-file error, not a traceback (see ``check_stored``)."""
    check_stored(project)
    try:
        return _build(project, include_text=include_text)
    except (IndexError, KeyError) as exc:  # a column missing: the schema itself is damaged
        raise missing_column(exc, str(project.path or "")) from None


def _build(project: Project, *, include_text: bool) -> dict[str, Any]:
    """The whole project as a chronology document, from the records the JSON export
    streams (``chronology_stream``: one definition of each record).

    ``include_text=False`` leaves article texts empty, for writers that only quote passages
    (CSV, reports, TimelineJS): at 10,000 articles the texts are most of the bytes read.
    """
    doc: dict[str, Any] = {
        **stream.head(),
        "articles": list(stream.articles(project, include_text=include_text)),
        "passages": list(stream.passages(project)),
        "events": list(stream.events(project)),
        "actors": list(stream.actors(project)),
        "claims": list(stream.claims(project)),
        "relations": list(stream.relations(project, has_table(project, "event_relations"))),
        "notes": list(stream.notes(project)),
    }
    graded = stream.outlet_grades(project)
    if graded:  # a project without graded outlets writes the document it always wrote
        doc["outlet_grades"] = graded
    codes = codebook_rows(project)
    if codes:  # a project without a codebook writes the document it always wrote
        doc["codebook"] = codes
    dismissals = stream.suggestion_dismissals(project)
    if dismissals:  # as the codebook: only a project that has some writes the key
        doc["suggestion_dismissals"] = dismissals
    return doc


def _text(value: str | None) -> str:
    """The schema allows null for "not given" where the project stores an empty text."""
    return "" if value is None else value


def document_rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The table rows a (validated) document describes."""
    from annotator.store.changes import derived_id

    out: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def d(obj: dict[str, Any] | None, *keys: str) -> list[Any]:
        return [obj.get(k) if obj else None for k in keys]

    for a in doc["articles"]:
        value, earliest, latest = d(a["published"], "value", "earliest", "latest")
        out["articles"].append(
            {
                "id": a["id"],
                "title": a["title"],
                "outlet": a["outlet"],
                "author": a["author"],
                "url": a["url"],
                "published": value,
                "published_earliest": earliest,
                "published_latest": latest,
                "language": a["language"],
                "text": a["text"],
                "text_hash": a["text_hash"],
                "source": a["source"],
                "previous_version": a["previous_version"],
                "retrieved": a.get("retrieved"),
                "fetched_from": json.dumps(a["fetched_from"], ensure_ascii=False)
                if a.get("fetched_from")
                else None,
                "reliability": a.get("reliability"),
                **_prov(a),
            }
        )
    for p in doc["passages"]:
        selectors = {s["type"]: s for s in p["target"]["selector"]}
        if not {"TextPositionSelector", "TextQuoteSelector"} <= selectors.keys():
            raise InputError(
                f"passage {p['id']} needs both a TextPositionSelector and a TextQuoteSelector",
                where="passages",
                hint="export the chronology again from the app",
            )
        pos, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        out["passages"].append(
            {
                "id": p["id"],
                "article_id": p["article_id"],
                "start": pos["start"],
                "end": pos["end"],
                "quote": quote["exact"],
                "prefix": quote.get("prefix", ""),
                "suffix": quote.get("suffix", ""),
                "text_hash": p["text_hash"],
                "status": p["status"],
                **_prov(p),
            }
        )

    def item_links(kind: str, item: dict[str, Any]) -> None:
        for c in item["citations"]:
            out["citations"].append(
                {
                    "id": c["id"],
                    "passage_id": c["passage_id"],
                    "event_id": None,
                    "actor_id": None,
                    "claim_id": None,
                    f"{kind}_id": item["id"],
                    "note": _text(c["note"]),
                    "credibility": c.get("credibility"),
                    "created": c["created"],
                    "modified": c["created"],
                    "analyst": c["analyst"],
                }
            )
        for tag in item["tags"]:
            out["tags"].append(
                {
                    "id": derived_id("tag", kind, item["id"], tag),
                    "tag": tag,
                    "event_id": None,
                    "actor_id": None,
                    "claim_id": None,
                    f"{kind}_id": item["id"],
                    **_prov(item),
                }
            )

    for a in doc["actors"]:
        out["actors"].append(
            {
                "id": a["id"],
                "name": a["name"],
                "kind": a["kind"],
                "aliases": json.dumps(a["aliases"], ensure_ascii=False),
                "description": _text(a["description"]),
                **_prov(a),
            }
        )
        item_links("actor", a)
    for e in doc["events"]:
        value, earliest, latest, precision, phrase, anchor, status = d(
            e["date"], "value", "earliest", "latest", "precision", "phrase", "anchor", "status"
        )
        out["events"].append(
            {
                "id": e["id"],
                "headline": e["headline"],
                "description": _text(e["description"]),
                "date": value,
                "date_earliest": earliest,
                "date_latest": latest,
                "date_precision": precision,
                "date_phrase": phrase,
                "date_anchor": anchor,
                "date_status": status,
                "day_seq": e["day_seq"] or 0,
                "type": _text(e["type"]),
                "location": _text(e["location"]),
                "confidence": e["confidence"],
                "fact_status": e.get("fact_status"),
                "assessment": e.get("assessment"),
                **_prov(e),
            }
        )
        for link in e["actors"]:
            role = link["role"] or ""  # the schema allows null for "no role"; stored as ""
            out["event_actors"].append(
                {
                    "id": derived_id("event_actor", e["id"], link["actor_id"], role),
                    "event_id": e["id"],
                    "actor_id": link["actor_id"],
                    "role": role,
                    **_prov(e),
                }
            )
        item_links("event", e)
    for c in doc["claims"]:
        value, earliest, latest = d(c["claimed"], "value", "earliest", "latest")
        out["claims"].append(
            {
                "id": c["id"],
                "text": c["text"],
                "claimant_id": c["claimant_id"],
                "claimed": value,
                "claimed_earliest": earliest,
                "claimed_latest": latest,
                "stance": c["stance"],
                "event_id": c["event_id"],
                "assessment": c["assessment"],
                "fact_status": c.get("fact_status"),
                **_prov(c),
            }
        )
        item_links("claim", c)
    for code in parents_first(doc.get("codebook") or []):
        out["codes"].append(
            {
                "id": code["id"],
                "name": code["name"],
                "color": code["color"],
                "description": code["description"],
                "parent_id": code["parent_id"],
                **_prov(code),
            }
        )
    for r in doc.get("relations", []):  # documents written before relations have none
        out["event_relations"].append(
            {
                "id": r["id"],
                "source_id": r["source_id"],
                "kind": r["kind"],
                "target_id": r["target_id"],
                "note": _text(r["note"]),
                **_prov(r),
            }
        )
    for r in doc.get("suggestion_dismissals", []):  # optional, as the codebook
        out["suggestion_dismissals"].append(
            {k: r[k] for k in ("id", "article_id", "kind", "start", "end", "text")} | _prov(r)
        )
    for g in doc.get("outlet_grades", []):  # documents written before grades have none
        out["outlet_grades"].append(
            {"id": g["id"], "outlet": g["outlet"], "grade": g["grade"], **_prov(g)}
        )
    for n in doc.get("notes", []):
        about = n["about"]
        out["notes"].append(
            {
                "id": n["id"],
                "text": n["text"],
                **{f"{k}_id": (about["id"] if k == about["kind"] else None) for k in _NOTE_TARGETS},
                **_prov(n),
            }
        )
    return out


def load_document(project: Project, doc: dict[str, Any], *, source: str = "JSON") -> ChangeSet:
    """Rows to add for a validated document; refuses ids or texts the project already has."""
    from annotator.store.anchors import anchor_incoming

    check_stored(project)

    rows = document_rows(doc)
    _check_references(rows, source)
    texts = {a["id"]: a["text"] for a in rows["articles"]}
    # Passages from another version of a text are re-found, or kept as orphans.
    anchor_incoming(
        rows["passages"],
        lambda aid: (
            texts.get(aid)
            if aid in texts
            else project.scalar("SELECT text FROM articles WHERE id = ?", [aid])
        ),
    )
    cs = ChangeSet(f"Load {source}")
    for table, table_rows in rows.items():
        for start in range(0, len(table_rows), 500):
            chunk = [r["id"] for r in table_rows[start : start + 500]]
            clash = project.scalar(
                f"SELECT id FROM [{table}] WHERE id IN ({','.join('?' * len(chunk))}) LIMIT 1",
                chunk,
            )
            if clash:
                raise InputError(
                    f"{table} {clash} is already in this project",
                    where=source,
                    hint="use 'annotator merge' to combine projects",
                )
        for row in table_rows:
            cs.insert(table, row)
    for code in rows.get("codes", []):
        if project.scalar("SELECT 1 FROM codes WHERE name = ?", [code["name"]]):
            raise InputError(
                f"the tag {code['name']!r} is already in this project's codebook",
                where=source,
                hint="use 'annotator merge' to combine projects",
            )
    graded: set[str] = set()
    for g in rows.get("outlet_grades", []):
        if g["outlet"] in graded or project.scalar(
            "SELECT 1 FROM outlet_grades WHERE outlet = ?", [g["outlet"]]
        ):
            raise InputError(
                f"the outlet {g['outlet']!r} is graded twice",
                where=source,
                hint="keep one grade per outlet, or use 'annotator merge' to combine projects",
            )
        graded.add(g["outlet"])
    for a in rows["articles"]:
        if project.scalar("SELECT 1 FROM articles WHERE text_hash = ?", [a["text_hash"]]):
            raise InputError(
                f"article {a['title']!r} is already in this project",
                where=source,
                hint="use 'annotator merge' to combine projects",
            )
    return cs


def _check_references(rows: dict[str, list[dict[str, Any]]], source: str) -> None:
    """Dangling ids inside the document get a message naming them, not an FK error."""
    ids = {t: {r["id"] for r in rs} for t, rs in rows.items()}
    refs = [
        ("articles", "previous_version", "articles"),
        ("passages", "article_id", "articles"),
        ("citations", "passage_id", "passages"),
        ("event_actors", "actor_id", "actors"),
        ("claims", "claimant_id", "actors"),
        ("claims", "event_id", "events"),
        ("codes", "parent_id", "codes"),
        ("event_relations", "source_id", "events"),
        ("event_relations", "target_id", "events"),
        *(("notes", f"{k}_id", f"{k}s") for k in _NOTE_TARGETS),
    ]
    for table, column, target in refs:
        for row in rows.get(table, []):
            ref = row.get(column)
            if ref is not None and ref not in ids.get(target, set()):
                raise InputError(
                    f"{table[:-1]} {row['id']} refers to a missing {target[:-1]} {ref}",
                    where=source,
                    hint="export the whole project again",
                )
    lengths = {a["id"]: len(a["text"]) for a in rows.get("articles", [])}
    for p in rows.get("passages", []):
        fits = 0 <= p["start"] < p["end"]
        # An orphan keeps the offsets it had before its text changed; they may lie past the end.
        if p["status"] != "orphan":
            fits = fits and p["end"] <= lengths[p["article_id"]]
        if not fits:
            raise InputError(f"passage {p['id']} lies outside its article's text", where=source)
