"""Rules for forms business and market news uses for its periods: a day of the current month
alone ("will rule on the 14th"), a quarter or half named by its months ("the January-March
quarter", "the July-December period"), and the running total of the year ("year-to-date").
"""

from __future__ import annotations

import re
from datetime import date

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Ctx, Hit, Rule, compile_rx
from annotator.core.dates.timex_lexicon import MONTHS

# Words before "the 14th" that make it a day, not a rank ("finished the 14th").
_DAY_CUES = {"on", "by", "until", "till", "since", "before", "after", "from", "through"}
# What may follow the day: the clause goes on, or ends. "the 14th largest", "the 14th
# Amendment", "the 14th-century church" and "the 14th of the 20 teams" are ranks.
_DAY_END = re.compile(
    r"\s*(?:[,.;:!?)\"”]|$)|\s+(?i:and|or|but|at|when|as|after|before|to|in|with|while|for|until)\b"
)


def _month_day(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "The court will rule on the 14th": that day of the article's month, the one before or
    after when the tense says it is over or to come."""
    n = int(m["d"])
    if not 1 <= n <= 31 or ctx.word_before(m) not in _DAY_CUES:
        return None
    if not _DAY_END.match(ctx.after(m)):
        return None
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-XX-{n:02d}", "published")
    y, mo = ctx.dct.year, ctx.dct.month
    tense = ctx.tense(m)
    if tense in ("past", "reported") and n > ctx.dct.day:
        y, mo = R.shift_month(y, mo, -1)
    elif tense == "future" and n < ctx.dct.day:
        y, mo = R.shift_month(y, mo, 1)
    return Hit("DATE", R.day(date(y, mo, n)), "published")  # no 31st this month: ValueError


# (first month, last month) -> the quarter or half year they span.
_SPANS = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4", (1, 6): "H1", (7, 12): "H2"}
_MONTH_WORD = "January|February|March|April|May|June|July|August|September|October|November"
_MONTH_WORD += "|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"


def _month_span(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "in the January-March quarter": Q1 of the year given, else of the year the tense
    points to (a quarter spoken of in the past that is not over yet is last year's)."""
    span = _SPANS.get((MONTHS[m["a"].lower()], MONTHS[m["b"].lower()]))
    if span is None:
        return None  # "the March-May period": no calendar quarter
    return _span_hit(span, m, ctx)


def _month_quarter(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the September quarter": the calendar quarter ending in that month."""
    last = MONTHS[m["b"].lower()]
    if last % 3:
        return None  # "the May quarter": a fiscal quarter, not a calendar one
    return _span_hit(f"Q{last // 3}", m, ctx)


def _span_hit(span: str, m: re.Match[str], ctx: Ctx) -> Hit | None:
    """The quarter or half ``span`` of the year given, else of the year the tense points to."""
    if m["y"]:
        return Hit("DATE", f"{m['y']}-{span}")
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-{span}", "published")
    y = ctx.dct.year
    part = int(span[1])
    current = R.quarter_of(ctx.dct)[1] if span[0] == "Q" else (1 if ctx.dct.month <= 6 else 2)
    tense = ctx.tense(m)
    if tense in ("past", "reported") and part >= current:
        y -= 1
    elif tense == "future" and part < current:
        y += 1
    return Hit("DATE", f"{y}-{span}", "published")


def _year_to_date(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "up 12% year-to-date", "in the year to date": the article's year so far."""
    if ctx.dct is None:
        return Hit("DATE", None, "published")
    return Hit("DATE", str(ctx.dct.year), "published")


BUSINESS_RULES = [
    Rule("month_day", compile_rx(r"(?i:the)\s+(?P<d>\d{1,2})(?i:st|nd|rd|th)(?!-)"), _month_day),
    Rule(
        "month_span",
        compile_rx(
            rf"(?:(?i:the)\s+)?(?P<a>{_MONTH_WORD})\.?\s*[-–/]\s*(?P<b>{_MONTH_WORD})\.?"
            r"\s+(?i:quarter|period|half)"
            r"(?:,?\s+(?:(?i:of)\s+)?(?P<y>(?:19|20)\d\d)(?!\d))?"
        ),
        _month_span,
    ),
    Rule(
        "month_quarter",
        compile_rx(
            rf"(?:(?i:the)\s+)?(?P<b>{_MONTH_WORD})\.?\s+(?i:quarter)(?![-\w])"
            r"(?:,?\s+(?:(?i:of)\s+)?(?P<y>(?:19|20)\d\d)(?!\d))?"
        ),
        _month_quarter,
    ),
    Rule(
        "year_to_date",
        compile_rx(r"(?i:year-to-date|(?:the\s+)?year\s+to\s+date)"),
        _year_to_date,
    ),
]
