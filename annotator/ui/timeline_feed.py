"""Store rows to the plain ``TimelineEntry`` values the drawn timeline takes.

Dated events and claims only (an undated item has no place on an axis). Five queries, each
restricted to the items drawn: the latest MAX_DRAWN events (and their claims) by default, or
the ids an edit touched, so an edit in a 100,000-event project re-reads a handful of rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.store.project import Project
from annotator.ui.timeline.entries import TimelineEntry

WATCHED = {"events", "claims", "actors", "event_actors", "tags", "citations", "articles"}
MAX_DRAWN = 10_000  # profiled: 120,000 entries cost 10 s to read and lay out at start


def _when(earliest: str, latest: str) -> tuple[datetime, datetime]:
    return datetime.fromisoformat(earliest), datetime.fromisoformat(latest)


def _marks(edtf: str) -> tuple[bool, bool]:
    return "~" in edtf or "%" in edtf, "?" in edtf or "%" in edtf


def count_drawable(project: Project) -> int:
    return int(project.scalar("SELECT count(*) FROM events WHERE date IS NOT NULL") or 0)


def entries_from_project(project: Project, *, ids: set[str] | None = None,
                         limit: int = MAX_DRAWN) -> list[TimelineEntry]:
    """Entries for the latest ``limit`` dated events and their claims, or for ``ids`` only."""
    project.db.execute("DROP TABLE IF EXISTS temp.drawn")
    project.db.execute("CREATE TEMP TABLE drawn (id TEXT PRIMARY KEY)")
    if ids is not None:
        project.db.conn.executemany("INSERT OR IGNORE INTO temp.drawn VALUES (?)",
                               [(i,) for i in ids])
    else:
        project.db.execute(
            "INSERT INTO temp.drawn SELECT id FROM events WHERE date IS NOT NULL "
            "ORDER BY date_latest DESC LIMIT ?", [limit])
        project.db.execute(
            "INSERT OR IGNORE INTO temp.drawn SELECT id FROM claims WHERE claimed IS NOT NULL "
            "AND (event_id IN (SELECT id FROM temp.drawn) OR event_id IS NULL) "
            "ORDER BY claimed_latest DESC LIMIT ?", [limit // 4])
    try:
        return _entries(project)
    finally:
        project.db.execute("DROP TABLE IF EXISTS temp.drawn")


def _entries(project: Project) -> list[TimelineEntry]:
    rows = project.rows
    actors: dict[str, list[str]] = defaultdict(list)
    for r in rows("SELECT ea.event_id, a.name FROM event_actors ea "
                  "JOIN actors a ON a.id = ea.actor_id "
                  "WHERE ea.event_id IN (SELECT id FROM temp.drawn) ORDER BY ea.created, a.name"):
        actors[r["event_id"]].append(r["name"])
    tags: dict[str, list[str]] = defaultdict(list)
    for r in rows("SELECT tag, coalesce(event_id, claim_id) AS item FROM tags "
                  "WHERE event_id IN (SELECT id FROM temp.drawn) "
                  "OR claim_id IN (SELECT id FROM temp.drawn) ORDER BY tag"):
        tags[r["item"]].append(r["tag"])
    articles: dict[str, list[str]] = defaultdict(list)
    for r in rows("SELECT DISTINCT coalesce(c.event_id, c.claim_id) AS item, a.title "
                  "FROM citations c JOIN passages p ON p.id = c.passage_id "
                  "JOIN articles a ON a.id = p.article_id "
                  "WHERE c.event_id IN (SELECT id FROM temp.drawn) "
                  "OR c.claim_id IN (SELECT id FROM temp.drawn)"):
        articles[r["item"]].append(r["title"])
    out: list[TimelineEntry] = []
    for e in rows("SELECT id, headline, date, date_earliest, date_latest, date_precision, "
                  "day_seq, type FROM events WHERE date IS NOT NULL "
                  "AND id IN (SELECT id FROM temp.drawn)"):
        earliest, latest = _when(e["date_earliest"], e["date_latest"])
        approximate, uncertain = _marks(e["date"])
        out.append(TimelineEntry(
            id=e["id"], kind="event", label=e["headline"], earliest=earliest, latest=latest,
            precision=e["date_precision"] or "day", approximate=approximate,
            uncertain=uncertain, day_seq=e["day_seq"] or 0, color_key=e["type"] or "",
            lanes={"actor": tuple(actors.get(e["id"], ())),
                   "type": (e["type"],) if e["type"] else (),
                   "tag": tuple(tags.get(e["id"], ())),
                   "article": tuple(articles.get(e["id"], ()))}))
    for c in rows("SELECT c.id, c.text, c.claimed, c.claimed_earliest, c.claimed_latest, "
                  "c.event_id, a.name AS claimant FROM claims c "
                  "LEFT JOIN actors a ON a.id = c.claimant_id WHERE c.claimed IS NOT NULL "
                  "AND c.id IN (SELECT id FROM temp.drawn)"):
        earliest, latest = _when(c["claimed_earliest"], c["claimed_latest"])
        approximate, uncertain = _marks(c["claimed"])
        try:
            precision = DateValue.from_edtf(c["claimed"]).precision
        except AnnotatorError:
            precision = "range"
        out.append(TimelineEntry(
            id=c["id"], kind="claim", label=c["text"], earliest=earliest, latest=latest,
            precision=precision, approximate=approximate, uncertain=uncertain,
            about_event_id=c["event_id"], color_key="claim",
            lanes={"actor": (c["claimant"],) if c["claimant"] else (), "type": ("claim",),
                   "tag": tuple(tags.get(c["id"], ())),
                   "article": tuple(articles.get(c["id"], ()))}))
    return out
