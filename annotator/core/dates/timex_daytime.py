"""Rules for times of day that the clock rules do not read: "ten o'clock", "2:30 in the
morning", "at dawn", "late last night", "early this morning", "the morning of March 3", the
"2" of "between 2 and 4 p.m.".

A time without a day ("at dawn") gets a value of the form ``T..``: the finder then dates it
from the nearest dated phrase in its sentence, or the DCT.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Ctx, Hit, Rule, compile_rx, weekday_meant
from annotator.core.dates.timex_lexicon import (
    MONTH_ANY_RE,
    MONTHS,
    NUMBER_WORD_RE,
    NUMBERS,
    PARTS_OF_DAY,
    WEEKDAY_RE,
    WEEKDAYS,
)

# "about ten o'clock": the approximation belongs to the phrase, as with amounts of time.
_APPROX = r"(?:(?P<approx>(?i:about|around|approximately|roughly|shortly\s+(?:before|after)))\s+)?"
_HOUR = rf"(?P<h>1[0-2]|0?[1-9]|(?i:{NUMBER_WORD_RE}))"
_POD_AFTER = (
    r"(?:\s+(?i:(?:in\s+the|this)\s+(?P<pod>morning|afternoon|evening)|(?P<night>at\s+night)))"
)
_DAY_AFTER = (
    rf"(?:(?:\s+|,\s*)(?:(?i:on)\s+)?(?P<day>(?i:today|tonight|yesterday|tomorrow)|{WEEKDAY_RE}))?"
)
# Words before a bare hour ("at 7 in the evening") that make it a time, not a count.
_CLOCK_CUES = {
    "at",
    "by",
    "until",
    "till",
    "from",
    "around",
    "about",
    "after",
    "before",
    "since",
    "to",
    "approximately",
    "roughly",
}


def _hour(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    n = NUMBERS.get(w)
    return int(n) if n is not None and 1 <= n <= 12 else None


def _dated(clock: str, m: re.Match[str], ctx: Ctx, mod: str | None) -> Hit:
    """A TIME for ``clock`` ("T19:00", "TMO") on the day the phrase names, else undated."""
    day_word = (m.groupdict().get("day") or "").lower().rstrip(".")
    if ctx.dct is None:
        return Hit("TIME", None, "published", mod=mod)
    if not day_word:
        return Hit("TIME", clock, "published", mod=mod)  # the finder dates it
    if day_word in ("today", "tonight", "yesterday", "tomorrow"):
        d = ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day_word, 0))
    else:
        d = weekday_meant(ctx, m, WEEKDAYS[day_word])
    return Hit("TIME", R.day(d) + clock, "published", mod=mod)


def _approx(m: re.Match[str]) -> str | None:
    word = (m.groupdict().get("approx") or "").lower()
    if not word:
        return None
    if word.startswith("shortly"):
        return "AFTER" if word.endswith("after") else "BEFORE"
    return "APPROX"


def _pm(hh: int, m: re.Match[str]) -> int:
    """The 24-hour hour of ``hh`` said "in the afternoon/evening" or "at night"."""
    pod = (m["pod"] or "").lower()
    if (pod in ("afternoon", "evening") or m["night"]) and hh < 12:
        if m["night"] and hh <= 4:
            return hh  # "2 at night": the small hours
        return hh + 12
    if pod == "morning" and hh == 12:
        return 0
    return hh


def _oclock(m: re.Match[str], ctx: Ctx) -> Hit | None:
    hh = _hour(m["h"])
    if hh is None:
        return None
    return _dated(f"T{_pm(hh, m):02d}:00", m, ctx, _approx(m))


def _clock_pod(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "at 2:30 in the morning", "at 7 in the evening": a clock time its part of day places."""
    hh = _hour(m["h"])
    if hh is None:
        return None
    if not m["approx"] and ctx.word_before(m) not in _CLOCK_CUES:
        return None  # "won 7 in the afternoon session": a count
    mi = int(m["mi"] or 0)
    clock = f"T{_pm(hh, m):02d}:{mi:02d}"
    if re.search(r"(?i)\bthis\s+\w+$", m.group()):
        if m["mi"] or m["day"] or ctx.dct is None:
            return None  # "3:30 this afternoon": the clock and the part of the day, as before
        return Hit("TIME", R.day(ctx.dct) + clock, "published", mod=_approx(m))  # "8 this morning"
    return _dated(clock, m, ctx, _approx(m))


_TWILIGHT = {
    "dawn": "MO",
    "daybreak": "MO",
    "sunrise": "MO",
    "first light": "MO",
    "dusk": "EV",
    "sunset": "EV",
    "sundown": "EV",
    "nightfall": "NI",
}
_TWILIGHT_CUES = {"at", "before", "after", "until", "till", "by", "since", "from", "around", "to"}


def _twilight(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "at dawn", "before dusk": a part of the day, as "in the morning" is."""
    if ctx.word_before(m) not in _TWILIGHT_CUES and not re.search(
        r"\b(?:at|before|after|until|by|since|from|to)\s+$", ctx.before(m, 12)
    ):
        return None  # "the dawn of a new era"
    if re.match(r"\s+of\b", ctx.after(m, 5)):
        return None
    if ctx.word_before(m) == "to" and re.match(r"\s+(?:on|upon)\b", ctx.after(m, 6)):
        return None  # "it came to dawn on them": the verb
    word = re.sub(r"\s+", " ", m["tw"].lower())
    return _dated("T" + _TWILIGHT[word], m, ctx, None)


_EDGES = {"early": "START", "late": "END"}


def _edge_pod(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "late last night", "early this morning": the part of the day, with its edge as mod."""
    pod = PARTS_OF_DAY[m["p"].lower()]
    mod = _EDGES[m["edge"].lower()]
    if ctx.dct is None:
        return Hit("TIME", None, "published", mod=mod)
    d = ctx.dct - timedelta(days=1) if m["rel"].lower() == "last" else ctx.dct
    return Hit("TIME", f"{R.day(d)}T{pod}", "published", mod=mod)


def _pod_of(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the morning of March 3", "the night of Tuesday": that part of that day, one TIME."""
    pod = PARTS_OF_DAY[m["p"].lower()]
    mod = _EDGES.get((m["edge"] or "").lower())
    wd = m["wd"] or (None if m["mon"] or m["mon2"] else m["wd2"])
    if ctx.dct is None and not m["y"]:
        if wd:
            return Hit("TIME", None, "published", mod=mod)
        mo, dd = MONTHS[(m["mon"] or m["mon2"]).lower().rstrip(".")], int(m["d"] or m["d2"])
        date(2000, mo, dd)  # a day no year has ("Feb. 30"): ValueError, no phrase
        return Hit("TIME", f"XXXX-{mo:02d}-{dd:02d}T{pod}", "published", mod=mod)
    if wd:
        assert ctx.dct is not None
        d = weekday_meant(ctx, m, WEEKDAYS[wd.lower().rstrip(".")])
        return Hit("TIME", f"{R.day(d)}T{pod}", "published", mod=mod)
    mo = MONTHS[(m["mon"] or m["mon2"]).lower().rstrip(".")]
    dd = int(m["d"] or m["d2"])
    if m["y"]:
        y = int(m["y"])
    else:
        assert ctx.dct is not None
        y = R.year_for(ctx.dct, mo, dd, ctx.tense(m))
    try:
        d = date(y, mo, dd)
    except ValueError:
        return None
    return Hit("TIME", f"{R.day(d)}T{pod}", None if m["y"] else "published", mod=mod)


_OF_DATE = (
    rf"(?:(?:(?P<wd2>{WEEKDAY_RE}),?\s+)?(?:(?P<mon>{MONTH_ANY_RE})\s+(?P<d>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH_ANY_RE}))"
    r"(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>(?:1[5-9]|20)\d\d)(?!\d))?"
    rf"|(?P<wd>{WEEKDAY_RE}))"
)


def _clock_range_head(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "between 2 and 4 p.m.": the first end, a time of day in the half of the day the second
    end names (the second end is found by the clock rules)."""
    if ctx.word_before(m) not in ("between", "from"):
        return None
    hh, h2 = int(m["h"]), int(m["h2"])
    pm = m["ap"].lower().startswith("p")
    if pm and hh < 12 and (hh <= h2 or h2 == 12):
        hh += 12
    elif not pm and hh == 12:
        hh = 0
    return Hit("TIME", f"T{hh:02d}:{int(m['mi'] or 0):02d}", "published")


DAYTIME_RULES = [
    Rule(
        "clock_range",
        compile_rx(
            r"(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?(?=\s*(?:(?i:and|to|until|till)\s+|[-–]\s*)"
            r"(?P<h2>1[0-2]|0?[1-9])(?::[0-5]\d)?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm))(?![a-z]))"
        ),
        _clock_range_head,
    ),
    Rule(
        "pod_of",
        compile_rx(
            r"(?i:the\s+)?(?:(?P<edge>(?i:early|late))\s+)?"
            rf"(?P<p>(?i:morning|afternoon|evening|night))\s+(?i:of)\s+{_OF_DATE}"
        ),
        _pod_of,
    ),
    Rule(
        "oclock",
        compile_rx(rf"{_APPROX}{_HOUR}\s+o['’]clock{_POD_AFTER}?{_DAY_AFTER}"),
        _oclock,
    ),
    Rule(
        "clock_pod",
        compile_rx(rf"{_APPROX}{_HOUR}(?::(?P<mi>[0-5]\d))?{_POD_AFTER}{_DAY_AFTER}"),
        _clock_pod,
    ),
    Rule(
        "twilight",
        compile_rx(
            r"(?P<tw>(?i:dawn|daybreak|sunrise|first\s+light|dusk|sunset|sundown|nightfall))"
            rf"{_DAY_AFTER}"
        ),
        _twilight,
    ),
    Rule(
        "edge_pod",
        compile_rx(
            r"(?P<edge>(?i:early|late))\s+(?P<rel>(?i:this|last))\s+"
            r"(?P<p>(?i:morning|afternoon|evening|night))"
        ),
        _edge_pod,
    ),
]
