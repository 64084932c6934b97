"""Chronological order and filters over a chronology document (DESIGN.md).

Filter rule (``filter_chronology``): criteria combine with AND; the values given for one
criterion combine with OR; text matches ignore case.

* events: kept when they match every criterion given:
  ``actors`` (an event actor's id, name or alias), ``tags``, ``types``, ``articles`` (the event
  cites a passage of that article, by id or title) and the date range, which keeps an event whose
  bounds overlap ``[date_from, date_to]``; undated events fail any date criterion.
* claims: a claim about an event follows its event. A claim about no event is kept when it matches
  on its own every criterion that applies to a claim: actor = claimant, its tags, the articles it
  cites, its ``claimed`` date. Claims have no type: with a type filter only claims about kept
  events remain.
* actors: those the kept events and claims name, and those the actor filter selected.
* passages: those cited by a kept event, claim or actor; articles: those holding a kept passage,
  and those the article filter selected.

With no criterion at all the document comes back whole (a deep copy). The result stays valid
against the schema: every id it refers to is in it.
"""

from __future__ import annotations

import calendar
import copy
from collections.abc import Collection, Iterable, Iterator
from datetime import date, datetime, time
from typing import Any

from annotator.core.errors import InputError

_FAR_FUTURE = datetime.max


def _bound(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def event_sort_key(
    event: dict[str, Any],
) -> tuple[bool, datetime, datetime, tuple[int, int], str, str]:
    """Earliest bound, latest bound, the analyst's day_seq, headline; undated last."""
    d = event.get("date") or {}
    lo, hi = _bound(d.get("earliest")), _bound(d.get("latest"))
    undated = lo is None and hi is None
    seq = event.get("day_seq")
    return (
        undated,
        lo or hi or _FAR_FUTURE,
        hi or lo or _FAR_FUTURE,
        (0, seq) if seq is not None else (1, 0),  # a set day_seq comes before none
        (event.get("headline") or "").casefold(),
        event.get("id") or "",
    )


def stored_sort_keys(
    rows: Iterable[tuple[Any, str | None, str | None, int | None, str | None]],
) -> Iterator[tuple[tuple[bool, datetime, datetime, tuple[int, int], str, str], Any]]:
    """``event_sort_key`` of stored events, from (id, earliest, latest, day_seq, headline),
    each with its id: the same keys without a date dict an event, and each distinct bound
    read once (100,000 events share some thousands)."""
    bounds: dict[str | None, datetime | None] = {}
    for event_id, earliest, latest, seq, headline in rows:
        if len(bounds) > 1 << 16:  # bounded: a project of all-different dates
            bounds.clear()
        if earliest not in bounds:
            bounds[earliest] = _bound(earliest)
        if latest not in bounds:
            bounds[latest] = _bound(latest)
        lo, hi = bounds[earliest], bounds[latest]
        key = (
            lo is None and hi is None,
            lo or hi or _FAR_FUTURE,
            hi or lo or _FAR_FUTURE,
            (0, seq) if seq is not None else (1, 0),
            (headline or "").casefold(),
            event_id or "",
        )
        yield key, event_id


def sort_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """A new list in chronological order (DESIGN.md); stable for equal keys."""
    return sorted(events, key=event_sort_key)


def parse_bound(value: date | datetime | str | None, *, end: bool, where: str) -> datetime | None:
    """``2025``, ``2025-03``, ``2025-03-04`` or a date/datetime -> the first (or last) instant."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time.max if end else time.min)
    text = str(value).strip()
    try:
        parts = [int(p) for p in text.split("-")] if "T" not in text else None
    except ValueError:
        parts = None
    try:
        if parts is None:
            return datetime.fromisoformat(text)
        if len(parts) == 1:
            year = parts[0]
            return datetime(year, 12, 31, 23, 59, 59, 999999) if end else datetime(year, 1, 1)
        if len(parts) == 2:
            year, month = parts
            last = calendar.monthrange(year, month)[1]
            return (
                datetime(year, month, last, 23, 59, 59, 999999) if end else datetime(year, month, 1)
            )
        if len(parts) == 3:
            return datetime.combine(date(*parts), time.max if end else time.min)
    except (ValueError, OverflowError):  # OverflowError: a year too long for a C int
        pass
    raise InputError(
        f"cannot read the date {text!r}",
        where=where,
        hint="write it as YYYY, YYYY-MM or YYYY-MM-DD",
    )


def date_range(
    date_from: date | datetime | str | None,
    date_to: date | datetime | str | None,
    *,
    names: tuple[str, str] = ("date_from", "date_to"),
) -> tuple[datetime | None, datetime | None]:
    """The first and last instants of the range; errors name the bounds by ``names``, so a
    caller can use the words its user typed (the CLI's ``--from`` and ``--to``)."""
    lo = parse_bound(date_from, end=False, where=names[0])
    hi = parse_bound(date_to, end=True, where=names[1])
    if lo and hi and lo > hi:
        raise InputError(
            "the date range ends before it starts",
            where=names[1],
            hint=f"give a {names[1]} on or after {names[0]}",
        )
    return lo, hi


def _norm(values: Iterable[str] | str | None) -> set[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    out = {v.strip().casefold() for v in values if v and v.strip()}
    return out or None


def _overlaps(d: dict[str, Any] | None, lo: datetime | None, hi: datetime | None) -> bool:
    if lo is None and hi is None:
        return True
    if not d:
        return False
    e_lo, e_hi = _bound(d.get("earliest")), _bound(d.get("latest"))
    if e_lo is None and e_hi is None:
        return False
    if hi is not None and e_lo is not None and e_lo > hi:
        return False
    return not (lo is not None and e_hi is not None and e_hi < lo)


def filter_chronology(
    doc: dict[str, Any],
    *,
    actors: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    articles: Iterable[str] | None = None,
    date_from: date | datetime | str | None = None,
    date_to: date | datetime | str | None = None,
    event_ids: Collection[str] | None = None,
) -> dict[str, Any]:
    """A filtered deep copy of ``doc``; see the module docstring for the rule. ``event_ids``
    keeps only those events (the window's rows): their claims, actors and relations with
    them, and no free claims, which are no row of the table."""
    want_actors, want_tags = _norm(actors), _norm(tags)
    want_types, want_articles = _norm(types), _norm(articles)
    lo, hi = date_range(date_from, date_to)
    out = copy.deepcopy(doc)
    if event_ids is None and not any((want_actors, want_tags, want_types, want_articles, lo, hi)):
        return out

    actor_ids = {
        a["id"]
        for a in out["actors"]
        if want_actors
        and want_actors
        & {
            a["id"].casefold(),
            a["name"].casefold(),
            *(x.casefold() for x in a.get("aliases") or []),
        }
    }
    article_ids = {
        a["id"]
        for a in out["articles"]
        if want_articles and want_articles & {a["id"].casefold(), (a.get("title") or "").casefold()}
    }
    passage_article = {p["id"]: p["article_id"] for p in out["passages"]}

    def cites_articles(item: dict[str, Any]) -> bool:
        return any(passage_article.get(c["passage_id"]) in article_ids for c in item["citations"])

    def has_tags(item: dict[str, Any]) -> bool:
        # called only when tags are wanted
        return want_tags is not None and bool(
            want_tags & {t.casefold() for t in item.get("tags") or []}
        )

    def event_ok(ev: dict[str, Any]) -> bool:
        if event_ids is not None and ev["id"] not in event_ids:
            return False
        if want_actors and not any(link["actor_id"] in actor_ids for link in ev["actors"]):
            return False
        if want_tags and not has_tags(ev):
            return False
        if want_types and (ev.get("type") or "").casefold() not in want_types:
            return False
        if want_articles and not cites_articles(ev):
            return False
        return _overlaps(ev.get("date"), lo, hi)

    def free_claim_ok(claim: dict[str, Any]) -> bool:
        if want_types or event_ids is not None:
            return False
        if want_actors and claim.get("claimant_id") not in actor_ids:
            return False
        if want_tags and not has_tags(claim):
            return False
        if want_articles and not cites_articles(claim):
            return False
        return _overlaps(claim.get("claimed"), lo, hi)

    out["events"] = [ev for ev in out["events"] if event_ok(ev)]
    kept_events = {ev["id"] for ev in out["events"]}
    out["claims"] = [
        c
        for c in out["claims"]
        if (c["event_id"] in kept_events if c.get("event_id") else free_claim_ok(c))
    ]
    named = set(actor_ids)
    for ev in out["events"]:
        named.update(link["actor_id"] for link in ev["actors"])
    named.update(c["claimant_id"] for c in out["claims"] if c.get("claimant_id"))
    out["actors"] = [a for a in out["actors"] if a["id"] in named]

    cited: set[Any] = set()
    for coll in ("events", "claims", "actors"):
        for item in out[coll]:
            cited.update(c["passage_id"] for c in item["citations"])
    out["passages"] = [p for p in out["passages"] if p["id"] in cited]
    kept_articles = article_ids | {p["article_id"] for p in out["passages"]}
    out["articles"] = [a for a in out["articles"] if a["id"] in kept_articles]
    if "relations" in out:  # a relation is kept with both its events
        out["relations"] = [
            r
            for r in out["relations"]
            if r["source_id"] in kept_events and r["target_id"] in kept_events
        ]
    return out
