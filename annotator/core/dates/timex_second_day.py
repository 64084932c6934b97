"""The second day of a pair written with one month: "on October 28 and 29", "April 16-17",
"March 3 or 4". Each day is its own TIMEX3; the month is written once, with the first."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar

from annotator.core.dates import timex_resolve as R


class _Span(Protocol):
    """What is read of a finder ``Timex`` (named so, not imported: the finder imports this)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str | None: ...


Timex = TypeVar("Timex", bound=_Span)

_DAY_VALUE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
# After a day: "and 29", "-17", "or 4th"; not "28 and 29 points", "16-17%" or "3 to 4 p.m.".
_SECOND = re.compile(
    r"(?:\s*[-–]\s*|\s+(?:and|or|to|through|until)\s+)(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?![\d%:.,]\d|\s*%|\s*(?:[a-zA-Z]|\.\s*[a-z])|[-–\w])"
)


def add_second_days(text: str, timexes: list[Timex]) -> list[Timex]:
    """``timexes`` (sorted, non-overlapping) with the second day of each pair added."""
    out: list[Timex] = []
    for i, t in enumerate(timexes):
        out.append(t)
        m = _DAY_VALUE.match(t.value or "") if t.type == "DATE" else None
        if m is None or not re.search(r"[A-Za-z]", t.text) or re.search(r"\d{4}\s*$", t.text):
            continue  # a day written with its month, year not last ("10/28/2008", "May 3, 2008")
        second = _SECOND.match(text, t.end)
        if second is None:
            continue
        if i + 1 < len(timexes) and timexes[i + 1].start < second.end():
            continue
        d = int(second["d"])
        if not int(m[3]) < d <= 31:
            continue  # "March 30 to 2": a range into the next month
        try:
            day = date(int(m[1]), int(m[2]), d)
        except ValueError:
            continue
        s, e = second.start("d"), second.end()
        out.append(replace(t, start=s, end=e, text=text[s:e], value=R.day(day)))
    return out
