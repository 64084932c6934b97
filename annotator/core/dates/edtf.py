"""The EDTF / ISO 8601-2 grammar the core writes and reads back, one point at a time.

A value is one ``Point`` or a ``Span`` of two (either end may be open, ``..``).
Supported point forms, each optionally followed by ``?`` (uncertain), ``~`` (approximate)
or ``%`` (both):

* ``2025``, ``2025-03``, ``2025-03-04``                 year, month, day
* ``2025-03-04T14:30``, ``...T14:30:05``, ``...+01:00``, ``...Z``   time (zone kept as typed)
* ``2025-W10``                                           ISO week (ISO 8601-2, not EDTF)
* ``2025-21`` .. ``2025-24``                             spring, summer, autumn, winter
* ``2025-33`` .. ``2025-36``                             quarters Q1 .. Q4 (ISO 8601-2)
* ``202X``, ``19XX``                                     decade, century

Bounds are naive, inclusive datetimes (a day runs 00:00 to 23:59:59.999999); times with a
zone are converted to UTC. Seasons are the northern meteorological ones: spring is March to
May, summer June to August, autumn September to November, and winter ``Y-24`` runs from
1 December Y to the end of February Y+1.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TypedDict

from annotator.core.errors import DateError

FLOOR = datetime(1, 1, 1)
CEILING = datetime(9999, 12, 31, 23, 59, 59, 999999)
MIN_YEAR, MAX_YEAR = 1, 9999

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
QUARTERS = {33: 1, 34: 2, 35: 3, 36: 4}
# First month of each sub-year grouping; winter wraps into the next year.
_GROUP_START = {21: 3, 22: 6, 23: 9, 24: 12, 33: 1, 34: 4, 35: 7, 36: 10}

_QUAL = r"(?P<q>[?~%])?"
_DATE_RE = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?P<tz>Z|[+-]\d{2}:\d{2})?)?)?)?" + _QUAL
)
_WEEK_RE = re.compile(r"(?P<y>\d{4})-W(?P<w>\d{2})" + _QUAL)
_DECADE_RE = re.compile(r"(?P<y>\d{3})X" + _QUAL)
_CENTURY_RE = re.compile(r"(?P<y>\d{2})XX" + _QUAL)


@dataclass(frozen=True)
class Point:
    """One date at one precision (``kind``); unused fields stay 0 / None."""

    kind: str  # time, day, week, month, season, quarter, year, decade, century
    year: int  # for decade/century: the first year (1990 for 199X)
    month: int = 0
    day: int = 0
    week: int = 0
    code: int = 0  # 21..24 seasons, 33..36 quarters
    hour: int = 0
    minute: int = 0
    second: int | None = None  # None: typed to the minute
    tz: str | None = None  # "Z", "+01:00" or None (no zone given)
    approximate: bool = False
    uncertain: bool = False


@dataclass(frozen=True)
class Span:
    """A range; ``None`` for an open end (``..``)."""

    start: Point | None
    end: Point | None


Parsed = Point | Span


def _fail(text: str, message: str, hint: str | None = None) -> DateError:
    return DateError(message, where=f"date '{text}'", hint=hint)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def qualifier(p: Point) -> str:
    if p.approximate and p.uncertain:
        return "%"
    return "~" if p.approximate else "?" if p.uncertain else ""


def tz_minutes(tz: str | None) -> int:
    if not tz or tz == "Z":
        return 0
    sign = -1 if tz[0] == "-" else 1
    return sign * (int(tz[1:3]) * 60 + int(tz[4:6]))


# ---------------------------------------------------------------- writing


def point_edtf(p: Point) -> str:
    q = qualifier(p)
    if p.kind == "decade":
        return f"{p.year // 10:03d}X{q}"
    if p.kind == "century":
        return f"{p.year // 100:02d}XX{q}"
    y = f"{p.year:04d}"
    if p.kind == "year":
        return y + q
    if p.kind == "week":
        return f"{y}-W{p.week:02d}{q}"
    if p.kind in ("season", "quarter"):
        return f"{y}-{p.code:02d}{q}"
    if p.kind == "month":
        return f"{y}-{p.month:02d}{q}"
    d = f"{y}-{p.month:02d}-{p.day:02d}"
    if p.kind == "day":
        return d + q
    t = f"{p.hour:02d}:{p.minute:02d}"
    if p.second is not None:
        t += f":{p.second:02d}"
    return f"{d}T{t}{p.tz or ''}{q}"


def to_edtf(v: Parsed) -> str:
    if isinstance(v, Point):
        return point_edtf(v)
    start = point_edtf(v.start) if v.start else ".."
    end = point_edtf(v.end) if v.end else ".."
    return f"{start}/{end}"


# ---------------------------------------------------------------- bounds


def point_bounds(p: Point) -> tuple[datetime, datetime]:
    """Inclusive naive bounds; raises ValueError/OverflowError when outside years 1..9999."""
    if p.kind == "time":
        start = datetime(p.year, p.month, p.day, p.hour, p.minute, p.second or 0)
        width = timedelta(seconds=1 if p.second is not None else 60)
        end = start + width - timedelta(microseconds=1)
        if p.tz is not None:
            shift = timedelta(minutes=tz_minutes(p.tz))
            start, end = start - shift, end - shift
        return start, end
    if p.kind == "day":
        first = last = date(p.year, p.month, p.day)
    elif p.kind == "week":
        first = date.fromisocalendar(p.year, p.week, 1)
        last = date.fromisocalendar(p.year, p.week, 7)
    elif p.kind == "month":
        first = date(p.year, p.month, 1)
        last = date(p.year, p.month, days_in_month(p.year, p.month))
    elif p.kind in ("season", "quarter"):
        m = _GROUP_START[p.code]
        first = date(p.year, m, 1)
        end_year, end_month = (p.year + 1, 2) if p.code == 24 else (p.year, m + 2)
        last = date(end_year, end_month, days_in_month(end_year, end_month))
    elif p.kind in ("year", "decade", "century"):
        span = {"year": 1, "decade": 10, "century": 100}[p.kind]
        first, last = date(p.year, 1, 1), date(p.year + span - 1, 12, 31)
    else:  # pragma: no cover - kinds are fixed by the grammar
        raise ValueError(p.kind)
    return datetime.combine(first, time.min), datetime.combine(last, time.max)


def bounds(v: Parsed) -> tuple[datetime, datetime]:
    if isinstance(v, Point):
        return point_bounds(v)
    earliest = point_bounds(v.start)[0] if v.start else FLOOR
    latest = point_bounds(v.end)[1] if v.end else CEILING
    return earliest, latest


# ---------------------------------------------------------------- reading


class _Marks(TypedDict):
    approximate: bool
    uncertain: bool


def _qual(m: re.Match[str]) -> _Marks:
    q = m.group("q") or ""
    return {"approximate": q in "~%" and q != "", "uncertain": q in "?%" and q != ""}


def _check_year(text: str, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail(text, f"year {year} is outside the years 1 to 9999 this tool handles")


def _read_date(text: str, m: re.Match[str]) -> Point:
    year = int(m.group("y"))
    _check_year(text, year)
    q = _qual(m)
    if m.group("m") is None:
        return Point("year", year, **q)
    month = int(m.group("m"))
    if m.group("d") is None:
        if month in SEASONS:
            return Point("season", year, code=month, **q)
        if month in QUARTERS:
            return Point("quarter", year, code=month, **q)
        if not 1 <= month <= 12:
            raise _fail(text, f"there is no month {month:02d}", "months run from 01 to 12")
        return Point("month", year, month, **q)
    if not 1 <= month <= 12:
        raise _fail(text, f"there is no month {month:02d}", "months run from 01 to 12")
    day = int(m.group("d"))
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise _fail(text, f"there is no day {day} in {name} {year}", f"{name} has {last} days")
    if m.group("h") is None:
        return Point("day", year, month, day, **q)
    hour, minute = int(m.group("h")), int(m.group("mi"))
    second = None if m.group("s") is None else int(m.group("s"))
    if hour > 23 or minute > 59 or (second or 0) > 59:
        raise _fail(text, "the time of day is impossible", "use hh:mm between 00:00 and 23:59")
    tz = m.group("tz")
    if tz and tz != "Z" and (int(tz[1:3]) > 14 or int(tz[4:6]) > 59):
        raise _fail(text, f"the time zone offset {tz} is impossible")
    return Point("time", year, month, day, hour=hour, minute=minute, second=second, tz=tz, **q)


def read_point(text: str, whole: str | None = None) -> Point:
    """One EDTF point; ``whole`` is the full string for messages."""
    whole = whole or text
    if m := _DATE_RE.fullmatch(text):
        p = _read_date(whole, m)
    elif m := _WEEK_RE.fullmatch(text):
        year, week = int(m.group("y")), int(m.group("w"))
        _check_year(whole, year)
        weeks = date(year, 12, 28).isocalendar().week
        if not 1 <= week <= weeks:
            raise _fail(whole, f"there is no week {week} in {year}", f"{year} has {weeks} weeks")
        p = Point("week", year, week=week, **_qual(m))
    elif m := _DECADE_RE.fullmatch(text):
        p = Point("decade", int(m.group("y")) * 10, **_qual(m))
        if p.year < 10:
            raise _fail(whole, "the decade 000X is outside the years 1 to 9999")
    elif m := _CENTURY_RE.fullmatch(text):
        p = Point("century", int(m.group("y")) * 100, **_qual(m))
        if p.year < 100:
            raise _fail(whole, "the century 00XX is outside the years 1 to 9999")
    else:
        raise _fail(whole, f"'{text}' is not an EDTF date", "write e.g. 2025-03-04 or 2025-03")
    try:
        point_bounds(p)
    except (ValueError, OverflowError):
        raise _fail(whole, f"'{text}' reaches outside the years 1 to 9999") from None
    return p


def read(text: str) -> Parsed:
    """Read an EDTF string as written by ``to_edtf``; raises DateError naming the bad part."""
    if "/" not in text:
        return read_point(text)
    if text.count("/") > 1:
        raise _fail(text, "a range has exactly one '/'")
    left, right = text.split("/")
    start = None if left in ("..", "") else read_point(left, text)
    end = None if right in ("..", "") else read_point(right, text)
    if start is None and end is None:
        raise _fail(text, "a range needs at least one end", "write e.g. ../2020")
    span = Span(start, end)
    if start and end and point_bounds(start)[0] > point_bounds(end)[1]:
        raise _fail(text, f"the range ends ({right}) before it starts ({left})")
    return span


def with_qualifiers(v: Parsed, approximate: bool, uncertain: bool) -> Parsed:
    """Add marks to a point or to both ends of a span (never removes marks)."""
    if isinstance(v, Point):
        return _qualified(v, approximate, uncertain)
    return Span(
        _qualified(v.start, approximate, uncertain) if v.start else None,
        _qualified(v.end, approximate, uncertain) if v.end else None,
    )


def _qualified(p: Point, approximate: bool, uncertain: bool) -> Point:
    return replace(p, approximate=p.approximate or approximate, uncertain=p.uncertain or uncertain)
