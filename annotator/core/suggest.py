"""What a new item is prefilled with, from the passage the analyst selected (no Qt).

* ``headline_from``: the sentence around the passage, trimmed to a headline.
* ``suggest_dates``: the date phrases in the passage or its sentence(s), resolved against the
  article's publication date. A suggestion only: the analyst confirms it.
* ``matching_actors``: the known actors whose names or aliases occur in the passage.

All offsets are code points into the article text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from annotator.core.dates.value import DateValue
from annotator.core.item_text import trim_headline, without_leading_date
from annotator.core.vocabulary import offset_words

HEADLINE_MAX = 110
# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "prof",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "vs",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "inc",
    "ltd",
    "co",
    "corp",
    "jr",
    "sr",
}
_CLAUSE = re.compile(r"\s*[;:]\s+|,\s+(?:and|but|while|whereas|as)\s+|\s+[—–]\s+")
_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)|\n")


@dataclass(frozen=True)
class Suggestion:
    phrase: str  # the words the date came from
    start: int  # code points into the article text
    end: int
    value: DateValue | None  # None: found but not resolvable to a calendar date
    timex_value: str | None  # the TIMEX3 value as the finder gave it
    anchor_note: str  # what it was resolved against, in words
    anchor: str | None = None  # "published", "event" or None (absolute), as the finder says
    offset: str | None = None  # for anchor "event": "P2D" (after) or "-P2D" (before)


_OFFSET = re.compile(r"^(-)?P(\d+)([DWMY])$")


def resolve_from_event(event_date: DateValue, offset: str) -> DateValue | None:
    """ "Two days after the argument": the anchor event's date moved by the offset.

    Only whole days, weeks, months or years (what the finder reports); the result keeps
    the anchor's precision, so "a week after" an event known to the month stays a month.
    None when the offset has another form.
    """
    m = _OFFSET.match(offset or "")
    if not m:
        return None
    n = int(m.group(2)) * (-1 if m.group(1) else 1)
    unit = m.group(3)
    if unit in ("D", "W"):
        return event_date.shifted(n * (7 if unit == "W" else 1))
    from dateutil.relativedelta import relativedelta

    if event_date.precision not in ("day", "time"):
        return event_date.shifted(int(n * (30.44 if unit == "M" else 365.25)))
    moved = event_date.earliest.date() + (
        relativedelta(months=n) if unit == "M" else relativedelta(years=n)
    )
    return DateValue.from_date(moved)


def _is_sentence_end(text: str, m: re.Match[str]) -> bool:
    if m.group() == "\n":
        return True
    if m.group()[0] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[max(0, m.start() - 12) : m.start()])
    if word and word.group(1).lower() in _ABBREV:
        return False
    # A single capital letter before the stop is an initial ("J. Smith").
    return not (word and len(word.group(1)) == 1 and word.group(1).isupper())


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Start and end of the sentence(s) covering ``[start, end)``, without outer spaces."""
    end = start if end is None else end
    lo = 0
    window_start = max(0, start - 2000)
    for m in _END.finditer(text, window_start, start):
        if m.end() <= start and _is_sentence_end(text, m):
            lo = m.end()
    hi = len(text)
    probe = max(end - 1, start)  # a passage ending at a full stop keeps that sentence
    for m in _END.finditer(text, probe, min(len(text), probe + 2000)):
        if _is_sentence_end(text, m):
            hi = m.end() if m.group() != "\n" else m.start()
            break
    else:
        hi = min(len(text), probe + 2000)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, max(hi, lo)


def _trim(text: str) -> str:
    return trim_headline(without_leading_date(" ".join(text.split())))


def headline_from(text: str, start: int, end: int) -> str:
    """A headline for an item made from ``text[start:end]``: its sentence, trimmed.

    A passage that is itself sentence-long (or longer than its sentence) is used as is.
    """
    start, end = max(0, start), min(len(text), end)
    passage = text[start:end]
    lo, hi = sentence_bounds(text, start, start + 1 if end > start else start)
    sentence = text[lo:hi]
    if len(passage.split()) >= 4 and (len(sentence) > 2 * HEADLINE_MAX or hi < end):
        return _trim(passage)
    # In a compound sentence, the clause that holds the whole passage says it best.
    c_lo = lo
    for m in _CLAUSE.finditer(text, lo, hi):
        if m.end() <= start:
            c_lo = m.end()
        elif m.start() >= end:
            clause = text[c_lo : m.start()]
            break
    else:
        clause = text[c_lo:hi]
    if c_lo > lo and len(clause.split()) >= 4:
        return _trim(clause[0].upper() + clause[1:])
    return _trim(sentence or passage)


def _published_arg(published: DateValue | date | None) -> Any:
    """The finder's reference date: a day, or (first, last) for a coarser publication date."""
    if published is None or isinstance(published, date):
        return published
    first, last = published.earliest.date(), published.latest.date()
    return first if first == last else (first, last)


def _anchor_note(
    anchor: str | None,
    published: DateValue | date | None,
    day_first: bool,
    offset: str | None = None,
) -> str:
    if anchor == "published":
        if published is None:
            return "relative to the publication date, which the article does not have"
        shown = (
            published.display(day_first)
            if isinstance(published, DateValue)
            else DateValue.from_date(published).display(day_first)
        )
        return f"resolved against the publication date, {shown}"
    if anchor == "event":
        words = offset_words(offset) if offset else ""
        shift = ", on the same day" if words == "the same day" else f", {words} it" if words else ""
        return f"relative to another event{shift}: choose which one, or type the date"
    return "an absolute date in the text"


def suggest_dates(
    text: str, start: int, end: int, published: DateValue | date | None, *, day_first: bool = True
) -> list[Suggestion]:
    """Date phrases in the passage's sentence(s), those inside the passage first, then by
    distance from it. Durations and sets are left out: they do not date an event."""
    lo, hi = sentence_bounds(text, start, end)
    lo, hi = min(lo, start), max(hi, end)
    out = _suggestions(text, lo, hi, start, end, published, day_first)
    if not any(s.value is not None for _, s in out):
        # "The same day, Merz said…": the date is often in the sentence before (or after),
        # in the same paragraph. Offered after anything in the passage's own sentence.
        for n_lo, n_hi, where in _neighbours(text, lo, hi):
            near = _suggestions(text, n_lo, n_hi, start, end, published, day_first, where)
            out += [((2, rank[1]), s) for rank, s in near if s.value is not None]
    out.sort(key=lambda pair: (pair[0], pair[1].value is None, pair[1].start))
    return [s for _, s in out]


def _neighbours(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The sentences just before and after ``text[lo:hi]`` in its paragraph."""
    out: list[tuple[int, int, str]] = []
    if lo > 0 and "\n" not in text[max(0, lo - 3) : lo]:
        p_lo, p_hi = sentence_bounds(text, max(0, lo - 2))
        if p_hi <= lo and "\n" not in text[p_lo:lo]:
            out.append((p_lo, p_hi, "the sentence before"))
    if hi < len(text) and "\n" not in text[hi : hi + 2]:
        n_lo, n_hi = sentence_bounds(text, min(len(text) - 1, hi + 1))
        if n_lo >= hi and "\n" not in text[hi:n_hi]:
            out.append((n_lo, n_hi, "the sentence after"))
    return out


def _suggestions(
    text: str,
    lo: int,
    hi: int,
    start: int,
    end: int,
    published: DateValue | date | None,
    day_first: bool,
    where: str = "",
) -> list[tuple[tuple[int, int], Suggestion]]:
    from annotator.core.dates.finder import find_timexes

    found = find_timexes(text[lo:hi], published=_published_arg(published))
    out: list[tuple[tuple[int, int], Suggestion]] = []
    for t in found:
        event_anchored = t.anchor == "event"  # "two days after the argument": kept, so the
        if t.type not in ("DATE", "TIME") and not event_anchored:  # analyst picks the event
            continue
        s, e = lo + t.start, lo + t.end
        value = DateValue.from_timex(t.value) if t.value and not event_anchored else None
        inside = s < end and e > start
        distance = 0 if inside else (start - e if e <= start else s - end)
        out.append(
            (
                (0 if inside else 1, distance),
                Suggestion(
                    phrase=text[s:e],
                    start=s,
                    end=e,
                    value=value,
                    timex_value=t.value,
                    anchor_note=_anchor_note(t.anchor, published, day_first, t.offset)
                    + (f" (in {where})" if where else ""),
                    anchor=t.anchor,
                    offset=t.offset if event_anchored else None,
                ),
            )
        )
    return out


def _names(actor: Mapping[str, Any]) -> list[str]:
    aliases = actor.get("aliases") or []
    if isinstance(aliases, str):
        try:
            aliases = json.loads(aliases or "[]")
        except ValueError:  # a damaged value: suggest from the name alone
            aliases = []
    if not isinstance(aliases, list):
        aliases = []
    return [n for n in [actor.get("name") or "", *aliases] if isinstance(n, str) and n.strip()]


@lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    # Any run of spaces between words; no word characters on either side.
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


_WORD = re.compile(r"\w+")


def matching_actors(text: str, actors: Iterable[Mapping[str, Any]]) -> list[str]:
    """Ids of actors whose name or an alias occurs in ``text`` as whole words, in the order
    they first occur; case does not matter.

    A name is searched for only when every word of it is among the text's words (a set
    lookup): with thousands of actors, compiling and running a pattern for each name made
    the new-item form slow to open.
    """
    present = {w.casefold() for w in _WORD.findall(text)}
    first: list[tuple[int, str]] = []
    for actor in actors:
        hits = []
        for name in _names(actor):
            words = _WORD.findall(name)
            if words and not all(w.casefold() in present for w in words):
                continue
            m = _name_pattern(name).search(text)
            if m:
                hits.append(m.start())
        if hits:
            first.append((min(hits), actor["id"]))
    first.sort()
    return [actor_id for _, actor_id in first]


def exact_actor(text: str, actors: Iterable[Mapping[str, Any]]) -> str | None:
    """The actor whose name or alias *is* the text (case and spacing aside), if any."""
    wanted = " ".join(text.split()).casefold()
    for actor in actors:
        if any(" ".join(n.split()).casefold() == wanted for n in _names(actor)):
            actor_id: str = actor["id"]
            return actor_id
    return None
