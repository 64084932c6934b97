"""Flat CSV exports: one row per event (ACLED-like), per claim or per actor.

CSV injection: a text cell a spreadsheet would run as a formula gets a ``'`` in front, which
spreadsheets show as text; ``core.export.spreadsheet.needs_neutralising`` is the one rule (the
store's fast events path writes through ``write_rows`` too, so both agree byte for byte).
Harmless text such as ``-5 wounded`` or ``+33 1 23 45`` is left as written.

Lists inside one cell: actors, tags and ids are joined with ``"; "``; sources, quotes and URLs,
whose own text often holds semicolons, with ``" | "``, one entry per citation (a quote that
itself holds ``" | "`` breaks the pairing: the ``citations`` table has one row per citation).
The caller opens ``fp`` with ``newline=""``
(and ``encoding="utf-8-sig"`` if Excel must detect UTF-8).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from annotator.core.errors import InputError
from annotator.core.export.common import (
    Index,
    Source,
    actor_label,
    anchor_label,
    date_source_cell,
    date_status,
    format_date,
    passage_span,
)
from annotator.core.export.corroboration import CORROBORATION_COLUMNS, corroboration
from annotator.core.export.filters import sort_events
from annotator.core.export.grading import GRADE_COLUMNS, DocumentGrades
from annotator.core.export.memos import NOTE_COLUMNS, note_rows
from annotator.core.export.relation_text import (
    RELATION_COLUMNS,
    relation_cell,
    relation_rows,
    relations_by_event,
)
from annotator.core.export.spreadsheet import needs_neutralising

# Dates: ``date_edtf`` is the exact EDTF value (``2025-W10``, ``2025-21``, ``198X`` are not
# dates a spreadsheet knows, so they must stay text), ``date_display`` the same in words, and
# ``earliest``/``latest`` plain ISO 8601 bounds any tool parses. Sources, quotes and URLs are
# one entry per citation in the same order, so the n-th quote is from the n-th source.
EVENT_COLUMNS = [
    "id",
    "date_edtf",
    "date_display",
    "earliest",
    "latest",
    "precision",
    "date_status",
    "date_phrase",
    "date_anchor",
    "date_source",
    "day_seq",
    "headline",
    "description",
    "type",
    "location",
    "confidence",
    "fact_status",
    "actors",
    "tags",
    "relations",
    *CORROBORATION_COLUMNS,
    *GRADE_COLUMNS,
    "sources",
    "quotes",
    "url",
    "article_ids",
    "passage_ids",
    "created",
    "modified",
    "analyst",
]
CLAIM_COLUMNS = [
    "id",
    "text",
    "claimant",
    "claimant_id",
    "claimed_edtf",
    "claimed_display",
    "claimed_earliest",
    "claimed_latest",
    "stance",
    "assessment",
    "fact_status",
    "contested",
    "event_id",
    "event_headline",
    "tags",
    "sources",
    "quotes",
    "url",
    "article_ids",
    "passage_ids",
    "created",
    "modified",
    "analyst",
]
ACTOR_COLUMNS = [
    "id",
    "name",
    "kind",
    "aliases",
    "description",
    "tags",
    "events",
    "claims",
    "sources",
    "quotes",
    "url",
    "article_ids",
    "passage_ids",
    "created",
    "modified",
    "analyst",
]
CITATION_COLUMNS = [
    "citation_id",
    "item_kind",
    "item_id",
    "item",
    "quote",
    "note",
    "article_title",
    "outlet",
    "url",
    "published",
    "start",
    "end",
    "article_id",
    "passage_id",
    "article_version",  # "version 1 of 2" when the article has versions
    "reliability",  # the article's own grade, else its outlet's (A-F)
    "credibility",  # the citation's (1-6)
]
SOURCE_SEPARATOR = " | "  # between the per-citation entries of sources, quotes and url


def neutralise(value: Any) -> str:
    """The cell as text, with a leading ``'`` when a spreadsheet would read it as a formula."""
    if value.__class__ is str and value[:1].isalnum():
        return value  # the common case, first: profiled at 2 million cells per large export
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)  # only counts are written; a number is never a formula anyway
    text = str(value)
    return "'" + text if needs_neutralising(text) else text


def _join(values: Iterable[str], sep: str = "; ") -> str:
    return sep.join(v for v in values if v)


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def paired(values: Iterable[str | None]) -> str:
    """One entry per citation, blanks kept, so the lists of one row line up."""
    return SOURCE_SEPARATOR.join(v or "" for v in values)


def _source_cells(sources: list[Source]) -> dict[str, str]:
    return {
        "sources": paired(s.label() for s in sources),
        "quotes": paired(s.quote for s in sources),
        "url": paired(s.url for s in sources),
        "article_ids": _join(_unique(s.article_id for s in sources)),
        "passage_ids": _join(_unique(s.passage_id for s in sources)),
    }


def _stamps(item: dict[str, Any]) -> dict[str, Any]:
    return {k: item.get(k) for k in ("created", "modified", "analyst")}


def event_rows(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    index = Index(doc)
    graded = DocumentGrades(doc)
    related = relations_by_event(doc.get("relations") or [], index.headlines)
    for ev in sort_events(doc["events"]):
        d = ev.get("date") or {}
        sources = index.sources(ev)
        yield {
            "id": ev["id"],
            "date_edtf": d.get("value"),
            "date_display": format_date(d or None),
            "earliest": d.get("earliest"),
            "latest": d.get("latest"),
            "precision": d.get("precision"),
            "date_phrase": d.get("phrase"),
            "date_status": date_status(d),
            "date_anchor": anchor_label(d.get("anchor"), index.headlines),
            "date_source": date_source_cell(d, index.headlines),
            "day_seq": ev.get("day_seq"),
            "headline": ev["headline"],
            "description": ev.get("description"),
            "type": ev.get("type"),
            "location": ev.get("location"),
            "confidence": ev.get("confidence"),
            "fact_status": ev.get("fact_status"),
            "actors": _join(actor_label(index, link) for link in ev["actors"]),
            "tags": _join(ev.get("tags") or []),
            "relations": relation_cell(related.get(ev["id"], [])),
            **corroboration((s.article_id, s.outlet) for s in sources),
            **graded.cells(ev),
            **_source_cells(sources),
            **_stamps(ev),
        }


def claim_rows(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    index = Index(doc)
    graded = DocumentGrades(doc)
    for claim in doc["claims"]:
        d = claim.get("claimed") or {}
        event = index.events.get(claim.get("event_id") or "")
        yield {
            "id": claim["id"],
            "text": claim["text"],
            "claimant": index.actor_name(claim.get("claimant_id"))
            if claim.get("claimant_id")
            else "",
            "claimant_id": claim.get("claimant_id"),
            "claimed_edtf": d.get("value"),
            "claimed_display": format_date(d or None),
            "claimed_earliest": d.get("earliest"),
            "claimed_latest": d.get("latest"),
            "stance": claim["stance"],
            "assessment": claim["assessment"],
            "fact_status": claim.get("fact_status"),
            "contested": _contested(graded, claim),
            "event_id": claim.get("event_id"),
            "event_headline": event["headline"] if event else "",
            "tags": _join(claim.get("tags") or []),
            **_source_cells(index.sources(claim)),
            **_stamps(claim),
        }


def _contested(graded: DocumentGrades, claim: dict[str, Any]) -> str:
    """ "yes" for a claim on either side of a contest about its event."""
    sides = ("asserts", "denies", "disputes")
    event = claim.get("event_id")
    return "yes" if event and claim["stance"] in sides and graded.contested(event) else "no"


def actor_rows(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    index = Index(doc)
    # Counted in one pass each: per-actor scans were quadratic at 5,000 actors.
    event_counts: Counter[str] = Counter()
    for ev in doc["events"]:
        event_counts.update({link["actor_id"] for link in ev["actors"]})
    claim_counts = Counter(c.get("claimant_id") for c in doc["claims"])
    for actor in doc["actors"]:
        n_events, n_claims = event_counts[actor["id"]], claim_counts[actor["id"]]
        yield {
            "id": actor["id"],
            "name": actor["name"],
            "kind": actor["kind"],
            "aliases": _join(actor.get("aliases") or []),
            "description": actor.get("description"),
            "tags": _join(actor.get("tags") or []),
            "events": n_events,
            "claims": n_claims,
            **_source_cells(index.sources(actor)),
            **_stamps(actor),
        }


def citation_rows(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """One row per citation: what is cited (events, then claims, then actors) and where."""
    index = Index(doc)
    graded = DocumentGrades(doc)
    label_of = {"event": "headline", "claim": "text", "actor": "name"}
    for kind, coll in (("event", sort_events(doc["events"])), ("claim", doc["claims"])):
        yield from _item_citations(index, graded, kind, coll, label_of[kind])
    yield from _item_citations(index, graded, "actor", doc["actors"], label_of["actor"])


def _item_citations(
    index: Index, graded: DocumentGrades, kind: str, items: Iterable[dict[str, Any]], label: str
) -> Iterable[dict[str, Any]]:
    for item in items:
        for citation in item.get("citations") or []:
            src = index.source(citation)
            _, reliability, credibility = graded.citation(citation)
            start, end = passage_span(index.passages.get(src.passage_id))
            yield {
                "citation_id": src.citation_id,
                "item_kind": kind,
                "item_id": item["id"],
                "item": item[label],
                "quote": src.quote,
                "note": src.note,
                "article_title": src.title,
                "outlet": src.outlet,
                "url": src.url,
                "published": src.published,
                "start": start,
                "end": end,
                "article_id": src.article_id,
                "passage_id": src.passage_id,
                "article_version": src.version,
                "reliability": reliability,
                "credibility": credibility,
            }


TABLES = {
    "events": (EVENT_COLUMNS, event_rows),
    "claims": (CLAIM_COLUMNS, claim_rows),
    "actors": (ACTOR_COLUMNS, actor_rows),
    "citations": (CITATION_COLUMNS, citation_rows),
    "relations": (RELATION_COLUMNS, relation_rows),
    "notes": (NOTE_COLUMNS, note_rows),
}
TABLE_NAMES = tuple(TABLES)


def write_csv(doc: dict[str, Any], fp: IO[str], what: str = "events") -> int:
    """Write one CSV table (``events``, ``claims``, ``actors``, ``citations``,
    ``relations``, ``passages`` or ``notes``); returns the row count."""
    if what not in TABLES:
        raise InputError(
            f"unknown table {what!r}", where="--what", hint=f"choose {', '.join(TABLE_NAMES)}"
        )
    columns, rows = TABLES[what]
    return write_rows(rows(doc), columns, fp)


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], fp: IO[str]) -> int:
    """The CSV itself, from row dicts (the store's fast event path uses this too)."""
    writer = csv.writer(fp, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([neutralise(row[c]) for c in columns])
        count += 1
    return count
