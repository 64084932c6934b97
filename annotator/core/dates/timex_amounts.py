"""Rules for amounts of time and clock times: durations ("three years", "12-hour"), sets
("every week", "weekly"), offsets ("two weeks ago", "two days after the argument") and times
("18:00 UTC", "3 p.m.").

Durations and sets are typed and valued (P3Y, PT12H, P1W), never turned into dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Protocol

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import (
    QUAL_RE,
    Ctx,
    Hit,
    Ref,
    Rule,
    compile_rx,
    qual_of,
    weekday_meant,
)
from annotator.core.dates.timex_lexicon import (
    COUNT_RE,
    MONTH_RE,
    MONTHS,
    NUMBER_WORD_RE,
    SEASONS,
    SET_WORDS,
    UNIT_RE,
    UNITS,
    WEEKDAY_RE,
    WEEKDAYS,
    number_value,
    unit_key,
)

_ADJ = (
    r"(?i:more|additional|straight|consecutive|full|long|trading|business|working|calendar"
    r"|successive|short|extra|further|whole|entire)"
)


class _Groups(Protocol):
    """A match's named groups, read by name: a real match or a ``_View`` of one."""

    # As re.Match: a group that took no part in the match reads as None.
    def __getitem__(self, group: str, /) -> str | Any: ...

    def groupdict(self) -> dict[str, str | Any]: ...


def _amount(m: _Groups) -> tuple[float | None, str, bool]:
    """(count, TIMEX3 unit letter, time part) of the count and unit groups of a match."""
    letter, mult, time_part = UNITS[unit_key(m["u"])]
    n = number_value(m["n"]) if m["n"] else None
    if n is not None and m.groupdict().get("half"):
        n += 0.5  # "a year and a half": P1.5Y, as "two and a half years" is P2.5Y
    if n is not None:
        n *= mult
        if time_part and letter == "H" and n != int(n):
            n, letter = n * 60, "M"  # "half an hour": PT30M
    elif mult != 1:
        letter = {10: "DE", 100: "CE"}[mult]
    return n, letter, time_part


_STORED = re.compile(r"\s+(?:can|could|will|may)\s+be\s+(?:stored|saved|held)\b")
_STORAGE = re.compile(
    r"\b(?:[GMT]B|gigabytes?|terabytes?|storage|stores?|stored|holds?|capacity)\b"
)


def _sessions(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the past three sessions", "five straight sessions": a run of a market's trading days,
    which TimeML counts in days."""
    n = number_value(m["n"])
    if n is None or n < 2 or n != int(n) or not (m["rel"] or m["run"] or m["trading"]):
        return None  # "met in two sessions": sittings, not days
    return Hit("DURATION", f"P{int(n)}D")


def _duration(m: re.Match[str], ctx: Ctx) -> Hit | None:
    unit = unit_key(m["u"])
    count = (m["n"] or "").lower()
    if re.match(r"(?i:-old\b|\s+old\b|\s+of\s+age\b)", ctx.after(m)):
        return None  # an age ("a 6-year-old", "55 years old"): TimeML marks none
    if unit in ("year", "month", "week", "day") and (
        ctx.word_before(m) in ("aged", "age")
        or re.search(r"\b(?i:aged|ages)\s+\S+\s*(?:to|and|or|-|–)\s*$", ctx.before(m))
    ):
        return None  # "aged 30", "children aged 6 to 12 years"
    if count in ("a", "an") and m.group().lower().endswith("-long"):
        return None  # "a week-long festival": the article is the festival's ("week-long")
    if unit == "second" and count in ("a", "an", "a single"):
        return None  # "a second term"
    if unit == "quarter" and (
        re.match(r"\s+of\b", ctx.after(m))
        or (
            count in ("a", "an", "three")
            and not m["rel"]
            and not re.search(r"(?i:straight|consecutive|successive)", m.group())
        )
    ):
        return None  # "a quarter of the shares"
    if (
        count == "one"
        and unit in ("day", "night")
        and not (m["rel"] or m["qual"] or m.groupdict().get("half"))
        and re.match(r"(?i:one\s)", m.group())
        and ctx.word_before(m) not in _AMOUNT_CUES
        and not re.match(
            r"[\s-]+(?i:of|after|before|later|earlier|ahead|long|old|nearer|closer|longer|shorter"
            r"|more|less|too|late|early|behind|away|apart|off|in\s+advance)\b",
            ctx.after(m),
        )
    ):
        # "would love to one day buy one", "One day, he left": some day, not a day's length
        tense = ctx.tense(m)
        return Hit("DATE", "PAST_REF" if tense == "past" else "FUTURE_REF", "published")
    if (
        count in ("a", "an")
        and unit in ("day", "time")
        and not (m["rel"] or m["qual"])
        and re.match(r"\s+(?:when|where)\b", ctx.after(m, 8))
    ):
        # "if there ever came a day when...": some day, not a day's length
        past = ctx.tense(m) == "past" and not re.search(r"\b(?i:if|unless)\b", ctx.before(m, 60))
        return Hit("DATE", "PAST_REF" if past else "FUTURE_REF", "published")
    if (
        count in ("a", "an")
        and unit in ("day", "week", "month", "year", "night", "time")
        and not (m["rel"] or m["qual"])
        and ctx.word_before(m) in _COPULAS
        and _DAY_DESCRIBED.match(ctx.after(m, 30))
    ):
        return None  # "not a day anybody was ready for", "a day to remember": no length
    if (
        unit in ("hour", "minute")
        and re.match(
            r"\s+of\s+(?:\w+\s+)?(?:video|music|audio|footage|content|songs|recordings"
            r"|programming|TV|television|movies|films)\b",
            ctx.after(m, 40),
            re.IGNORECASE,
        )
        and _STORAGE.search(ctx.before(m, 40) + " " + ctx.after(m, 60))
    ) or (unit in ("hour", "minute") and _STORED.match(ctx.after(m, 30))):
        return None  # "75 hours of video can be stored": an amount of content
    n, letter, time_part = _amount(m)
    if (
        count in ("a", "an")
        and not m["rel"]
        and not m["qual"]
        and re.search(
            r"(?:\d|[$€£]|\b(?:million|billion|thousand|times|once|twice))\S*\s*"
            r"(?:\S+\s+){0,3}$"
            # "two pills a day", "three meals a day": a counted thing, then the period
            rf"|\b(?i:{NUMBER_WORD_RE}|dozens|hundreds|thousands|millions)\s+(?:of\s+)?"
            r"(?:[a-z]+\s+)?[a-z]+s\s+$",
            ctx.before(m, 40),
        )
        and not re.search(r"\b(?:for|in|over|within|than|after|about)\s+$", ctx.before(m))
    ):
        return Hit("SET", R.duration(1, letter, time_part))  # "$40 billion a year"
    return Hit("DURATION", R.duration(n, letter, time_part), mod=qual_of(m))


# "It was a day to remember", "not a day anyone expected": a kind of day described, no length.
_COPULAS = {"is", "was", "be", "been", "are", "were", "not", "became", "becomes", "remains"}
_DAY_DESCRIBED = re.compile(
    r"\s+(?:(?i:to\s+(?:remember|celebrate|forget|savou?r|cherish|mourn))\b"
    r"|(?:anybody|anyone|nobody|everyone|everybody|we|you|they|he|she|I|people|no\s+one)\s)"
)
# Words before an amount of time that make it a length ("for one day", "in one day").
_AMOUNT_CUES = {
    "for",
    "in",
    "within",
    "over",
    "after",
    "than",
    "about",
    "only",
    "just",
    "the",
    "lasted",
    "lasts",
    "took",
    "takes",
    "spent",
    "spend",
    "per",
    "every",
    "each",
    "of",
    "by",
    "a",
    "first",
    "last",
    "least",
}
_BARE_CUES = {
    "for",
    "within",
    "in",
    "over",
    "after",
    "took",
    "takes",
    "take",
    "lasted",
    "lasting",
    "last",
    "spent",
    "the",
}


def _bare_plural(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if ctx.before(m, 1) == "-":
        return None  # "after-hours trading", "off-hours": a kind of trading, no length
    # "Months of talks produced a deal": a plural opening its sentence is an amount of time.
    opening = (
        m.start() == ctx.sentences.bounds(m.start())[0]
        and m["u"][0].isupper()
        and re.match(r"\s+of\s", ctx.after(m))
    )
    if (
        not (m["pre"] or m["long"] or opening)
        and ctx.word_before(m) not in _BARE_CUES
        and not (
            ctx.word_before(m) in ("been", "is", "are", "was", "were")
            and re.match(r"\s+(?i:late|behind|away|in\s+the\s+making|overdue)\b", ctx.after(m))
        )
    ):
        return None  # "for years", "within hours", "years late", but not "the days of"
    if re.match(r"\s+(?i:ago|later|earlier|before|after|to\s+come)\b", ctx.after(m)):
        return None
    if re.match(r"\s+(?i:of)\b", ctx.after(m)) and (
        m["pre"] or ctx.word_before(m) in ("the", "in", "last")
    ):
        return None  # "the days of", but "after months of talks" is an amount of time
    if ctx.word_before(m) == "the" and not (m["pre"] or m["long"]):
        return None
    letter, mult, time_part = UNITS[unit_key(m["u"])]
    if mult != 1:
        letter = {10: "DE", 100: "CE"}[mult]
    return Hit("DURATION", R.duration(None, letter, time_part))


_BEFORE = {"ago", "earlier", "before", "prior", "previously", "back"}
_AFTER = {"later", "after", "afterwards", "afterward", "on", "from now", "hence", "since"}


def _shift(dct: date, n: float, letter: str, time_part: bool) -> str | None:
    """The date ``n`` units before the DCT (negative n: after), at the unit's precision."""
    k = int(n)
    if k != n:
        if letter == "Y" and n * 12 == int(n * 12):  # "a year and a half ago": 18 months
            return R.month(*R.shift_month(dct.year, dct.month, -int(n * 12)))
        return None
    if time_part:
        return R.day(dct)
    if letter == "D":
        return R.day(dct - timedelta(days=k))
    if letter == "W":
        return R.day(dct - timedelta(weeks=k))
    if letter == "M":
        return R.month(*R.shift_month(dct.year, dct.month, -k))
    if letter == "Q":
        return R.month(*R.shift_month(dct.year, dct.month, -3 * k))
    if letter == "Y":
        return str(dct.year - k)
    return None


_REF_UNITS = {"Y": "period", "M": "month", "Q": "quarter", "W": "week", "D": "day"}


def _compared(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "a year earlier", "two days later": a date that far from the period the text is about."""
    word = m["adv"].lower()
    n, letter, time_part = _amount(m)
    sign = -1 if word in ("earlier", "before", "prior", "previously") else 1
    offset = ("-" if sign < 0 else "") + R.duration(n, letter, time_part)
    if time_part:
        return Hit("TIME", None, "event", offset=offset, mod=qual_of(m))
    if n is None:
        return Hit("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "event", offset=offset)
    if n != int(n) or letter not in _REF_UNITS:
        return Hit("DATE", None, "event", offset=offset, mod=qual_of(m))
    k = sign * int(n)
    ref = Ref(_REF_UNITS[letter], k, letter)
    value = _shift(ctx.dct, -k, letter, False) if ctx.dct else None
    return Hit("DATE", value, "event", offset=offset, mod=qual_of(m), ref=ref)


def _bare_later(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "Days later, the firm collapsed": some time after (before) the story's event."""
    if ctx.word_before(m) in ("the", "those", "these", "of"):
        return None  # "the years later in life"
    letter, mult, time_part = UNITS[unit_key(m["u"])]
    if mult != 1:
        letter = {10: "DE", 100: "CE"}[mult]
    earlier = m["adv"].lower() == "earlier"
    offset = ("-" if earlier else "") + R.duration(None, letter, time_part)
    kind = "TIME" if time_part else "DATE"  # "hours later": within a day, a time
    return Hit(kind, "PAST_REF" if earlier else "FUTURE_REF", "event", offset=offset)


def _offset(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m.groupdict().get("adv"):
        return _compared(m, ctx)
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    if direction == "on" and not re.match(r"\s+on\s*[,.;]", ctx.after(m, 6)):
        return None  # "two years on," but not "two days on the job"
    if direction == "back" and not re.match(r"\s*[,.;]", ctx.after(m, 3)):
        return None
    n, letter, time_part = _amount(m)
    if direction in ("ago", "from now", "hence", "back"):
        sign = 1 if direction in ("ago", "back") else -1
        if n is None:
            return Hit("DATE", "PAST_REF" if sign > 0 else "FUTURE_REF", "published")
        if ctx.dct is None:
            return Hit("DATE", None, "published", mod=qual_of(m))
        value = _shift(ctx.dct, sign * n, letter, time_part)
        # "up 5% from a year ago": the same period as the one its sentence names, a year back
        ref = Ref("period", -int(n), "Y", True) if letter == "Y" and n == int(n) else None
        return Hit("DATE", value, "published", mod=qual_of(m), ref=ref)
    # "two days after the argument": the span is the amount (as in TimeML), the anchor an event.
    dur = R.duration(n, letter, time_part)
    offset = dur if direction in _AFTER else "-" + dur
    return Hit("DURATION", dur, "event", offset=offset, mod=qual_of(m))


def _set_per(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m.group().lower().startswith("per") and _MEASURE_BEFORE.search(ctx.before(m, 30)):
        return None
    return _set_every(m, ctx)


def _set_every(m: _Groups, ctx: Ctx) -> Hit | None:
    pod = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
    if m["wd"]:
        at = f"T{pod[m['wpod'].lower()]}" if m["wpod"] else ""  # "every Monday morning"
        return Hit("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower().rstrip('.')] + 1}{at}")
    if m["pod"]:
        return Hit("SET", f"XXXX-XX-XXT{pod[m['pod'].lower()]}")
    if m["mon"]:  # "every January"
        return Hit("SET", f"XXXX-{MONTHS[m['mon'].lower().rstrip('.')]:02d}")
    if m["we"]:
        return Hit("SET", "XXXX-WXX-WE")
    if m["season"]:  # "every spring": each year's spring
        return Hit("SET", f"XXXX-{SEASONS[m['season'].lower()]}")
    n, letter, time_part = _amount(m)
    if n is None and not m["n"]:
        n = 1.0  # "every week"; "every few weeks" keeps its unknown count
        if letter in ("DE", "CE"):  # "once a decade": P10Y, as "a decade" is
            n, letter = (10.0 if letter == "DE" else 100.0), "Y"
    if m["other"] and n is not None:  # "every other week", "every third year"
        n *= {"other": 2, "second": 2, "third": 3, "fourth": 4}[m["other"].lower()]
    return Hit("SET", R.duration(n, letter, time_part))


# A frequency word that names a kind of payment or publication ("a quarterly dividend", "the
# daily newspaper") only classifies it: TimeML marks none. Before a rate or an amount ("daily
# trading", "annual profit") it says how often and is marked.
_CLASSIFIED = re.compile(
    r"\s+(?:(?:cash|stock|common|regular|special|interim|final)\s+)?(?:dividend|payout|payment"
    r"|distribution|coupon|instal?ment|fee|rent|subscription|premium|allowance|newspaper"
    r"|magazine|paper|newsletter|column|bulletin|publication|show|programme|program|podcast"
    r"|edition|news|life)s?\b",
    re.IGNORECASE,
)
# "frames per second", "miles per hour": a unit of measure, not a repeat in time.
_MEASURE_BEFORE = re.compile(
    r"\b(?:frames|[a-z]*bytes|[a-z]*bits|MB|GB|KB|Mbps|miles|kilomet(?:er|re)s|km|meters|metres"
    r"|feet|litres|liters|gallons|revolutions|rotations|cycles|requests|queries|operations"
    r"|words|beats|calories)\s+$"
)


# Before a result over a period ("annual profit", "quarterly sales") the word gives the
# period's length: TimeML (as MEANTIME writes it) makes that a DURATION.
_RESULT = re.compile(
    r"\s+(?:(?:net|gross|operating|pre-?tax|record|first|second|third|fourth|final|full"
    r"|combined|total|average)\s+)?(?:profit|loss|losses|revenue|revenues|sales|earnings|income"
    r"|turnover|output|production|growth|deficit|surplus|budget|results?|returns?|gains?"
    # a market's move over the period: "its biggest weekly decline", "a monthly drop"
    r"|declines?|drops?|falls?|rises?|increases?|decreases?|advances?|rall(?:y|ies)|slides?"
    r"|jumps?|surges?|plunges?|slumps?|performance)\b"
    r"(?!\s+(?:capacity|capacities|rate|rates|target|targets)\b)",
    re.IGNORECASE,
)
# A frequency word in a name ("the annual Worldwide Developers Conference") or before a report.
# A word may come between: "the monthly jobs report", "his annual opening keynote".
_NAMED = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){1,}[A-Z][a-z]+"
    r"|\s+(?:[a-z]+\s+)?(?:report|review|survey|keynote|address|speech|lecture|letter)s?\b"
)


def _set_word(m: re.Match[str], ctx: Ctx) -> Hit | None:
    word = m["w"].lower().replace("-", "")  # "bi-weekly"
    after = ctx.after(m, 60)
    if _CLASSIFIED.match(after) or (m["w"][0].islower() and _NAMED.match(after)):
        return None
    if _RESULT.match(after) and not m["f"]:
        return Hit("DURATION", SET_WORDS[word])
    return Hit("SET", SET_WORDS[word])


def _set_days(m: _Groups, ctx: Ctx) -> Hit | None:
    return Hit("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}")


_TZ = (
    r"(?P<tz>(?:UTC|GMT|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|CT|IST|JST"
    r"|(?i:local\s+time)|Z)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"
    # "Eastern time", "Pacific Standard Time", "New York time", "London time"
    r"|(?:Eastern|Central|Mountain|Pacific|Atlantic)(?:\s+(?:Standard|Daylight))?\s+[Tt]ime"
    r"|(?:Eastern|Central|Mountain|Pacific)(?!\s+[A-Z])"  # "8:30 a.m. Eastern"
    r"|(?!(?:The|This|That|It|Its|At|By|In|On|For|Each|Every|Any|No|Last|Next|First|Same"
    r"|Prime|Half|Full|Extra|Part|Lunch|Dinner|Closing|Opening|Trading|Local|Summer|Winter"
    r"|Daylight|Standard|Peak|Play|Game|Injury|Air|Screen|Down|Real|Over)\b)"
    r"(?:[A-Z][a-z]+\s+){1,2}time(?!\s+(?:of|to|for|in|when|since)\b)"
    r"|\((?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?\))"
)
_DAY_AFTER = (
    rf"(?:(?:\s+|,\s*)(?P<day>(?i:today|tonight|yesterday|tomorrow)|{WEEKDAY_RE})"
    # "10:30 tomorrow morning": the clock time, on that day
    r"(?:\s+(?P<dpod>(?i:morning|afternoon|evening|night)))?)?"
)


_LATER_POD = re.compile(
    r"(?i)\s+(?:(?:on\s+)?(?:this|that|yesterday|tomorrow|[a-z]+day)\s+(?:afternoon|evening)|tonight"
    r"|in\s+the\s+(?:afternoon|evening))\b"
)


def _clock(m: re.Match[str], ctx: Ctx) -> Hit | None:
    gd = m.groupdict()
    if gd.get("word"):
        hh, mi = (12, 0) if m["word"].lower() in ("noon", "midday") else (24, 0)
    else:
        hh, mi = int(m["h"]), int(m["mi"] or 0)
        ap = (gd.get("ap") or "").lower().replace(".", "")
        pod = (gd.get("dpod") or "").lower()
        if (
            not ap
            and not pod
            and ((gd.get("day") or "").lower() == "tonight" or _LATER_POD.match(ctx.after(m, 30)))
        ):
            pod = "afternoon"  # "at 3:30 this afternoon": the part of the day named after it
        if (ap == "pm" or (not ap and pod in ("afternoon", "evening"))) and hh < 12:
            hh += 12
        elif ap == "am" and hh == 12:
            hh = 0
        if hh > 24 or mi > 59:
            return None
        if (
            not ap
            and not gd.get("tz")
            and ctx.word_before(m)
            not in (
                "at",
                "by",
                "until",
                "till",
                "from",
                "around",
                "about",
                "after",
                "before",
                "since",
                "to",
                "and",
            )
        ):
            return None  # "1:10" alone may be a ratio or a score
    tz = gd.get("tz") or ""
    zone = "Z" if re.fullmatch(r"(?:UTC|GMT|Z)", tz.strip()) else ""
    clock = f"T{hh:02d}:{mi:02d}{zone}"
    day_word = (gd.get("day") or "").lower()
    if ctx.dct is None:
        return Hit("TIME", None, "published")
    if day_word in ("today", "tonight", "yesterday", "tomorrow"):
        d = ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day_word, 0))
    elif day_word:
        d = weekday_meant(ctx, m, WEEKDAYS[day_word.rstrip(".")])
    else:
        return Hit("TIME", clock, "published")  # the finder dates it from its sentence
    return Hit("TIME", R.day(d) + clock, "published")


# "a year and a half": the half after the unit.
_HALF = r"(?P<half>\s+(?i:and\s+a\s+half)|(?i:-and-a-half))?"
_EVERY_TARGET = (
    rf"(?:(?P<n>{COUNT_RE})\s+)?(?P<u>{UNIT_RE})|(?P<wd>{WEEKDAY_RE})"
    r"(?:\s+(?P<wpod>(?i:morning|afternoon|evening|night)))?"
    r"|(?P<pod>(?i:morning|afternoon|evening|night))"
    r"|(?P<season>(?i:spring|summer|autumn|fall|winter))"
    rf"|(?P<mon>{MONTH_RE})(?!\s*\d)|(?P<we>(?i:weekend))"
)
_FULL_DAYS = "|".join(d.capitalize() for d in WEEKDAYS if d.endswith("day"))

AMOUNT_RULES = [
    Rule(
        "anchored",
        compile_rx(
            rf"{QUAL_RE}(?P<n>{COUNT_RE})[\s-]+(?:{_ADJ}\s+)?(?P<u>{UNIT_RE}){_HALF}"
            # "a year earlier": the adverb is part of the phrase; "two days before the vote":
            # the preposition is not (TimeML marks the amount and links it to the event).
            r"(?:\s+(?P<adv>(?i:earlier|later|previously)(?!\s+than\b)|(?i:before|after|afterwards?|prior"
            r"|on)(?=\s*(?:[,.;:!?)\"”\n]|$)))"
            r"|(?=\s+(?P<dir>(?i:earlier|later|before|after|afterwards?|prior|on)\b)))"
        ),
        _offset,
    ),
    Rule(
        "ago",
        compile_rx(
            rf"{QUAL_RE}(?:(?P<n>{COUNT_RE})[\s-]+)?(?:{_ADJ}\s+)?(?P<u>{UNIT_RE}){_HALF}"
            r"(?P<orso>\s+(?i:or\s+so))?\s+(?P<dir>(?i:ago|from\s+now|hence|back))"
        ),
        _offset,
    ),
    Rule(
        "duration",
        compile_rx(
            rf"{QUAL_RE}(?:(?P<rel>(?i:the\s+(?:past|last|next|coming|previous|first|final"
            r"|following|preceding|remaining|initial|latest|same)|past|next|first|final"
            # "is expected to last six weeks": the verb, not "the last six weeks"
            r"|(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmay\s)"
            r"(?<!\bmight\s)(?<!\bcan\s)(?<!\bshould\s)(?<!\bmust\s)last"
            r"|recent|the\s+recent))\s+"
            # "for the nine months": the article is the phrase's, as in "the past nine months";
            # not before a compound ("the three-day weekend" marks "three-day" alone)
            rf"|(?P<det>(?i:the))\s+(?=(?:{COUNT_RE})\s+(?:{_ADJ}\s+)?(?:{UNIT_RE})(?![\w-])))?"
            rf"(?P<n>{COUNT_RE})(?:[\s-]+{_ADJ})?[\s-]+(?P<u>{UNIT_RE})"
            rf"(?:-(?i:long)|{_HALF})?"
        ),
        _duration,
    ),
    Rule(
        "sessions",
        compile_rx(
            r"(?:(?P<rel>(?i:the\s+(?:past|last|previous|next|first|final)))\s+)?"
            rf"(?P<n>\d{{1,3}}|(?i:{NUMBER_WORD_RE}))"
            r"(?:[\s-]+(?P<run>(?i:straight|consecutive|successive)))?"
            r"\s+(?P<trading>(?i:trading\s+))?(?i:sessions)\b"
        ),
        _sessions,
    ),
    Rule(
        "bare_plural",
        compile_rx(
            r"(?:(?P<pre>(?i:over\s+the|recent|the\s+past\s+few|the\s+last\s+few))\s+)?"
            r"(?P<u>(?i:years|months|weeks|days|hours|minutes|decades|centuries))(?P<long>-long)?"
        ),
        _bare_plural,
    ),
    Rule(
        "bare_later",
        compile_rx(
            r"(?P<u>(?i:minutes|hours|days|weeks|months|years|decades))\s+(?P<adv>(?i:later|earlier))"
            r"(?!\s+than\b)"
        ),
        _bare_later,
    ),
    Rule(
        "set_every",
        compile_rx(
            rf"(?i:every|each|per)\s+(?:(?P<other>(?i:other|second|third|fourth))\s+)?"
            rf"(?:{_EVERY_TARGET})"
        ),
        _set_per,
    ),
    Rule(
        "set_times",
        compile_rx(
            rf"(?P<f>(?i:once|twice|thrice|(?:{COUNT_RE})\s+times))\s+(?i:a|an|per|every|each)\s+"
            rf"(?P<u>{UNIT_RE})"
        ),
        lambda m, ctx: _set_every(_FakeN(m), ctx),
    ),
    Rule(
        "set_word",
        compile_rx(
            rf"(?:(?P<f>(?i:once|twice|thrice|(?:{COUNT_RE})\s+times))\s+)?"
            r"(?P<w>(?i:hourly|daily|nightly|weekly|bi-?weekly|fortnightly"
            r"|monthly|quarterly|annually|annual|yearly|semi-?annual"
            r"|bi-?annual|semi-?annually|bi-?annually|bi-?monthly|biennial|biennially))"
        ),
        _set_word,
    ),
    Rule(
        "set_days", compile_rx(rf"(?P<wd>{_FULL_DAYS})s"), lambda m, ctx: _set_days(_Lower(m), ctx)
    ),
    Rule(
        "clock_ampm",
        compile_rx(
            r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm))"
            rf"(?:\s*{_TZ})?{_DAY_AFTER}"
        ),
        _clock,
    ),
    Rule(
        "clock_24h",
        compile_rx(rf"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!\d|:\d)(?:\s*{_TZ})?{_DAY_AFTER}"),
        _clock,
    ),
    Rule(
        # "at 10.45 BST": the British dotted clock, only with a zone (else a figure)
        "clock_dotted",
        compile_rx(
            r"(?<![\d.,$€£])(?P<h>[01]?\d|2[0-3])\.(?P<mi>[0-5]\d)\s*"
            rf"(?P<tz>UTC|GMT|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|JST|IST)\b{_DAY_AFTER}"
        ),
        _clock,
    ),
    Rule(
        "clock_military",
        compile_rx(
            rf"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>UTC|GMT|Z|(?i:hours|hrs)){_DAY_AFTER}"
        ),
        _clock,
    ),
    Rule(
        "clock_word",
        compile_rx(rf"(?P<word>(?i:noon|midday|midnight))(?:\s+{_TZ})?{_DAY_AFTER}"),
        _clock,
    ),
]


class _View:
    """A match seen through renamed groups (so alternatives can share one handler)."""

    def __init__(self, m: re.Match[str], groups: dict[str, str | None]):
        self._m = m
        self._g = groups

    def __getitem__(self, key: str) -> str | None:
        return self._g.get(key)

    def groupdict(self) -> dict[str, str | None]:
        return self._g

    def group(self, index: int = 0, /) -> str:
        return self._m.group(index)

    def span(self) -> tuple[int, int]:
        return self._m.span()

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


def _FakeN(m: re.Match[str]) -> _View:
    return _View(
        m, {"n": None, "u": m["u"], "other": None, "wd": None, "pod": None, "season": None}
    )


def _Lower(m: re.Match[str]) -> _View:
    return _View(m, {"wd": m["wd"]})
