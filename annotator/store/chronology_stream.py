"""The chronology document's records read a slice at a time, in the document's order.

One definition of every record (``store.chronology`` builds the whole document from these
generators; the JSON export writes them as they come). Reading the whole project into
lists first held every citation, tag and text at once (the JSON export's peak was 3 GB at
100,000 events). Here the items are read a chunk at a time, in order, and each chunk's
citations, tags and actors are fetched by an indexed ``IN``: memory is one chunk and the
events' ids.
"""

from __future__ import annotations

import functools
import itertools
import operator
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import Any

from annotator import __version__
from annotator.core.export.filters import stored_sort_keys
from annotator.store.project import Project
from annotator.store.rows import aliases_of, damaged_value, json_column

SCHEMA_VERSION = 1
CHUNK = 1000  # items read together with their citations and tags
PROVENANCE = ("created", "modified", "analyst")
_ARTICLE_COLUMNS = (
    "id, title, outlet, author, url, published, published_earliest, "
    "published_latest, language, text_hash, source, previous_version, "
    "retrieved, fetched_from, reliability, created, modified, analyst"
)
_IN = "IN (SELECT value FROM json_each(?))"


def head() -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "generator": f"timeline-annotator {__version__}"}


def _query(
    project: Project, sql: str, params: Iterable[Any] = ()
) -> Generator[sqlite3.Row, None, None]:
    """Rows as the cursor gives them (sqlite3.Row: columns by name without a dict a row)."""
    with project.reading():
        cur = project.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        # Not ``yield from``: closing a reader left half-read (an export that failed, the
        # disk full) would close its cursor, on a connection closed by then, and print a
        # traceback as the interpreter collects it.
        for row in cur.execute(sql, list(params)):  # noqa: UP028
            yield row


def _tuples(
    project: Project, sql: str, params: Iterable[Any] = ()
) -> Generator[tuple[Any, ...], None, None]:
    """Rows as plain tuples, for the lists read by the hundred thousand: a ``sqlite3.Row``
    finds a column by comparing its name with each column's in turn (profiled: the
    passages', events' and citations' fields were a tenth of the JSON export)."""
    with project.reading():
        cur = project.db.conn.cursor()
        cur.row_factory = None
        for row in cur.execute(sql, list(params)):  # noqa: UP028 (as ``_query``)
            yield row


def _ids_json(ids: Iterable[str]) -> str:
    import json

    return json.dumps(list(ids))


def _chunks(rows: Iterable[Any], n: int = CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@functools.lru_cache(maxsize=1 << 16)
def _precision(value: str) -> str:
    """Kept: the claims' and articles' few thousand distinct dates were read again for
    each (0.4 s of the large JSON export, profiled); a DateError is raised each time."""
    from annotator.core.dates.value import DateValue

    return DateValue.from_edtf(value).precision


def date(
    value: str | None,
    earliest: str | None,
    latest: str | None,
    precision: str | None = None,
    phrase: str | None = None,
    anchor: str | None = None,
    status: str | None = None,
) -> dict[str, Any] | None:
    if value is None:
        return None
    if precision is None:
        precision = _precision(value)
    return {
        "value": value,
        "earliest": earliest,
        "latest": latest,
        "precision": precision,
        "phrase": phrase,
        "anchor": anchor,
        "status": status,
    }


def _prov(row: sqlite3.Row) -> dict[str, Any]:
    return {k: row[k] for k in PROVENANCE}


def _where(project: Project) -> str:
    return str(project.path or "")


class _Attached:
    """The citations and tags of one chunk of items of one kind, by item id."""

    def __init__(self, project: Project, kind: str, ids: list[str]):
        self.citations: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.tags: dict[str, list[str]] = defaultdict(list)
        key = _ids_json(ids)
        for item, cite_id, passage_id, note, credibility, created, analyst in _tuples(
            project,
            f"SELECT {kind}_id, id, passage_id, note, credibility, created, analyst "
            "FROM citations "
            f"WHERE {kind}_id {_IN} ORDER BY created, id",
            [key],
        ):
            self.citations[item].append(
                {
                    "id": cite_id,
                    "passage_id": passage_id,
                    "note": note,
                    "credibility": credibility,
                    "created": created,
                    "analyst": analyst,
                }
            )
        for item, tag in _tuples(
            project,
            f"SELECT {kind}_id, tag FROM tags WHERE {kind}_id {_IN} ORDER BY tag",
            [key],
        ):
            self.tags[item].append(tag)


def articles(project: Project, *, include_text: bool = True) -> Iterator[dict[str, Any]]:
    """``include_text=False`` leaves the texts empty, for writers that only quote passages."""
    text = "text" if include_text else "'' AS text"
    # The order first, then the rows by id: sorting the rows themselves would carry every
    # text through SQLite's sorter. The order is read as it is used: SQLite's sorter holds
    # it in its own bounded memory, not a list of every article's id here.
    order = (r[0] for r in _tuples(project, "SELECT id FROM articles ORDER BY created, id"))
    for ids in _chunks(order):
        rows = {
            r["id"]: r
            for r in _query(
                project,
                f"SELECT {_ARTICLE_COLUMNS}, {text} FROM articles WHERE id {_IN}",
                [_ids_json(ids)],
            )
        }
        for article_id in ids:
            a = rows[article_id]
            yield {
                "id": a["id"],
                "title": a["title"],
                "outlet": a["outlet"],
                "author": a["author"],
                "url": a["url"],
                "published": date(a["published"], a["published_earliest"], a["published_latest"]),
                "language": a["language"],
                "text_hash": a["text_hash"],
                "text": a["text"],
                "source": a["source"],
                "previous_version": a["previous_version"],
                "retrieved": a["retrieved"],
                "fetched_from": json_column(
                    a["fetched_from"],
                    table="articles",
                    row_id=a["id"],
                    column="fetched_from",
                    kind=list,
                    where=_where(project),
                )
                if a["fetched_from"] is not None
                else None,
                "reliability": a["reliability"],
                **_prov(a),
            }


def passages(project: Project) -> Iterator[dict[str, Any]]:
    for (
        passage_id, article_id, status, text_hash, start, end, quote, prefix, suffix,
        created, modified, analyst,
    ) in _tuples(
        project,
        'SELECT id, article_id, status, text_hash, start, "end", quote, prefix, suffix, '
        'created, modified, analyst FROM passages ORDER BY article_id, start, "end", id',
    ):  # fmt: skip
        yield {
            "id": passage_id,
            "article_id": article_id,
            "status": status,
            "text_hash": text_hash,
            "target": {
                "source": article_id,
                "selector": [
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {
                        "type": "TextQuoteSelector",
                        "exact": quote,
                        "prefix": prefix,
                        "suffix": suffix,
                    },
                ],
            },
            "created": created,
            "modified": modified,
            "analyst": analyst,
        }


def event_order(project: Project) -> list[str]:
    """Every event's id in the one chronological order every writer uses
    (``core.export.filters.sort_events``), from the columns the order needs."""
    keyed = list(
        stored_sort_keys(
            _tuples(
                project,
                # Nearly in order already (SQLite sorts without holding the GIL), so the sort
                # in Python is one pass: a window's export worker no longer stops the window.
                "SELECT id, date_earliest, date_latest, day_seq, headline FROM events "
                f"ORDER BY {_SQL_ORDER}",
            )
        )
    )
    keyed.sort()
    return [event_id for _key, event_id in keyed]


# SQLite's order written to agree with ``event_sort_key`` on ISO dates and ASCII headlines
# (undated last, a set day_seq before none, headlines without case, then the id).
_SQL_ORDER = (
    "(date_earliest IS NULL OR date_earliest = '') AND (date_latest IS NULL OR date_latest = ''), "
    "coalesce(nullif(date_earliest, ''), date_latest), "
    "coalesce(nullif(date_latest, ''), date_earliest), "
    "day_seq IS NULL, day_seq, coalesce(headline, '') COLLATE NOCASE, id"
)


# A bound SQLite orders as ``datetime.fromisoformat`` reads it: one shape only (a day and a
# time to the second), a real instant (julianday moves 30 February and 24:00 on), year 1 on.
_BOUND_AGREES = (
    "(b IS NULL OR (typeof(b) = 'text' AND b >= '0001' "
    "AND strftime('%Y-%m-%dT%H:%M:%S', julianday(b)) IS b))"
)
# Whether any stored value could make SQLite's order and ``event_sort_key`` differ: a bound
# of another shape (or blank), a day_seq that is not a number, a headline beyond printable
# ASCII (NOCASE folds only A-Z, ``casefold`` more), an event without an id.
_ORDER_DIFFERS = (
    "SELECT EXISTS (SELECT 1 FROM (SELECT date_earliest AS b FROM events UNION "
    f"SELECT date_latest FROM events) WHERE NOT {_BOUND_AGREES}) "
    "OR EXISTS (SELECT 1 FROM events WHERE NOT ((day_seq IS NULL OR typeof(day_seq) = "
    "'integer') AND (headline IS NULL OR (typeof(headline) = 'text' "
    "AND headline NOT GLOB '*[^ -~]*')))) "
    "OR EXISTS (SELECT 1 FROM events WHERE id IS NULL)"
)


def sql_order_agrees(project: Project) -> bool:
    """Whether SQLite's order is the chronological order for every event stored (two scans
    of an index: a tenth of the time of ``event_order``). Not on a file known damaged, nor
    when the check cannot read what it scans (a damaged index): the order is then read as
    before, from the table alone, and what cannot be read is told as before."""
    if project.damage is not None:
        return False
    try:
        cur = project.db.conn.cursor()
        cur.row_factory = None
        return not any(row[0] for row in cur.execute(_ORDER_DIFFERS))
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
            raise  # our SQL is wrong: a bug, not the user's file
        return False


def ordered_events(project: Project, fields: Sequence[str]) -> Iterator[list[tuple[Any, ...]]]:
    """The events' ``fields`` in the one chronological order, a chunk at a time, as plain
    tuples: in SQLite's order alone where it agrees (no list of every id and no sort keys
    built in Python first: 8% of the events CSV, profiled), else in ``event_order``."""
    columns = ", ".join(f"[{name}]" for name in fields)
    if sql_order_agrees(project):
        query = f"SELECT {columns} FROM events ORDER BY {_SQL_ORDER}"
        yield from _chunks(_tuples(project, query))
        return
    if project.damage is None:
        rows = _sorted_by_key(project, columns)
        if rows is not None:
            yield from _chunks(rows)
            return
    pick: Callable[[sqlite3.Row], tuple[Any, ...]] | None = None
    for chunk in events_in_order(project, event_order(project)):
        if pick is None:  # the fields by position: a Row looks a name up column by column
            pick = _picker([chunk[0].keys().index(name) for name in fields])
        yield [pick(e) for e in chunk]


_KEY_FUNCTION = "annotator_event_key"


def _sorted_by_key(project: Project, columns: str) -> Iterator[tuple[Any, ...]] | None:
    """The events sorted by SQLite on ``event_sort_key`` written as bytes: its sorter holds
    the rows in its own bounded memory, where listing every event's key and sorting them
    here grew with the project. None where a stored value cannot be written so (a bound
    with a time zone...): SQLite sorts every row before giving the first, so that is known
    before any row is used, and the order is then read as before."""
    from annotator.core.export.order_bytes import event_key_bytes

    unordered: list[BaseException] = []

    def key(*row: Any) -> bytes:
        try:
            return event_key_bytes(*row)
        except Exception as exc:  # any value the key cannot take: the old path says why
            unordered.append(exc)
            return b""

    conn = project.db.conn
    conn.create_function(_KEY_FUNCTION, 5, key, deterministic=True)
    rows = _tuples(
        project,
        f"SELECT {columns} FROM events ORDER BY "
        f"{_KEY_FUNCTION}(id, date_earliest, date_latest, day_seq, headline)",
    )
    first = next(rows, None)
    if unordered:
        rows.close()
        return None
    return iter(()) if first is None else itertools.chain((first,), rows)


def _picker(where: list[int]) -> Callable[[sqlite3.Row], tuple[Any, ...]]:
    """The values at these places as a tuple (itemgetter gives one value alone bare)."""
    if len(where) == 1:
        return lambda row: (row[where[0]],)
    return operator.itemgetter(*where)


def events_in_order(project: Project, order: list[str]) -> Iterator[list[sqlite3.Row]]:
    """The event rows in ``order``, a chunk at a time."""
    yield from _chunks(_rows_in_order(project, order))


def _rows_in_order(project: Project, order: list[str]) -> Iterator[sqlite3.Row]:
    """One ordered pass over the events while SQLite's order is ``order`` (reading them by
    id a chunk at a time was a tenth of the events CSV, profiled); from the first event
    where the two differ (a date ``fromisoformat`` reads otherwise, a headline beyond
    ASCII) the rest are read by id, so the order is always ``order``."""
    done = 0
    rows = _query(project, f"SELECT * FROM events ORDER BY {_SQL_ORDER}")
    try:
        for row in rows:
            if done == len(order) or row["id"] != order[done]:
                break
            yield row
            done += 1
    finally:
        rows.close()
    for ids in _chunks(order[done:]):
        by_id = {
            r["id"]: r
            for r in _query(project, f"SELECT * FROM events WHERE id {_IN}", [_ids_json(ids)])
        }
        missing = next((event_id for event_id in ids if event_id not in by_id), None)
        if missing is not None:  # listed, then not found by its id: a damaged index
            raise damaged_value(
                "events", repr(missing), "id", "is listed but cannot be read by it",
                str(project.path or ""),
            )  # fmt: skip
        yield from (by_id[event_id] for event_id in ids)


_EVENT_FIELDS = (
    "id", "headline", "description", "date", "date_earliest", "date_latest", "date_precision",
    "date_phrase", "date_anchor", "date_status", "day_seq", "type", "location", "confidence",
    "fact_status", "assessment", "created", "modified", "analyst",
)  # fmt: skip


def events(project: Project) -> Iterator[dict[str, Any]]:
    for rows in ordered_events(project, _EVENT_FIELDS):
        ids = [e[0] for e in rows]
        attached = _Attached(project, "event", ids)
        links: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event_id, actor_id, role in _tuples(
            project,
            f"SELECT event_id, actor_id, role FROM event_actors WHERE event_id {_IN} "
            "ORDER BY rowid",
            [_ids_json(ids)],
        ):
            links[event_id].append({"actor_id": actor_id, "role": role})
        for (
            event_id, headline, description, value, earliest, latest, precision, phrase,
            anchor, status, day_seq, kind, location, confidence, fact_status, assessment,
            created, modified, analyst,
        ) in rows:  # fmt: skip
            yield {
                "id": event_id,
                "headline": headline,
                "description": description,
                "date": date(value, earliest, latest, precision, phrase, anchor, status),
                "day_seq": day_seq,
                "type": kind,
                "location": location,
                "confidence": confidence,
                "fact_status": fact_status,
                "assessment": assessment,
                "actors": links.get(event_id, []),
                "tags": attached.tags.get(event_id, []),
                "citations": attached.citations.get(event_id, []),
                "created": created,
                "modified": modified,
                "analyst": analyst,
            }


def actors(project: Project) -> Iterator[dict[str, Any]]:
    for chunk in _chunks(_query(project, "SELECT * FROM actors ORDER BY created, id")):
        attached = _Attached(project, "actor", [a["id"] for a in chunk])
        for a in chunk:
            yield {
                "id": a["id"],
                "name": a["name"],
                "kind": a["kind"],
                "aliases": aliases_of(dict(a), _where(project)),
                "description": a["description"],
                "tags": attached.tags.get(a["id"], []),
                "citations": attached.citations.get(a["id"], []),
                **_prov(a),
            }


def claims(project: Project) -> Iterator[dict[str, Any]]:
    for chunk in _chunks(
        _query(
            project,
            "SELECT * FROM claims ORDER BY claimed_earliest IS NULL, claimed_earliest, created, id",
        )
    ):
        attached = _Attached(project, "claim", [c["id"] for c in chunk])
        for c in chunk:
            yield {
                "id": c["id"],
                "text": c["text"],
                "claimant_id": c["claimant_id"],
                "claimed": date(c["claimed"], c["claimed_earliest"], c["claimed_latest"]),
                "stance": c["stance"],
                "event_id": c["event_id"],
                "assessment": c["assessment"],
                "fact_status": c["fact_status"],
                "tags": attached.tags.get(c["id"], []),
                "citations": attached.citations.get(c["id"], []),
                **_prov(c),
            }


def relations(project: Project, present: bool) -> Iterator[dict[str, Any]]:
    """``present``: the file has the relations table (a file from before it has none)."""
    if not present:
        return
    for r in _query(project, "SELECT * FROM event_relations ORDER BY created, id"):
        yield {
            "id": r["id"],
            "source_id": r["source_id"],
            "kind": r["kind"],
            "target_id": r["target_id"],
            "note": r["note"],
            **_prov(r),
        }


NOTE_TARGETS = ("article", "passage", "event", "actor", "claim")


def notes(project: Project) -> Iterator[dict[str, Any]]:
    for n in _query(project, "SELECT * FROM notes ORDER BY created, id"):
        kind = next(k for k in NOTE_TARGETS if n[f"{k}_id"])
        yield {
            "id": n["id"],
            "text": n["text"],
            "about": {"kind": kind, "id": n[f"{kind}_id"]},
            **_prov(n),
        }


def outlet_grades(project: Project) -> list[dict[str, Any]]:
    """Outlets' reliability grades (m015); a file from before has none."""
    if not _has_table(project, "outlet_grades"):
        return []
    return [
        {"id": g["id"], "outlet": g["outlet"], "grade": g["grade"], **_prov(g)}
        for g in _query(project, "SELECT * FROM outlet_grades ORDER BY outlet, id")
    ]


def suggestion_dismissals(project: Project) -> list[dict[str, Any]]:
    """Suggestions dismissed in the reader (m016); a file from before has none."""
    if not _has_table(project, "suggestion_dismissals"):
        return []
    return [
        {
            "id": r["id"], "article_id": r["article_id"], "kind": r["kind"],
            "start": r["start"], "end": r["end"], "text": r["text"], **_prov(r),
        }
        for r in _query(project, "SELECT * FROM suggestion_dismissals ORDER BY created, id")
    ]  # fmt: skip


def _has_table(project: Project, name: str) -> bool:
    rows = _query(project, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name])
    return any(True for _ in rows)
