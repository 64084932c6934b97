"""TimelineJS3 JSON (``@knight-lab/timelinejs``) from a chronology document.

TimelineJS is lenient in ways that lose data silently, so ``validate_timelinejs``
checks the output before it is written:

* it drops an event without ``start_date``: undated events are left out here on purpose and
  ``undated_event_ids`` lists them for the caller to report. With no dated event at all it
  shows nothing ("Timeline configuration has no events"), so that is a clear ``InputError``
  rather than a file that opens empty or a made-up date;
* it renames ids: a repeated ``unique_id`` gets a ``-N`` of its own (``ensureUniqueKey``), and
  its ``slugify`` (``timelinejs_slugify`` is a port) rewrites ids made from headlines, and
  every id in releases that still call ``_makeUniqueIdentifiers``. Ids here are
  ``event-<slug of id>``, which slugify leaves unchanged; ids whose slugs are alike
  (``ab_c``/``ab-c``, ``ABC``/``abc``) get ``-2``, ``-3``... in the order of the ids themselves
  (``slide_ids``), so every slide keeps the id written, the same on every export;
* it hangs on a month given as text: every date part is an ``int``.

Dates carry only what is known: ``year`` for a year, ``year``+``month`` for a month, and so on.
Other precisions (week, season, quarter, decade, range) become a start and an end at the
precision of their bounds, with ``display_date`` saying what was meant.

Everything TimelineJS shows ends in ``innerHTML``, but it treats fields in two ways (see its
``TimelineConfig._tidyFields``), so each is escaped for what it goes through:

* ``text.headline``, ``text.text`` (and ``media.caption`` / ``media.credit``, which we do not
  write) are sanitised with DOMPurify, which keeps entities as entities: escaped once
  (``markup``), with only our own markup (``<p>``, ``<ol>``, ``<blockquote>``, ``<cite>``) added;
* ``group`` and every ``display_date`` go through ``stripMarkup`` first, which *decodes*
  entities (it takes a parsed document's ``textContent``), and the result is then set as
  ``innerHTML`` of the lane label or date line: escaped twice (``plain``), so that after the
  decode what is left is still escaped text.

Links: each source in a slide links to its article when the article's URL is http(s)
(``safe_url``; ``javascript:`` and other schemes are never written), escaped as an attribute.

What is left out, and said so in the title slide (and by the command line on stderr):

* undated events, which TimelineJS cannot place;
* context events far outside the chronology's range (a background event years before a
  fortnight's crisis would squeeze every other slide into one pixel of the axis). "Far" is
  Tukey's far-out fence on the slides' start dates: more than 3 interquartile ranges (at least
  30 days) beyond the quartiles; with fewer than four dated events everything is kept. They
  stay in every other export.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from annotator.core.errors import InputError
from annotator.core.export.common import (
    Index,
    actor_label,
    anchor_label,
    date_status,
    format_date,
    safe_url,
)
from annotator.core.export.corroboration import corroboration
from annotator.core.export.filters import sort_events
from annotator.core.export.grading import DocumentGrades
from annotator.core.export.relation_text import relations_by_event
from annotator.core.text import counted
from annotator.core.vocabulary import FACT_MARKS, fact_status_words

GROUP_BY = ("type", "actor", "article", "none")
DATE_PARTS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
NO_GROUP = "Other"


def markup(text: str) -> str:
    """Text for a field TimelineJS sanitises and then sets as HTML (headline, text)."""
    return escape(text)


def plain(text: str) -> str:
    """Text for a field TimelineJS entity-decodes and then sets as HTML (group, display_date)."""
    return escape(escape(text))


def slug(text: str) -> str:
    out = re.sub(r"[^a-z0-9-]+", "-", text.lower())
    return re.sub(r"-+", "-", out).strip("-")


def unique_id(event_id: str) -> str:
    return "event-" + (slug(event_id) or "x")


# TimelineJS's Util.slugify, step by step: trim, lower case, accents and "·/_,:;" swapped,
# anything but [a-z0-9 -] removed, blanks to "-", runs of "-" collapsed, "_" before a digit.
_TL_FROM, _TL_TO = "ãàáäâẽèéëêìíïîõòóöôùúüûñç·/_,:;", "aaaaaeeeeeiiiiooooouuuunc------"


def timelinejs_slugify(text: str) -> str:
    """What TimelineJS turns a ``unique_id`` into (its ``slugify``)."""
    out = text.strip().lower().translate(str.maketrans(_TL_FROM, _TL_TO))
    out = re.sub(r"[^a-z0-9 -]", "", out)
    out = re.sub(r"-+", "-", re.sub(r"\s+", "-", out))
    return re.sub(r"^([0-9])", r"_\1", out)


def slide_ids(event_ids: list[str]) -> dict[str, str]:
    """A slide id for each event id, all distinct after TimelineJS's slugify.

    Ids that slugify alike are taken in the order of the ids themselves (not of the events'
    dates), the first keeping the plain id; a suffix never takes another event's plain id.
    """
    plain_ids = {eid: unique_id(eid) for eid in event_ids}
    taken = set(plain_ids.values())
    used: set[str] = set()
    out: dict[str, str] = {}
    for eid in sorted(plain_ids):
        base = uid = plain_ids[eid]
        n = 2
        while uid in used or (uid != base and uid in taken):
            uid = f"{base}-{n}"
            n += 1
        out[eid] = uid
        used.add(uid)
    return out


def _parts(dt: datetime, precision: str) -> dict[str, int]:
    out = {"year": dt.year}
    if precision in ("month", "day", "time"):
        out["month"] = dt.month
    if precision in ("day", "time"):
        out["day"] = dt.day
    if precision == "time":
        out["hour"], out["minute"] = dt.hour, dt.minute
    return out


def _edtf_precision(part: str) -> str:
    """Precision of one end of an EDTF range, for TimelineJS (seasons etc. fall back to day)."""
    core = part.strip("~?%")
    if re.fullmatch(r"-?\d{4}", core):
        return "year"
    m = re.fullmatch(r"-?\d{4}-(\d{2})", core)
    if m:
        return "month" if int(m.group(1)) <= 12 else "day"
    if re.fullmatch(r"-?\d{4}-\d{2}-\d{2}T.*", core):
        return "time"
    return "day"


# precision of a DATE -> precision of the start and end TimelineJS gets
_SPAN_PARTS = {
    "week": "day",
    "part_of_month": "day",
    "season": "month",
    "quarter": "month",
    "decade": "year",
    "century": "year",
}
OPEN = ("", "..")


def timelinejs_dates(date: dict[str, Any]) -> dict[str, Any]:
    """``start_date`` / ``end_date`` (and ``display_date``) for one DATE, to its precision.

    An open range (``../2025-03``, ``2025-03/..``) gets only its known end as the start, since
    its other bound (year 1 or 9999) would stretch the whole timeline.
    """
    value, precision = date.get("value") or "", date.get("precision") or ""
    lo = datetime.fromisoformat(date["earliest"])
    hi = datetime.fromisoformat(date["latest"])
    simple = precision in ("time", "day", "month", "year") and "/" not in value
    if simple:
        out: dict[str, Any] = {"start_date": _parts(lo, precision)}
    elif "/" in value:
        a, b = value.split("/", 1)
        if a in OPEN or b in OPEN:
            known, when = (b, hi) if a in OPEN else (a, lo)
            out = {"start_date": _parts(when, _edtf_precision(known))}
        else:
            out = {
                "start_date": _parts(lo, _edtf_precision(a)),
                "end_date": _parts(hi, _edtf_precision(b)),
            }
    else:
        part = _SPAN_PARTS.get(precision, "day")
        out = {"start_date": _parts(lo, part), "end_date": _parts(hi, part)}
    if out.get("end_date") == out["start_date"]:
        del out["end_date"]
    if not simple or any(ch in value for ch in "~?%"):
        text = plain(format_date(date))
        out["start_date"]["display_date"] = text
        out["display_date"] = text
    return out


def _citation_html(index: Index, item: dict[str, Any]) -> str:
    rows = []
    for src in index.sources(item):
        bits = [markup(src.outlet)] if src.outlet else []
        if src.title:
            bits.append(f"<cite>{markup(src.title)}</cite>")
        if src.published:
            bits.append(markup(src.published))
        quote = f"<blockquote>{markup(src.quote)}</blockquote>" if src.quote else ""
        note = f" <em>{markup(src.note)}</em>" if src.note else ""
        url = safe_url(src.url)
        link = f' <a href="{escape(url, quote=True)}">source</a>' if url else ""
        rows.append(f"<li>{quote}{', '.join(bits)}{note}{link}</li>")
    return f'<ol class="tl-sources">{"".join(rows)}</ol>' if rows else ""


def _marked_headline(ev: dict[str, Any]) -> str:
    """A key or disputed fact's headline carries the report's mark (★, ⚑) in front."""
    mark = FACT_MARKS.get(ev.get("fact_status") or "")
    return markup(f"{mark} {ev['headline']}" if mark else ev["headline"])


def _event_text(
    index: Index,
    ev: dict[str, Any],
    related: dict[str, list[tuple[str, str, str]]],
    graded: DocumentGrades | None = None,
) -> str:
    parts = []
    if ev.get("description"):
        parts.append(f"<p>{markup(ev['description'])}</p>")
    date = ev.get("date") or {}
    if date:
        anchor = anchor_label(date.get("anchor"), index.headlines)
        bits = [
            f"“{markup(date['phrase'])}”" if date.get("phrase") else "",
            markup(date_status(date)),
            f"resolved against {markup(anchor)}" if anchor else "",
        ]
        if date.get("phrase") or date_status(date) == "suggested":
            parts.append(f"<p><em>Date as reported:</em> {', '.join(b for b in bits if b)}</p>")
    facts = [
        markup(x)
        for x in (
            ev.get("fact_status") and fact_status_words(ev["fact_status"]),
            ev.get("location"),
            ev.get("confidence") and f"confidence {ev['confidence']}",
            corroboration((s.article_id, s.outlet) for s in index.sources(ev))["single_source"]
            == "yes"
            and "single source",
            *(graded.report_meta(ev) if graded else ()),
        )
        if x
    ]
    if facts:
        parts.append(f"<p>{' · '.join(facts)}</p>")
    if ev["actors"]:
        names = "; ".join(markup(actor_label(index, link)) for link in ev["actors"])
        parts.append(f"<p><em>Actors:</em> {names}</p>")
    if related.get(ev["id"]):
        said = "; ".join(
            f"{markup(words)} “{markup(other)}”" for words, _id, other in related[ev["id"]]
        )
        parts.append(f"<p><em>Relations:</em> {said}</p>")
    for claim in index.claims_about(ev["id"]):
        who = markup(index.actor_name(claim.get("claimant_id"))) or "Unattributed"
        status = claim.get("fact_status")
        status_words = f", {markup(fact_status_words(status))}" if status else ""
        parts.append(
            f"<p><em>Claim</em> ({markup(claim['stance'])}, "
            f"{markup(claim['assessment'])}{status_words}): {who}: “{markup(claim['text'])}”</p>"
        )
    parts.append(_citation_html(index, ev))
    return "".join(parts)


def _group(index: Index, ev: dict[str, Any], group_by: str) -> str | None:
    if group_by == "type":
        return ev.get("type") or NO_GROUP
    if group_by == "actor":
        return index.actor_name(ev["actors"][0]["actor_id"]) if ev["actors"] else NO_GROUP
    if group_by == "article":
        for src in index.sources(ev):
            if src.article_id:
                return src.title or src.outlet or src.article_id
        return NO_GROUP
    return None


def undated_event_ids(doc: dict[str, Any]) -> list[str]:
    """Events left out of the TimelineJS export (TimelineJS cannot place them)."""
    return [ev["id"] for ev in doc["events"] if not ev.get("date")]


def nothing_dated(n_events: int) -> InputError:
    what = (
        f"all {n_events} events are undated"
        if n_events > 1
        else "its one event is undated"
        if n_events
        else "it has no events"
    )
    return InputError(
        f"has nothing dated to put on a TimelineJS timeline: {what}",
        where="the chronology",
        hint="give some events a date, or loosen the filters; the csv, json "
        "and html exports keep undated events",
    )


FENCE = 3.0  # Tukey's "far out"
MIN_SPREAD_DAYS = 30  # a chronology of one day still keeps what is a month away


@dataclass
class Selection:
    """Which events become slides, and which are left out and why."""

    shown: list[dict[str, Any]] = field(default_factory=list)
    undated: list[dict[str, Any]] = field(default_factory=list)
    context: list[dict[str, Any]] = field(default_factory=list)

    def left_out(self) -> str:
        """One line for the command line, or "" when every event is on the timeline."""
        bits = []
        if self.undated:
            undated = counted(len(self.undated), "undated event")
            bits.append(f"{undated} (TimelineJS cannot place them)")
        if self.context:
            bits.append(
                f"{counted(len(self.context), 'event')} far outside the chronology's dates "
                "(they would stretch the axis)"
            )
        if not bits:
            return ""
        return f"left out of the TimelineJS export: {' and '.join(bits)}; the title slide says so"

    def note(self) -> str:
        """What the title slide says about the events left out (plain text)."""
        parts = [f"{len(self.shown)} dated events."]
        if self.undated:
            parts.append(
                f"{len(self.undated)} undated left out: TimelineJS cannot place an event "
                "without a date."
            )
        if self.context:
            parts.append(
                f"{len(self.context)} far outside the chronology's dates left out, so the "
                "axis is not stretched: "
                + "; ".join(f"{format_date(e['date'])} {e['headline']}" for e in self.context)
                + "."
            )
        if self.undated or self.context:
            parts.append("The CSV, JSON, XLSX and report exports keep them.")
        return " ".join(parts)


def _placed_at(ev: dict[str, Any]) -> float | None:
    """The day (ordinal) TimelineJS puts the slide on, from its start date."""
    try:
        start = timelinejs_dates(ev["date"])["start_date"]
        return float(
            datetime(start["year"], start.get("month", 1), start.get("day", 1)).toordinal()
        )
    except (ValueError, KeyError):
        return None


def select_events(doc: dict[str, Any], *, keep_context: bool = False) -> Selection:
    """The slides' events in order; undated and (unless kept) far-off context events aside."""
    out = Selection()
    dated: list[dict[str, Any]] = []
    for ev in sort_events(doc["events"]):
        (dated if ev.get("date") else out.undated).append(ev)
    places = {ev["id"]: _placed_at(ev) for ev in dated}
    known = [p for p in places.values() if p is not None]
    if keep_context or len(known) < 4:
        out.shown = dated
        return out
    q1, _, q3 = statistics.quantiles(known, n=4, method="inclusive")
    spread = FENCE * max(q3 - q1, MIN_SPREAD_DAYS)
    for ev in dated:
        where = places[ev["id"]]
        far = where is not None and not q1 - spread <= where <= q3 + spread
        (out.context if far else out.shown).append(ev)
    return out


def to_timelinejs(
    doc: dict[str, Any],
    *,
    group_by: str = "type",
    title: str | None = None,
    keep_context: bool = False,
) -> dict[str, Any]:
    """The TimelineJS3 JSON for the dated events of ``doc`` (validated before it is returned).

    With a ``title`` the title slide says which events were left out and why.
    """
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}, not {group_by!r}")
    index = Index(doc)
    graded = DocumentGrades(doc)
    selection = select_events(doc, keep_context=keep_context)
    dated = selection.shown
    if not dated:
        raise nothing_dated(len(doc["events"]))
    ids = slide_ids([ev["id"] for ev in dated])
    related = relations_by_event(doc.get("relations") or [], index.headlines)
    events = []
    for ev in dated:
        slide: dict[str, Any] = {
            "unique_id": ids[ev["id"]],
            **timelinejs_dates(ev["date"]),
            "text": {
                "headline": _marked_headline(ev),
                "text": _event_text(index, ev, related, graded),
            },
        }
        group = _group(index, ev, group_by)
        if group is not None:
            slide["group"] = plain(group)
        events.append(slide)
    out: dict[str, Any] = {"events": events}
    if title:
        note = selection.note()
        tslug = slug(title)[:40].strip("-")
        out["title"] = {
            "unique_id": f"title-{tslug}" if tslug else "title-slide",
            "text": {"headline": markup(title), "text": f"<p>{markup(note)}</p>"},
        }
    validate_timelinejs(out)
    return out


def _date_problems(d: Any, where: str) -> list[str]:
    if not isinstance(d, dict):
        return [f"{where}: not an object"]
    problems = []
    for key, value in d.items():
        if key == "display_date":
            if not isinstance(value, str):
                problems.append(f"{where}.display_date: not a string")
        elif key not in DATE_PARTS:
            problems.append(f"{where}.{key}: not a TimelineJS date part")
        elif not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{where}.{key}: {value!r} is not a number")
    if "year" not in d:
        problems.append(f"{where}: no year")
    # a part is only meaningful under the one above it (no day without a month)
    for upper, lower in itertools.pairwise(DATE_PARTS):
        if lower in d and upper not in d:
            problems.append(f"{where}: {lower} without {upper}")
    ranges = {
        "month": (1, 12),
        "day": (1, 31),
        "hour": (0, 23),
        "minute": (0, 59),
        "second": (0, 59),
        "millisecond": (0, 999),
    }
    for key, (lo, hi) in ranges.items():
        value = d.get(key)
        if isinstance(value, int) and not lo <= value <= hi:
            problems.append(f"{where}.{key}: {value} is out of range {lo}-{hi}")
    return problems


def _as_tuple(d: dict[str, Any]) -> tuple[int, ...]:
    return tuple(d.get(k, 0) if k != "month" and k != "day" else d.get(k, 1) for k in DATE_PARTS)


def validate_timelinejs(obj: dict[str, Any]) -> None:
    """Raise ValueError listing every problem TimelineJS would hide (see module docstring)."""
    problems: list[str] = []
    events = obj.get("events")
    if not isinstance(events, list) or not events:
        raise ValueError("TimelineJS needs at least one dated event")
    seen: dict[str, str] = {}
    slides = [("title", obj["title"])] if "title" in obj else []
    slides += [(f"events[{i}]", ev) for i, ev in enumerate(events)]
    for where, slide in slides:
        uid = slide.get("unique_id")
        if not isinstance(uid, str) or not uid or timelinejs_slugify(uid) != uid:
            problems.append(f"{where}.unique_id: {uid!r} would be rewritten by TimelineJS")
        elif uid in seen:
            problems.append(f"{where}.unique_id: {uid!r} repeats {seen[uid]}")
        else:
            seen[uid] = where
        text = slide.get("text")
        if not isinstance(text, dict) or not isinstance(text.get("headline"), str):
            problems.append(f"{where}.text.headline: missing")
        if where == "title":
            continue
        if "start_date" not in slide:
            problems.append(f"{where}: no start_date (TimelineJS would drop it)")
            continue
        problems += _date_problems(slide["start_date"], f"{where}.start_date")
        if "end_date" in slide:
            end_problems = _date_problems(slide["end_date"], f"{where}.end_date")
            problems += end_problems
            if not end_problems and _as_tuple(slide["end_date"]) < _as_tuple(slide["start_date"]):
                problems.append(f"{where}.end_date: before start_date")
        if "group" in slide and not isinstance(slide["group"], str):
            problems.append(f"{where}.group: not a string")
    if problems:
        raise ValueError("invalid TimelineJS data: " + "; ".join(problems))
