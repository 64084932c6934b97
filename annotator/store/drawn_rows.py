"""The rows the drawn timeline needs: dated events and claims with their lanes.

Read-only, on the app's connection, and without scratch tables: the ids to read go in as
one JSON array through ``json_each(?)``, so no statement here can open a write transaction
on the writer's connection.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from annotator.store.project import Project
from annotator.store.queries import TimelineFilter, event_ids

MAX_DRAWN = 10_000  # profiled: 120,000 entries cost 10 s to read and lay out at start
# Tables whose change can change what is drawn.
WATCHED = frozenset({"events", "claims", "actors", "event_actors", "tags", "citations", "articles"})


@dataclass(frozen=True)
class DrawnRow:
    """One dated item as stored; the ui turns it into what it draws."""

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
    articles: tuple[str, ...] = field(default_factory=tuple)
    fact_status: str | None = None  # key, undisputed, disputed
    suggested: bool = False  # an event date the app suggested and the analyst has not confirmed
    single_source: bool = False  # an event whose every citation comes from one outlet


def count_dated_events(project: Project) -> int:
    return int(project.scalar("SELECT count(*) FROM events WHERE date IS NOT NULL") or 0)


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


def drawn_rows(project: Project, ids: set[str] | list[str] | None = None) -> list[DrawnRow]:
    """Rows for ``ids`` (events or claims; undated ones left out), or the latest by default."""
    wanted = json.dumps(sorted(set(ids)) if ids is not None else latest_drawn_ids(project))
    rows = project.rows
    # The actors' and articles' names are read once each, not joined to every link and
    # citation: at 10,000 drawn events the joins cost 0.9 s of the read's 1.2 s, two of
    # them the same citation join (the titles, then the single sources; profiled).
    links = rows(
        "SELECT event_id, actor_id, created FROM event_actors "
        "WHERE event_id IN (SELECT value FROM json_each(?))",
        [wanted],
    )
    names = _names_of(project, "actors", "name", {r["actor_id"] for r in links})
    # in the order of the links' times, then the actors' names
    links.sort(key=lambda r: (r["created"], names.get(r["actor_id"], "")))
    actors: dict[str, list[str]] = defaultdict(list)
    for r in links:
        if r["actor_id"] in names:
            actors[r["event_id"]].append(names[r["actor_id"]])
    tags: dict[str, list[str]] = defaultdict(list)
    for r in rows(
        "SELECT tag, item FROM ("
        "SELECT tag, event_id AS item FROM tags "
        "WHERE event_id IN (SELECT value FROM json_each(?1)) "
        "UNION ALL "
        "SELECT tag, claim_id FROM tags INDEXED BY idx_tags_claim "
        "WHERE claim_id IN (SELECT value FROM json_each(?1))"
        ") ORDER BY tag",
        [wanted],
    ):
        tags[r["item"]].append(r["tag"])
    # Two index lookups (events' citations, claims') instead of one OR, which made SQLite
    # scan every citation: 424 ms of CPU at 200,000 citations for 10,000 drawn (profiled).
    # The claim half names its index: where few citations are on claims, the statistics
    # make the claim_id index look useless (one NULL key for nearly every row) and SQLite
    # scanned the table instead (400 ms, even when no claim was asked for).
    cited = rows(
        "SELECT c.event_id AS item, 1 AS event, p.article_id, c.rowid AS seq FROM citations c "
        "JOIN passages p ON p.id = c.passage_id "
        "WHERE c.event_id IN (SELECT value FROM json_each(?1)) "
        "UNION ALL "
        "SELECT c.claim_id, 0, p.article_id, c.rowid FROM citations c "
        "INDEXED BY idx_citations_claim JOIN passages p ON p.id = c.passage_id "
        "WHERE c.claim_id IN (SELECT value FROM json_each(?1))",
        [wanted],
    )
    sources = {
        r["id"]: (r["title"], r["outlet"])
        for r in rows(
            "SELECT id, title, outlet FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted({r["article_id"] for r in cited}))],
        )
    }
    # Titles in the order of each item's first citation of them.
    cited.sort(key=lambda r: r["seq"])
    articles: dict[str, list[str]] = defaultdict(list)
    # Events one outlet alone reports (an article without an outlet counts as its own, as
    # in the table's Single source filter).
    outlets: dict[str, set[str]] = defaultdict(set)
    for r in cited:
        if r["article_id"] not in sources:
            continue
        title, outlet = sources[r["article_id"]]
        if title not in articles[r["item"]]:
            articles[r["item"]].append(title)
        if r["event"]:
            outlets[r["item"]].add(outlet or r["article_id"])
    single = {item for item, found in outlets.items() if len(found) == 1}
    out: list[DrawnRow] = []
    for e in rows(
        "SELECT id, headline, date, date_earliest, date_latest, date_precision, "
        "day_seq, type, fact_status, date_status FROM events WHERE date IS NOT NULL "
        "AND id IN (SELECT value FROM json_each(?))",
        [wanted],
    ):
        out.append(
            DrawnRow(
                id=e["id"],
                kind="event",
                label=e["headline"],
                date=e["date"],
                earliest=e["date_earliest"],
                latest=e["date_latest"],
                precision=e["date_precision"],
                day_seq=e["day_seq"] or 0,
                type=e["type"] or "",
                actors=tuple(actors.get(e["id"], ())),
                tags=tuple(tags.get(e["id"], ())),
                articles=tuple(articles.get(e["id"], ())),
                fact_status=e["fact_status"],
                suggested=e["date_status"] == "suggested",
                single_source=e["id"] in single,
            )
        )
    for c in rows(
        "SELECT c.id, c.text, c.claimed, c.claimed_earliest, c.claimed_latest, "
        "c.event_id, c.fact_status, a.name AS claimant FROM claims c "
        "LEFT JOIN actors a ON a.id = c.claimant_id WHERE c.claimed IS NOT NULL "
        "AND c.id IN (SELECT value FROM json_each(?))",
        [wanted],
    ):
        out.append(
            DrawnRow(
                id=c["id"],
                kind="claim",
                label=c["text"],
                date=c["claimed"],
                earliest=c["claimed_earliest"],
                latest=c["claimed_latest"],
                precision=None,
                about_event_id=c["event_id"],
                type="claim",
                actors=(c["claimant"],) if c["claimant"] else (),
                tags=tuple(tags.get(c["id"], ())),
                articles=tuple(articles.get(c["id"], ())),
                fact_status=c["fact_status"],
            )
        )
    return out


def _names_of(project: Project, table: str, column: str, ids: set[str]) -> dict[str, str]:
    return {
        r["id"]: r[column]
        for r in project.rows(
            f"SELECT id, {column} FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(ids))],
        )
    }


def drawn_for(
    project: Project, flt: TimelineFilter, order_by: str = "date", *, descending: bool = False
) -> tuple[list[DrawnRow], int | None]:
    """What the drawn timeline shows for the table's filter and order: the first MAX_DRAWN
    events it lets through and the claims about them, or the latest when unfiltered; with
    the count of dated events when unfiltered (to say how many are not drawn)."""
    if flt.is_empty():
        return drawn_rows(project), count_dated_events(project)
    shown = set(event_ids(project, flt, order_by, descending=descending, limit=MAX_DRAWN))
    return drawn_rows(project, shown | claims_about(project, shown)), None
