"""Rules for times of day that the clock rules do not read: "ten o'clock", "2:30 in the
morning", "at dawn", "late last night", "early this morning".

A time without a day ("at dawn") gets a value of the form ``T..``: the finder then dates it
from the nearest dated phrase in its sentence, or the DCT.
"""

from __future__ import annotations

import re
from datetime import timedelta

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Ctx, Hit, Rule, compile_rx
from annotator.core.dates.timex_lexicon import NUMBER_WORD_RE, NUMBERS, PARTS_OF_DAY, WEEKDAYS
from annotator.core.dates.timex_lexicon import WEEKDAY_RE

# "about ten o'clock": the approximation belongs to the phrase, as with amounts of time.
_APPROX = r"(?:(?P<approx>(?i:about|around|approximately|roughly|shortly\s+(?:before|after)))\s+)?"
_HOUR = rf"(?P<h>1[0-2]|0?[1-9]|(?i:{NUMBER_WORD_RE}))"
_POD_AFTER = (
    r"(?:\s+(?i:in\s+the\s+(?P<pod>morning|afternoon|evening)|(?P<night>at\s+night)))"
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
        d = R.weekday_date(ctx.dct, WEEKDAYS[day_word], ctx.tense(m))
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
    return _dated(f"T{_pm(hh, m):02d}:{mi:02d}", m, ctx, _approx(m))


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
_TWILIGHT_CUES = {"at", "before", "after", "until", "till", "by", "since", "from", "around"}


def _twilight(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "at dawn", "before dusk": a part of the day, as "in the morning" is."""
    if ctx.word_before(m) not in _TWILIGHT_CUES and not re.search(
        r"\b(?:at|before|after|until|by|since|from)\s+$", ctx.before(m, 12)
    ):
        return None  # "the dawn of a new era"
    if re.match(r"\s+of\b", ctx.after(m, 5)):
        return None
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


DAYTIME_RULES = [
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
