"""Words of English temporal expressions: names, numbers, units, as values and regex pieces.

Month and weekday names must be capitalised (as in edited news text), so that "may", "march"
and "sun" as ordinary words are not read as dates.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a": 1,
    "an": 1,
    "a single": 1,
    "single": 1,  # "its largest single-day drop"
    "a couple of": 2,
    "couple of": 2,
    "a couple": 2,
    "couple": 2,
    "a dozen": 12,
    "dozen": 12,
    "a half": 0.5,
    "half a": 0.5,
    "half an": 0.5,
}
VAGUE_NUMBERS = {
    "several",
    "a few",
    "few",
    "some",
    "many",
    "a number of",
    "the past few",
    "the last few",
    "the next few",
    "recent",
    "the coming",
    "numerous",
    "multiple",
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "final": 4,
    "last": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
# unit word -> (TIMEX3 duration letter, multiplier, needs the "T" time designator)
UNITS = {
    "second": ("S", 1, True),
    "minute": ("M", 1, True),
    "hour": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "quarter": ("Q", 1, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}
SET_WORDS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "annually": "P1Y",
    "annual": "P1Y",
    "yearly": "P1Y",
    "biannual": "P6M",
    "semiannual": "P6M",
    "semiannually": "P6M",
    "biannually": "P6M",
    "bimonthly": "P2M",
    "biennial": "P2Y",
    "biennially": "P2Y",
}
# (month, day) of fixed holidays; Easter and Thanksgiving are computed.
HOLIDAYS = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "independence day": (7, 4),
    "halloween": (10, 31),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "easter": None,
    "easter sunday": None,
    "thanksgiving": None,
    "thanksgiving day": None,
    # Market holidays news names: the US ones by weekday, Easter's neighbours from Easter.
    "good friday": None,
    "easter monday": None,
    "labor day": None,
    "memorial day": None,
    "veterans day": (11, 11),
    # US market holidays named by a weekday of their month, and days news names by date.
    "martin luther king day": None,
    "martin luther king jr. day": None,
    "mlk day": None,
    "presidents day": None,
    "presidents' day": None,
    "columbus day": None,
    "mother's day": None,
    "father's day": None,
    "juneteenth": (6, 19),
    "st. patrick's day": (3, 17),
    "saint patrick's day": (3, 17),
    "bastille day": (7, 14),
    "canada day": (7, 1),
    "australia day": (1, 26),
    "remembrance day": (11, 11),
    "armistice day": (11, 11),
    "may day": (5, 1),
}


def _caps(words: list[str]) -> str:
    """Alternation of the capitalised and upper-case forms, longest first."""
    forms = []
    for w in sorted(words, key=len, reverse=True):
        forms += [w.capitalize(), w.upper()]
    return "|".join(forms)


_FULL_MONTHS = [m for m, _ in MONTHS.items() if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
MONTH_RE = rf"(?:{_caps(_FULL_MONTHS)}|(?:{_caps(_ABBR_MONTHS)})\.?(?=\s*\d))"
MONTH_ABBR_DOT_RE = rf"(?:(?:{_caps(_ABBR_MONTHS)})\.)"
MONTH_ANY_RE = rf"(?:{MONTH_RE}|{MONTH_ABBR_DOT_RE})"
_FULL_DAYS = [d for d in WEEKDAYS if d.endswith("day")]
WEEKDAY_RE = rf"(?:{_caps(_FULL_DAYS)}|(?:{_caps([d for d in WEEKDAYS if d not in _FULL_DAYS])})\.)"

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD_RE = rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}|zero|hundred|dozen)"
# A count before a unit: digits, number words, "a", "a few", "several"...
COUNT_RE = (
    r"(?:(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?i:" + NUMBER_WORD_RE + r"))"
    r"(?:\s+and\s+a\s+half|-and-a-half)?"
    r"|(?i:(?:a\s+)?couple(?:\s+of)?|a\s+dozen|a\s+few|a\s+number\s+of|a\s+single|half\s+an?|a\s+half"
    r"|several|few|many|some|numerous|multiple|an?"
    r"|single(?=-)))"  # "its biggest single-day fall": one day, as "one-day" is
)
UNIT_RE = (
    r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries)"
)


def number_value(word: str) -> float | None:
    """The number a count word stands for; None when it is vague ("several")."""
    w = re.sub(r"\s+", " ", word.strip().lower()).replace("-and-a-half", " and a half")
    half = w.endswith(" and a half")
    if half:
        w = w[: -len(" and a half")]
    if w in VAGUE_NUMBERS:
        return None
    try:
        n = float(w.replace(",", ""))
    except ValueError:
        if w in NUMBERS:
            n = float(NUMBERS[w])
        else:
            parts = re.split(r"[- ]", w)
            if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
                n = float(NUMBERS[parts[0]] + NUMBERS[parts[1]])
            else:
                return None
    return n + 0.5 if half else n


def unit_key(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") else w
