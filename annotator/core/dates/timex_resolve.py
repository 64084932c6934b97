"""Calendar arithmetic for TIMEX3 values: weeks, months, quarters, tense-driven choices.

Values are TIMEX3 strings: 2025-03-04, 2025-W10, 2025-W10-WE, 2025-03, 2025-Q1, 2025-SP,
2025, 202 (a decade), P3D / PT12H (durations), PAST_REF / PRESENT_REF / FUTURE_REF.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter


def day(d: date) -> str:
    return d.isoformat()


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def shift_quarter(y: int, q: int, k: int) -> tuple[int, int]:
    idx = y * 4 + (q - 1) + k
    return idx // 4, idx % 4 + 1


def weekday_date(dct: date, weekday: int, tense: str, relation: str | None = None) -> date:
    """The day named ``weekday`` (0 = Monday) that a phrase means, said on ``dct``.

    "last"/past tense: the latest such day on or before the DCT; "next"/future: the first on
    or after it. "next Monday" said on a Monday is a week later, "last Monday" a week earlier.
    """
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if relation == "last":
        return dct - timedelta(days=back or 7)
    if relation == "next":
        return dct + timedelta(days=ahead or 7)
    if tense in ("future", "present"):
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back)


def year_for(dct: date, m: int, d: int | None, tense: str) -> int:
    """Year of a month (and day) named without a year: the nearest one the tense allows."""
    y = dct.year
    probe_day = d or 1
    try:
        probe = date(y, m, min(probe_day, 28) if d is None else probe_day)
    except ValueError:  # 29 February in a common year: keep the DCT's year
        return y
    if tense == "past":
        if d is None:
            return y if (m <= dct.month) else y - 1
        return y if probe <= dct else y - 1
    if tense == "future":
        if d is None:
            return y if m >= dct.month else y + 1
        return y if probe >= dct else y + 1
    # No tense to go by: the nearest such month or day (the later one on a tie).
    if d is None:
        return min((y + 1, y, y - 1), key=lambda c: abs((c * 12 + m) - (y * 12 + dct.month)))
    return min((y + 1, y, y - 1), key=lambda c: abs((probe.replace(year=c) - dct).days))


def holiday(name: str, y: int) -> date | None:
    if name.startswith("easter") or name == "good friday":
        sunday: date = easter(y)  # dateutil ships no types
        return sunday + timedelta(days={"good friday": -2, "easter monday": 1}.get(name, 0))
    if name == "labor day":  # US: first Monday of September
        first = date(y, 9, 1)
        return first + timedelta(days=(7 - first.weekday()) % 7)
    if name == "memorial day":  # US: last Monday of May
        last = date(y, 5, 31)
        return last - timedelta(days=last.weekday())
    if name.startswith("thanksgiving"):  # US: fourth Thursday of November
        first = date(y, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    nth = _NTH_WEEKDAY_HOLIDAYS.get(name)
    if nth is not None:
        month, weekday, n = nth
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return None


# (month, weekday with Monday 0, which one) of holidays on the nth weekday of a month (US).
_NTH_WEEKDAY_HOLIDAYS = {
    "martin luther king day": (1, 0, 3),
    "martin luther king jr. day": (1, 0, 3),
    "mlk day": (1, 0, 3),
    "presidents day": (2, 0, 3),
    "presidents' day": (2, 0, 3),
    "columbus day": (10, 0, 2),
    "mother's day": (5, 6, 2),
    "father's day": (6, 6, 3),
}


def duration(n: float | None, letter: str, time_part: bool) -> str:
    if n is None:
        num = "X"
    elif n == int(n):
        num = str(int(n))
    else:
        num = f"{n:g}"
    return f"PT{num}{letter}" if time_part else f"P{num}{letter}"


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?=$|-)")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_YEAR = re.compile(r"^(\d{4})")


def coarser(value: str) -> list[str]:
    """``value`` and the coarser values containing it, finest first. A day widens at most to
    its month (a weekday phrase resolved to "2025" would say little), a month to its year."""
    m = _DAY.match(value)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        out = [value] + ([day(d)] if "T" in value else [])
        return list(dict.fromkeys([*out, week(d), month(d.year, d.month)]))
    if _WEEK.match(value):
        return [value]
    m = _MONTH.match(value) or _YEAR.match(value)
    if m:
        return list(dict.fromkeys([value, m[0], m[1][:4], m[1][:3]]))
    return [value]


def agree(a: str | None, b: str | None) -> str | None:
    """The finest value both resolutions share (same week, month, year...), or None."""
    if a == b:
        return a
    if a is None or b is None:
        return None
    bs = set(coarser(b))
    for v in coarser(a):
        if v in bs:
            return v
    return None
