"""The other day of a pair written with one month: "on October 28 and 29", "April 16-17",
"March 3 or 4", "from 3 to 7 June". Each day is its own TIMEX3; the month is written once.
Likewise a weekday paired with the one before it: "next Tuesday and Wednesday" is the
Wednesday after that Tuesday, whatever the bare "Wednesday" alone would be."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, ClassVar, Protocol, TypeVar

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_lexicon import WEEKDAYS


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


# Before a day written day first ("7 June", "4th of May"): "3 to", "the 3rd and", "3-"; the
# phrase is a pair of dates only after a word that leads to one ("from 3 to 7 June", "on 3 and
# 4 May", "between 8 and 10 June", "the 3rd and 4th"), not after an amount ("$3 to 7 June").
_FIRST = re.compile(
    r"(?:(?:^|(?<=[\s(,]))(?:(?i:from|between|on|of|and|dated)\s+|[(,]\s*|^|(?=(?i:the)\s))"
    r"(?P<day>(?i:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?)"
    r"(?:\s*[-–]\s*|\s+(?:and|or|to|through|until|till)\s+)"
    # joined by a dash, the pair needs no word before it: "runs 3-7 June"
    r"|(?<=\s)(?P<dday>(?P<dd>\d{1,2}))[-–])$"
)
_DAY_FIRST = re.compile(r"(?i:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s")


def add_first_days(text: str, timexes: list[Timex]) -> list[Timex]:
    """``timexes`` (sorted, non-overlapping) with the first day of each day-first pair added,
    or re-dated where a rule had read it alone ("the 3rd" in "the 3rd and 4th of May")."""
    out: list[Timex] = []
    for t in timexes:
        m = _DAY_VALUE.match(t.value or "") if t.type == "DATE" else None
        first = None
        if m is not None and _DAY_FIRST.match(t.text):
            first = _FIRST.search(text, max(0, t.start - 40), t.start)
        if m is None or first is None or not int(first["d"] or first["dd"]) < int(m[3]):
            out.append(t)
            continue
        d = int(first["d"] or first["dd"])
        s, e = first.span("day" if first["day"] else "dday")
        if out and out[-1].end > s:
            if (out[-1].start, out[-1].end) != (s, e):
                out.append(t)
                continue  # the words before are some other phrase's
            out.pop()  # read alone before; the pair says which month
        day = date(int(m[1]), int(m[2]), d)
        out.append(replace(t, start=s, end=e, text=text[s:e], value=R.day(day)))
        out.append(t)
    return out


# Between two weekdays of one week: "Tuesday and Wednesday", "Monday or Tuesday", "Monday
# through Friday", "Monday-Wednesday"; a comma only in a list, so not here.
_PAIRED = re.compile(r"\s*[-–]\s*|\s+(?:and|or|to|through|until|and\s+on|or\s+on)\s+")
_LAST_WORD = re.compile(r"([A-Za-z]+)\.?$")


def _weekday_of(t: _Span) -> int | None:
    word = _LAST_WORD.search(t.text)
    return WEEKDAYS.get(word[1].lower()) if word else None


def pair_weekdays(text: str, timexes: list[Timex], lo: date | None, hi: date | None) -> list[Timex]:
    """The second weekday of a pair dated from the first ("next Tuesday and Wednesday"):
    read alone, a bare weekday can land in another week than the one the first names. Only
    where both fall on the same side of the publication date (``lo``..``hi``): "met last
    Monday and Friday", said on a Tuesday, is no Friday to come."""
    if lo is None:
        return timexes
    hi = hi or lo
    out = list(timexes)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        first = _DAY_VALUE.match(a.value or "") if a.type == "DATE" else None
        wa, wb = _weekday_of(a), _weekday_of(b)
        if first is None or wa is None or wb is None or wb <= wa or b.type != "DATE":
            continue  # "Friday and Monday": not one week read forward
        if WEEKDAYS.get(b.text.lower().rstrip(".")) is None:
            continue  # "next Tuesday and last Friday": the second says its own week
        if not _PAIRED.fullmatch(text, a.end, b.start):
            continue
        day = date(int(first[1]), int(first[2]), int(first[3]))
        second = day + timedelta(days=wb - wa)
        if day.weekday() != wa or not (day > hi or second < lo):
            continue  # not dated by its weekday, or the pair straddles the publication
        out[i] = replace(b, value=R.day(second))
    return out
