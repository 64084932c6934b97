"""Rules for periods named around another date or in words: "the week of March 3" (an ISO
week, as TimeML writes weeks), "the week ended Friday", "the nineties" (a decade), "the
entire year" (the year the article is about)."""

from __future__ import annotations

import re
from datetime import date
from typing import cast

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Ctx, Hit, Ref, Rule, compile_rx
from annotator.core.dates.timex_compare import _WANTED, COMPARE_RULES, dct_period
from annotator.core.dates.timex_governing import year_of
from annotator.core.dates.timex_lexicon import MONTH_ANY_RE, MONTHS, WEEKDAY_RE, WEEKDAYS

_YEAR = r"(?P<y>(?:1[5-9]|20)\d\d)(?!\d)"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)"


def _month_of(m: re.Match[str]) -> int:
    return MONTHS[m["mon"].rstrip(".").lower()]


def _week_of(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the week of March 3", "the week ended Friday": the ISO week holding that day."""
    if m["wd"] and not m["mon"]:
        if ctx.dct is None:
            return Hit("DATE", None, "published")
        # "the week ended Friday" is past; "the week beginning Monday" lies ahead.
        tense = "past" if m["rel"].lower() in ("ended", "ending", "to") else ctx.tense(m)
        d = R.weekday_date(ctx.dct, WEEKDAYS[m["wd"].rstrip(".").lower()], tense)
        return Hit("DATE", R.week(d), "published")
    mo, dd = _month_of(m), int(m["d"])
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct is None:
        return Hit("DATE", None, "published")
    else:
        y = year_of(ctx.dct, mo, dd, ctx.sentences.reading(*m.span()), ctx.before(m, 40))
    try:
        d = date(y, mo, dd)
    except ValueError:
        return None
    return Hit("DATE", R.week(d), None if m["y"] else "published")


_DECADES = {
    "noughties": 0,
    "aughts": 0,
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
# "in the forties" is a temperature or an age as often as a decade.
_NOT_DECADE = re.compile(r"(?i)\b(?:degrees?|temperatures?|°|percent|aged?|his|her|their)\b|%")


def _decade_word(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the nineties", "the nineteen-sixties": a decade (199, 196)."""
    s0, s1 = ctx.sentences.bounds(m.start())
    if _NOT_DECADE.search(ctx.text, s0, s1):
        return None
    d = _DECADES[m["dw"].lower()]
    if m["c"]:
        century = 19 if m["c"].lower() == "nineteen" else 18
    else:
        ref = ctx.dct.year if ctx.dct else 2030
        century = 20 if 2000 + 10 * d <= ref else 19
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((m["edge"] or "").lower())
    return Hit("DATE", f"{century}{d}", mod=mod)


def _whole_period(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "for the entire year", "over the full quarter": the article's period, as "the year"."""
    anaphoric = next(r for r in COMPARE_RULES if r.name == "anaphoric")
    return anaphoric.handler(cast("re.Match[str]", _Whole(m)), ctx)


class _Whole:
    """The match of "the entire year" seen as the anaphoric rule's "the year"."""

    def __init__(self, m: re.Match[str]):
        self._m = m

    def __getitem__(self, key: str) -> str | None:
        return {"u": self._m["u"], "fy": self._m["fy"], "prev": None}.get(key)

    def group(self, index: int = 0, /) -> str:
        return self._m.group(index)

    def span(self) -> tuple[int, int]:
        return self._m.span()

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


PERIOD_RULES = [
    Rule(
        "week_of",
        compile_rx(
            r"(?i:the\s+week\s+)(?P<rel>(?i:of|ended|ending|beginning|starting|to))\s+"
            rf"(?:(?:{WEEKDAY_RE}),?\s+)?(?:(?P<mon>{MONTH_ANY_RE})\s+{_DAY}(?:,?\s+{_YEAR})?"
            rf"|(?P<wd>{WEEKDAY_RE}))"
        ),
        _week_of,
    ),
    Rule(
        "decade_word",
        compile_rx(
            r"(?i:the)\s+(?:(?P<edge>(?i:early|mid|late))[- ]?)?"
            r"(?:(?P<c>(?i:nineteen|eighteen))[- ])?"
            r"(?P<dw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"
            r"|noughties|aughts))"
        ),
        _decade_word,
    ),
    Rule(
        "whole_period",
        compile_rx(
            r"(?i:the)\s+(?i:entire|full|whole)\s+(?P<fy>(?i:fiscal|financial)\s+)?"
            r"(?P<u>(?i:quarter|year|month|week))"
        ),
        _whole_period,
    ),
]


# Verbs after "the quarter" that make it the subject of a sentence about the article's period:
# "the quarter was the best", "the year ended with a loss".
_SUBJECT_VERBS = (
    r"was|is|has|had|ended|ends|began|begins|saw|sees|started|closed|brought|proved|marked"
    r"|included|showed|will|would|got|turned"
)


def _period_subject(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "The quarter was the best in a decade": the article's period, as "for the quarter"."""
    if m["u"][0].isupper():
        return None  # "the Quarter": a name
    unit = m["u"].lower()
    wanted = _WANTED[unit]
    ref = Ref(wanted, 0, {"quarter": "Q", "month": "M", "week": "W"}.get(unit, "Y"))
    if ctx.dct is None:
        return Hit("DATE", None, "published", ref=ref)
    tense = ctx.tense(m)
    if re.match(r"\s+(?:ended|closed)\b", ctx.after(m)):
        tense = "past"  # "the year ended with a loss": over, so the one before in January
    fallback = dct_period("year" if wanted == "period" else wanted, ctx.dct, tense)
    return Hit("DATE", fallback, "published", ref=ref)


def _half_alone(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "in the first half" with no year: the half year the article is about (the one just
    ended, in the first two months after it and in the past tense)."""
    if (
        re.match(r"\s*(?:of|-|(?i:an\s+)?hour)", ctx.after(m))
        or ctx.word_before(m) not in _HALF_CUES
    ):
        return None  # "the first half of the match", "the second half-hour", "half hour"
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-H{h}", "published")
    y, current = ctx.dct.year, 1 if ctx.dct.month <= 6 else 2
    tense = ctx.tense(m)
    if tense in ("past", "reported") and h >= current:
        y -= 1  # a half spoken of in the past is over: in the first half, last year's
    elif tense == "future" and h < current:
        y += 1
    return Hit("DATE", f"{y}-H{h}", "published")


_HALF_CUES = {"in", "for", "during", "over", "through", "throughout", "since", "by"}

PERIOD_RULES += [
    Rule(
        "period_subject",
        compile_rx(
            r"(?i:the)\s+(?P<u>(?i:quarter|year|period|month))"
            rf"(?=\s+(?:{_SUBJECT_VERBS})\b)"
        ),
        _period_subject,
    ),
    Rule(
        "half_alone",
        compile_rx(r"(?i:the)\s+(?P<h>(?i:first|second|1st|2nd))[- ](?i:half)"),
        _half_alone,
    ),
]


_DAY_BEFORE = re.compile(r"(?i)(?:\b(?:later|earlier|late|early)\s+in|\bon|\bof)\s+$")
_DAY_PART_OF = re.compile(
    r"(?i)\b(?:rest|remainder|course|part)\s+of\s+$"
)  # not "at the end of the day"
_DAY_END = re.compile(
    r"\s*(?:[,.;:!?)\"”]|$)|\s+(?i:and|but|as|while|with|to|amid|on|in|at|by|for|from)\b"
)
_NOT_DAY = re.compile(r"\s*(?:['’]|-)|\s+(?i:of|that|when|before|after|which|in\s+which)\b")


def _story_day(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "fell 2% on the day", "later in the day": the day the story is about (the one it named
    last, else the DCT)."""
    before = ctx.before(m, 30)
    after = ctx.after(m)
    if not _DAY_BEFORE.search(before) or _NOT_DAY.match(after) or not _DAY_END.match(after):
        return None  # "the day of the vote", "on the day shift"
    if before.rstrip().lower().endswith("of") and not _DAY_PART_OF.search(before):
        return None  # "the hero of the day"
    ref = Ref("day", 0, "D")
    return Hit("DATE", R.day(ctx.dct) if ctx.dct else None, "published", ref=ref)


def _that_time(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "by that time", "at that time": the time the story named last (TimeML copies it)."""
    if ctx.word_before(m) not in ("by", "at", "until", "till", "since", "from", "before", "after"):
        return None
    return Hit("DATE", None, "event", offset="P0D")


PERIOD_RULES += [
    Rule("story_day", compile_rx(r"(?i:the\s+day)"), _story_day),
    Rule("that_time", compile_rx(r"(?i:that\s+time)"), _that_time),
]


def _latest(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the latest quarter", "the most recent month": the last one ended before the DCT (or
    the one the article names)."""
    unit = m["u"].lower()
    wanted = _WANTED[unit]
    ref = Ref(wanted, 0, {"quarter": "Q", "month": "M"}.get(unit, "Y"))
    if ctx.dct is None:
        return Hit("DATE", None, "published", ref=ref)
    if unit == "period":  # "in the latest period": the period the article reports, as "the period"
        return Hit("DATE", dct_period("year", ctx.dct, ctx.tense(m)), "published", ref=ref)
    if unit == "quarter":
        y, q = R.shift_quarter(*R.quarter_of(ctx.dct), -1)
        return Hit("DATE", f"{y}-Q{q}", "published", ref=ref)
    if unit == "month":
        last = R.shift_month(ctx.dct.year, ctx.dct.month, -1)
        return Hit("DATE", R.month(*last), "published", ref=ref)
    year = str(ctx.dct.year - 1)
    return Hit("DATE", f"FY{year}" if m["fy"] and unit == "year" else year, "published", ref=ref)


PERIOD_RULES += [
    Rule(
        "latest",
        compile_rx(
            # "its latest quarter", "Apple's most recent fiscal year": the owner is not marked
            r"(?:(?i:the)\s+|(?<=\b(?i:its) )|(?<=\b(?i:their) )|(?<=['’]s ))"
            r"(?i:latest|most\s+recent|just[- ]ended|just[- ]completed|recent)\s+"
            r"(?P<fy>(?i:fiscal|financial)\s+)?(?P<u>(?i:quarter|month|year|period))(?!['’-])"
        ),
        _latest,
    ),
]


_ORDINAL_DAYS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_DAY_ORDINAL = {w: i + 1 for i, w in enumerate(_ORDINAL_DAYS)}
_DAY_ORDINAL |= {f"twenty-{w}": 21 + i for i, w in enumerate(_ORDINAL_DAYS[:9])}
_DAY_ORDINAL |= {"thirtieth": 30, "thirty-first": 31}
_DAY_WORD_RE = "|".join(sorted(_DAY_ORDINAL, key=len, reverse=True)).replace("-", "[- ]")


def _ordinal_day(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the first of April": a day written in words."""
    dd = _DAY_ORDINAL[re.sub(r"[- ]+", "-", m["dw"].lower())]
    mo = _month_of(m)
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct is None:
        return Hit("DATE", f"XXXX-{mo:02d}-{dd:02d}", "published")
    else:
        y = year_of(ctx.dct, mo, dd, ctx.sentences.reading(*m.span()), ctx.before(m, 40))
    try:
        return Hit("DATE", R.day(date(y, mo, dd)), None if m["y"] else "published")
    except ValueError:
        return None  # "the thirtieth of February"


PERIOD_RULES += [
    Rule(
        "ordinal_day",
        compile_rx(
            rf"(?i:the\s+)(?P<dw>(?i:{_DAY_WORD_RE}))\s+(?i:of)\s+(?P<mon>{MONTH_ANY_RE})"
            rf"(?:,?\s+{_YEAR})?"
        ),
        _ordinal_day,
    ),
]


def _end_year(m: re.Match[str], ctx: Ctx) -> int | None:
    """The year of the day a period "ended" or is "ending" on (None: no publication date)."""
    if m["y"]:
        return int(m["y"])
    if ctx.dct is None:
        return None
    mo, dd = _month_of(m), int(m["d"]) if m["d"] else None
    if re.search(r"(?i)ended", m["rel"]):
        return R.year_for(ctx.dct, mo, dd, "past")  # over by the time it is reported
    return year_of(ctx.dct, mo, dd, ctx.sentences.reading(*m.span()), ctx.before(m, 40))


def _quarter_ended(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the quarter ended Dec. 31", "the quarter to June": the quarter that ends then (the
    nearest quarter end), not the article's own; later comparisons are read from it."""
    mo = _month_of(m)
    dd = int(m["d"]) if m["d"] else None
    y = _end_year(m, ctx)
    if y is None:
        return Hit("DATE", None, "published")
    try:
        d = date(y, mo, dd or 28)
    except ValueError:
        return None
    qy, q = R.quarter_of(d)
    if dd is not None:
        # A fiscal quarter may end off the calendar's ("ended Feb. 1"): the nearest end names it.
        end = R.shift_month(qy, 3 * q, 1)
        days_to_end = (date(*end, 1) - d).days
        days_from_last = (d - date(qy, 3 * q - 2, 1)).days + 1
        if days_from_last < days_to_end:
            qy, q = R.shift_quarter(qy, q, -1)
    return Hit("DATE", f"{qy}-Q{q}", None if m["y"] else "published")


def _year_ended(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the year ended Sept. 30", "the fiscal year ending June 30, 1990": the year that
    ends on that day (a fiscal year is named by the year it ends in), not the article's."""
    y = _end_year(m, ctx)
    if y is None:
        return Hit("DATE", None, "published")
    prefix = "FY" if m["fy"] else ""
    return Hit("DATE", f"{prefix}{y}", None if m["y"] else "published")


# What follows "the quarter" or "the year" when a day names its end.
_ENDED_ON = (
    r"(?=,?\s+(?P<rel>(?i:(?:that|which)\s+ended|ended|ending|to|through))\s+"
    rf"(?:(?i:in)\s+)?(?P<mon>{MONTH_ANY_RE})(?:\s+{_DAY})?(?:,?\s+{_YEAR})?)"
)
# Put before the comparison rules: "the quarter" here names its own quarter.
QUARTER_ENDED_RULES = [
    Rule(
        "quarter_ended",
        compile_rx(r"(?i:the)\s+(?:(?i:fiscal|financial)\s+)?(?i:quarter)" + _ENDED_ON),
        _quarter_ended,
    ),
    Rule(
        "year_ended",
        compile_rx(r"(?i:the)\s+(?:(?P<fy>(?i:fiscal|financial))\s+)?(?i:year)" + _ENDED_ON),
        _year_ended,
    ),
]
