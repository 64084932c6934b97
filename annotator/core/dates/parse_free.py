"""Free-form day / month / year (and clock time) through python-dateutil, typed parts only.

dateutil fills every missing part from a default (from *today* in 4.0). We parse twice with two
defaults that differ in every field: a field that comes out the same both times was typed,
one that differs was filled in and is dropped. Before that, every word is checked against
dateutil's own vocabulary so an unknown word is named in the error ("could not read 'Marhc'").
"""

from __future__ import annotations

import difflib
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as du

from annotator.core.dates import edtf as g
from annotator.core.dates.display import MONTHS, shown
from annotator.core.errors import DateError

_INFO = du.parserinfo()
_D1 = datetime(2000, 1, 1, 0, 0, 0)  # both leap years with 31-day months, so that
_D2 = datetime(2004, 3, 2, 1, 1, 1)  # "29 Feb" or "31" alone never trip on the default
_FILLER = {"of", "the", "on", "at", "st", "nd", "rd", "th", "t", "z", "am", "pm", "a", "p", "m"}
_MONTH_WORDS = [n.lower() for names in _INFO.MONTHS for n in names] + ["sept"]
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
_ALLOWED_PUNCT = set(",./-:+'")


def fail(text: str, message: str, hint: str | None = None) -> DateError:
    return DateError(message, where=f"date '{shown(text)}'", hint=hint)


@dataclass(frozen=True)
class Typed:
    """What the analyst really typed; None means not given."""

    year: int | None
    month: int | None
    day: int | None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    tz: str | None = None
    weekday: int | None = None
    two_digit_year: bool = False


def check_words(text: str) -> None:
    """Raise naming the first word or sign that is no part of a date."""
    for tok in _TOKEN.findall(text):
        low = tok.lower()
        if tok.isdigit() or low in _FILLER or low in _ALLOWED_PUNCT:
            continue
        if _INFO.month(low) is not None or _INFO.weekday(low) is not None:
            continue
        if low in ("utc", "gmt"):
            continue
        close = difflib.get_close_matches(low, _MONTH_WORDS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0].capitalize()}'?" if close else None
        if tok.isupper() and 3 <= len(tok) <= 5 and tok.endswith("T"):  # CET, EEST, ...
            hint = "give the time zone as an offset, e.g. +01:00, or as UTC"
        raise fail(text, f"could not read '{shown(tok)}' in '{shown(text)}'", hint)


def _offset_text(dt: datetime) -> str | None:
    off = dt.utcoffset()
    if off is None:
        return None
    if off == timedelta(0):
        return "Z"
    minutes = int(off.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _explain(text: str, err: Exception, day_first: bool) -> DateError:
    """Turn a dateutil failure into a message naming the impossible or unread part."""
    msg = str(err)
    words = [t for t in _TOKEN.findall(text) if t.isalpha()]
    month = next((_INFO.month(w) for w in words if _INFO.month(w) is not None), None)
    numbers = [int(t) for t in re.findall(r"\d+", text)]
    year = next((n for n in numbers if n > 31), None)
    if "month must be in" in msg:
        bad = next((n for n in numbers if n > 12 and n != year), None)
        part = f"month {bad}" if bad is not None else "the month"
        return fail(text, f"there is no {part} in '{shown(text)}'", "months run from 1 to 12")
    if "day is out of range" in msg:
        small = [n for n in numbers if n != year]
        if month is None and len(small) >= 2:  # all-numeric: the preference decides
            d, m = (small[0], small[1]) if day_first else (small[1], small[0])
            if not 1 <= m <= 12:  # dateutil swapped them, being the only reading left
                d, m = m, d
            month, small = (m, [d]) if 1 <= m <= 12 else (None, small)
        if month is not None and len(small) == 1:
            where = MONTHS[month - 1] + (f" {year}" if year else "")
            return fail(text, f"there is no day {small[0]} in {where}")
        return fail(text, f"the day in '{shown(text)}' does not exist in its month")
    if "out of range" in msg:
        return fail(text, f"the year in '{shown(text)}' is outside the years 1 to 9999")
    return fail(text, f"could not read '{shown(text)}' as a date", "write e.g. 4 March 2025")


def _check_day_numbers(text: str) -> None:
    """With a month name and a four-digit year, any other number outside a clock time must be a
    day; dateutil would otherwise read "33 March 2025" in some odd way."""
    month = next((_INFO.month(w) for w in re.findall(r"[^\W\d_]+", text)
                  if _INFO.month(w) is not None), None)  # fmt: skip
    year = re.search(r"(?<![\d:])\d{4}(?![\d:])", text)
    if month is None or year is None:
        return
    for m in re.finditer(r"(?<![\d:'])\d{1,2}(?![\d:])", text):
        if int(m.group()) > 31 or int(m.group()) == 0:
            where = f"{MONTHS[month - 1]} {year.group()}"
            raise fail(text, f"there is no day {m.group()} in {where}")


def read_typed(text: str, day_first: bool) -> Typed:
    """Run dateutil twice and keep only the fields that did not come from the default."""
    check_words(text)
    _check_day_numbers(text)
    cleaned = re.sub(r"\b(?:utc|gmt)\b", "z", text, flags=re.I)
    cleaned = re.sub(r"\bthe\b", " ", cleaned, flags=re.I).strip()
    first_number = re.search(r"\d+", cleaned)
    year_first = bool(first_number and len(first_number.group()) == 4)
    kw = {"dayfirst": day_first and not year_first, "yearfirst": year_first}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown zone names: we refuse them below
            a = du.parse(cleaned, default=_D1, **kw)
            b = du.parse(cleaned, default=_D2, **kw)
    except (ValueError, OverflowError) as err:
        raise _explain(text, err, day_first) from None
    if a.tzinfo is not None and a.utcoffset() is None:
        raise fail(text, "only UTC, Z or offsets like +01:00 are understood as time zones")

    def same(field: str) -> int | None:
        va, vb = getattr(a, field), getattr(b, field)
        return va if va == vb else None

    weekday = next((_INFO.weekday(w) for w in _TOKEN.findall(text) if w.isalpha()
                    and _INFO.weekday(w) is not None), None)  # fmt: skip
    year = same("year")
    four_digits = re.search(r"(?<!\d)\d{4}(?!\d)", text) is not None
    return Typed(
        year=year,
        month=same("month"),
        day=same("day"),
        hour=same("hour"),
        minute=same("minute"),
        second=same("second"),
        tz=_offset_text(a),
        weekday=weekday,
        two_digit_year=year is not None and not four_digits,
    )


def _closest_year(reference: date, month: int, day: int | None) -> int:
    """The year, next to the reference's, that puts the date nearest the reference."""
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            when = date(year, month, day or 15)
        except ValueError:
            continue
        gap = abs((when - reference).days)
        if best is None or gap < best[0]:
            best = (gap, year)
    assert best is not None
    return best[1]


def pivot_year(two_digits: int, reference: date | None) -> int:
    """A two-digit year in the hundred years centred on the reference year (or today)."""
    ref = (reference or date.today()).year
    year = ref - ref % 100 + two_digits
    if year >= ref + 50:
        year -= 100
    elif year < ref - 50:
        year += 100
    return year


def to_point(text: str, t: Typed, reference: date | None) -> g.Point:
    """A point of exactly the typed precision; raises when a needed part is missing."""
    if t.month is None:
        if t.day is not None:
            raise fail(text, f"'{shown(text)}' has a day but no month", "add the month")
        if t.hour is not None:
            raise fail(text, "a time of day needs a date", "write e.g. 4 March 2025 14:30")
        if t.weekday is not None:
            raise fail(text, "a weekday alone is not a date", "type the calendar date")
        if t.year is None:
            raise fail(text, f"no date in '{shown(text)}'", "write e.g. 4 March 2025")
        return g.Point("year", _year(text, t, reference))
    year = t.year
    if year is None:
        if reference is None:
            raise fail(text, f"'{shown(text)}' has no year", "add the year, e.g. 2025")
        year = _closest_year(reference, t.month, t.day)
    else:
        year = _year(text, t, reference)
    if t.day is None:
        if not any(_INFO.month(w) is not None for w in re.findall(r"[^\W\d_]+", text)):
            # "4 2025": a bare number read as a month is a guess (numeric month-year forms
            # with a separator, "03/2025", are read by shape before dateutil)
            raise fail(text, f"could not tell which number in '{shown(text)}' is the month",
                       "write the month's name, e.g. April 2025")  # fmt: skip
        if t.hour is not None:
            raise fail(text, "a time of day needs a day", "write e.g. 4 March 2025 14:30")
        if t.weekday is not None:
            raise fail(text, "a weekday needs a day of the month", "type the calendar date")
        return g.Point("month", year, t.month)
    try:
        when = date(year, t.month, t.day)
    except ValueError:
        raise fail(text, f"there is no day {t.day} in {MONTHS[t.month - 1]} {year}") from None
    if t.weekday is not None and when.weekday() != t.weekday:
        raise fail(
            text,
            f"{when.day} {MONTHS[when.month - 1]} {year} is a {_WEEKDAYS[when.weekday()]}, "
            f"not a {_WEEKDAYS[t.weekday]}",
            "check the day or leave the weekday out",
        )
    if t.hour is None:
        return g.Point("day", year, t.month, t.day)
    if t.minute is None:
        raise fail(text, "give the time as hours and minutes", "write e.g. 14:00")
    return g.Point("time", year, t.month, t.day, hour=t.hour, minute=t.minute,
                   second=t.second, tz=t.tz)  # fmt: skip


def _year(text: str, t: Typed, reference: date | None) -> int:
    assert t.year is not None
    year = pivot_year(t.year % 100, reference) if t.two_digit_year else t.year
    if not g.MIN_YEAR <= year <= g.MAX_YEAR:
        raise fail(text, f"year {year} is outside the years 1 to 9999")
    return year
