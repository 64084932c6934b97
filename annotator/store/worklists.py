"""The analyst's to-do lists: what still needs a look, item by item.

Each list is one query, in chronology order, capped: a list of thousands is read a page at
a time by working through it, not by scrolling.
"""

from __future__ import annotations

from typing import TypedDict

from annotator.store.project import Project
from annotator.store.relation_checks import RELATION_DATES_SQL, TWO_PLACES_SQL

LIMIT = 500


class WorkItem(TypedDict):
    kind: str  # "event", "claim", "actor" or "passage"
    id: str
    label: str
    detail: str


# name -> (title, SQL giving kind, id, label, detail)
WORKLISTS: dict[str, tuple[str, str]] = {
    "suggested_dates": (
        "Suggested dates to check",
        "SELECT 'event' AS kind, id, headline AS label, "
        "coalesce('“' || date_phrase || '” → ', '') || date AS detail FROM events "
        "WHERE date_status = 'suggested' ORDER BY date_earliest, day_seq, headline",
    ),
    "uncited": (
        "Items without a citation",
        "SELECT kind, id, label, detail FROM ("
        " SELECT 'event' AS kind, e.id, e.headline AS label, coalesce(e.date, 'undated') AS detail,"
        "  coalesce(e.date_earliest, '9999') AS o FROM events e"
        "  WHERE NOT EXISTS (SELECT 1 FROM citations c WHERE c.event_id = e.id)"
        " UNION ALL SELECT 'claim', c.id, c.text, coalesce(c.claimed, 'undated'),"
        "  coalesce(c.claimed_earliest, '9999') FROM claims c"
        "  WHERE NOT EXISTS (SELECT 1 FROM citations x WHERE x.claim_id = c.id)"
        " UNION ALL SELECT 'actor', a.id, a.name, a.kind, '9999' FROM actors a"
        "  WHERE NOT EXISTS (SELECT 1 FROM citations x WHERE x.actor_id = a.id)"
        ") ORDER BY o, label",
    ),
    "undated": (
        "Undated events",
        "SELECT 'event' AS kind, id, headline AS label, coalesce(type, '') AS detail "
        "FROM events WHERE date IS NULL ORDER BY created, headline",
    ),
    "key_facts_unconfirmed": (
        "Key facts without a confirmed date",
        "SELECT kind, id, label, detail FROM ("
        " SELECT 'event' AS kind, id, headline AS label,"
        "  CASE WHEN date IS NULL THEN 'undated' ELSE date || ' (suggested)' END AS detail,"
        "  coalesce(date_earliest, '9999') AS o FROM events"
        "  WHERE fact_status = 'key' AND (date IS NULL OR date_status = 'suggested')"
        " UNION ALL SELECT 'claim', id, text, 'undated', '9999' FROM claims"
        "  WHERE fact_status = 'key' AND claimed IS NULL"
        ") ORDER BY o, label",
    ),
    "orphans": (
        "Orphaned passages",
        "SELECT 'passage' AS kind, p.id, p.quote AS label, a.title || CASE WHEN EXISTS "
        "(SELECT 1 FROM articles n WHERE n.previous_version = a.id) "
        "THEN ' (older version; not found in the newer one)' ELSE '' END AS detail "
        "FROM passages p "
        "JOIN articles a ON a.id = p.article_id WHERE p.status = 'orphan' "
        "ORDER BY a.title, p.start",
    ),
    "relation_dates": ("Dates against their relations", RELATION_DATES_SQL),
    "two_places": ("An actor in two places on one day", TWO_PLACES_SQL),
}


def worklist(project: Project, name: str) -> list[WorkItem]:
    _title, sql = WORKLISTS[name]
    rows = project.rows(f"SELECT * FROM ({sql}) LIMIT {LIMIT}")
    return [
        WorkItem(kind=str(r["kind"]), id=str(r["id"]), label=str(r["label"] or ""),
                 detail=str(r["detail"] or ""))
        for r in rows
    ]  # fmt: skip
