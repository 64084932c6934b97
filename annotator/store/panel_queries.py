"""Typed read-only questions the window's panels ask: the ui never writes SQL itself.

Each function returns plain rows (TypedDicts) so that a view can be tested without Qt and
the SQL lives where the schema is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any, TypedDict, cast

from annotator.core.text import counted
from annotator.store.grade_sql import CONTESTED_E
from annotator.store.project import Project
from annotator.store.queries import OUTLETS_OF_E


class ActorName(TypedDict):
    id: str
    name: str
    aliases: str | None  # JSON list


class ActorRow(TypedDict):
    id: str
    name: str
    kind: str
    aliases: str | None
    citations: int
    events: int
    claims: int
    mentions: int


class ClaimRow(TypedDict):
    id: str
    text: str
    claimant_id: str | None
    claimed: str | None
    claimed_earliest: str | None
    stance: str | None
    assessment: str | None
    event_id: str | None
    claimant: str
    event: str
    fact_status: str | None
    contested: int  # 1: on either side of a contest about its event (store.grade_sql)


class ArticleRow(TypedDict):
    id: str
    title: str
    outlet: str | None
    published: str | None
    published_earliest: str | None
    created: str
    items: int | None
    version: str  # "version 1 of 2"; "" for an article without versions
    superseded: int | None  # the number of the version that replaces it


class CitedSpan(TypedDict):
    article_id: str
    start: int
    end: int


class ReaderMark(TypedDict):
    id: str
    start: int
    end: int
    event_id: str | None
    actor_id: str | None
    claim_id: str | None
    headline: str | None
    name: str | None
    claim: str | None


class EventChoice(TypedDict):
    id: str
    headline: str
    date: str | None


class ActorRole(TypedDict):
    name: str
    role: str | None


def actor_names(project: Project) -> list[ActorName]:
    """Every actor's id, name and aliases, by name (for matching a passage to actors)."""
    return cast(list[ActorName], project.rows("SELECT id, name, aliases FROM actors ORDER BY name"))


_ACTORS_SQL = """
SELECT a.id, a.name, a.kind, a.aliases,
       coalesce(c.n, 0) AS citations, coalesce(l.n, 0) AS events, coalesce(k.n, 0) AS claims,
       coalesce(c.n, 0) + coalesce(l.n, 0) + coalesce(k.n, 0) AS mentions
  FROM actors a
  LEFT JOIN (SELECT actor_id, count(*) AS n FROM citations WHERE actor_id IS NOT NULL
             GROUP BY actor_id) c ON c.actor_id = a.id
  LEFT JOIN (SELECT actor_id, count(DISTINCT event_id) AS n FROM event_actors
             GROUP BY actor_id) l ON l.actor_id = a.id
  LEFT JOIN (SELECT claimant_id, count(*) AS n FROM claims WHERE claimant_id IS NOT NULL
             GROUP BY claimant_id) k ON k.claimant_id = a.id
 WHERE ? = '' OR a.name LIKE ? ESCAPE '\\' OR a.aliases LIKE ? ESCAPE '\\'
 ORDER BY a.name COLLATE NOCASE, a.id
"""


def actor_rows(project: Project, search: str = "") -> list[ActorRow]:
    """Actors whose name or an alias contains ``search``, with how often each is used."""
    search = search.strip()
    pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return cast(list[ActorRow], project.rows(_ACTORS_SQL, [search, pattern, pattern]))


_CLAIMS_SQL = f"""
SELECT c.id, c.text, c.claimant_id, c.claimed, c.claimed_earliest, c.stance, c.assessment,
       c.event_id, coalesce(a.name, '') AS claimant, coalesce(e.headline, '') AS event,
       c.fact_status,
       CASE WHEN c.stance IN ('asserts', 'denies', 'disputes') AND {CONTESTED_E}
            THEN 1 ELSE 0 END AS contested
  FROM claims c
  LEFT JOIN actors a ON a.id = c.claimant_id
  LEFT JOIN events e ON e.id = c.event_id
"""


def claim_rows(project: Project) -> list[ClaimRow]:
    return cast(list[ClaimRow], project.rows(_CLAIMS_SQL))


_ARTICLES_SQL = """
SELECT a.id, a.title, a.outlet, a.published, a.published_earliest, a.created, NULL AS items
FROM articles a ORDER BY a.published_earliest IS NULL, a.published_earliest, a.created, a.id
"""
_COUNTS_SQL = """
SELECT p.article_id AS id, count(DISTINCT coalesce(c.event_id, c.actor_id, c.claim_id)) AS n
FROM passages p JOIN citations c ON c.passage_id = p.id {where} GROUP BY p.article_id
"""

# Every article's count, driven from the citations: one pass over them with a passage looked
# up by id each, instead of every passage looked up in the citations index (0.47 s of CPU
# instead of 1.07 s at 200,000 citations, profiled; same counts).
_ALL_COUNTS_SQL = """
SELECT p.article_id AS id, count(DISTINCT coalesce(c.event_id, c.actor_id, c.claim_id)) AS n
FROM citations c CROSS JOIN passages p ON p.id = c.passage_id GROUP BY p.article_id
"""


def article_rows(project: Project) -> list[ArticleRow]:
    """Articles by publication date (undated last), an article's versions together;
    ``items`` is filled by item_counts."""
    from annotator.store.versions import grouped, version_infos

    return cast(list[ArticleRow], grouped(project.rows(_ARTICLES_SQL), version_infos(project)))


# The list's first rows, from the covering index idx_articles_list in the list's order: the
# window paints once these are read, whatever the number of articles (the whole list took
# 570 ms before the first paint at 100,000 articles, profiled).
_FIRST_ARTICLES_SQL = _ARTICLES_SQL + "LIMIT ? OFFSET ?"
_ARTICLES_BY_ID_SQL = """
SELECT a.id, a.title, a.outlet, a.published, a.published_earliest, a.created, NULL AS items
FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))
ORDER BY a.published_earliest IS NULL, a.published_earliest, a.created, a.id
"""


def first_article_rows(project: Project, limit: int) -> tuple[list[ArticleRow], bool]:
    """The start of ``article_rows`` (at least ``limit`` rows, each newest version with its
    older ones) and whether that is the whole list."""
    from annotator.store.versions import grouped, version_infos

    infos = version_infos(project)
    read: list[dict[str, Any]] = []
    while True:
        page = project.rows(_FIRST_ARTICLES_SQL, [limit, len(read)])
        read += page
        if len(page) < limit:
            return cast(list[ArticleRow], grouped(read, infos)), True
        # A chain shows where its newest version comes: a version whose newest lies
        # further on comes with it, later; the older versions of a newest one read here
        # come from anywhere.
        shown = {infos[r["id"]].root for r in read if r["id"] in infos and not infos[r["id"]].newer}
        rows = [r for r in read if r["id"] not in infos or infos[r["id"]].root in shown]
        if len(rows) >= limit:
            break
    have = {r["id"] for r in rows}
    older = sorted(aid for aid, i in infos.items() if i.root in shown and aid not in have)
    if older:  # after every row read, as in the whole list's order
        rows += project.rows(_ARTICLES_BY_ID_SQL, [json.dumps(older)])
    return cast(list[ArticleRow], grouped(rows, infos)), False


def item_counts(project: Project, article_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Distinct items citing each article: of every article, or of ``article_ids`` only.

    Counted apart from the list: 1.3 s for 10,000 articles and 200,000 citations
    (profiled), so an edit recounts only the articles it touched.
    """
    if article_ids is None:
        rows = project.rows(_ALL_COUNTS_SQL)
    else:
        rows = project.rows(
            _COUNTS_SQL.format(where="WHERE p.article_id IN (SELECT value FROM json_each(?))"),
            [json.dumps(sorted(article_ids))],
        )
    return {r["id"]: int(r["n"]) for r in rows}


# A passage to show where it is: not an orphan, or one still in place in its text (a
# passage a newer version of its article no longer holds stays cited on this one).
_LIVE = "(p.status != 'orphan' OR substr(ar.text, p.start + 1, p.\"end\" - p.start) = p.quote)"


def cited_spans(project: Project, kind: str, item_id: str) -> list[CitedSpan]:
    """Where an item's live passages are, oldest citation first."""
    if kind not in ("event", "actor", "claim"):
        raise ValueError(f"unknown item kind {kind!r}")
    return cast(
        list[CitedSpan],
        project.rows(
            'SELECT p.article_id, p.start, p."end" FROM citations c JOIN passages p '
            "ON p.id = c.passage_id JOIN articles ar ON ar.id = p.article_id "
            f"WHERE c.{kind}_id = ? AND {_LIVE} "
            "ORDER BY c.created, p.start",
            [item_id],
        ),
    )


def reader_marks(project: Project, article_id: str) -> list[ReaderMark]:
    """Every live passage of an article with the items it is cited for."""
    return cast(
        list[ReaderMark],
        project.rows(
            'SELECT p.id, p.start, p."end", c.event_id, c.actor_id, c.claim_id, '
            "e.headline, a.name, cl.text AS claim FROM passages p "
            "JOIN citations c ON c.passage_id = p.id "
            "LEFT JOIN events e ON e.id = c.event_id "
            "LEFT JOIN actors a ON a.id = c.actor_id "
            "LEFT JOIN claims cl ON cl.id = c.claim_id "
            "JOIN articles ar ON ar.id = p.article_id "
            f"WHERE p.article_id = ? AND {_LIVE} ORDER BY p.start, c.created",
            [article_id],
        ),
    )


def event_count(project: Project) -> int:
    return int(project.scalar("SELECT count(*) FROM events") or 0)


def event_choices(
    project: Project, *, dated_only: bool = False, limit: int | None = None
) -> list[EventChoice]:
    """Events to pick from: chronological, or latest first when only dated ones are asked."""
    if dated_only:
        sql = (
            "SELECT id, headline, date FROM events WHERE date IS NOT NULL "
            "ORDER BY date_earliest DESC, headline"
        )
    else:
        sql = (
            "SELECT id, headline, date FROM events "
            "ORDER BY date_earliest IS NULL, date_earliest, headline"
        )
    params: list[object] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return cast(list[EventChoice], project.rows(sql, params))


def events_near(
    project: Project, article_id: str, around: str | None, limit: int = 300
) -> list[EventChoice]:
    """The events a claim in this article is most likely about, for a picker: those its
    passages already cite, then the ones dated nearest ``around`` (an ISO date), both ways.

    Index range scans, so opening the claim form does not grow with the project (reading
    every event into a combo box took seconds at 100,000 events).
    """
    cited = project.rows(
        "SELECT DISTINCT e.id, e.headline, e.date FROM passages p "
        "JOIN citations c ON c.passage_id = p.id JOIN events e ON e.id = c.event_id "
        "WHERE p.article_id = ? ORDER BY e.date_earliest, e.headline LIMIT ?",
        [article_id, limit],
    )
    rest = max(0, limit - len(cited))
    near: list[dict[str, Any]] = []
    if rest:
        pivot = around or "9999-12-31"  # no date to go by: the latest events
        sides = [
            project.rows(
                "SELECT id, headline, date, date_earliest FROM events WHERE date_earliest >= ? "
                # The index's own order (date_latest too): a walk, not a sort of half the
                # events (30 ms at 100,000).
                "ORDER BY date_earliest, date_latest, day_seq, headline LIMIT ?",
                [pivot, rest],
            ),
            project.rows(
                "SELECT id, headline, date, date_earliest FROM events WHERE date_earliest < ? "
                "ORDER BY date_earliest DESC, date_latest DESC, day_seq DESC, headline DESC "
                "LIMIT ?",
                [pivot, rest],
            ),
        ]
        day = _day_number(pivot)
        near = sorted(
            sorted(sides[0] + sides[1], key=lambda r: abs(_day_number(r["date_earliest"]) - day))[
                :rest
            ],
            key=lambda r: str(r["date_earliest"]),
        )
    seen = {r["id"] for r in cited}
    return cast(list[EventChoice], cited + [r for r in near if r["id"] not in seen])


def _day_number(iso: object) -> int:
    """The day number of an ISO date or datetime (for "nearest" only); far off when none."""
    try:
        return date.fromisoformat(str(iso)[:10]).toordinal()
    except ValueError:
        return date.max.toordinal()


def event_headline(project: Project, event_id: str | None) -> str | None:
    if not event_id:
        return None
    return cast(str | None, project.scalar("SELECT headline FROM events WHERE id = ?", [event_id]))


def event_actor_roles(project: Project, event_id: str) -> list[ActorRole]:
    """An event's actors with their roles, by name."""
    return cast(
        list[ActorRole],
        project.rows(
            "SELECT a.name, ea.role FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
            "WHERE ea.event_id = ? ORDER BY a.name",
            [event_id],
        ),
    )


def article_id_by_source(project: Project, prefix: str) -> str | None:
    """The article whose source file name starts with ``prefix`` (tests and scripts)."""
    return cast(
        str | None,
        project.scalar(
            "SELECT id FROM articles WHERE source LIKE ? ORDER BY source",
            [f"{prefix.replace('%', '')}%"],
        ),
    )


def export_counts(project: Project) -> str:
    """ "11 events, 4 claims, 8 actors": what a whole export holds, in one query."""

    row = project.rows(
        "SELECT (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM claims) AS c, "
        "(SELECT count(*) FROM actors) AS a"
    )[0]
    return ", ".join(
        counted(int(row[k]), noun) for k, noun in (("e", "event"), ("c", "claim"), ("a", "actor"))
    )


def merge_candidates(project: Project, event_ids: list[str]) -> list[dict[str, Any]]:
    """Events about to be merged, in the order given, with how well each is sourced."""
    rows = {
        r["id"]: r
        for r in project.rows(
            "SELECT e.id, e.headline, e.date, "
            "(SELECT count(*) FROM citations c WHERE c.event_id = e.id) AS citations, "
            f"({OUTLETS_OF_E}) AS outlets "
            "FROM events e WHERE e.id IN (SELECT value FROM json_each(?))",
            [json.dumps(event_ids)],
        )
    }
    return [rows[i] for i in event_ids if i in rows]
