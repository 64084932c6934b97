"""The rows the drawn timeline needs: dated events and claims with their lanes.

Read-only, on the app's connection, and without scratch tables: the ids to read go in as
one JSON array through ``json_each(?)``, so no statement here can open a write transaction
on the writer's connection.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any, Literal, NamedTuple

from annotator.store.project import Project
from annotator.store.queries import TimelineFilter, event_query, uses_keys_table

_BATCH = 500  # rows fetched between two pauses of a worker
MAX_DRAWN = 10_000  # profiled: 120,000 entries cost 10 s to read and lay out at start
# Tables whose change can change what is drawn.
WATCHED = frozenset({"events", "claims", "actors", "event_actors", "tags", "citations", "articles"})
# An event's own columns the drawing takes, in the order `drawn_rows` reads them.
EVENT_COLUMNS = (
    "id",
    "headline",
    "date",
    "date_earliest",
    "date_latest",
    "date_precision",
    "day_seq",
    "type",
    "fact_status",
    "date_status",
)
EventColumns = tuple[Any, ...]  # one event's EVENT_COLUMNS as stored


class DrawnRow(NamedTuple):
    """One dated item as stored; the ui turns it into what it draws. A tuple, not a frozen
    dataclass: built 10,000 times per read, its __init__ cost 50 ms of it (profiled)."""

    id: str
    kind: Literal["event", "claim"]
    label: str
    date: str  # EDTF
    earliest: str
    latest: str
    precision: str | None
    day_seq: int = 0
    type: str = ""
    about_event_id: str | None = None
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    fact_status: str | None = None  # key, undisputed, disputed
    suggested: bool = False  # an event date the app suggested and the analyst has not confirmed
    single_source: bool = False  # an event whose every citation comes from one outlet


def count_dated_events(project: Project, cap: int | None = None) -> int:
    """Dated events, counted up to ``cap`` when given: whether there are that many is all
    the window asks after each edit, and a whole count scans every event (8-30 ms at
    100,000 on the window's thread, profiled)."""
    if cap is None:
        return int(project.scalar("SELECT count(*) FROM events WHERE date IS NOT NULL") or 0)
    return int(
        project.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM events WHERE date IS NOT NULL LIMIT ?)", [cap]
        )
        or 0
    )


def latest_drawn_ids(project: Project, limit: int = MAX_DRAWN) -> list[str]:
    """The latest ``limit`` dated events, and the dated claims about them (or about nothing)."""
    events = [
        r["id"]
        for r in project.rows(
            "SELECT id FROM events WHERE date IS NOT NULL ORDER BY date_latest DESC LIMIT ?",
            [limit],
        )
    ]
    claims = [
        r["id"]
        for r in project.rows(
            "SELECT id FROM claims WHERE claimed IS NOT NULL AND (event_id IS NULL OR event_id IN "
            "(SELECT value FROM json_each(?))) ORDER BY claimed_latest DESC LIMIT ?",
            [json.dumps(events), limit // 4],
        )
    ]
    return events + claims


def claims_about(project: Project, event_ids: set[str] | list[str]) -> set[str]:
    return {
        r["id"]
        for r in project.rows(
            "SELECT id FROM claims WHERE event_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(event_ids))],
        )
    }


def drawn_rows(
    project: Project,
    ids: set[str] | list[str] | None = None,
    pause: Callable[[], None] | None = None,
    events: Mapping[str, EventColumns] | None = None,
) -> list[DrawnRow]:
    """Rows for ``ids`` (events or claims; undated ones left out), or the latest by default.

    A worker passes ``pause`` (ui.timeline.yielding.Yielder): it is called between batches
    of rows, so the worker holds the interpreter lock in short pieces (SQLite lets it go
    while it steps; building the Python rows does not). ``events``: the EVENT_COLUMNS of
    events read already (by `drawn_selection`, with the filter), not looked up again."""
    wanted_ids = sorted(set(ids)) if ids is not None else latest_drawn_ids(project)
    wanted = json.dumps(wanted_ids)
    rest = pause or _no_pause

    def fetch(sql: str, *args: object) -> list[Any]:
        # Tuples in batches, not a dict per row (the dicts were a tenth of the read).
        out: list[Any] = []
        with project.reading():
            cur = project.db.execute(sql, list(args))
            while batch := cur.fetchmany(_BATCH):
                out += batch
                rest()
        return out

    # In the order of the links' times, then the actors' names; the names joined here
    # (5,000 actors, a few pages) cost 15 ms at 10,000 events, the sort in Python more.
    actors: dict[str, list[str]] = defaultdict(list)
    for event_id, name in fetch(
        "SELECT l.event_id, a.name FROM event_actors l JOIN actors a ON a.id = l.actor_id "
        "WHERE l.event_id IN (SELECT value FROM json_each(?)) ORDER BY l.created, a.name",
        wanted,
    ):
        actors[event_id].append(name)
    tags: dict[str, list[str]] = defaultdict(list)
    for tag, item in fetch(
        "SELECT tag, item FROM ("
        "SELECT tag, event_id AS item FROM tags "
        "WHERE event_id IN (SELECT value FROM json_each(?1)) "
        "UNION ALL "
        "SELECT tag, claim_id FROM tags INDEXED BY idx_tags_claim "
        "WHERE claim_id IN (SELECT value FROM json_each(?1))"
        ") ORDER BY tag",
        wanted,
    ):
        tags[item].append(tag)
    # Two index lookups (events' citations, claims') instead of one OR, which made SQLite
    # scan every citation: 424 ms of CPU at 200,000 citations for 10,000 drawn (profiled).
    # The claim half names its index: where few citations are on claims, the statistics
    # make the claim_id index look useless (one NULL key for nearly every row) and SQLite
    # scanned the table instead (400 ms, even when no claim was asked for). In the order of
    # the citations' rowids: each item's titles in the order it first cited them. The
    # passages' articles and the titles are named from m023's indexes, which hold them:
    # statistics gathered before those indexes existed favour the rows' own keys.
    cited = fetch(
        "SELECT item, event, article_id FROM ("
        "SELECT c.event_id AS item, 1 AS event, p.article_id, c.rowid AS seq FROM citations c "
        "JOIN passages p INDEXED BY idx_passages_article_of ON p.id = c.passage_id "
        "WHERE c.event_id IN (SELECT value FROM json_each(?1)) "
        "UNION ALL "
        "SELECT c.claim_id, 0, p.article_id, c.rowid FROM citations c "
        "INDEXED BY idx_citations_claim "
        "JOIN passages p INDEXED BY idx_passages_article_of ON p.id = c.passage_id "
        "WHERE c.claim_id IN (SELECT value FROM json_each(?1))"
        ") ORDER BY seq",
        wanted,
    )
    # The articles' titles read once each, not joined to every citation.
    sources = {
        article_id: (title, outlet or article_id)
        for article_id, title, outlet in fetch(
            "SELECT id, title, outlet FROM articles INDEXED BY idx_articles_source_of "
            "WHERE id IN (SELECT value FROM json_each(?))",
            json.dumps(sorted({r[2] for r in cited})),
        )
    }
    articles: dict[str, list[str]] = defaultdict(list)
    # Events one outlet alone reports (an article without an outlet counts as its own, as
    # in the table's Single source filter).
    outlets: dict[str, set[str]] = defaultdict(set)
    for item, event, article_id in cited:
        source = sources.get(article_id)
        if source is None:
            continue
        titles = articles[item]
        if source[0] not in titles:
            titles.append(source[0])
        if event:
            outlets[item].add(source[1])
    single = {item for item, found in outlets.items() if len(found) == 1}
    out: list[DrawnRow] = []
    none: tuple[str, ...] = ()
    for id_, headline, date, lo, hi, precision, day_seq, type_, fact, status in _events(
        fetch, wanted_ids, wanted, events
    ):
        out.append(
            DrawnRow(
                id_,
                "event",
                headline,
                date,
                lo,
                hi,
                precision,
                day_seq or 0,
                type_ or "",
                None,
                tuple(actors[id_]) if id_ in actors else none,
                tuple(tags[id_]) if id_ in tags else none,
                tuple(articles[id_]) if id_ in articles else none,
                fact,
                status == "suggested",
                id_ in single,
            )
        )
    for id_, text, claimed, lo, hi, event_id, fact, claimant in fetch(
        "SELECT c.id, c.text, c.claimed, c.claimed_earliest, c.claimed_latest, "
        "c.event_id, c.fact_status, a.name AS claimant FROM claims c "
        "LEFT JOIN actors a ON a.id = c.claimant_id WHERE c.claimed IS NOT NULL "
        "AND c.id IN (SELECT value FROM json_each(?))",
        wanted,
    ):
        out.append(
            DrawnRow(
                id_,
                "claim",
                text,
                claimed,
                lo,
                hi,
                None,
                0,
                "claim",
                event_id,
                (claimant,) if claimant else none,
                tuple(tags[id_]) if id_ in tags else none,
                tuple(articles[id_]) if id_ in articles else none,
                fact,
            )
        )
    return out


def _no_pause() -> None:
    pass


def _events(
    fetch: Callable[..., list[Any]],
    wanted_ids: list[str],
    wanted: str,
    known: Mapping[str, EventColumns] | None,
) -> list[EventColumns]:
    """The dated events among the ids, in the order of their ids (as the statement gives
    them): those in `known` as they are, the others looked up by id."""
    sql = (
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE date IS NOT NULL "
        "AND id IN (SELECT value FROM json_each(?))"
    )
    if not known:
        return fetch(sql, wanted)
    looked_up = {
        row[0]: row for row in fetch(sql, json.dumps(sorted(set(wanted_ids) - known.keys())))
    }
    found = []
    for item_id in sorted(set(wanted_ids)):
        row = known.get(item_id) or looked_up.get(item_id)
        if row is not None and row[2] is not None:  # an undated event is not drawn
            found.append(row)
    return found


def drawn_selection(
    project: Project, flt: TimelineFilter, order_by: str = "date", *, descending: bool = False
) -> tuple[set[str], int | None, dict[str, EventColumns]]:
    """Which items the drawn timeline shows for the table's filter and order: the first
    MAX_DRAWN events it lets through and the claims about them, or the latest when
    unfiltered; with the count of dated events when unfiltered (to say how many are not
    drawn). Undated events among them are left out by `drawn_rows`.

    And the EVENT_COLUMNS of the events a filter lets through (none when unfiltered), for
    `drawn_rows`: the filter's statement passes by each event's row anyway, and looking
    7,000 of them up again by id took 25-30 ms of a filter's read (profiled)."""
    if flt.is_empty():
        return set(latest_drawn_ids(project)), count_dated_events(project), {}
    sql, params = event_query(
        flt,
        order_by,
        MAX_DRAWN,
        descending=descending,
        columns=", ".join(f"e.{name}" for name in EVENT_COLUMNS),
        keys_table=uses_keys_table(project, order_by),
    )
    with project.reading():
        events = {row[0]: row for row in project.db.execute(sql, params).fetchall()}
    shown = set(events)
    return shown | claims_about(project, shown), None, events


def drawn_for(
    project: Project,
    flt: TimelineFilter,
    order_by: str = "date",
    *,
    descending: bool = False,
    pause: Callable[[], None] | None = None,
) -> tuple[list[DrawnRow], int | None]:
    """The rows of `drawn_selection`, and the count of dated events when unfiltered."""
    ids, total, events = drawn_selection(project, flt, order_by, descending=descending)
    return drawn_rows(project, ids, pause, events), total
