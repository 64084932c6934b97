"""Rules for calendar expressions: dates, months, years, decades, quarters, seasons, holidays.

Each rule is a regex and a handler that turns its match into a :class:`Hit`. A phrase without
a year ("June 18", "in March") is resolved against the DCT: the tense of its sentence picks
the year (past: on or before the DCT; future: on or after it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import MOD_RE, Ctx, Hit, Rule, compile_rx, mod_of
from annotator.core.dates.timex_governing import year_of
from annotator.core.dates.timex_lexicon import (
    HOLIDAYS,
    MONTH_ANY_RE,
    MONTHS,
    SEASONS,
    WEEKDAY_RE,
    WEEKDAYS,
)

_YEAR = r"(?P<y>(?:1[5-9]|20)\d\d)(?!\d)"
_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY_RE}),?\s+)?"


def _month_num(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _month_in(m: re.Match[str]) -> int:
    for word in re.findall(r"[A-Za-z]+\.?", m.group()):
        key = word.rstrip(".").lower()
        if key in MONTHS and (word[0].isupper()):
            return MONTHS[key]
    raise ValueError(m.group())


def _year_of(ctx: Ctx, m: re.Match[str], mo: int, d: int | None) -> int:
    """The year of a month (and day) named without one, from the verb governing it."""
    assert ctx.dct is not None
    return year_of(ctx.dct, mo, d, ctx.sentences.reading(*m.span()), ctx.before(m, 40))


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        date(y, mo, d)
    except ValueError:
        return False
    return True


def _day_month(m: re.Match[str], ctx: Ctx) -> Hit | None:
    d = int(m["d"])
    mo = _month_in(m)
    if not 1 <= d <= 31:
        return None
    if m["y"]:
        y = int(m["y"])
        return Hit("DATE", R.day(date(y, mo, d)) if _valid(y, mo, d) else None)
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-{mo:02d}-{d:02d}", anchor="published")
    if m["ry"]:
        y = _year_from(m["ry"], ctx.dct)
        return Hit("DATE", R.day(date(y, mo, d)) if _valid(y, mo, d) else None, "published")
    y = _year_of(ctx, m, mo, d)
    if m["wd"] and _valid(y, mo, d):
        y = _weekday_year(m["wd"], y, mo, d)
    return Hit("DATE", R.day(date(y, mo, d)) if _valid(y, mo, d) else None, anchor="published")


def _weekday_year(wd: str, y: int, mo: int, d: int) -> int:
    """ "Thursday 6 November": the year next to the tense's guess in which that day is a
    Thursday, when the guess's is not (a date just ahead of a past-tense verb)."""
    want = WEEKDAYS.get(wd.rstrip(".").lower())
    if want is None or date(y, mo, d).weekday() == want:
        return y
    for other in (y + 1, y - 1):
        if _valid(other, mo, d) and date(other, mo, d).weekday() == want:
            return other
    return y


def _numeric(m: re.Match[str], ctx: Ctx) -> Hit | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["yr"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    mo, d = (a, b) if a <= 12 else (b, a)  # US order unless it cannot be
    if not _valid(y, mo, d) or not 1900 <= y <= 2099:
        return None
    return Hit("DATE", R.day(date(y, mo, d)))


def _iso(m: re.Match[str], ctx: Ctx) -> Hit | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["dd"])
    if not _valid(y, mo, d):
        return None
    if m["hh"]:
        return Hit("TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['hh']}:{m['mi']}")
    return Hit("DATE", R.day(date(y, mo, d)))


def _month_year(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m["y"]:
        return Hit("DATE", R.month(int(m["y"]), _month_in(m)), mod=mod_of(m))
    y = _rel_year(m["ry"], ctx)  # "October of next year"
    mo = _month_in(m)
    return Hit("DATE", R.month(y, mo) if y else f"XXXX-{mo:02d}", "published", mod=mod_of(m))


# Bare month names that are also common words or names need a preposition-like cue.
_AMBIGUOUS_MONTHS = {"may", "march", "june", "august"}
_MONTH_CUES = {
    "in",
    "since",
    "by",
    "until",
    "till",
    "of",
    "from",
    "to",
    "through",
    "during",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "between",
    "and",
    "or",
    "last",
    "next",
    "this",
    "that",
    "each",
    "every",
    "throughout",
    "for",
    "on",
    "the",
    # "until at least June", "as early as May", "no later than July": a hedge before the month
    "least",
    "earliest",
    "than",
}


_AS_EARLY_AS = re.compile(r"(?i)\bas\s+(?:early|late|soon)\s+as\s+$")


def _month(m: re.Match[str], ctx: Ctx) -> Hit | None:
    mo = _month_num(m["mon"])
    rel = (m["rel"] or "").strip().lower()
    cue = ctx.word_before(m)
    if (
        m["mon"].lower() in _AMBIGUOUS_MONTHS
        and not rel
        and not m["mod"]
        and cue not in _MONTH_CUES
        and not _AS_EARLY_AS.search(ctx.before(m, 20))
        # "March's figures": a possessive month is a month (not "May's government")
        and not (m["mon"].lower() in ("march", "august") and re.match(r"['’]s\b", ctx.after(m, 3)))
    ):
        return None
    if re.match(r"\s+[A-Z][a-z]", ctx.after(m, 3)) and not rel:
        return None  # "March Madness", "June Carter": part of a name
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-{mo:02d}", anchor="published", mod=mod_of(m))
    dct = ctx.dct
    if rel in ("last", "past", "previous"):
        y = dct.year if mo < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        y = dct.year if mo > dct.month else dct.year + 1
    elif rel == "this":
        y = dct.year
    elif not m["mod"] and _MONTHS_DATA.match(ctx.after(m, 40)) and 1 <= (dct.month - mo) % 12 <= 3:
        # "will release February employment data": figures come out after their month, so
        # the month just gone, whatever the tense of the release
        y = dct.year if mo <= dct.month else dct.year - 1
    else:
        y = _year_of(ctx, m, mo, None)
    return Hit("DATE", R.month(y, mo), anchor="published", mod=mod_of(m))


# Figures named by their month: "February employment data", "March retail sales figures".
_MONTHS_DATA = re.compile(
    r"(?i)\s+(?:[a-z-]+\s+){0,2}?(?:data|figures|numbers|statistics|payrolls|jobs\s+report"
    r"|employment\s+report|inflation|sales|output|orders|readings?)\b"
)


_PREP_YEAR = {
    "in",
    "since",
    "by",
    "until",
    "till",
    "of",
    "from",
    "to",
    "through",
    "during",
    "before",
    "after",
    "between",
    "and",
    "or",
    "early",
    "late",
    "mid",
    "for",
    "fiscal",
    "circa",
    "year",
    "around",
    "throughout",
    "on",
    "the",
}


def _year(m: re.Match[str], ctx: Ctx) -> Hit | None:
    y = int(m["y"])
    nxt = ctx.after(m, 20)
    if re.match(r"\s*(?:%|percent|per\s*cent|[a-z]*[-–]?(?:mile|meter|metre|km|kg|ton))", nxt):
        return None
    if re.match(r"[,.]\d", nxt) or re.match(r"\s*[$€£]", nxt):
        return None
    if not m["mod"] and not m["fy"] and _NUMBERED.search(ctx.before(m, 20)):
        return None  # "Local 1520", "Flight 1549": a name's number
    if (
        not m["mod"]
        and not m["fy"]
        and (
            ctx.word_before(m) in _MOVED
            or re.match(r"\s+(?:to\s+\d+[,.]\d|(?:dollars|euros|pounds|yen|yuan|points)\b)", nxt)
        )
    ):
        return None  # "the index fell 1995 to 1,645", "gold rose to 1901 dollars": amounts
    if (
        not m["mod"]
        and not m["fy"]
        and re.match(r"\s+[a-z]+s\b", nxt)
        and ctx.word_before(m) not in _PREP_YEAR
        and not _owners_year(y, ctx, m)
        and not re.match(
            r"\s+(?:was|is|has|as"
            r"|saw|its|this)\b",
            nxt,
        )
    ):
        return None  # "2000 jobs", "1500 troops": a count, not a year
    if m["fy"]:
        return Hit("DATE", f"FY{y}")
    half = re.match(r"the\s+(first|second)\s+half", (m["mod"] or "").lower())
    if half:  # "the second half of 2023": a half year has its own value
        return Hit("DATE", f"{y}-H{1 if half[1] == 'first' else 2}")
    return Hit("DATE", str(y), mod=mod_of(m))


# Names that take a number: "Local 1520" (a union branch), "Flight 1549", "Route 1966".
_NUMBERED = re.compile(
    r"\b(?:Local|Flight|Route|Highway|Interstate|Room|Suite|Gate|Platform|Bus|Train|Channel"
    r"|Section|Article|Chapter|Resolution|Proposition|Amendment|Bill|Lot|Precinct|Ward|Unit"
    r"|Building|Pier|Exit|No\.|Nos\.|Number)\s+$"
)
# Verbs of a market's move (and "below", "above"): a bare number right after them is an amount.
_MOVED = {
    "fell",
    "rose",
    "lost",
    "gained",
    "dropped",
    "added",
    "shed",
    "climbed",
    "jumped",
    "plunged",
    "slid",
    "slipped",
    "tumbled",
    "surged",
    "soared",
    "sank",
    "declined",
    "advanced",
    "eased",
    "below",
    "above",
}
_COUNTED = re.compile(
    r"\s+(?:workers|employees|jobs|people|staff|members|troops|soldiers|students|customers"
    r"|passengers|residents|shares|stores|shops|branches|cars|vehicles|planes|homes|units)\b"
)
_OWNER = re.compile(r"(?:['’]s|s['’]|\b(?:its|their|his|her|our|my|your))\s+$", re.IGNORECASE)


def _owners_year(y: int, ctx: Ctx, m: re.Match[str]) -> bool:
    """ "Apple's 2010 sales", "their 2024 results": a year near the article's after an owner.
    A count after an owner ("the firm's 2000 workers") is written "2,000" in edited news."""
    near = ctx.dct is None or ctx.dct.year - 60 <= y <= ctx.dct.year + 10
    counted = _COUNTED.match(ctx.after(m, 20))
    return near and not counted and bool(_OWNER.search(ctx.before(m, 12)))


def _short_year(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if ctx.word_before(m) not in _PREP_YEAR | {
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "class",
        *MONTHS,
    }:
        return None  # "iLife '11": a product name
    yy = int(m["yy"])
    ref = ctx.dct.year if ctx.dct else 2030
    y = 2000 + yy if 2000 + yy <= ref + 10 else 1900 + yy
    return Hit("DATE", str(y))


def _decade(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m["c"]:
        if m["d"] == "0" and m["c"] != "20":
            return Hit("DATE", m["c"], mod=mod_of(m))  # "the 1800s": a century (the 19th)
        return Hit("DATE", f"{m['c']}{m['d']}", mod=mod_of(m))
    if re.search(r"[A-Za-z\d][-‑]$", ctx.before(m, 2)):
        return None  # "KC-30s", "F-16s": a model's number in the plural
    if ctx.word_before(m) in {"his", "her", "their", "its", "my", "your", "our"}:
        return None  # "in his 50s": an age
    if re.search(r"\b(?:his|her|their|my|your|our)\s+(?:early|mid|late)[- ]?$", ctx.before(m)):
        return None
    d = int(m["d2"])
    ref = ctx.dct.year if ctx.dct else 2030
    century = 20 if 2000 + 10 * d <= ref else 19
    return Hit("DATE", f"{century}{d}", mod=mod_of(m))


# "the twentieth century", "the twenty-first century": spelled out as often as in figures.
# Not "first" to "ninth": "his first century" is a batsman's hundred runs.
_ORDINAL_WORDS = {
    **{w: i + 10 for i, w in enumerate("tenth eleventh twelfth thirteenth fourteenth".split())},
    **{w: i + 15 for i, w in enumerate("fifteenth sixteenth seventeenth eighteenth".split())},
    **{"nineteenth": 19, "twentieth": 20},
}
_TWENTY_ONES = {"first": 1, "second": 2}
_ORDINAL_WORD = (
    r"(?i:twenty[- ](?:first|second)|"
    + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
    + ")"
)


def _century(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m["w"]:
        w = re.sub(r"[- ]+", " ", m["w"].lower())
        n = 20 + _TWENTY_ONES[w.split()[1]] if w.startswith("twenty ") else _ORDINAL_WORDS[w]
        if ctx.word_before(m) in ("his", "her", "their", "its", "my", "a"):
            return None  # "his twentieth century": a batsman's, not an age
    else:
        n = int(m["n"])
    if not 1 <= n <= 22:
        return None
    return Hit("DATE", f"{n - 1:02d}", mod=mod_of(m))


_ORD = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _rel_year(phrase: str | None, ctx: Ctx) -> int | None:
    """Year named by "this year", "last year", "2009", or the DCT's year when not given."""
    if ctx.dct is None:
        return None
    return _year_from(phrase, ctx.dct)


def _year_from(phrase: str | None, dct: date) -> int:
    p = (phrase or "this").lower()
    if digits := re.search(r"\d{4}", p):
        return int(digits.group())
    if re.search(r"last|previous|prior", p):
        return dct.year - 1
    if "next" in p:
        return dct.year + 1
    return dct.year


_RESULTS = re.compile(r"(?i)\b(?:results|earnings|report(?:s|ed|ing)?|figures|profits?|loss)\b")


def _results_talk(ctx: Ctx, m: re.Match[str]) -> bool:
    """Whether the quarter's sentence is about its results: reported into the third month."""
    s0, s1 = ctx.sentences.bounds(m.start())
    return _RESULTS.search(ctx.text, s0, s1) is not None


def _quarter(m: re.Match[str], ctx: Ctx) -> Hit | None:
    hit = _quarter_value(m, ctx)
    if hit is None or not m["edge"]:
        return hit
    return replace(hit, mod=mod_of(m, "edge"))


def _quarter_value(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m["q"]:
        q, year_part = int(m["q"]), m["y2"]
    else:
        q, year_part = _ORD[m["o"].lower()], m["yq"]
    if year_part and re.fullmatch(r"\d{4}", year_part):
        return Hit("DATE", f"{year_part}-Q{q}")
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-Q{q}", anchor="published")
    if not year_part and m["o"] and m["o"].lower() == "last":
        y, q = R.shift_quarter(*R.quarter_of(ctx.dct), -1)  # "the last quarter": the one before
        return Hit("DATE", f"{y}-Q{q}", anchor="published")
    if year_part:
        y = _year_from(year_part, ctx.dct)
    else:
        cy, cq = R.quarter_of(ctx.dct)
        tense = ctx.tense(m)
        py, pq = R.shift_quarter(cy, cq, -1)
        if q == pq and ((ctx.dct.month - 1) % 3 < 2 or _results_talk(ctx, m)):
            # The quarter just ended: its results are reported (and previewed, in the future
            # tense) in the first two months of the next one.
            y = py
        elif tense == "past":
            y = cy - 1 if q > cq else cy
        elif tense == "future":
            y = cy if q >= cq else cy + 1
        else:  # the nearest such quarter
            # (on a tie, the one ahead: news looks forward more than back)
            y = min((cy + 1, cy, cy - 1), key=lambda c: abs(c * 4 + q - cy * 4 - cq))
    return Hit("DATE", f"{y}-Q{q}", anchor="published")


def _half(m: re.Match[str], ctx: Ctx) -> Hit | None:
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    if m["yh"] and re.fullmatch(r"\d{4}", m["yh"]):
        return Hit("DATE", f"{m['yh']}-H{h}")
    if m["yt"] and ctx.dct is not None:
        # "the first half of the year": the article's year, the one before when that half is
        # spoken of in the past and not over yet
        year, tense = ctx.dct.year, ctx.tense(m)
        if tense in ("past", "reported") and h >= (1 if ctx.dct.month <= 6 else 2):
            year -= 1
        return Hit("DATE", f"{year}-H{h}", anchor="published")
    y = _rel_year(m["yh"], ctx)
    return Hit("DATE", f"{y}-H{h}" if y else f"XXXX-H{h}", anchor="published")


def _season(m: re.Match[str], ctx: Ctx) -> Hit | None:
    s = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["s"].lower() == "fall" and not (
        rel or m["y"] or re.search(r"\b(?:in|the)\s+(?:the\s+)?$", ctx.before(m))
    ):
        return None
    if m["s"].lower() == "fall" and re.match(r"\s+(?:of|in)\s+(?!\d)", ctx.after(m)):
        return None  # "the fall of the government"
    if m["y"]:
        return Hit("DATE", f"{m['y']}-{s}", mod=mod_of(m))
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-{s}", anchor="published", mod=mod_of(m))
    y = ctx.dct.year
    if m["yrel"]:  # "the spring of last year"
        y += {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
    elif rel in ("last", "past"):
        y -= 1
    elif rel in ("next", "coming"):
        y += 1
    elif not rel and s in _SEASON_MONTHS:
        # "sales fell in the summer", said in March: last summer; "will reopen in the spring",
        # said in June: next spring
        first, last = _SEASON_MONTHS[s]
        tense = ctx.tense(m)
        if tense == "past" and first > ctx.dct.month:
            y -= 1
        elif tense == "future" and last < ctx.dct.month:
            y += 1
    return Hit("DATE", f"{y}-{s}", anchor="published", mod=mod_of(m))


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}  # winter spans two years


def _holiday(m: re.Match[str], ctx: Ctx) -> Hit | None:
    name = re.sub(r"\s+", " ", m["hol"].lower()).replace("’", "'")
    fixed = HOLIDAYS.get(name)
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct is None:
        return Hit(
            "DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else None, anchor="published"
        )
    else:
        y = ctx.dct.year
    d = date(y, *fixed) if fixed else R.holiday(name, y)
    if d is not None and not m["y"] and ctx.dct is not None:
        tense = ctx.tense(m)
        if tense == "past" and d > ctx.dct:
            d = date(y - 1, *fixed) if fixed else R.holiday(name, y - 1)
        elif tense == "future" and d < ctx.dct:
            d = date(y + 1, *fixed) if fixed else R.holiday(name, y + 1)
    if d is None:
        return None
    return Hit("DATE", R.day(d), anchor=None if m["y"] else "published")


_NTH_WEEK = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "final": -1}


def _week_of_month(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the last week of March": the ISO week holding that part of the month."""
    mo = _month_in(m)
    if m["y"]:
        y = int(m["y"])
    elif ctx.dct is None:
        return Hit("DATE", None, "published")
    else:
        y = _year_of(ctx, m, mo, None)
    nth = _NTH_WEEK[m["nth"].lower()]
    first = date(y, mo, 1)
    if nth >= 0:
        d = first + timedelta(days=3 + 7 * nth)  # the week holding day 4 (ISO-like)
    else:
        ny, nm = R.shift_month(y, mo, 1)
        d = date(ny, nm, 1) - timedelta(days=4)
    return Hit("DATE", R.week(d), None if m["y"] else "published")


def _part_of_period(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the first week of the year", "the last day of the month", "the first month of 2009":
    that part of the year or month. A bare "the year" or "the month" is the article's, or
    the one before or after it where the tense puts the part on the other side of the DCT."""
    nth = _NTH_WEEK[m["nth"].lower()]
    part = m["part"].lower()
    whole = (m["whole"] or "year").lower()
    if part == whole or (part == "month" and whole != "year"):
        return None  # "the first month of the month"
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["py"]:
        found = _part_in(part, nth, whole, int(m["py"]), 1)
        return Hit("DATE", found[0]) if found else None
    if ctx.dct is None:
        return Hit("DATE", None, "published")
    y, mo = ctx.dct.year, ctx.dct.month
    step = {"last": -1, "next": 1}.get(rel, 0)
    found = _part_in(part, nth, whole, *_moved(whole, y, mo, step))
    if found and rel == "the":
        tense = ctx.tense(m)
        if tense == "past" and found[1] > ctx.dct:
            found = _part_in(part, nth, whole, *_moved(whole, y, mo, -1))
        elif tense == "future" and found[2] < ctx.dct:
            found = _part_in(part, nth, whole, *_moved(whole, y, mo, 1))
    return Hit("DATE", found[0], "published") if found else None


def _moved(whole: str, y: int, mo: int, step: int) -> tuple[int, int]:
    return (y + step, mo) if whole == "year" else R.shift_month(y, mo, step)


def _part_in(part: str, nth: int, whole: str, y: int, mo: int) -> tuple[str, date, date] | None:
    """Value, first and last day of the ``nth`` day, week or month of year ``y`` (or of its
    month ``mo``); None outside the calendar."""
    if not 1 <= y <= 9999 or (whole == "year" and part == "week" and not 1 < y < 9999):
        return None  # ISO weeks at the calendar's ends reach past it
    if whole == "year" and part == "month":
        mo = 12 if nth < 0 else nth + 1
        return R.month(y, mo), date(y, mo, 1), _month_end(y, mo)
    if part == "day":
        if whole == "year":
            d = date(y, 12, 31) if nth < 0 else date(y, 1, 1 + nth)
        else:
            d = _month_end(y, mo) if nth < 0 else date(y, mo, 1 + nth)
        return R.day(d), d, d
    if whole == "year":
        d = date(y, 12, 28) if nth < 0 else date(y, 1, 4) + timedelta(weeks=nth)
    else:
        d = _month_end(y, mo) - timedelta(days=3) if nth < 0 else date(y, mo, 4 + 7 * nth)
    monday = d - timedelta(days=d.weekday())
    if monday.year < 1 or d.year > 9998:
        return None
    return R.week(d), monday, monday + timedelta(days=6)


def _month_end(y: int, mo: int) -> date:
    ny, nm = R.shift_month(y, mo, 1)
    return date(ny, nm, 1) - timedelta(days=1) if ny <= 9999 else date(9999, 12, 31)


_DAY_NUM = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_MONTH_BARE = "|".join(
    w.capitalize() for w, _ in sorted(MONTHS.items()) if len(w) > 4 or w in ("may", "june", "july")
)
_HOLIDAY_RE = "|".join(
    re.escape(" ".join(w.upper() if w == "mlk" else w.capitalize() for w in h.split()))
    .replace(r"\ ", r"\s+")
    .replace("'", "['’]")
    for h in sorted(HOLIDAYS, key=len, reverse=True)
)
_SEASON_PREPS = "of in during through throughout over for by since until till before after from"
_SEASON_THE = "(?:" + "|".join(rf"(?<=\b{w} )" for w in _SEASON_PREPS.split()) + ")"
# "5 May next year", "on March 3 last year": the year said in words
_DAY_REL_YEAR = r"(?:,?\s+(?:of\s+)?(?P<ry>(?i:this|last|next)\s+year)\b)"
_Y_REL = (
    r"(?:\d{4}|(?i:this|last|next|the\s+(?:current|previous|same|prior))\s+"
    r"(?i:fiscal\s+)?(?i:year))"
)

CALENDAR_RULES = [
    Rule(
        "iso",
        compile_rx(
            r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<dd>\d{2})"
            r"(?:T(?P<hh>\d{2}):(?P<mi>\d{2})(?::\d{2})?Z?)?"
        ),
        _iso,
    ),
    Rule(
        "mdy",
        compile_rx(
            # no "the": in "the May 5 vote", "the October 19, 1987 crash" it is the noun's
            rf"{_WD_PREFIX}{MONTH_ANY_RE}\s+{_DAY_NUM}"
            rf"(?:,?\s+{_YEAR}|{_DAY_REL_YEAR})?"
        ),
        _day_month,
    ),
    Rule(
        "dmy",
        compile_rx(
            rf"{_WD_PREFIX}(?:the\s+)?{_DAY_NUM}\s+(?:of\s+)?{MONTH_ANY_RE}"
            rf"(?:,?\s+{_YEAR}|{_DAY_REL_YEAR})?"
        ),
        _day_month,
    ),
    Rule(
        "week_of_month",
        compile_rx(
            r"(?i:the\s+)?(?P<nth>(?i:first|second|third|fourth|last|final))\s+(?i:week)\s+"
            rf"(?i:of|in)\s+{MONTH_ANY_RE}(?:,?\s+{_YEAR})?"
        ),
        _week_of_month,
    ),
    Rule(
        "part_of_period",
        compile_rx(
            r"(?i:the\s+)?(?P<nth>(?i:first|second|third|fourth|last|final))\s+"
            r"(?P<part>(?i:day|week|month))\s+(?i:of)\s+"
            r"(?:(?P<rel>(?i:the|this|last|next|the\s+current))\s+(?P<whole>(?i:year|month))\b"
            r"|(?P<py>\d{4})(?!\d))"
        ),
        _part_of_period,
    ),
    Rule("numeric", compile_rx(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<yr>\d{4}|\d{2})"), _numeric),
    Rule(
        "month_year",
        compile_rx(
            rf"{MOD_RE}?{MONTH_ANY_RE},?\s+(?:of\s+)?(?:{_YEAR}|(?P<ry>"
            r"(?i:this|last|next|the\s+(?:previous|following))\s+year))"
        ),
        _month_year,
    ),
    Rule(
        "month",
        compile_rx(
            rf"(?:{MOD_RE}|(?P<rel>(?i:last|next|this|past|coming|previous)"
            rf"\s+))?(?P<mon>{_MONTH_BARE})"
        ),
        _month,
    ),
    Rule(
        "year",
        compile_rx(
            rf"(?:{MOD_RE}?(?:(?i:the\s+year\s+))?|(?P<fy>(?i:fiscal(?:\s+year)?|financial\s+year|FY)\s*)"
            r"|(?i:calendar(?:\s+year)?)\s+)"  # "calendar 2024", as against fiscal 2024
            rf"(?<![\d$€£.,:]){_YEAR}"
        ),
        _year,
    ),
    Rule("short_year", compile_rx(r"(?<=\s)['’](?P<yy>\d\d)(?![\d'’])"), _short_year),
    Rule(
        "decade",
        compile_rx(
            rf"{MOD_RE}?(?:(?i:the)\s+)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0"
            r"|['’]?(?P<d2>\d)0)['’]?s"
        ),
        _decade,
    ),
    Rule(
        "century",
        compile_rx(
            rf"{MOD_RE}?(?:(?i:the)\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{_ORDINAL_WORD}))"
            r"[- ](?i:century)"
        ),
        _century,
    ),
    Rule(
        "quarter",
        compile_rx(
            # "the end of the first quarter": the edge is part of the phrase, as with months
            r"(?:(?P<edge>(?i:(?:the\s+)?(?:end|close|start|beginning|middle)\s+of))\s+)?"
            # "its fiscal second quarter", "the first fiscal quarter": "fiscal" is in the phrase
            r"(?:(?i:the)\s+)?(?:(?i:fiscal|financial)[- ])?"
            r"(?P<o>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
            rf"[- ](?:(?i:fiscal)[- ])?(?i:quarter|qtr)(?:\s+(?i:of|in)\s+(?P<yq>{_Y_REL}))?"
            rf"|Q(?P<q>[1-4])(?:\s+(?P<y2>\d{{4}}))?"
        ),
        _quarter,
    ),
    Rule(
        "half",
        compile_rx(
            rf"(?:(?i:the)\s+)?(?P<h>(?i:first|second|1st|2nd))[- ](?i:half)"
            rf"\s+(?i:of|in)\s+(?:(?P<yh>{_Y_REL})|(?P<yt>(?i:the\s+year)))"
        ),
        _half,
    ),
    Rule(
        "season",
        compile_rx(
            # "in the summer": the article is the phrase's, as in "the morning"; after no
            # preposition it is a noun's ("the summer meeting")
            rf"{MOD_RE}?(?:{_SEASON_THE}(?i:the)\s+)?(?:(?P<rel>(?i:this|last|next|past|coming))\s+)?"
            r"(?P<s>(?i:spring|summer|autumn|winter|fall))"
            rf"(?:\s+(?:of\s+)?{_YEAR}|\s+(?i:of)\s+(?P<yrel>(?i:last|next|this))\s+(?i:year))?"
        ),
        _season,
    ),
    Rule("holiday", compile_rx(rf"(?P<hol>{_HOLIDAY_RE})(?:\s+{_YEAR})?"), _holiday),
]
