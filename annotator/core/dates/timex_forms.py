"""Rules for less common ways of writing a calendar period: "last year's fourth quarter",
"nineteen ninety-eight", "FY89", "week 7 of 2025"."""

from __future__ import annotations

import re
from datetime import date

from annotator.core.dates.timex_base import Ctx, Hit, Rule, compile_rx
from annotator.core.dates.timex_lexicon import NUMBERS

_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ORD["final"] = _ORD["last"] = 4
_YEAR = r"(?:1[5-9]|20)\d\d(?!\d)"


def _possessive(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "2009's fourth quarter", "last year's first half": one period, not a year and a part."""
    part = m["u"].lower()
    n = _ORD[m["o"].lower()]
    if part == "half" and n > 2:
        return None
    letter = "Q" if part == "quarter" else "H"
    if m["y"]:
        return Hit("DATE", f"{m['y']}-{letter}{n}")
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-{letter}{n}", "published")
    rel = re.sub(r"^the\s+", "", m["rel"].lower())  # "the previous year's": previous
    y = ctx.dct.year + (-1 if rel in ("last", "previous") else 1 if rel == "next" else 0)
    return Hit("DATE", f"{y}-{letter}{n}", "published")


_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TWO_DIGITS = rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|oh[- ](?:{_ONES}))"
_YEAR_CUES = {"in", "since", "by", "until", "till", "of", "from", "to", "during", "before", "after"}
_YEAR_CUES |= {"or", "and", "around", "circa", "between", "through", "throughout", "year"}


def _words_number(words: str) -> int:
    """ "ninety-eight" 98, "oh-five" 5, "eleven" 11."""
    total = 0
    for w in re.split(r"[- ]+", words.lower()):
        total += 0 if w in ("oh", "and") else int(NUMBERS[w])
    return total


def _spelled_year(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "nineteen ninety-eight", "two thousand and eight": spelled-out years after a cue."""
    if ctx.word_before(m) not in _YEAR_CUES and not m["the"]:
        return None
    if m["c"]:
        y = _words_number(m["c"]) * 100 + _words_number(m["yy"])
    else:
        y = 2000 + (_words_number(m["ty"]) if m["ty"] else 0)
    return Hit("DATE", str(y))


def _fiscal_short(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "FY89", "fiscal '05": a two-digit fiscal year, in the century that keeps it near the
    DCT (or before 2030 without one)."""
    yy = int(m["yy"])
    ref = ctx.dct.year if ctx.dct else 2030
    y = 2000 + yy if 2000 + yy <= ref + 10 else 1900 + yy
    return Hit("DATE", f"FY{y}")


_AN_AMOUNT = re.compile(r"[\d.,]*\s*(?:%|(?i:percent|per\s+cent|points?)\b)")


def _week_number(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "week 7 of 2025": the ISO week, "2025-W07"."""
    n = int(m["wn"])
    if not 1 <= n <= 53 or _AN_AMOUNT.match(ctx.after(m, 12)):
        return None  # "ended the week 3% lower": a change over the week, not week 3
    if m["y"]:
        return Hit("DATE", f"{m['y']}-W{n:02d}")
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-W{n:02d}", "published")
    return Hit("DATE", f"{ctx.dct.year:04d}-W{n:02d}", "published")


FORM_RULES = [
    Rule(
        "possessive",
        compile_rx(
            rf"(?:(?P<y>{_YEAR})|(?P<rel>(?i:this|last|next|the\s+current|the\s+previous|the))"
            r"\s+(?i:year))['’]s\s+(?P<o>(?i:first|second|third|fourth|final|last|1st|2nd|3rd"
            r"|4th))[- ](?P<u>(?i:quarter|half))"
        ),
        _possessive,
    ),
    Rule(
        "spelled_year",
        compile_rx(
            r"(?P<the>(?i:the\s+year\s+))?"
            rf"(?i:(?P<c>eighteen|nineteen|twenty)\s+(?P<yy>{_TWO_DIGITS})"
            rf"|two\s+thousand(?:\s+(?:and\s+)?(?P<ty>{_TEENS}|{_ONES}))?)"
        ),
        _spelled_year,
    ),
    Rule(
        "fiscal_short",
        compile_rx(r"(?:FY|(?i:fiscal(?:\s+year)?\s+))['’]?(?P<yy>\d\d)(?!\d)"),
        _fiscal_short,
    ),
    Rule(
        "week_number",
        compile_rx(rf"(?i:week)\s+(?P<wn>\d{{1,2}})(?!\d)(?:\s+(?i:of|in)\s+(?P<y>{_YEAR}))?"),
        _week_number,
    ),
    Rule(
        "iso_week",  # "2024-W07", "2024W07" (ISO 8601), "W07 2024"
        compile_rx(
            rf"(?P<y>{_YEAR})-?W(?P<wn>\d\d)(?!\d)(?:-?(?P<wd>[1-7])(?!\d))?"
            rf"|W(?P<wn2>\d\d)(?:/|\s+)(?P<y2>{_YEAR})"
        ),
        lambda m, ctx: _iso_week(m),
    ),
]


def _iso_week(m: re.Match[str]) -> Hit | None:
    y, n = m["y"] or m["y2"], int(m["wn"] or m["wn2"])
    if not 1 <= n <= 53:
        return None
    if m["wd"]:
        try:
            return Hit("DATE", date.fromisocalendar(int(y), n, int(m["wd"])).isoformat())
        except ValueError:
            return None  # week 53 of a year with 52
    return Hit("DATE", f"{y}-W{n:02d}")


def _split_fiscal(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the 2005-06 financial year", "fiscal 2024/25": a fiscal year named by the two calendar
    years it spans, valued by the one it ends in (as "FY2006"); "the 1987 fiscal year"."""
    y1 = int(m["y1"] or m["y3"])
    tail = m["y2"] or m["y4"]
    if tail is None:
        return Hit("DATE", f"FY{y1}")  # "the 1987 fiscal year"
    end = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
    if end < y1:
        end += 100  # "1999-00"
    if end != y1 + 1:
        return None  # "the 2005-09 fiscal years": a run of years, not one
    return Hit("DATE", f"FY{end}")


FORM_RULES.append(
    Rule(
        "split_fiscal",
        compile_rx(
            rf"(?:(?i:the)\s+)?(?P<y1>{_YEAR})(?:[-–/](?P<y2>\d\d(?:\d\d)?)(?!\d))?\s+"
            r"(?i:fiscal|financial)\s+(?i:year)"
            rf"|(?i:fiscal|financial)\s+(?:(?i:year)\s+)?(?P<y3>{_YEAR})[-–/](?P<y4>\d\d(?:\d\d)?)"
            r"(?!\d)"
        ),
        _split_fiscal,
    )
)
