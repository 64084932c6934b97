"""What every writer needs from a chronology document: lookups, citations, dates as text.

Writers read the document dict only (DESIGN.md); ``Index`` resolves the ids in it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

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

    def label(self) -> str:
        """``outlet — title — published`` without empty parts."""
        return " — ".join(p for p in (self.outlet, self.title, self.published) if p)


def safe_url(url: str | None) -> str | None:
    return url if url and SAFE_URL.match(url.strip()) else None


def passage_quote(passage: dict) -> str:
    for sel in passage["target"]["selector"]:
        if sel["type"] == "TextQuoteSelector":
            return sel["exact"]
    return ""


def passage_position(passage: dict) -> tuple[int, int] | None:
    for sel in passage["target"]["selector"]:
        if sel["type"] == "TextPositionSelector":
            return sel["start"], sel["end"]
    return None


class Index:
    """Id lookups over one document."""

    def __init__(self, doc: dict):
        self.doc = doc
        self.articles = {a["id"]: a for a in doc["articles"]}
        self.passages = {p["id"]: p for p in doc["passages"]}
        self.events = {e["id"]: e for e in doc["events"]}
        self.actors = {a["id"]: a for a in doc["actors"]}
        self.claims = {c["id"]: c for c in doc["claims"]}

    def actor_name(self, actor_id: str | None) -> str:
        actor = self.actors.get(actor_id or "")
        return actor["name"] if actor else (actor_id or "")

    def source(self, citation: dict) -> Source:
        passage = self.passages.get(citation["passage_id"])
        article = self.articles.get(passage["article_id"]) if passage else None
        return Source(
            citation_id=citation["id"],
            passage_id=citation["passage_id"],
            article_id=article["id"] if article else None,
            outlet=(article or {}).get("outlet") or "",
            title=(article or {}).get("title") or "",
            published=format_date((article or {}).get("published")),
            url=safe_url((article or {}).get("url")),
            quote=passage_quote(passage) if passage else "",
            note=citation.get("note"),
        )

    def sources(self, item: dict) -> list[Source]:
        return [self.source(c) for c in item.get("citations") or []]

    def claims_about(self, event_id: str) -> list[dict]:
        return [c for c in self.doc["claims"] if c.get("event_id") == event_id]


def _dt(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _part(text: str) -> str:
    """One EDTF date ('2025-03-04', '2025-03', '2025') as display text at its own precision."""
    core = text.strip("~?%")
    m = re.fullmatch(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}).*)?", core)
    if not m:
        return text
    year, month, day, hour, minute = m.groups()
    if month and int(month) > 12:  # EDTF seasons/quarters (21-41): leave as written
        return text
    out = year.lstrip("0") or "0"
    if month:
        out = f"{MONTHS[int(month) - 1]} {out}"
    if day:
        out = f"{int(day)} {out}"
    if hour:
        out += f", {hour}:{minute}"
    return out


def format_date(date: dict | None) -> str:
    """Human display of a DATE: only what is known ('Mar 2025', '2024', '10 Mar – 14 Mar 2025')."""
    if not date:
        return ""
    value: str = date.get("value") or ""
    precision = date.get("precision")
    lo, hi = _dt(date.get("earliest")), _dt(date.get("latest"))
    prefix = "c. " if ("~" in value or "%" in value) else ""
    suffix = "?" if ("?" in value or "%" in value) else ""
    if precision in ("time", "day", "month", "year") and "/" not in value:
        text = _part(value)
    elif precision == "decade" and lo:
        text = f"{lo.year}s"
    elif "/" in value:
        a, b = value.split("/", 1)
        text = f"{_part(a) if a not in ('', '..') else '…'} – {_part(b) if b not in ('', '..') else '…'}"
    elif lo and hi:
        text = f"{lo.day} {MONTHS[lo.month - 1]} {lo.year} – {hi.day} {MONTHS[hi.month - 1]} {hi.year}"
    else:
        text = value
    return f"{prefix}{text}{suffix}"


def actor_label(index: Index, link: dict) -> str:
    """``Name (role)`` for one event actor."""
    name = index.actor_name(link["actor_id"])
    return f"{name} ({link['role']})" if link.get("role") else name
