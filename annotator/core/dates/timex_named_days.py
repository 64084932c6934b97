"""Rules for days known by a name, which a weekday or a month and day inside them must not
resolve against the DCT: "Black Monday" (19 October 1987), "9/11" and "the September 11
attacks" (2001), "Black Friday" (the day after US Thanksgiving); and "by year-end".

Listed before the other rules: "September 11" of "the September 11 attacks" is as long as the
date the month-and-day rule reads, and must win the tie ("the" is the attacks', as in "the May 5
vote").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Ctx, Hit, Rule, compile_rx

_YEAR = r"(?P<y>(?:1[5-9]|20)\d\d)(?!\d)"
# Market crashes and other days news names by their weekday: (month, day, year) unless the
# year is given ("Black Monday of 1929").
_FIXED = {
    "black monday": (1987, 10, 19),
    "black tuesday": (1929, 10, 29),
    "black thursday": (1929, 10, 24),
    "black wednesday": (1992, 9, 16),
}
_BY_YEAR = {("black monday", 1929): date(1929, 10, 28)}
_AFTER_THANKSGIVING = {"black friday": 1, "cyber monday": 4}


def _named_day(m: re.Match[str], ctx: Ctx) -> Hit | None:
    name = re.sub(r"\s+", " ", m["name"].lower())
    y = int(m["y"]) if m["y"] else None
    if name in _FIXED:
        fixed = _FIXED[name]
        d = _BY_YEAR.get((name, y or 0)) or (date(*fixed) if y in (None, fixed[0]) else None)
        return Hit("DATE", R.day(d) if d else None)
    shift = _AFTER_THANKSGIVING[name]
    if y is None and ctx.dct is None:
        return Hit("DATE", None, "published")
    year = y or (ctx.dct.year if ctx.dct else 0)
    thanksgiving = R.holiday("thanksgiving", year)
    assert thanksgiving is not None
    d = thanksgiving + timedelta(days=shift)
    if y is None and ctx.dct is not None and ctx.tense(m) == "past" and d > ctx.dct:
        last = R.holiday("thanksgiving", year - 1)
        assert last is not None
        d = last + timedelta(days=shift)
    return Hit("DATE", R.day(d), None if y else "published")


def _nine_eleven(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "since 9/11", "the September 11 attacks": 11 September 2001, once it has happened."""
    if ctx.dct is not None and ctx.dct <= date(2001, 9, 11):
        return None  # a plain date, read by the other rules
    if (
        m["named"] is None
        and not m.group().startswith("9")
        and not _ATTACKS_OF.search(ctx.before(m, 40))
    ):
        return None  # "on September 11" alone: a date like any other
    return Hit("DATE", "2001-09-11")


# "the attacks of September 11", "in the aftermath of September 11th"
_ATTACKS_OF = re.compile(r"(?i)\b(?:attacks?|aftermath|events|tragedy)\s+of\s+$")


_END_CUES = {"by", "at", "before", "until", "till", "after", "since", "through", "toward"}
_END_CUES |= {"towards", "around", "near", "from", "to"}


def _period_end(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "by year-end", "at quarter-end": the end of the DCT's year (quarter, month)."""
    words = re.findall(r"[A-Za-z]+", ctx.before(m, 25))
    if not words or words[-1].lower() not in _END_CUES | ({"in"} if m["mid"] else set()):
        return None
    if m["mid"]:
        return _mid_year(m, ctx)
    unit = m["u"].lower()
    if ctx.dct is None:
        return Hit("DATE", None, "published", mod="END")
    dct = ctx.dct
    if unit == "quarter":
        y, q = R.quarter_of(dct)
        return Hit("DATE", f"{y}-Q{q}", "published", mod="END")
    if unit == "month":
        return Hit("DATE", R.month(dct.year, dct.month), "published", mod="END")
    past = ctx.tense(m) == "past" and dct.month <= 2  # "at year-end", said in January
    return Hit("DATE", str(dct.year - 1 if past else dct.year), "published", mod="END")


def _mid_year(m: re.Match[str], ctx: Ctx) -> Hit:
    """ "by mid-year", "in midyear": the middle of the DCT's year; a middle spoken of in the
    past before it came is last year's, one ahead after it went is next year's."""
    if ctx.dct is None:
        return Hit("DATE", None, "published", mod="MID")
    y, tense = ctx.dct.year, ctx.tense(m)
    if tense == "past" and ctx.dct.month <= 5:
        y -= 1
    elif tense == "future" and ctx.dct.month >= 8:
        y += 1
    return Hit("DATE", str(y), "published", mod="MID")


NAMED_DAY_RULES = [
    Rule(
        "named_day",
        compile_rx(
            r"(?P<name>Black\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday)|Cyber\s+Monday)"
            rf"(?:,?\s+(?:(?i:of|in)\s+)?{_YEAR})?"
        ),
        _named_day,
    ),
    Rule(
        "nine_eleven",
        compile_rx(
            r"9/11(?!/)|(?:September|Sept\.?|Sep\.)\s+11(?:th)?"
            r"(?P<named>(?=\s+(?i:attacks?|terror|terrorist|hijack|strikes)))?"
        ),
        _nine_eleven,
    ),
    Rule(
        "period_end",
        compile_rx(
            r"(?:(?i:the)\s+)?(?:(?P<u>(?i:year|quarter|month))[- ](?i:end)"
            r"|(?P<mid>(?i:mid-?year)))(?![-\w])"
        ),
        _period_end,
    ),
]
