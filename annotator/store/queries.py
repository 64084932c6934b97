"""Read-only queries behind the timeline table, its filter bar and the drawn timeline.

Filtering and sorting happen in SQL so that a view of 100,000 events never loads them all:
``event_query`` builds one statement from a :class:`TimelineFilter`; computed columns
(actors, sources, claims, tags) are aggregated once per statement for sorting and per
fetched page for display (``event_page``), never per row over the whole table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from annotator.store.event_sort_keys import KEY_COLUMNS, TABLE, has_sort_keys
from annotator.store.grade_sql import grade_where
from annotator.store.project import Project
from annotator.store.search_terms import fts_query

# Sort keys the table offers, in column order (column name -> key used by event_query).
SORT_KEYS = ("date", "headline", "type", "actors", "sources", "claims", "tags", "fact_status")


@dataclass(frozen=True)
class TimelineFilter:
    """What the timeline shows. Within one field any value matches; fields combine with AND.

    ``date_from`` / ``date_to`` are ISO datetimes (``2025-03-04T00:00:00``), the bounds of what
    the user typed; an event matches when its date range overlaps [date_from, date_to].
    Undated events are left out as soon as either bound is set. ``text`` is full-text search
    over headline, description, location, type and date phrase.
    """

    actor_ids: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    text: str = ""
    single_source: bool = False  # only events that one outlet alone reports
    # Fact statuses to show ("key", "undisputed", "disputed"; "" for not yet judged).
    fact_statuses: tuple[str, ...] = ()
    # Graded sources (store.grade_sql): the worst reliability and credibility let through
    # ("C": sources graded A to C only; "" any), and assessments ("" for not yet assessed).
    worst_reliability: str = ""
    worst_credibility: str = ""
    assessments: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (
            self.single_source
            or self.worst_reliability
            or self.worst_credibility
            or self.assessments
            or self.fact_statuses
            or self.actor_ids
            or self.types
            or self.tags
            or self.article_ids
            or self.date_from
            or self.date_to
            or fts_query(self.text)
        )


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def event_where(flt: TimelineFilter | None) -> tuple[str, list[Any]]:
    """The WHERE clause (without the keyword; ``1`` when empty) for events aliased ``e``."""
    if flt is None:
        return "1", []
    parts: list[str] = []
    params: list[Any] = []
    if flt.actor_ids:
        parts.append(
            "e.id IN (SELECT event_id FROM event_actors "
            f"WHERE actor_id IN ({_marks(flt.actor_ids)}))"
        )
        params += list(flt.actor_ids)
    if flt.types:
        parts.append(f"e.type IN ({_marks(flt.types)})")
        params += list(flt.types)
    if flt.tags:
        parts.append(
            "e.id IN (SELECT event_id FROM tags WHERE event_id IS NOT NULL "
            f"AND tag IN ({_marks(flt.tags)}))"
        )
        params += list(flt.tags)
    if flt.article_ids:
        parts.append(
            "e.id IN (SELECT c.event_id FROM citations c JOIN passages p "
            "ON p.id = c.passage_id WHERE c.event_id IS NOT NULL "
            f"AND p.article_id IN ({_marks(flt.article_ids)}))"
        )
        params += list(flt.article_ids)
    if flt.date_from:
        parts.append("e.date_latest >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        parts.append("e.date_earliest <= ?")
        params.append(flt.date_to)
    query = fts_query(flt.text or "")
    if query:
        parts.append("e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(query)
    if flt.single_source:
        parts.append(f"({OUTLETS_OF_E}) <= 1")
    if flt.fact_statuses:
        named = [s for s in flt.fact_statuses if s]
        either = [f"e.fact_status IN ({_marks(named)})"] if named else []
        if "" in flt.fact_statuses:
            either.append("e.fact_status IS NULL")
        parts.append(f"({' OR '.join(either)})")
        params += named
    graded, graded_params = grade_where(
        flt.worst_reliability, flt.worst_credibility, flt.assessments
    )
    parts += graded
    params += graded_params
    return (" AND ".join(parts) or "1"), params


# Aggregates joined in only when sorting needs them: one GROUP BY over an index each.
# (join, sort expression, whether empty values exist and go last)
_SORT_JOINS = {
    "actors": (
        "LEFT JOIN (SELECT ea.event_id, min(a.name COLLATE NOCASE) AS k "
        "FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
        "GROUP BY ea.event_id) s ON s.event_id = e.id",
        "s.k",
        True,
    ),
    "sources": (
        "LEFT JOIN (SELECT c.event_id, count(DISTINCT p.article_id) AS k "
        "FROM citations c JOIN passages p ON p.id = c.passage_id "
        "WHERE c.event_id IS NOT NULL GROUP BY c.event_id) s ON s.event_id = e.id",
        "coalesce(s.k, 0)",
        False,
    ),
    "claims": (
        "LEFT JOIN (SELECT event_id, count(*) AS k FROM claims "
        "WHERE event_id IS NOT NULL GROUP BY event_id) s ON s.event_id = e.id",
        "coalesce(s.k, 0)",
        False,
    ),
    "tags": (
        "LEFT JOIN (SELECT event_id, min(tag COLLATE NOCASE) AS k FROM tags "
        "WHERE event_id IS NOT NULL GROUP BY event_id) s ON s.event_id = e.id",
        "s.k",
        True,
    ),
}

# Key facts first, then disputed, then undisputed; not yet judged last in either direction.
_FACT_ORDER = (
    "e.fact_status IS NULL, CASE e.fact_status WHEN 'key' THEN 0 WHEN 'disputed' THEN 1 ELSE 2 END"
)

# NULLS LAST on the leading column still lets SQLite walk idx_events_chrono (3.30+).
_CHRONO = "e.date_earliest NULLS LAST, e.date_latest, e.day_seq, e.headline, e.rowid"
_CHRONO_DESC = (
    "e.date_earliest DESC NULLS LAST, e.date_latest DESC, e.day_seq DESC, "
    "e.headline DESC, e.rowid DESC"
)


def event_query(
    flt: TimelineFilter | None,
    order_by: str = "date",
    limit: int | None = None,
    offset: int = 0,
    *,
    descending: bool = False,
    columns: str = "e.*",
    keys_table: bool = False,
) -> tuple[str, list[Any]]:
    """SELECT over events matching ``flt`` in the order of ``order_by`` (one of SORT_KEYS).

    Undated events and empty computed values come last in either direction; ties fall
    back to chronological order, then rowid (through the stored keys: the earliest date
    in the sort's direction, then id), so pages never shuffle. ``columns`` lets
    callers fetch only ``e.rowid`` or ``e.id``. With ``keys_table`` the computed columns
    are read from the stored, indexed ``event_sort_keys`` (type and status too); without,
    they are aggregated in the statement (correct in a file older than that table, slow at
    100,000).
    """
    if order_by not in SORT_KEYS:
        raise ValueError(f"unknown sort key {order_by!r}")
    where, params = event_where(flt)
    source = "events e"
    direction = " DESC" if descending else ""
    if order_by == "date":
        order = _CHRONO_DESC if descending else _CHRONO
    elif keys_table and order_by in KEY_COLUMNS:
        # Same columns and directions as the key's index, so SQLite walks it in order.
        # CROSS JOIN pins the join order: walk the key index, look events up by id.
        source = f"{TABLE} k CROSS JOIN events e ON e.id = k.event_id"
        # (NULLS LAST on a later column would cost a sort: undated ties go first there.)
        order = (
            f"k.{order_by}{direction} NULLS LAST, k.date_earliest{direction}, k.event_id{direction}"
        )
    elif order_by in ("headline", "type"):
        order = f"e.{order_by} COLLATE NOCASE{direction}, {_CHRONO}"
    elif order_by == "fact_status":  # a few values: sorted without an index
        order = f"{_FACT_ORDER}{direction}, {_CHRONO}"
    else:
        join, key, nullable = _SORT_JOINS[order_by]
        source += " " + join
        nulls = " NULLS LAST" if nullable else ""
        order = f"{key}{direction}{nulls}, {_CHRONO}"
    sql = f"SELECT {columns} FROM {source} WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return sql, params


def count_events(project: Project, flt: TimelineFilter | None) -> int:
    where, params = event_where(flt)
    return int(project.scalar(f"SELECT count(*) FROM events e WHERE {where}", params) or 0)


def uses_keys_table(project: Project, order_by: str) -> bool:
    """Whether the table's pages in this order read the stored keys (a file with them)."""
    return order_by in KEY_COLUMNS and has_sort_keys(project.db.conn)


def event_rowids(
    project: Project,
    flt: TimelineFilter | None,
    order_by: str = "date",
    *,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    pause: Callable[[], None] | None = None,
) -> list[int]:
    """Matching events' rowids in order (all of them when ``limit`` is None). ``pause`` is
    called between batches: a worker reading 100,000 rowids lets the window's thread run."""
    sql, params = event_query(
        flt,
        order_by,
        limit,
        offset,
        descending=descending,
        columns="e.rowid",
        keys_table=uses_keys_table(project, order_by),
    )
    with project.reading():
        cursor = project.db.execute(sql, params)
        if pause is None:
            return [r[0] for r in cursor.fetchall()]
        out: list[int] = []
        while batch := cursor.fetchmany(2000):
            out.extend(r[0] for r in batch)
            pause()
        return out


# How many outlets stand behind an event: an article without an outlet counts as its own.
OUTLETS_OF_E = (
    "SELECT count(DISTINCT coalesce(nullif(a.outlet, ''), a.id)) FROM citations c "
    "JOIN passages p ON p.id = c.passage_id JOIN articles a ON a.id = p.article_id "
    "WHERE c.event_id = e.id"
)

_PAGE_SQL = """
SELECT e.rowid AS _rowid, e.*,
  (SELECT group_concat(x, '; ') FROM (
      SELECT a.name || CASE WHEN ea.role != '' THEN ' (' || ea.role || ')' ELSE '' END AS x
        FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
       WHERE ea.event_id = e.id ORDER BY a.name COLLATE NOCASE, ea.role)) AS actors,
  (SELECT group_concat(x, '; ') FROM (
      SELECT a.name || CASE WHEN ea.role != '' THEN ': ' || ea.role ELSE '' END AS x
        FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
       WHERE ea.event_id = e.id ORDER BY a.name COLLATE NOCASE, ea.role)) AS actors_edit,
  (SELECT count(DISTINCT p.article_id) FROM citations c JOIN passages p ON p.id = c.passage_id
    WHERE c.event_id = e.id) AS sources,
  (SELECT count(*) FROM citations c WHERE c.event_id = e.id) AS citation_count,
  ({outlets}) AS outlets,
  (SELECT count(*) FROM claims c WHERE c.event_id = e.id) AS claims,
  (SELECT group_concat(tag, ', ') FROM (
      SELECT tag FROM tags WHERE event_id = e.id ORDER BY tag COLLATE NOCASE)) AS tags
FROM events e WHERE e.rowid IN ({marks})
"""


def event_page(project: Project, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Display rows (computed columns included) for the given rowids, keyed by rowid."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(rowids), 500):
        chunk = list(rowids[start : start + 500])
        sql = _PAGE_SQL.format(marks=_marks(chunk), outlets=OUTLETS_OF_E)
        for row in project.rows(sql, chunk):
            out[row["_rowid"]] = row
    return out


def event_ids(
    project: Project,
    flt: TimelineFilter | None,
    order_by: str = "date",
    *,
    descending: bool = False,
    limit: int | None = None,
) -> list[str]:
    """Ids of the events ``flt`` lets through, in the table's order."""
    sql, params = event_query(
        flt,
        order_by,
        limit,
        descending=descending,
        columns="e.id",
        keys_table=uses_keys_table(project, order_by),
    )
    return [r["id"] for r in project.rows(sql, params)]


def event_matches(project: Project, flt: TimelineFilter | None, event_id: str) -> bool:
    """Whether ``flt`` lets one event through (checked by rowid, not over the whole table)."""
    rowid = rowid_of(project, "events", event_id)
    if rowid is None:
        return False
    sql, params = event_query(flt, "date", columns="e.rowid")
    sql = sql.replace(" ORDER BY ", " AND e.rowid = ? ORDER BY ", 1)
    return project.scalar(sql, [*params, rowid]) is not None


def rowid_of(project: Project, table: str, id: str) -> int | None:
    return cast(int | None, project.scalar(f"SELECT rowid FROM [{table}] WHERE id = ?", [id]))


# -- choices for pickers -----------------------------------------------------------------


def event_types(project: Project) -> list[str]:
    return [
        r["type"]
        for r in project.rows(
            "SELECT DISTINCT type FROM events WHERE type != '' ORDER BY type COLLATE NOCASE"
        )
    ]


def tag_names(project: Project) -> list[str]:
    return [
        r["tag"] for r in project.rows("SELECT DISTINCT tag FROM tags ORDER BY tag COLLATE NOCASE")
    ]


def actor_choices(project: Project) -> list[dict[str, Any]]:
    """id, name, kind and aliases (JSON text) of every actor, by name."""
    return project.rows("SELECT id, name, kind, aliases FROM actors ORDER BY name COLLATE NOCASE")


def article_choices(project: Project) -> list[dict[str, Any]]:
    return project.rows(
        "SELECT id, title, outlet, published FROM articles "
        "ORDER BY published_earliest, title COLLATE NOCASE"
    )


# -- citations of one item ---------------------------------------------------------------


def citations_of(project: Project, kind: str, item_id: str) -> list[dict[str, Any]]:
    """Citations of an event, actor or claim with their passage and article, oldest first."""
    if kind not in ("event", "actor", "claim"):
        raise ValueError(f"unknown item kind {kind!r}")
    return project.rows(
        'SELECT c.id, c.note, c.passage_id, p.article_id, p.start, p."end", p.quote, '
        "p.status, a.title, a.outlet, a.published FROM citations c "
        "JOIN passages p ON p.id = c.passage_id JOIN articles a ON a.id = p.article_id "
        f"WHERE c.{kind}_id = ? ORDER BY c.created, c.id",
        [item_id],
    )


def tags_of(project: Project, kind: str, item_id: str) -> list[str]:
    if kind not in ("event", "actor", "claim"):
        raise ValueError(f"unknown item kind {kind!r}")
    return [
        r["tag"]
        for r in project.rows(
            f"SELECT tag FROM tags WHERE {kind}_id = ? ORDER BY tag COLLATE NOCASE", [item_id]
        )
    ]
