"""Find temporal expressions in running text and resolve them to TIMEX3 values.

Rule based (regular expressions over edited news English, no tagger): every rule proposes
spans, the longest non-overlapping ones win, then each is resolved against the publication
date (DCT). Written here rather than wrapping HeidelTime (Java + TreeTagger) or SUTime (Java)
to stay pure Python; scored against MEANTIME by ``annotator.core.dates.meantime``.

Offsets are code points into ``text``. Relative phrases carry ``anchor="published"``; phrases
hanging on another event ("two days after the argument", "the next day") carry
``anchor="event"`` and an ``offset`` such as ``P2D`` or ``-P1D``: the app asks the analyst which
event they hang on. Comparisons ("a year earlier", "the previous year") still get the value
TimeML gives them, read from the period the article names (``timex_reference``); the app
does not use it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.candidates import rule_matches
from annotator.core.dates.timex_amounts import AMOUNT_RULES
from annotator.core.dates.timex_base import Ctx, Hit, Rule
from annotator.core.dates.timex_business import BUSINESS_RULES
from annotator.core.dates.timex_calendar import CALENDAR_RULES
from annotator.core.dates.timex_compare import COMPARE_RULES
from annotator.core.dates.timex_daytime import DAYTIME_RULES
from annotator.core.dates.timex_forms import FORM_RULES
from annotator.core.dates.timex_named_days import NAMED_DAY_RULES
from annotator.core.dates.timex_names import in_a_compound, in_a_name
from annotator.core.dates.timex_periods import PERIOD_RULES, QUARTER_ENDED_RULES
from annotator.core.dates.timex_range_order import order_ranges
from annotator.core.dates.timex_ranges import RANGE_RULES
from annotator.core.dates.timex_reference import resolve_references
from annotator.core.dates.timex_relative import RELATIVE_RULES
from annotator.core.dates.timex_second_day import add_first_days, add_second_days, pair_weekdays
from annotator.core.dates.timex_sets import SET_RULES
from annotator.core.dates.timex_story_time import resolve_story_time
from annotator.core.dates.timex_tense import SentenceIndex
from annotator.core.errors import DateError

TYPES = ("DATE", "TIME", "DURATION", "SET")
# Order breaks ties between equally long matches: earlier rules win.
RULES: list[Rule] = [
    *NAMED_DAY_RULES,
    *CALENDAR_RULES,
    *BUSINESS_RULES,
    *FORM_RULES,
    *RELATIVE_RULES,
    *QUARTER_ENDED_RULES,
    *COMPARE_RULES,
    *AMOUNT_RULES,
    *DAYTIME_RULES,
    *RANGE_RULES,
    *SET_RULES,
    *PERIOD_RULES,
]


@dataclass(frozen=True)
class Timex:
    """One temporal expression: ``text == source[start:end]`` (code points)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str | None  # TIMEX3 value; None when it cannot be resolved
    anchor: str | None = None  # "published", "event", or None for absolute expressions
    offset: str | None = None  # event-anchored phrases: "P2D" after, "-P2D" before
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, MORE_THAN...

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }
        for key in ("anchor", "offset", "mod"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


# (start, end, rule priority, rule, match) of one phrase a rule's regex takes.
_Candidate = tuple[int, int, int, Rule, re.Match[str]]


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for priority, (rule, matches) in enumerate(zip(RULES, rule_matches(text, RULES), strict=True)):
        for m in matches:
            if m.end() > m.start():
                found.append((m.start(), m.end(), priority, rule, m))
    return found


def _handle(rule: Rule, m: re.Match[str], ctx: Ctx) -> Hit | None:
    """The rule's hit; a phrase whose value falls outside years 1-9999 ("3000000 days after
    March 3", "tomorrow" said on 9999-12-31) is still found, with no value."""
    try:
        return rule.handler(m, ctx)
    except KeyError:
        # A letter that equals an ASCII one only when case is ignored ("ſ" for s, "ı" for i):
        # the rule's regex takes the word ("two ſeconds ago"), its word lists do not.
        return None
    except (OverflowError, ValueError):
        pass
    try:
        hit = rule.handler(m, Ctx(ctx.text, ctx.sentences, None))
    except (KeyError, OverflowError, ValueError):
        return None  # out of range whatever the date: not a phrase this rule can read
    return Hit(hit.type, None, hit.anchor, hit.offset, hit.mod) if hit else None


# Words of a time phrase that are capitalised only in a name or title ("ABC's This Week",
# "60 Minutes", "the Today show"): mid-sentence, in a sentence not set in title case.
_TITLE_WORD = re.compile(
    r"\b(?:Seconds?|Minutes?|Hours?|Days?|Nights?|Weeks?|Weekend|Months?|Years?|Decades?"
    r"|Century|Morning|Afternoon|Evening|Today|Tonight|Tomorrow|Yesterday|Now)\b"
)
_WORD_RE = re.compile(r"[A-Za-z]{4,}")


def _a_name(m: re.Match[str], ctx: Ctx) -> bool:
    """Whether a phrase with a capitalised unit word is part of a name or title."""
    found = _TITLE_WORD.search(m.group())
    if found is None:
        return False
    s0, s1 = ctx.sentences.bounds(m.start())
    if m.start() + found.start() == s0 or not ctx.text[s0 : m.start()].strip(" \"“'‘("):
        return False  # the sentence's first word
    s0, s1 = max(s0, m.start() - 250), min(s1, m.end() + 250)  # bounded: the finder is linear
    words: list[str] = _WORD_RE.findall(ctx.text[s0 : m.start()] + " " + ctx.text[m.end() : s1])
    lower = sum(1 for w in words if w[0].islower())
    return lower * 5 > len(words)  # a headline in title case capitalises nearly every word


def _select(text: str, cands: list[_Candidate], ctx: Ctx) -> list[tuple[re.Match[str], Rule]]:
    """Longest first; a candidate its rule rejects (handler gives None) leaves room for others."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    # Taken spans never overlap, so sorted by start their ends are sorted too: only the last
    # span starting before ``end`` can overlap a candidate (a scan of all would be quadratic).
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[tuple[re.Match[str], Rule]] = []
    for start, end, _, rule, m in cands:
        i = bisect.bisect_left(starts, end)
        if i and ends[i - 1] > start:
            continue
        if (
            _handle(rule, m, ctx) is None
            or (rule.name != "holiday" and _a_name(m, ctx))
            or in_a_name(m, ctx)
            or in_a_compound(m, ctx)
        ):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.append((m, rule))
    chosen.sort(key=lambda c: c[0].start())
    return chosen


_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A day the sentence measures against ("the lowest since July 15", "more than on March 3") is
# not the day its clock times fall on.
_COMPARED_WITH = re.compile(
    r"(?i)\b(?:since|than|compared\s+(?:with|to))\s+(?:(?:on|in|at)\s+)?"
    r"(?:(?:the|early|late|mid)\s+)?$"
)
# A time of day in a sentence naming no day is on the day the story last named, if that was
# a few sentences back at most (else the DCT's).
_STORY_DAY_REACH = 600


def _resolve(
    text: str, chosen: list[tuple[re.Match[str], Rule]], sentences: SentenceIndex, dct: date | None
) -> list[Hit | None]:
    ctx = Ctx(text, sentences, dct)
    hits = [_handle(rule, m, ctx) for m, rule in chosen]
    # Starts and days of the phrases with a day value so far, sorted by start; a bare time
    # resolved below joins them, so a later time in its sentence may take its day from it.
    dated = [
        (m.start(), h.value[:10])
        for (m, _), h in zip(chosen, hits, strict=True)
        if h
        and h.value
        and _DAY_VALUE.match(h.value)
        and not h.ref  # a ref's day comes later
        and not _COMPARED_WITH.search(text, max(0, m.start() - 20), m.start())
    ]
    dated_starts = [s for s, _ in dated]
    for i, ((m, _), hit) in enumerate(zip(chosen, hits, strict=True)):
        if hit is None:
            continue
        if hit.type == "TIME" and hit.value and hit.value.startswith("T"):
            # A bare clock time takes its day from the nearest dated phrase in its sentence
            # (the earlier one on a tie), else from the one the story named last.
            s0, s1 = sentences.bounds(m.start())
            pos = m.start()
            k = bisect.bisect_left(dated_starts, pos)
            best = None
            if k and dated_starts[k - 1] >= s0:
                best = (pos - dated_starts[k - 1], dated[k - 1][1])
            if k < len(dated_starts) and dated_starts[k] < s1:
                dist = dated_starts[k] - pos
                if best is None or dist < best[0]:
                    best = (dist, dated[k][1])
            if best is None and k and pos - dated_starts[k - 1] <= _STORY_DAY_REACH:
                best = (0, dated[k - 1][1])  # the day the story last named, a little before
            day = best[1] if best else (R.day(dct) if dct else None)
            timed = Hit("TIME", day + hit.value if day else None, hit.anchor, mod=hit.mod)
            hits[i] = timed
            if day and _DAY_VALUE.match(timed.value or ""):
                dated.insert(k, (pos, day))
                dated_starts.insert(k, pos)
    resolve_references([m.start() for m, _ in chosen], hits, sentences)
    resolve_story_time([m.group() for m, _ in chosen], hits, dct)
    order_ranges(text, [(m.start(), m.end(), m.group()) for m, _ in chosen], hits, dct)
    return hits


# A year before 1 or after 9999 ("next year" said in 9999, "5000000 months ago"): no value.
_OUT_OF_RANGE = re.compile(r"^(?:FY)?(?:-|\d{5,}|0(?:$|-)|0000)")
_OFFSET = re.compile(r"^(-?)P(\d+)([DWMY])$")


def _apply_offset(value: str, offset: str) -> str | None:
    m = _OFFSET.match(offset)
    if not m:
        return None
    k = int(m[2]) * (-1 if m[1] else 1)
    try:
        d = date.fromisoformat(value)
        if m[3] in "DW":
            return R.day(d + timedelta(days=k * (7 if m[3] == "W" else 1)))
        y, mo = R.shift_month(d.year, d.month, k) if m[3] == "M" else (d.year + k, 0)
    except (OverflowError, ValueError):
        return None  # before year 1 or after 9999: no value
    if not 1 <= y <= 9999:
        return None
    return R.month(y, mo) if mo else str(y)


def _day_of(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


def _check_published(published: object) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    if isinstance(published, date):
        return _day_of(published), _day_of(published)
    if (
        isinstance(published, tuple)
        and len(published) == 2
        and all(isinstance(p, date) for p in published)
    ):
        lo, hi = _day_of(published[0]), _day_of(published[1])
        if lo > hi:
            raise DateError(
                "publication range ends before it starts",
                where="published",
                hint="give (earliest, latest)",
            )
        return lo, hi
    raise DateError(
        f"not a publication date: {published!r}",
        where="published",
        hint="give a date or an (earliest, latest) pair of dates",
    )


def find_timexes(text: str, published: date | tuple[date, date] | None = None) -> list[Timex]:
    """Temporal expressions in ``text``, sorted by start and non-overlapping.

    ``published`` is the article's date, an (earliest, latest) pair when only a range is known
    (a value is kept where both ends agree, else their common coarser value, else None), or
    None (relative phrases are still found, with value None or an X pattern).
    """
    lo, hi = _check_published(published)
    sentences = SentenceIndex(text)
    chosen = _select(text, _candidates(text), Ctx(text, sentences, lo))
    hits = _resolve(text, chosen, sentences, lo)
    if hi is not None and hi != lo:
        other = _resolve(text, chosen, sentences, hi)
        hits = [
            Hit(a.type, _agree(a.value, b.value), a.anchor, a.offset, a.mod) if a and b else a
            for a, b in zip(hits, other, strict=True)
        ]
    out = []
    for (m, _), hit in zip(chosen, hits, strict=True):
        if hit is None:
            continue
        value = None if hit.value and _OUT_OF_RANGE.match(hit.value) else hit.value
        out.append(
            Timex(m.start(), m.end(), m.group(), hit.type, value, hit.anchor, hit.offset, hit.mod)
        )
    paired = add_first_days(text, add_second_days(text, out))
    return _anchor_on_dates(text, pair_weekdays(text, paired, lo, hi))


def _agree(a: str | None, b: str | None) -> str | None:
    try:
        return R.agree(a, b)
    except (OverflowError, ValueError):  # a value no calendar date has: nothing shared
        return None


_BETWEEN = re.compile(r"\s+(?:after|before)\s+$")


def _anchor_on_dates(text: str, timexes: list[Timex]) -> list[Timex]:
    """ "two days after March 3": an offset from a date, not from an event; one DATE timex."""
    out: list[Timex] = []
    i = 0
    while i < len(timexes):
        t = timexes[i]
        nxt = timexes[i + 1] if i + 1 < len(timexes) else None
        if (
            t.anchor == "event"
            and t.offset
            and nxt
            and nxt.value
            and _DAY_VALUE.match(nxt.value)
            and _BETWEEN.match(text[t.end : nxt.start])
        ):
            value = _apply_offset(nxt.value[:10], t.offset)
            out.append(
                Timex(
                    t.start,
                    nxt.end,
                    text[t.start : nxt.end],
                    "DATE",
                    value,
                    nxt.anchor,
                    t.offset,
                    t.mod,
                )
            )
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def timexes_json(text: str, published: date | tuple[date, date] | None = None) -> dict[str, Any]:
    """The ``annotator dates --format json`` document: {"timexes": [...]}."""
    return {"timexes": [t.to_json() for t in find_timexes(text, published)]}
