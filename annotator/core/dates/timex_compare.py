"""Rules for periods news refers back to: "for the quarter", "the year-ago period", "the same
month last year", "the year before".

Each hit carries a :class:`Ref` (resolved from the article's own dates by
``timex_reference``) and a value read from the DCT alone, kept when the article names no period.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Ctx, Hit, Ref, Rule, compile_rx

_WANTED = {
    "quarter": "quarter",
    "period": "period",
    "time": "period",
    "season": "period",
    "half": "half",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
}


def dct_period(unit: str, dct: date, tense: str, shift: int = 0) -> str | None:
    """The DCT's own period of ``unit`` moved ``shift`` years: what the article is about when it
    names none. In the first two months of a quarter (a year) a past-tense "the quarter" ("the
    year") is the one just ended: its results are what is reported then."""
    just_ended = tense in ("past", "reported")
    if unit == "quarter":
        y, q = R.quarter_of(dct)
        if just_ended and (dct.month - 1) % 3 < 2:
            y, q = R.shift_quarter(y, q, -1)
        return f"{y + shift}-Q{q}"
    if unit == "month":
        if just_ended and dct.day <= 5 and not shift:
            # "car sales for the month fell", said on the 3rd: the month just ended
            return R.month(dct.year - (dct.month == 1), (dct.month - 2) % 12 + 1)
        return R.month(dct.year + shift, dct.month)
    if unit == "week":
        if just_ended and dct.weekday() == 0 and not shift:
            # "the index closed the week lower", said on a Monday: the week just ended
            return R.week(dct - timedelta(days=7))
        return R.week(dct.replace(year=dct.year + shift)) if shift else R.week(dct)
    if unit == "day":
        return R.day(dct.replace(year=dct.year + shift))
    if unit == "half":
        return f"{dct.year + shift}-H{1 if dct.month <= 6 else 2}"
    y = dct.year - (1 if just_ended and dct.month <= 2 else 0) + shift
    return f"FY{y}" if unit == "fiscal" else str(y)


def _year_ago(m: re.Match[str], ctx: Ctx) -> Hit | None:
    wanted = _WANTED[(m["u"] or m["u2"] or m["u3"] or "period").lower()]
    ref = Ref(wanted, -1, "Y")
    if ctx.dct is None:
        return Hit("DATE", None, "published", ref=ref)
    fallback = dct_period("year" if wanted == "period" else wanted, ctx.dct, "past", -1)
    return Hit("DATE", fallback, "published", ref=ref)


def _same_period(m: re.Match[str], ctx: Ctx) -> Hit | None:
    wanted = _WANTED[m["u"].lower()]
    ref = Ref(wanted, -1, "Y", year=int(m["y"]) if m["y"] else None)
    if ctx.dct is None:
        return Hit("DATE", None, "published", ref=ref)
    unit = "year" if wanted == "period" else wanted
    if m["y"]:
        return Hit("DATE", m["y"] if unit == "year" else None, "published", ref=ref)
    if m["u"].lower() == "time":  # "the same time last year": the DCT's date a year back
        return Hit("DATE", str(ctx.dct.year - 1), "published", ref=ref)
    return Hit("DATE", dct_period(unit, ctx.dct, "past", -1), "published", ref=ref)


# Words before "the quarter" that make it the article's period: "for the quarter".
_CUES = {"for", "in", "during", "over", "through", "throughout", "since", "within"}
_CUES |= {"on"}  # "down 3% on the week": markets' figures for the period
# "ended the year 10% higher", "began the week at a record": a price over the article's period
_PERIOD_VERBS = (
    *("end", "ended", "ends", "ending", "finish", "finished", "finishes", "finishing"),
    *("close", "closed", "closes", "closing", "begin", "began", "begins", "beginning"),
    *("start", "started", "starts", "starting", "open", "opened", "opens", "opening"),
)
_CUES |= set(_PERIOD_VERBS)
# What follows "ended the year": how the price stood, or the clause goes on.
_AFTER_PERIOD_VERB = re.compile(
    r"\s*(?:[,.;:!?)]|$)|\s+(?:[\d$€£]|[a-z]+ly\b|(?i:up|down|higher|lower|flat|at|with"
    r"|on|in|by|as|and|but|near|above|below|unchanged|little)\b)"
)
_PART_OF = {"rest", "remainder", "balance", "part", "half", "much", "most", "course"}
# Words after it that make it something else: "the year before the war", "the day of".
_NOT_AFTER = re.compile(
    r"\s*(?:['’]s?\b|-|\d(?![\d.,]*\s*(?:%|(?i:percent|per\s+cent|points?)\b)))"
    r"|\s+(?i:of|before|after|earlier|later|ago|when|that|which|in\s+which"
    r"|to\s+come|ahead|since|in\s+review)\b"
)
# "the day's low", "the year's gains": the article's period, whatever word comes before
# (a market's figures; not "the year's best film").
_POSSESSIVE = re.compile(
    r"['’]s\s+(?:(?:early|late|earlier|later|initial|steep|sharp|heavy|big|biggest|modest)\s+)?"
    r"(?:low|high|lows|highs|gains?|loss(?:es)?|trading|session|rally|declines?|drops?|falls?"
    r"|rises?|advances?|close|open|opening|range|volume|peak|slide|slump|sell-off|rebound"
    r"|surge|results|earnings|profits?|sales)\b"
)
# "the biggest gain of the year", "its worst day of the week".
_SUPERLATIVE_OF = re.compile(
    r"(?i)\b(?:biggest|largest|highest|lowest|best|worst|strongest|weakest|sharpest|steepest"
    r"|deepest|smallest|greatest|heaviest|busiest|fastest|slowest|hottest|coldest)"
    r"\s+(?:[\w-]+\s+){0,3}of\s+$"
)


def _anaphoric(m: re.Match[str], ctx: Ctx) -> Hit | None:
    unit = m["u"].lower()
    before = ctx.before(m, 40)
    cue = ctx.word_before(m)
    possessive = m["prev"] is None and _POSSESSIVE.match(ctx.after(m))
    pointing = bool(possessive or (cue == "of" and _SUPERLATIVE_OF.search(before)))
    if pointing:
        if m["prev"] is None and not possessive and _NOT_AFTER.match(ctx.after(m)):
            return None
        cue = "for"  # read as "for the year"
    elif m["prev"] is None and _NOT_AFTER.match(ctx.after(m)):
        return None
    if cue == "of":
        head = re.findall(r"[A-Za-z]+", before)
        if len(head) < 2 or head[-2].lower() not in _PART_OF:
            return None
    elif cue not in _CUES and not m["prev"]:
        return None
    if cue in _PERIOD_VERBS and not _AFTER_PERIOD_VERB.match(ctx.after(m)):
        return None  # "began the day job": a noun follows
    if unit == "day" and cue not in ("for", "during", "over", *_PERIOD_VERBS):
        return None  # "in the day", "since the day he left": not the article's day
    wanted = "fiscal" if m["fy"] and unit == "year" else _WANTED[unit]
    shift = -1 if m["prev"] else 0
    by = {"quarter": "Q", "month": "M", "week": "W", "day": "D"}.get(unit, "Y")
    ref = Ref(wanted, shift, by, names=not pointing)
    if ctx.dct is None:
        return Hit("DATE", None, "published", ref=ref)
    tense = ctx.tense(m)
    if wanted == "quarter" and ctx.dct.month % 3 == 1:
        s0, s1 = ctx.sentences.bounds(m.start())
        if _RESULTS.search(ctx.text, max(s0, m.start() - 120), min(s1, m.end() + 120)):
            tense = "past"  # a month into a quarter, results are the last quarter's
    fallback = dct_period("year" if wanted == "period" else wanted, ctx.dct, tense)
    if fallback and shift:
        fallback = _back_one(wanted, fallback)
    return Hit("DATE", fallback, "published", ref=ref)


_RESULTS = re.compile(
    r"(?i)\b(?:results|earnings|profits?|loss(?:es)?|revenues?|sales|income|report(?:s|ed|ing)?)\b"
)


def _back_one(unit: str, value: str) -> str | None:
    """The period before ``value`` (a DCT period of ``unit``)."""
    if unit == "quarter":
        y, q = R.shift_quarter(int(value[:4]), int(value[-1]), -1)
        return f"{y}-Q{q}"
    if unit == "month":
        return R.month(*R.shift_month(int(value[:4]), int(value[5:7]), -1))
    if unit in ("year", "period"):
        return str(int(value) - 1)
    if unit == "fiscal":
        return f"FY{int(value[2:]) - 1}"
    if unit == "week":
        monday = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        return R.week(monday - timedelta(weeks=1))
    return None


_UNIT_WORDS = r"(?i:quarter|period|month|week|half)"
_SAME_WHEN = (
    r"(?i:(?:the\s+)?last\s+year|a\s+year\s+(?:ago|earlier|before)"
    r"|(?:the\s+)?(?:previous|prior|preceding)"
    r"\s+year|the\s+year\s+(?:before|earlier))"
)

COMPARE_RULES = [
    Rule(
        "year_ago",
        compile_rx(
            rf"(?:(?i:the)\s+)?(?i:year)(?:-(?i:ago|earlier)\s+(?P<u>{_UNIT_WORDS})"
            rf"|\s+(?i:ago|earlier)\s+(?P<u2>{_UNIT_WORDS}))"
            # before another noun ("the year-ago level") the adjective alone is the phrase
            r"|(?i:year)-(?i:ago|earlier)"
            # "the prior-year quarter", "the previous-year period"
            rf"|(?:(?i:the)\s+)?(?i:prior|previous)-(?i:year)\s+(?P<u3>{_UNIT_WORDS})"
        ),
        _year_ago,
    ),
    Rule(
        "same_period",
        compile_rx(
            # "the comparable period last year", "the corresponding quarter of 2023"
            r"(?i:the\s+(?:same|comparable|corresponding|equivalent))"
            r"\s+(?P<u>(?i:period|quarter|month|week|time|season|half))"
            rf"(?:\s+(?i:of|in))?\s+(?:{_SAME_WHEN}|(?P<y>(?:1[5-9]|20)\d\d)(?!\d))"
        ),
        _same_period,
    ),
    Rule(
        "anaphoric",
        compile_rx(
            r"(?i:the)\s+(?:(?P<fy>(?i:fiscal|financial)\s+)|(?i:trading)\s+(?=(?i:day)))?"
            r"(?P<u>(?i:quarter|year|period|month|week|day))"
            r"(?:\s+(?P<prev>(?i:previous|before|earlier|prior))"
            r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|but)\b))?"
        ),
        _anaphoric,
    ),
]
