"""TIMEX3 ``value`` attributes (TimeML / TempEval-3) to EDTF, without inventing anything.

Handled: ``2025``, ``199`` (decade), ``19`` (century), ``2025-03``, ``2025-03-04``,
``2025-W10``, ``2025-W10-WE`` (that weekend, as a Saturday–Sunday range), ``2025-Q1``,
``2025-SP/SU/FA/WI``, ``2025-H1/H2`` (a month range), ``2025-03-04T14:30[:05][Z|+01:00]``,
``2025-03-04TMO/AF/EV/NI/DT`` (the day: a part of day has no EDTF form) and ``2025-03-04T14``
(the day: an hour alone would need invented minutes).
Everything else — ``PRESENT_REF``, durations ``P..``, values with ``X`` — gives None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_SEASON = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}
_TIME_RE = re.compile(
    r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"
)


def _zone(tz: str | None) -> str:
    if not tz or tz == "Z":
        return tz or ""
    return tz if ":" in tz else f"{tz[:3]}:{tz[3:]}"


def timex_to_edtf(value: object) -> str | None:
    """The EDTF string for a TIMEX3 value, or None when it names no calendar date.
    The result still needs validating (``DateValue.from_edtf``): month 13 passes here."""
    if not isinstance(value, str):
        return None
    v = value.strip().upper()
    if not v or "X" in v or v.startswith("P") or v.endswith("_REF") or not v.isascii():
        return None
    if m := re.fullmatch(r"\d{4}(?:-(\d{2})(?:-\d{2})?)?", v):
        return v if m[1] is None or 1 <= int(m[1]) <= 12 else None  # no 2025-21 in TIMEX3
    if re.fullmatch(r"\d{3}", v):
        return v + "X"
    if re.fullmatch(r"\d{2}", v):
        return v + "XX"
    if re.fullmatch(r"\d{4}-W\d{2}", v):
        return v
    if m := re.fullmatch(r"(\d{4})-W(\d{2})-WE", v):
        try:
            saturday = date.fromisocalendar(int(m[1]), int(m[2]), 6)
            sunday = saturday + timedelta(days=1)
        except (ValueError, OverflowError):
            return None
        return f"{saturday.isoformat()}/{sunday.isoformat()}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        return f"{m[1]}-{32 + int(m[2])}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
        return f"{m[1]}-{_SEASON[m[2]]}"
    if m := re.fullmatch(r"(\d{4})-H([12])", v):
        return f"{m[1]}-01/{m[1]}-06" if m[2] == "1" else f"{m[1]}-07/{m[1]}-12"
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT|\d{2})", v):
        return m[1]
    if m := _TIME_RE.fullmatch(v):
        seconds = f":{m[4]}" if m[4] else ""
        return f"{m[1]}T{m[2]}:{m[3]}{seconds}{_zone(m[5])}"
    return None
