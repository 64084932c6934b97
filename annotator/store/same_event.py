"""Is the event being tagged already in the chronology, from another article?

Candidates come from two bounded reads: events dated within a few days of the new one (an
index range on the date) and events whose headline shares words with it (the full-text
index). Each is scored on the date, the actors and the headline, and the reasons are kept
so the form can say why it thinks so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from rapidfuzz import fuzz

from annotator.core.dates.value import DateValue
from annotator.store.project import Project
from annotator.store.search_terms import search_terms

NEAR = timedelta(days=3)  # "on Tuesday" in one paper, "on Wednesday" (a day late) in another
WIDE = timedelta(days=40)  # a month-long event that began before the new one
CANDIDATES = 40


@dataclass
class Match:
    event_id: str
    headline: str
    date: str | None
    score: float
    reasons: list[str] = field(default_factory=list)


def similar_events(
    project: Project,
    headline: str,
    date: DateValue | None,
    actor_ids: list[str],
    *,
    limit: int = 3,
) -> list[Match]:
    rows: dict[str, dict[str, object]] = {}
    if date is not None:
        lo = (date.earliest - NEAR).isoformat()
        hi = (date.latest + NEAR).isoformat()
        for r in project.rows(
            "SELECT id, headline, date, date_earliest, date_latest FROM events "
            "WHERE date_earliest BETWEEN ? AND ? ORDER BY date_earliest DESC LIMIT ?",
            [(date.earliest - WIDE).isoformat(), hi, CANDIDATES * 5],
        ):
            if str(r["date_latest"] or "") >= lo:  # the intervals meet, give or take NEAR
                rows[str(r["id"])] = r
    words = [w for w in search_terms(headline) if len(w) > 3][:12]
    if words:
        # any of the words, not all of them: another paper words it otherwise
        loose = " OR ".join(f'"{w}"' for w in words)
        for r in project.rows(
            "SELECT e.id, e.headline, e.date, e.date_earliest, e.date_latest FROM events_fts "
            "JOIN events e ON e.rowid = events_fts.rowid WHERE events_fts MATCH ? "
            "ORDER BY rank LIMIT ?",
            [loose, CANDIDATES],
        ):
            rows.setdefault(str(r["id"]), r)
    if not rows:
        return []
    links = project.rows(
        "SELECT event_id, actor_id FROM event_actors "
        "WHERE event_id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(rows))],
    )
    names = {
        str(r["id"]): str(r["name"])
        for r in project.rows(
            "SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(set(actor_ids)))],
        )
    }
    their_actors: dict[str, set[str]] = {}
    for link in links:
        their_actors.setdefault(str(link["event_id"]), set()).add(str(link["actor_id"]))
    out = []
    for event_id, r in rows.items():
        reasons = []
        alike = fuzz.token_set_ratio(headline.casefold(), str(r["headline"]).casefold())
        same_dates = _dates_meet(date, r)
        shared = sorted(names.get(a, a) for a in set(actor_ids) & their_actors.get(event_id, set()))
        if same_dates:
            reasons.append("the dates meet")
        if shared:
            reasons.append("actors " + ", ".join(shared))
        reasons.append(f"headline {alike:.0f}% alike")
        score = alike + (25 if same_dates else 0) + (15 * min(len(shared), 2))
        if (same_dates and (alike >= 50 or shared)) or alike >= 80:
            out.append(Match(event_id, str(r["headline"]), _str(r["date"]), score, reasons))
    out.sort(key=lambda m: -m.score)
    return out[:limit]


def _dates_meet(date: DateValue | None, row: dict[str, object]) -> bool:
    if date is None or not row.get("date_earliest"):
        return False
    lo = (date.earliest - NEAR).isoformat()
    hi = (date.latest + NEAR).isoformat()
    return str(row["date_earliest"]) <= hi and str(row["date_latest"]) >= lo


def _str(value: object) -> str | None:
    return None if value is None else str(value)
