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
    loose = _loose_query(project, words)
    if loose:
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
        if _offered(date is not None, same_dates, len(shared), len(set(actor_ids)), alike):
            out.append(Match(event_id, str(r["headline"]), _str(r["date"]), score, reasons))
    out.sort(key=lambda m: -m.score)
    return out[:limit]


def _offered(dated: bool, dates_meet: bool, shared: int, mine: int, alike: float) -> bool:
    """Date, actors and headline must all point to the same event: in a busy chronology the
    same actor does several things a day, and an offer on every new event is noise. The
    headline may differ more when every actor is shared (another outlet's words for it).
    Measured by ``annotator evaluate-duplicates`` (the form's offer line)."""
    if not mine:  # no actor picked yet: only a near copy of the headline
        return alike >= 90 and (dates_meet or not dated)
    if not shared:
        return False
    every = shared >= min(mine, 2)
    if not dated:
        return alike >= 85
    return dates_meet and (alike >= 80 or (every and alike >= 50))


RARE = 1000  # events a word may be in and still pick candidates on its own


def _loose_query(project: Project, words: list[str]) -> str:
    """Any of the headline's rarer words, not all of them: another paper words it otherwise.

    Ranking every event that shares a common word ("said", "government": thousands at
    100,000 events) took 50-70 ms each time the form opened, and a word that common says
    little. Words in more than ``RARE`` events are left out; when all are that common,
    the events holding the three rarest together are the candidates (a bounded set either
    way). How many events hold each word comes from the index's vocabulary.
    """
    if not words:
        return ""
    counts = _doc_counts(project, words)
    rare = [w for w in words if counts.get(w.casefold(), 0) <= RARE]
    if rare:
        return " OR ".join(f'"{w}"' for w in rare)
    rarest = sorted(words, key=lambda w: counts.get(w.casefold(), 0))[:3]
    return " AND ".join(f'"{w}"' for w in rarest)


def _doc_counts(project: Project, words: list[str]) -> dict[str, int]:
    """How many events hold each word (the full-text index's own count, case-folded)."""
    db = project.db
    if not db.execute(
        "SELECT 1 FROM temp.sqlite_master WHERE name = 'events_fts_vocab'"
    ).fetchone():
        # In the connection's temp schema: a view of the index, nothing written to the file.
        db.execute(
            "CREATE VIRTUAL TABLE temp.events_fts_vocab USING fts5vocab(main, events_fts, row)"
        )
    rows = project.rows(
        "SELECT term, doc FROM temp.events_fts_vocab "
        "WHERE term IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted({w.casefold() for w in words}))],
    )
    return {str(r["term"]): int(r["doc"]) for r in rows}


def _dates_meet(date: DateValue | None, row: dict[str, object]) -> bool:
    if date is None or not row.get("date_earliest"):
        return False
    lo = (date.earliest - NEAR).isoformat()
    hi = (date.latest + NEAR).isoformat()
    return str(row["date_earliest"]) <= hi and str(row["date_latest"]) >= lo


def _str(value: object) -> str | None:
    return None if value is None else str(value)
