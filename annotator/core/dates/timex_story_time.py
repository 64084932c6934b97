"""TimeML values for phrases that hang on another event: "the next day", "that week", "the day
before", read from the date the story last named (its reference time), else the DCT.

The app does not use these values: it keeps such phrases' offsets and asks the analyst which
event they hang on (``anchor="event"``). The values are what TimeML annotates, so that the
finder can be scored and exported like any other.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Hit

_OFFSET = re.compile(r"^(-?)P(\d+)([DWMY])$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_CALENDAR = re.compile(r"^(?:FY)?\d{4}(?:$|-)")
_TRADING = re.compile(r"(?i)\b(?:session|trading)\b")
_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def resolve_story_time(texts: list[str], hits: list[Hit | None], dct: date | None) -> None:
    """Give, in place, each event-anchored DATE or TIME hit with no value the value of its
    offset counted from the day the story named last before it (else from the DCT)."""
    last_day: date | None = None
    last_value: str | None = None  # the story's last date of any precision, for "that time"
    for i, (text, hit) in enumerate(zip(texts, hits, strict=True)):
        if hit is None:
            continue
        if hit.value and hit.type == "DATE" and _CALENDAR.match(hit.value):
            last_value = hit.value
        if re.fullmatch(r"(?i)that\s+time", text) and hit.anchor == "event" and not hit.value:
            value = last_value or (R.day(dct) if dct else None)
            hits[i] = Hit(hit.type, value, hit.anchor, hit.offset, hit.mod)
            continue
        if hit.value and (m := _DAY.match(hit.value)):
            with contextlib.suppress(ValueError):  # a damaged day leaves the last one
                last_day = date(int(m[1]), int(m[2]), int(m[3]))
            continue
        if hit.value and hit.value.startswith("XXXX"):
            last_day = None  # "on Tuesday" with no DCT: the story's day is unknown
            continue
        if hit.anchor != "event" or hit.value or hit.type not in ("DATE", "TIME"):
            continue
        found = _OFFSET.match(hit.offset or "")
        base = last_day or dct
        if found is None or base is None:
            continue
        k = int(found[2]) * (-1 if found[1] else 1)
        if found[3] == "D" and abs(k) <= 10 and _TRADING.search(text) and 1 < base.year < 9999:
            k = _trading_days(base, k)  # "the previous session" on a Monday: Friday's
        value = _moved(base, k, found[3])
        if value is None:
            continue
        if hit.type == "TIME" and found[3] == "D":
            pod = next((v for w, v in _POD.items() if w in text.lower()), None)
            value = f"{value}T{pod}" if pod else value
        hits[i] = Hit(hit.type, value, hit.anchor, hit.offset, hit.mod)
        if found[3] == "D":
            last_day = base + timedelta(days=k)  # "the next day ... the day after": a chain


def _trading_days(base: date, k: int) -> int:
    """Calendar days from ``base`` to ``k`` weekdays away (markets shut at weekends)."""
    step, days, left = (1 if k > 0 else -1), 0, abs(k)
    while left:
        days += step
        if (base + timedelta(days=days)).weekday() < 5:
            left -= 1
    return days


def _moved(base: date, k: int, unit: str) -> str | None:
    try:
        if unit == "D":
            return R.day(base + timedelta(days=k))
        if unit == "W":
            return R.week(base + timedelta(weeks=k))
        if unit == "M":
            return R.month(*R.shift_month(base.year, base.month, k))
        return str(base.year + k) if 1 <= base.year + k <= 9999 else None
    except (OverflowError, ValueError):
        return None
