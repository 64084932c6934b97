"""What every writer needs from a chronology document: lookups, citations, dates as text.

Writers read the document dict only (DESIGN.md); ``Index`` resolves the ids in it once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from annotator.core.dates.provenance import HAND_SET as DATE_SET_BY_HAND
from annotator.core.dates.provenance import DateProvenance, source_words
from annotator.core.dates.value import edtf_display
from annotator.core.errors import DateError
from annotator.core.version_chain import chain_infos, label

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One citation resolved to its passage and article."""

    citation_id: str
    passage_id: str
    article_id: str | None
    outlet: str
    title: str
    published: str  # display text, "" when unknown
    url: str | None  # only http(s) URLs; anything else (javascript:, file:) is dropped
    quote: str
    note: str | None
    retrieved: str = ""  # the day a fetched article was retrieved (UTC), "" for a file
    version: str = ""  # "version 1 of 2" when the article has versions, else ""

    def label(self) -> str:
        """``outlet — title (version n of m) — published`` without empty parts."""
        title = f"{self.title} ({self.version})" if self.version else self.title
        return " — ".join(p for p in (self.outlet, title, self.published) if p)


def safe_url(url: str | None) -> str | None:
    return url if url and SAFE_URL.match(url.strip()) else None


def passage_quote(passage: dict[str, Any]) -> str:
    for sel in passage["target"]["selector"]:
        if sel["type"] == "TextQuoteSelector":
            exact: str = sel["exact"]
            return exact
    return ""


def passage_span(passage: dict[str, Any] | None) -> tuple[int | None, int | None]:
    """The passage's code-point offsets in its article's text, when it has them."""
    for sel in (passage or {}).get("target", {}).get("selector", []):
        if sel["type"] == "TextPositionSelector":
            return sel["start"], sel["end"]
    return None, None


class Index:
    """Id lookups over one document."""

    def __init__(self, doc: dict[str, Any]):
        self.doc = doc
        self.articles = {a["id"]: a for a in doc["articles"]}
        self.passages = {p["id"]: p for p in doc["passages"]}
        self.events = {e["id"]: e for e in doc["events"]}
        self.actors = {a["id"]: a for a in doc["actors"]}
        self.claims = {c["id"]: c for c in doc["claims"]}
        self.headlines = {e["id"]: e["headline"] for e in doc["events"]}
        # Precomputed once: per-citation and per-event lookups made these quadratic.
        self._published = {aid: format_date(a.get("published")) for aid, a in self.articles.items()}
        # Which version of its article a citation quotes, when the article has several.
        self.versions = {
            aid: label(info)
            for aid, info in chain_infos(
                {"id": a["id"], "previous_version": a.get("previous_version")}
                for a in doc["articles"]
            ).items()
            if info.total > 1
        }
        self._claims_about: dict[str, list[dict[str, Any]]] = {}
        for c in doc["claims"]:
            if c.get("event_id"):
                self._claims_about.setdefault(c["event_id"], []).append(c)

    def actor_name(self, actor_id: str | None) -> str:
        actor = self.actors.get(actor_id or "")
        return actor["name"] if actor else (actor_id or "")

    def source(self, citation: dict[str, Any]) -> Source:
        passage = self.passages.get(citation["passage_id"])
        article = self.articles.get(passage["article_id"]) if passage else None
        return Source(
            citation_id=citation["id"],
            passage_id=citation["passage_id"],
            article_id=article["id"] if article else None,
            outlet=(article or {}).get("outlet") or "",
            title=(article or {}).get("title") or "",
            published=self._published.get(article["id"], "") if article else "",
            url=safe_url((article or {}).get("url")),
            quote=passage_quote(passage) if passage else "",
            note=citation.get("note"),
            retrieved=((article or {}).get("retrieved") or "")[:10],
            version=self.versions.get(article["id"], "") if article else "",
        )

    def sources(self, item: dict[str, Any]) -> list[Source]:
        return [self.source(c) for c in item.get("citations") or []]

    def claims_about(self, event_id: str) -> list[dict[str, Any]]:
        return self._claims_about.get(event_id, [])


def _dt(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _day(dt: datetime) -> str:
    return f"{dt.day} {MONTHS[dt.month - 1]} {dt.year}"


def format_date(date: dict[str, Any] | None) -> str:
    """Human display of a DATE, as the app shows it ("4 Mar 2025", "~2024", "10–14 Mar 2025").

    A value that is not valid EDTF (a hand-edited file) falls back to its bounds.
    """
    if not date:
        return ""
    value: str = date.get("value") or ""
    shown = _edtf_display(value)
    if shown is not None:
        return shown
    lo, hi = _dt(date.get("earliest")), _dt(date.get("latest"))
    if lo and hi:
        return _day(lo) if lo.date() == hi.date() else f"{_day(lo)} – {_day(hi)}"
    return value


@functools.lru_cache(maxsize=1 << 16)  # tens of thousands of ranges at 100,000 events
def _edtf_display(value: str) -> str | None:
    """Kept: a 100,000-event export shows a few thousand distinct dates (profiled: reading
    and showing each event's date again was a quarter of the events CSV)."""
    try:
        return edtf_display(value)
    except DateError:
        return None


PUBLISHED_ANCHOR = "the article's publication date"
HAND_SET = DATE_SET_BY_HAND  # typed, edited in the table, moved on the drawn timeline


def anchor_label(anchor: str | None, headlines: dict[str, str]) -> str:
    """What a relative date phrase was resolved against, in words.

    The project stores ``published`` or ``event:<id>`` for a phrase, ``typed``, ``table``,
    ``dragged`` or ``bar_end`` for a date the analyst set by hand; anything else is shown as
    stored.
    """
    if not anchor:
        return ""
    if anchor == "published":
        return PUBLISHED_ANCHOR
    if anchor in HAND_SET:
        return HAND_SET[anchor]
    if anchor.startswith("event:"):
        event_id = anchor[len("event:") :]
        headline = headlines.get(event_id)
        return f"event {event_id} ({headline})" if headline else f"event {event_id}"
    return anchor


def date_source_cell(date: dict[str, Any] | None, headlines: dict[str, str]) -> str:
    """What set a date, in words, for the CSV's ``date_source`` column: ``typed by the
    analyst``, ``moved on the drawn timeline by the analyst``, ``suggested from “On
    Tuesday”, resolved against the publication date; not yet confirmed``."""
    if not date or not date.get("value"):
        return ""
    anchor = date.get("anchor") or ""
    headline = headlines.get(anchor[len("event:") :]) if anchor.startswith("event:") else None
    prov = DateProvenance(date.get("phrase"), date.get("anchor"), date.get("status"))
    return source_words(prov, event=headline)


def date_status(date: dict[str, Any] | None) -> str:
    """``suggested`` (found by the app), ``confirmed`` (by the analyst), or ``""`` when there
    is no date or the file does not say (a hand-written JSON may leave it null)."""
    status: str = (date or {}).get("status") or ""
    return status


def actor_label(index: Index, link: dict[str, Any]) -> str:
    """``Name (role)`` for one event actor."""
    name = index.actor_name(link["actor_id"])
    return f"{name} ({link['role']})" if link.get("role") else name


def date_sentence(date: dict[str, Any] | None, headlines: dict[str, str]) -> str:
    """An item's date with where it came from, for exports that carry text only (Web
    Annotation, Hypothesis): ``Date: 4 Mar 2025 (2025-03-04), suggested by the app from
    “On Tuesday”, resolved against the article's publication date; not confirmed``."""
    if not date or not date.get("value"):
        return ""
    parts = [f"Date: {format_date(date)} ({date['value']})"]
    status = date_status(date)
    phrase, anchor = date.get("phrase"), anchor_label(date.get("anchor"), headlines)
    if phrase:
        found = "suggested by the app" if status == "suggested" else "read"
        parts.append(
            f"{found} from “{phrase}”" + (f", resolved against {anchor}" if anchor else "")
        )
    elif anchor:
        parts.append(anchor)  # typed or moved by the analyst
    text = ", ".join(parts)
    if status and phrase:  # only a suggestion is confirmed or not; a hand date is the analyst's
        text += "; not confirmed" if status == "suggested" else "; confirmed by the analyst"
    return text
