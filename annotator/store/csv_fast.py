"""The unfiltered events CSV straight from SQL, without building the whole document.

Profiled at 100,000 events, the document path spent its time building nested dicts and
per-citation objects the CSV flattens again. This path reads the same rows flat and
yields exactly what ``core.export.csv_export.event_rows`` yields (a test compares the
two files byte for byte), so the chronology document stays the one definition.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import IO, Any

from annotator.core.export.common import (
    _edtf_display,
    anchor_label,
    date_source_cell,
    format_date,
    safe_url,
)
from annotator.core.export.csv_export import EVENT_COLUMNS, SOURCE_SEPARATOR, neutralise
from annotator.core.export.grading import grade_cells
from annotator.core.export.relation_text import relation_cell
from annotator.core.vocabulary import relation_words
from annotator.store import chronology_stream as stream
from annotator.store.project import Project
from annotator.store.versions import version_labels


def _query(project: Project, sql: str, params: list[Any] | None = None) -> list[sqlite3.Row]:
    with project.reading():
        cur = project.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        return cur.execute(sql, params or []).fetchall()


def _joined(values: list[str], sep: str) -> str:
    return sep.join(filter(None, values))  # in C: a generator per cell was 0.3 s at 100,000


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(filter(None, values)))


_IN = "IN (SELECT value FROM json_each(?))"


# Articles' citation cells kept at most: every article of the large project, a bounded
# part of a bigger one (read again by id when a later chunk cites it).
CITED_KEPT = 1 << 15
CELLS_KEPT = 1 << 16  # distinct dates' and grades' cells kept at most

_ARTICLES_SQL = (
    "SELECT id, outlet, title, url, published, published_earliest, published_latest, "
    "coalesce(reliability, (SELECT g.grade FROM outlet_grades g WHERE g.outlet = "
    f"articles.outlet)) AS reliability FROM articles WHERE id {_IN}"
)
# One chunk's relations, both ways, in the document's order, with the other event's
# headline (the whole project's headlines held 21 MB at 100,000 events, profiled).
_RELATIONS_SQL = (
    "SELECT r.source_id, r.kind, r.target_id, s.id IS NOT NULL, s.headline, "
    "t.id IS NOT NULL, t.headline FROM event_relations r "
    "LEFT JOIN events s ON s.id = r.source_id LEFT JOIN events t ON t.id = r.target_id "
    f"WHERE r.source_id {_IN} OR r.target_id {_IN} ORDER BY r.created, r.id"
)


def _cited_as(
    project: Project, versions: dict[str, str], ids: list[str]
) -> Iterator[tuple[str, tuple[str, str, str, str, str | None]]]:
    """Per article, what each of its citations puts in a row: (label, url, the outlet the
    corroboration counts, the source the grades count, the effective reliability)."""
    for a in _query(project, _ARTICLES_SQL, [json.dumps(ids)]):
        published = (
            format_date(
                {
                    "value": a["published"],
                    "earliest": a["published_earliest"],
                    "latest": a["published_latest"],
                }
            )
            if a["published"]
            else ""
        )
        title = a["title"] or ""
        if a["id"] in versions:  # as Source.label() names it
            title = f"{title} ({versions[a['id']]})"
        outlet = a["outlet"] or ""
        label = " — ".join(p for p in (outlet, title, published) if p)
        yield a["id"], (
            label, safe_url(a["url"]) or "", outlet.strip() or f"article:{a['id']}",
            outlet.strip() or a["id"], a["reliability"],
        )  # fmt: skip


def event_csv_rows(project: Project) -> Iterator[list[tuple[Any, ...]]]:
    """The rows in order as cells ready to write, a chunk of events at a time with their
    actors, tags, citations, relations and the articles they cite: nothing is kept per
    event of the whole project (its headlines and articles held 0.3 KB per event)."""
    versions = version_labels(project)  # the articles that have versions only
    cells = _Cells()
    conn = project.db.conn
    for chunk in stream.ordered_events(project, EVENT_FIELDS):
        ids = [e[0] for e in chunk]
        key = [json.dumps(ids)]
        with project.reading():  # plain tuples: no name lookups per value
            actors: dict[str, list[str]] = defaultdict(list)
            # An actor not found is named by its id, as the document path names it.
            for eid, name, role in conn.execute(
                "SELECT ea.event_id, CASE WHEN a.id IS NULL THEN ea.actor_id ELSE a.name END, "
                "ea.role FROM event_actors ea LEFT JOIN actors a ON a.id = ea.actor_id "
                f"WHERE ea.event_id {_IN} ORDER BY ea.rowid",
                key,
            ):
                actors[eid].append(f"{name} ({role})" if role else name)
            tags: dict[str, list[str]] = defaultdict(list)
            for eid, tag in conn.execute(
                f"SELECT event_id, tag FROM tags WHERE event_id {_IN} ORDER BY tag", key
            ):
                tags[eid].append(tag)
            cites: dict[str, list[list[Any]]] = defaultdict(list)
            for eid, *cite in conn.execute(
                "SELECT c.event_id, c.passage_id, coalesce(p.quote, ''), p.article_id, "
                "c.credibility FROM citations c JOIN passages p ON p.id = c.passage_id "
                f"WHERE c.event_id {_IN} ORDER BY c.created, c.id",
                key,
            ):
                cites[eid].append(cite)
            stances: dict[str, list[str]] = defaultdict(list)
            for eid, stance in conn.execute(
                f"SELECT event_id, stance FROM claims WHERE event_id {_IN}", key
            ):
                stances[eid].append(stance)
            cells.related = _related(conn, set(ids), key[0])
            cells.headlines = _anchor_headlines(conn, chunk)
        cells.cite(project, versions, cites)
        yield [cells.row(e, actors, tags, cites, stances) for e in chunk]


def _related(conn: sqlite3.Connection, ids: set[str], key: str) -> dict[str, Any]:
    """The relations cell of each event of the chunk that has relations."""
    related: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for source, kind, target, has_source, source_head, has_target, target_head in conn.execute(
        _RELATIONS_SQL, [key, key]
    ):
        # As ``relations_by_event``: an event not found is named by its id.
        if source in ids:
            words = relation_words(kind)
            related[source].append((words, target, target_head if has_target else target))
        if target in ids:
            words = relation_words(kind, reverse=True)
            related[target].append((words, source, source_head if has_source else source))
    return {eid: _cell(relation_cell(readings)) for eid, readings in related.items()}


_ANCHOR = 7  # date_anchor's place in EVENT_FIELDS


def _anchor_headlines(conn: sqlite3.Connection, chunk: list[tuple[Any, ...]]) -> dict[str, str]:
    """The headlines of the events the chunk's dates were resolved against."""
    anchored = {
        anchor[len("event:") :]
        for e in chunk
        if isinstance(anchor := e[_ANCHOR], str) and anchor.startswith("event:")
    }
    if not anchored:
        return {}
    return dict(
        conn.execute(
            f"SELECT id, headline FROM events WHERE id {_IN}", [json.dumps(sorted(anchored))]
        )
    )


EVENT_FIELDS = (
    "id", "date", "date_earliest", "date_latest", "date_precision", "date_status", "date_phrase",
    "date_anchor", "day_seq", "headline", "description", "type", "location", "confidence",
    "fact_status", "assessment", "created", "modified", "analyst",
)  # fmt: skip

# A cell neutralise would look at: one that starts with neither a letter nor a digit (``\w``
# is str.isalnum plus "_"), found in C over the row's text cells joined by NULs. A NUL inside
# a cell can only add a match, which the exact per-cell pass then settles.
# Every cell is preceded by a NUL: a pattern starting with a literal is searched for that
# literal first, ten times faster than an alternation tried at every position (measured).
_NOT_PLAIN = re.compile(r"\x00(?:[^\w\x00]|_)")


def _cell(v: Any) -> Any:
    """The cell as written (the common cells, plain text, empty or a count, without a call:
    3.7 million cells at 100,000 events)."""
    if v.__class__ is str:
        return v if v[:1].isalnum() or not v else neutralise(v)
    if v is None:
        return ""
    return str(v) if v.__class__ is int else neutralise(v)


class _Cells:
    """One event's row, as the document path's ``event_rows`` gives it (then neutralised).
    The cells many rows share (a date's, the grades', the relations') are built and
    neutralised once each."""

    def __init__(self) -> None:
        # The current chunk's: the headlines its dates are resolved against, its relation
        # cells by event id.
        self.headlines: dict[str, str] = {}
        self.related: dict[str, Any] = {}
        self.cited_as: dict[str, tuple[str, str, str, str, str | None]] = {}
        # 100,000 events share some thousands of dates (value, bounds, how it was set).
        self.dates: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        # Events cite a few outlets with a few grades: most share their grade cells
        # (building them was 8% of the 100,000-event CSV, profiled).
        self.grades: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def cite(
        self, project: Project, versions: dict[str, str], cites: dict[str, list[list[Any]]]
    ) -> None:
        """Read the cells of the articles the chunk cites that are not kept yet."""
        cited = {cite[2] for cs in cites.values() for cite in cs}
        cited.discard(None)
        wanted = [a for a in cited if a not in self.cited_as]
        if not wanted:
            return
        if len(self.cited_as) + len(wanted) > CITED_KEPT:  # bounded, as the grades
            self.cited_as.clear()
            wanted = list(cited)  # this chunk's kept ones went too
        self.cited_as.update(_cited_as(project, versions, sorted(wanted)))

    def _grades(
        self, assessment: Any, graded: list[tuple[Any, ...]], stances: list[str]
    ) -> tuple[Any, ...]:
        key = (assessment, *graded, None, *stances)  # None: no source is None
        cells = self.grades.get(key)
        if cells is None:
            if len(self.grades) > CELLS_KEPT:  # bounded: a project of all-different grades
                self.grades.clear()
            g = grade_cells(assessment, graded, stances)
            cells = self.grades[key] = tuple(
                _cell(g[name])
                for name in (
                    "assessment", "suggested_assessment", "contested", "best_reliability",
                    "grades",
                )
            )  # fmt: skip
        return cells

    def _dates(self, key: tuple[Any, ...]) -> tuple[Any, ...]:
        """The cells date_edtf to date_source of one stored date."""
        value, earliest, latest, precision, status, phrase, anchor = key
        display = ""
        if value:
            shown = _edtf_display(value)
            display = (
                shown
                if shown is not None
                else format_date({"value": value, "earliest": earliest, "latest": latest})
            )
        source = date_source_cell(
            {"value": value, "phrase": phrase, "anchor": anchor, "status": status},
            self.headlines,
        )
        if len(self.dates) > CELLS_KEPT:  # bounded, as the grades
            self.dates.clear()
        cells = self.dates[key] = tuple(
            map(
                _cell,
                (
                    value, display, earliest, latest, precision,
                    status if value else None,
                    phrase if value else None,
                    anchor_label(anchor, self.headlines) if value else None,
                    source,
                ),
            )
        )  # fmt: skip
        return cells

    def row(
        self,
        e: tuple[Any, ...],
        actors: dict[str, list[str]],
        tags: dict[str, list[str]],
        cites: dict[str, list[list[Any]]],
        stances: dict[str, list[str]],
    ) -> tuple[Any, ...]:
        (
            eid, value, earliest, latest, precision, status, phrase, anchor, day_seq, headline,
            description, kind, location, confidence, fact_status, assessment, created,
            modified, analyst,
        ) = e  # fmt: skip
        key = (value, earliest, latest, precision, status, phrase, anchor)
        dates = self.dates.get(key) or self._dates(key)
        cs = cites.get(eid)
        if cs:
            # Each list at once (zip in C): an event has a few citations, 200,000 in all.
            passages, quotes, articles, credibilities = zip(*cs, strict=True)
            cited_as = self.cited_as
            labels, urls, outlets, sources, reliabilities = zip(
                *[cited_as.get(a) or ("", "", f"article:{a}", a, None) for a in articles],
                strict=True,
            )
            counted = set(articles)
            if None in counted or "" in counted:  # a citation without its article
                outlet_set = {o for a, o in zip(articles, outlets, strict=True) if a}
                counted.discard(None)
                counted.discard("")
            else:
                outlet_set = set(outlets)
            outlet_count = len(outlet_set)
            counts = (
                len(cs), len(counted), outlet_count,
                "yes" if outlet_count == 1 else "no" if outlet_count else "",
            )  # fmt: skip
            grades = self._grades(
                assessment,
                list(zip(sources, reliabilities, credibilities, strict=True)),
                stances.get(eid, []),
            )
            text: Any = (
                eid, headline, description, kind, location, confidence, fact_status,
                "; ".join(filter(None, actors.get(eid, ()))),
                "; ".join(filter(None, tags.get(eid, ()))),
                SOURCE_SEPARATOR.join(labels),
                SOURCE_SEPARATOR.join(quotes),
                SOURCE_SEPARATOR.join(urls),
                "; ".join(dict.fromkeys(filter(None, articles))),
                "; ".join(dict.fromkeys(filter(None, passages))),
                created, modified, analyst,
            )  # fmt: skip
        else:
            counts = (0, 0, 0, "")
            grades = self._grades(assessment, [], stances.get(eid, []))
            text = (
                eid, headline, description, kind, location, confidence, fact_status,
                "; ".join(filter(None, actors.get(eid, ()))),
                "; ".join(filter(None, tags.get(eid, ()))),
                "", "", "", "", "", created, modified, analyst,
            )  # fmt: skip
        # Most rows hold no text cell to neutralise: csv.writer writes None as "" and a
        # count as its digits, as neutralise does, so such cells are written as they are.
        if _NOT_PLAIN.search("\x00" + "\x00".join(map(str, text))) is not None:
            text = list(map(_cell, text))
        (
            eid, headline, description, kind, location, confidence, fact_status, people,
            labelled, sources_, quotes_, urls_, article_ids, passage_ids, created, modified,
            analyst,
        ) = text  # fmt: skip
        return (
            eid, *dates, day_seq, headline, description, kind, location, confidence,
            fact_status, people, labelled, self.related.get(eid, ""), *counts, *grades,
            sources_, quotes_, urls_, article_ids, passage_ids, created, modified, analyst,
        )  # fmt: skip


# The order ``_Cells.row`` builds its cells in, checked against the columns at import.
ROW_COLUMNS = [
    "id", "date_edtf", "date_display", "earliest", "latest", "precision", "date_status",
    "date_phrase", "date_anchor", "date_source", "day_seq", "headline", "description", "type",
    "location", "confidence", "fact_status", "actors", "tags", "relations", "citations",
    "articles", "outlets", "single_source", "assessment", "suggested_assessment", "contested",
    "best_reliability", "grades", "sources", "quotes", "url", "article_ids", "passage_ids",
    "created", "modified", "analyst",
]  # fmt: skip


def write_events_csv(project: Project, fp: IO[str]) -> int:
    from annotator.store.chronology import checking_stored

    if ROW_COLUMNS != EVENT_COLUMNS:
        raise AssertionError("csv_fast builds its cells in another order than EVENT_COLUMNS")
    # As the document path does: a damaged file is a clear error (checked alongside).
    with checking_stored(project):
        writer = csv.writer(fp, lineterminator="\r\n")  # as csv_export.write_rows
        writer.writerow(EVENT_COLUMNS)
        count = 0
        for rows in event_csv_rows(project):
            writer.writerows(rows)
            count += len(rows)
    return count
