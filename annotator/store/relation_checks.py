"""Warnings about events that contradict each other: dated against what a relation says,
or an actor in two places on one day. The rules are ``core.relation_rules``; the SQL here
says the same for the worklists (a property test holds them together)."""

from __future__ import annotations

from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.core.relation_rules import (
    Bounds,
    contradiction_words,
    dates_contradict,
    two_places,
)
from annotator.store.project import Project

# Pairs (source s, target t) of a relation r whose dates contradict it.
CONTRADICTED = (
    "s.date_earliest IS NOT NULL AND t.date_earliest IS NOT NULL AND ("
    " (r.kind = 'precedes' AND s.date_earliest > t.date_latest)"
    " OR (r.kind = 'caused_by' AND t.date_earliest > s.date_latest)"
    " OR (r.kind = 'part_of' AND (s.date_latest < t.date_earliest"
    "     OR s.date_earliest > t.date_latest)))"
)

RELATION_DATES_SQL = (
    "SELECT 'event' AS kind, s.id, s.headline AS label, "
    "CASE r.kind WHEN 'precedes' THEN 'dated after the event it precedes: '"
    " WHEN 'caused_by' THEN 'dated before its cause: '"
    " ELSE 'dated outside the event it is part of: ' END"
    " || '“' || t.headline || '” (' || s.date || ' against ' || t.date || ')' AS detail "
    "FROM event_relations r JOIN events s ON s.id = r.source_id "
    f"JOIN events t ON t.id = r.target_id WHERE {CONTRADICTED} "
    "ORDER BY s.date_earliest, s.headline"
)

# Events dated to one day, with a location, per actor: the pairs on the same day at
# different places. Grouped by day and actor first, so an actor in thousands of events
# costs a join on (day, actor), not every pair of its events.
_ONE_DAY = (
    "WITH d AS (SELECT e.id, e.headline, e.location, e.date_earliest, "
    " substr(e.date_earliest, 1, 10) AS day, ea.actor_id FROM events e "
    " JOIN event_actors ea ON ea.event_id = e.id "
    " WHERE e.date_earliest IS NOT NULL "
    " AND substr(e.date_earliest, 1, 10) = substr(e.date_latest, 1, 10) "
    " AND trim(e.location, ' ') != '') "
)
TWO_PLACES_SQL = (
    _ONE_DAY + "SELECT 'event' AS kind, x.id, x.headline AS label, "
    "min(a.name) || ' is also at ' || y.location || ' that day: “' || y.headline || '”' "
    "AS detail FROM d x JOIN d y ON y.day = x.day AND y.actor_id = x.actor_id "
    "AND y.id != x.id AND lower(trim(y.location, ' ')) != lower(trim(x.location, ' ')) "
    "JOIN actors a ON a.id = x.actor_id "
    "GROUP BY x.id, y.id ORDER BY x.date_earliest, x.headline, y.headline"
)


def _bounds(row: dict[str, object], prefix: str = "") -> Bounds | None:
    first, last = row[f"{prefix}date_earliest"], row[f"{prefix}date_latest"]
    return None if first is None or last is None else (str(first), str(last))


def _shown(edtf: object, day_first: bool) -> str:
    try:
        return DateValue.from_edtf(str(edtf)).display(day_first)
    except AnnotatorError:
        return str(edtf)


def event_warnings(project: Project, event_id: str, *, day_first: bool = True) -> list[str]:
    """What is contradictory about one event, in words (for the inspector)."""
    out: list[str] = []
    event = project.row("events", event_id)
    if event is None:
        return out
    own = _bounds(event)
    for r in project.rows(
        "SELECT r.kind, r.source_id, e.headline, e.date, e.date_earliest, e.date_latest "
        "FROM event_relations r JOIN events e ON e.id = "
        "CASE WHEN r.source_id = ? THEN r.target_id ELSE r.source_id END "
        "WHERE r.source_id = ? OR r.target_id = ? ORDER BY r.kind, e.date_earliest",
        [event_id, event_id, event_id],
    ):
        outgoing = r["source_id"] == event_id
        other = _bounds(r)
        source, target = (own, other) if outgoing else (other, own)
        if dates_contradict(str(r["kind"]), source, target):
            other_name = f"“{r['headline']}” ({_shown(r['date'], day_first)})"
            out.append(contradiction_words(str(r["kind"]), other_name, outgoing=outgoing))
    if own is not None and (event["location"] or "").strip():
        for r in project.rows(
            "SELECT DISTINCT a.name, e.headline, e.location, e.date_earliest, e.date_latest "
            "FROM event_actors x JOIN event_actors y ON y.actor_id = x.actor_id "
            "AND y.event_id != x.event_id JOIN events e ON e.id = y.event_id "
            "JOIN actors a ON a.id = x.actor_id "
            "WHERE x.event_id = ? AND e.date_earliest >= ? AND e.date_earliest < ? "
            "ORDER BY a.name, e.headline",
            [event_id, own[0][:10], own[0][:10] + "T99"],
        ):
            if two_places((own, event["location"]), (_bounds(r), r["location"])):
                out.append(
                    f"{r['name']} is in two places on one day: also at {r['location']} "
                    f"(“{r['headline']}”)"
                )
    return out
