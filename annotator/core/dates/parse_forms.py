"""Named forms dateutil does not know: weeks, quarters, halves, seasons, decades, early/mid/late.

Each reader takes lower-cased, space-collapsed text without qualifiers and returns a parsed
EDTF value, or None when the text is not of its form.
"""

from __future__ import annotations

import re
from datetime import date

from annotator.core.dates import edtf as g
from annotator.core.dates.display import shown
from annotator.core.dates.parse_free import fail, pivot_year
from annotator.core.dates.value import part_span

_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4, "last": 4}  # fmt: skip
_SEASON = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_PART = {"early": "early", "beginning": "early", "start": "early", "mid": "mid",
         "middle": "mid", "late": "late", "end": "late"}  # fmt: skip
MONTH_RE = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
          r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")  # fmt: skip
_YEAR = r"(?P<year>\d{4})"
_OF = r"(?:\s+of)?\s+"


def month_number(word: str) -> int:
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
            "dec"].index(word[:3]) + 1  # fmt: skip


def _year(text: str, digits: str) -> int:
    year = int(digits)
    if not g.MIN_YEAR <= year <= g.MAX_YEAR:
        raise fail(text, f"year {digits} is outside the years 1 to 9999")
    return year


def _week(text: str) -> g.Parsed | None:
    m = re.fullmatch(r"(?:iso\s+)?(?:week|wk|w)\s*(?P<w>\d{1,2}),?" + _OF + _YEAR, text)
    m = m or re.fullmatch(_YEAR + r"\s*-?\s*w(?:eek)?\s*(?P<w>\d{1,2})", text)
    if not m:
        return None
    year, week = _year(text, m["year"]), int(m["w"])
    weeks = date(year, 12, 28).isocalendar().week
    if not 1 <= week <= weeks:
        raise fail(text, f"there is no week {week} in {year}", f"{year} has {weeks} weeks")
    return g.Point("week", year, week=week)


def _quarter(text: str) -> g.Parsed | None:
    m = re.fullmatch(r"q(?P<n>[1-4])\s*[,/-]?\s*" + _YEAR, text)
    m = m or re.fullmatch(_YEAR + r"\s*[,/-]?\s*q(?P<n>[1-4])", text)
    if m:
        return g.Point("quarter", _year(text, m["year"]), code=32 + int(m["n"]))
    m = re.fullmatch(r"(?P<n>\w+)\s+quarter" + _OF + _YEAR, text)
    if m and m["n"] in _ORDINAL:
        return g.Point("quarter", _year(text, m["year"]), code=32 + _ORDINAL[m["n"]])
    if re.fullmatch(r"q\d+\s*[,/-]?\s*\d+|\d+\s*[,/-]?\s*q\d+", text):
        raise fail(text, f"'{shown(text)}' is not a quarter", "write Q1 to Q4 and the year")
    return None


def _half(text: str) -> g.Parsed | None:
    m = re.fullmatch(r"(?P<n>first|second|1st|2nd)\s+half" + _OF + _YEAR, text)
    m = m or re.fullmatch(r"h(?P<n>[12])\s*[,/-]?\s*" + _YEAR, text)
    if not m:
        return None
    year, second = _year(text, m["year"]), m["n"] in ("second", "2nd", "2")
    first_month = 7 if second else 1
    return g.Span(g.Point("month", year, first_month), g.Point("month", year, first_month + 5))


def _season(text: str) -> g.Parsed | None:
    m = re.fullmatch(r"(?P<s>spring|summer|autumn|fall|winter)" + _OF + _YEAR
                     + r"(?:\s*[-/]\s*(?P<next>\d{2}|\d{4}))?", text)  # fmt: skip
    if not m:
        return None
    year = _year(text, m["year"])
    if m["next"] is not None:
        following = int(m["next"])
        if m["s"] != "winter" or following not in (year + 1, (year + 1) % 100):
            raise fail(text, f"'{shown(text)}' names two years", "only winter spans two years")
    return g.Point("season", year, code=_SEASON[m["s"]])


def _decade(text: str, reference: date | None) -> g.Parsed | None:
    if m := re.fullmatch(r"(?P<d>\d{3})0'?s", text):
        if int(m["d"]) == 0:
            raise fail(text, "the decade 0000s is outside the years 1 to 9999")
        return g.Point("decade", int(m["d"]) * 10)
    if m := re.fullmatch(r"'?(?P<d>\d)0'?s", text):
        return g.Point("decade", pivot_year(int(m["d"]) * 10, reference))
    return None


def _part(text: str, reference: date | None) -> g.Parsed | None:
    m = re.fullmatch(r"(?P<p>early|beginning|start|mid|middle|late|end)(?:\s+of|\s*-)?\s*"
                     + MONTH_RE + r"(?:,?\s+(?:of\s+)?" + _YEAR + ")?", text)  # fmt: skip
    if m:
        month = month_number(m["month"])
        if m["year"] is not None:
            year = _year(text, m["year"])
        elif reference is not None:
            year = min((reference.year - 1, reference.year, reference.year + 1),
                       key=lambda y: abs((date(y, month, 15) - reference).days))  # fmt: skip
        else:
            raise fail(text, f"'{shown(text)}' has no year", "add the year, e.g. 2025")
        return part_span(year, month, _PART[m["p"]])
    m = re.fullmatch(r"(?P<p>early|mid|middle|late)(?:\s+of|\s*-)?\s*" + _YEAR, text)
    if m:  # early / mid / late year: approximate thirds, Jan-Apr, May-Aug, Sep-Dec
        year, third = _year(text, m["year"]), ("early", "mid", "late").index(_PART[m["p"]])
        return g.Span(g.Point("month", year, third * 4 + 1, approximate=True),
                      g.Point("month", year, third * 4 + 4, approximate=True))  # fmt: skip
    return None


def _numeric_month(text: str) -> g.Parsed | None:
    """ "03/2025", "3.2025", "2025/03", "2025-3": month and year only, read by their shape."""
    m = re.fullmatch(r"(?P<m>\d{1,2})\s*[./-]\s*" + _YEAR, text)
    m = m or re.fullmatch(_YEAR + r"\s*[./-]\s*(?P<m>\d{1,2})", text)
    if not m:
        return None
    year, month = _year(text, m["year"]), int(m["m"])
    if not 1 <= month <= 12:
        raise fail(text, f"there is no month {month} in '{shown(text)}'", "months run 1 to 12")
    return g.Point("month", year, month)


def read_named(text: str, reference: date | None) -> g.Parsed | None:
    """The first named form that matches, or None to hand the text to dateutil."""
    if re.fullmatch(r"\d{4}", text):
        return g.Point("year", _year(text, text))
    if re.fullmatch(r"\d{1,2}", text):  # three digits are refused before (parse)
        raise fail(text, f"'{text}' alone is not a date", "write a year with four digits")
    for reader in (_week, _quarter, _half, _season, _numeric_month):
        if (found := reader(text)) is not None:
            return found
    return _decade(text, reference) or _part(text, reference)
