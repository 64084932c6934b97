"""Rules for phrases relative to the publication date or to another event.

Weekdays ("on Tuesday": the Tuesday before in past-tense sentences, after in future ones),
"yesterday", "last week", "earlier this month", "by decade's end", "now", "recently", and
the event-anchored "the next day" / "that week" (anchor "event", no value).
"""

from __future__ import annotations

import re
from datetime import timedelta

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import (
    MOD_RE,
    Ctx,
    Hit,
    Ref,
    Rule,
    compile_rx,
    mod_of,
    weekday_meant,
)
from annotator.core.dates.timex_lexicon import NUMBER_WORD_RE, PARTS_OF_DAY, WEEKDAY_RE, WEEKDAYS
from annotator.core.dates.timex_unmarked import unmarked_present

_POD = r"(?P<pod>(?i:morning|afternoon|evening|night|overnight))"
_EDGE = {"early": "START", "late": "END"}


def _weekday(m: re.Match[str], ctx: Ctx) -> Hit | None:
    wd = WEEKDAYS[m["wd"].rstrip(".").lower()]
    rel = (m["rel"] or "").lower()
    pod = PARTS_OF_DAY.get((m["pod"] or m["over"] or "").lower())
    kind = "TIME" if pod else "DATE"
    mod = _EDGE.get(rel)
    if ctx.dct is None:
        return Hit(kind, f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else ""), "published", mod=mod)
    rel = re.sub(r"^this\s+", "", rel) if rel.startswith("this ") else rel  # "this past"
    relation = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(rel)
    if m["wk"]:
        shift = {"next": 7, "last": -7, "this": 0}[m["wk"].lower()]
        d = ctx.dct + timedelta(days=shift + wd - ctx.dct.weekday())
        return Hit(kind, R.day(d) + (f"T{pod}" if pod else ""), "published", mod=mod)
    d = weekday_meant(ctx, m, wd, relation)  # "rose ahead of a vote on Friday": ahead
    return Hit(kind, R.day(d) + (f"T{pod}" if pod else ""), "published", mod=mod)


_POD_CUES = {
    "in",
    "into",
    "during",
    "by",
    "until",
    "till",
    "through",
    "throughout",
    "since",
    "from",
}
# "by night", "from night to night": a manner or a repeat; "in the night" and "into the
# night" are the night the sentence is about.
_NIGHT_CUES = {"in", "into", "during", "through", "throughout"}
# "in the night sky", "during the morning rush hour"... a thing of that part of the day.
_POD_COMPOUND = re.compile(
    r"\s+(?i:sky|skies|sun|light|lights|air|shift|shifts|club|clubs|life|watch|vision|flights?"
    r"|trains?|bus|buses|market|school|owl|shelter|raids?|show|news|paper|edition|prayers?"
    r"|mist|fog|dew|star|stars|breeze|walk|run|commute|meeting|meetings|briefing)\b"
)
_POD_NOUNS = re.compile(r"\s+(?i:trading|session|dealings?|deals|hours|rush|commute|trade)\b")


def _pod_bare(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "in the morning", "in early afternoon trading": a part of the day the sentence is about
    (the finder gives it the day of the nearest dated phrase in its sentence, or the DCT)."""
    before = ctx.word_before(m)
    if _POD_COMPOUND.match(ctx.after(m)):
        return None
    if m["pod"].lower() == "night":
        if before not in _NIGHT_CUES or not m.group().lower().startswith("the"):
            return None
    elif before not in _POD_CUES and not _POD_NOUNS.match(ctx.after(m)):
        return None
    mod = _EDGE.get((m["edge"] or "").lower())
    return Hit("TIME", "T" + PARTS_OF_DAY[m["pod"].lower()], "published", mod=mod)


_RELDAY = {
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
    "tonight": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


# "today's GM", "by today's standards", "today's teenagers": the present, not the day.
_TODAYS_PRESENT = re.compile(
    r"['’]s\s+(?:(?:[A-Z][\w&.-]*)(?=\s*(?:[,.;:!?)\"”]|$))|(?i:world|society|youth|young"
    r"|generation|standards|children|teenagers|consumers|families|workers|economy"
    r"|technology|culture)\b)"
)


# "the cars of tomorrow", "the leaders of tomorrow"; not "the morning of tomorrow", "as of".
_OF_TOMORROW = re.compile(
    r"(?i)\b(?!(?:as|morning|afternoon|evening|night|end|start|beginning|events|session)\b)"
    r"[a-z]+s?\s+of\s+$"
)


def _before_last(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the week before last": two weeks back, as "the day before yesterday" is two days."""
    if ctx.dct is None:
        return Hit("DATE", None, "published")
    return Hit("DATE", _period(m["u"].lower(), -2, ctx, m), "published")


def _relday(m: re.Match[str], ctx: Ctx) -> Hit | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    if word == "today" and not (m["mod"] or m["pod"]) and _TODAYS_PRESENT.match(ctx.after(m)):
        return Hit("DATE", "PRESENT_REF", "published")
    if word == "tomorrow" and not (m["mod"] or m["pod"]) and _OF_TOMORROW.search(ctx.before(m)):
        return Hit("DATE", "FUTURE_REF", "published")  # "the cars of tomorrow": the future
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("NI" if word == "tonight" else None)
    kind = "TIME" if pod else "DATE"
    mod = _EDGE.get((m["mod"] or "").lower())
    if ctx.dct is None:
        return Hit(kind, None, "published", mod=mod)
    d = ctx.dct + timedelta(days=_RELDAY[word])
    return Hit(kind, R.day(d) + (f"T{pod}" if pod else ""), "published", mod=mod)


def _pod(m: re.Match[str], ctx: Ctx) -> Hit | None:
    pod = PARTS_OF_DAY[m["pod"].lower()]
    if ctx.dct is None:
        return Hit("TIME", None, "published")
    d = ctx.dct - timedelta(days=1) if m["rel"].lower() == "last" else ctx.dct
    return Hit("TIME", f"{R.day(d)}T{pod}", "published")


_UNIT_LETTER = {
    "week": "W",
    "weekend": "W",
    "month": "M",
    "year": "Y",
    "quarter": "Q",
    "decade": "DE",
    "century": "CE",
    "fiscal year": "Y",
    "financial year": "Y",
}


def _period(unit: str, k: int, ctx: Ctx, m: re.Match[str]) -> str:
    """The value of the ``unit`` containing the DCT shifted by ``k`` units."""
    dct = ctx.dct
    assert dct is not None
    if unit == "week":
        return R.week(dct + timedelta(weeks=k))
    if unit == "weekend":
        base = dct + timedelta(weeks=k)
        if k == 0 and dct.weekday() < 5 and ctx.tense(m) == "past":
            base = dct - timedelta(weeks=1)  # "this weekend" said on a weekday, in the past
        elif k == 1 and dct.weekday() < 5 and "coming" in m.group().lower():
            base = dct  # "the coming weekend" said on a weekday: the one ahead this week
        return R.week(base) + "-WE"
    if unit == "month":
        return R.month(*R.shift_month(dct.year, dct.month, k))
    if unit == "quarter":
        y, q = R.shift_quarter(*R.quarter_of(dct), k)
        return f"{y}-Q{q}"
    if unit == "decade":
        return str(dct.year // 10 + k)
    if unit == "century":
        return str(dct.year // 100 + k)
    if unit in ("fiscal year", "financial year"):
        return f"FY{dct.year + k}"
    return str(dct.year + k)


_REF_UNITS = {
    "year": ("year", "Y"),
    "quarter": ("quarter", "Q"),
    "month": ("month", "M"),
    "week": ("week", "W"),
    "fiscal year": ("fiscal", "Y"),
    "financial year": ("fiscal", "Y"),
}
_SHIFT = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}
_ANCHORED = {
    "same": "P0",
    "that": "P0",
    "that same": "P0",
    "following": "P1",
    "preceding": "-P1",
    "prior": "-P1",
}


def _rel_unit(m: re.Match[str], ctx: Ctx) -> Hit | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    has_the = rel.startswith("the ")
    rel = rel.removeprefix("the ").removeprefix("this ") if rel not in ("this",) else rel
    unit = re.sub(r"\s+", " ", m["u"].lower())
    letter = _UNIT_LETTER[unit]
    if rel in _ANCHORED or (has_the and rel == "previous"):
        offset = _ANCHORED.get(rel, "-P1") + letter
        offset = offset.replace("DE", "0Y").replace("CE", "00Y")
        k = int(offset[:-1].replace("P", "") or 0)
        if unit not in _REF_UNITS:
            return Hit("DATE", None, "event", offset=offset)
        # "the previous year": the year before the one the article is about (its DCT's, unless
        # it names another); the app still asks which event it hangs on.
        wanted, by = _REF_UNITS[unit]
        value = _period(unit, k, ctx, m) if ctx.dct else None
        return Hit("DATE", value, "event", offset=offset, ref=Ref(wanted, k, by))
    fiscal = unit in ("fiscal year", "financial year")
    if fiscal and has_the and rel in ("past", "last", "next", "coming"):
        # "the last fiscal year": a fiscal year is a named period, not twelve months up to now
        if ctx.dct is None:
            return Hit("DATE", None, "published", mod=mod_of(m))
        return Hit("DATE", _period(unit, _SHIFT[rel], ctx, m), "published", mod=mod_of(m))
    if has_the and rel == "last" and not m["mod"] and _results_for_the_last(m, ctx, unit):
        if ctx.dct is None:
            return Hit("DATE", None, "published")
        return Hit("DATE", _period(unit, -1, ctx, m), "published")
    if has_the and rel in ("past", "last", "next", "coming") and not m["mod"] and unit != "weekend":
        n, letter = {"decade": (10, "Y"), "century": (100, "Y"), "weekend": (2, "D")}.get(
            unit, (1, letter)
        )
        return Hit("DURATION", f"P{n}{letter}" if letter != "Q" else "P3M")
    mod = mod_of(m)
    if ctx.dct is None:
        return Hit("DATE", None, "published", mod=mod)
    return Hit("DATE", _period(unit, _SHIFT[rel], ctx, m), "published", mod=mod)


_RESULTS = re.compile(
    r"(?i)\b(?:profits?|loss(?:es)?|revenues?|sales|earnings|results|income|dividend)\b"
)
_REPORTED = re.compile(r"(?i)\b(?:posted|posts|reported|reports|recorded|booked|announced|made)\b")


def _results_for_the_last(m: re.Match[str], ctx: Ctx, unit: str) -> bool:
    """ "posted a profit for the last year": the year just ended, whose results are reported,
    not the twelve months up to now ("sales have doubled over the last year")."""
    if unit not in ("year", "quarter", "fiscal year") or ctx.word_before(m) not in ("for", "in"):
        return False
    s0 = ctx.sentences.bounds(m.start())[0]
    before = ctx.text[max(s0, m.start() - 150) : m.start()]
    return bool(_RESULTS.search(before)) and bool(_REPORTED.search(before))


def _weekend(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the weekend": the one just past in past-tense sentences, else the coming one."""
    if ctx.dct is None:
        return Hit("DATE", None, "published")
    reading = ctx.sentences.reading(*m.span())
    tense = reading.tense
    if tense == "future" and reading.past_frame and ctx.dct.weekday() <= 1:
        # "agreed over the weekend to buy", "said it would sign at the weekend", published on
        # a Monday or Tuesday: a future seen from the past, the weekend just gone
        tense = "past"
    saturday = R.weekday_date(ctx.dct, 5, tense)
    return Hit("DATE", R.week(saturday) + "-WE", "published")


def _unit_edge(m: re.Match[str], ctx: Ctx) -> Hit | None:
    unit = re.sub(r"\s+", " ", (m["u2"] or m["u3"]).lower()).removeprefix("trading ")
    edge = (m["m2"] or m["m3"]).lower()
    mod = {
        "end": "END",
        "close": "END",
        "turn": "START",
        "start": "START",
        "beginning": "START",
        "middle": "MID",
    }[edge]
    if unit == "day":
        # "closed at 9,000 at the end of the day": a market's day, not the idiom ("At the end
        # of the day, voters want jobs"), so only after figures in the same sentence
        s0 = ctx.sentences.bounds(m.start())[0]
        trading = "trading" in m.group().lower()  # never the idiom
        # "by the end of the day", "until the end of the day": a deadline, never the idiom
        deadline = ctx.word_before(m) in ("by", "until", "till", "before")
        if (
            not trading
            and not deadline
            and not re.search(r"\d[^,;]*$", ctx.text[max(s0, m.start() - 80) : m.start()])
        ):
            return None
        ref = Ref("day", 0, "D")
        return Hit("DATE", R.day(ctx.dct) if ctx.dct else None, "published", mod=mod, ref=ref)
    if ctx.dct is None:
        return Hit("DATE", None, "published", mod=mod)
    return Hit("DATE", _period(unit, 0, ctx, m), "published", mod=mod)


# Uses of these words that TimeML does not mark: "now that" (a conjunction), "the now-defunct",
# "Now, ..." (a discourse marker), "the current account", "most recent" (the latest), "as soon
# as", "soon after the vote" (hangs on an event).
_NOT_CURRENT = re.compile(
    r"(?i:\s+(?:account|affairs|events|issue|edition|assets?|liabilit(?:y|ies)|ratio|yield"
    r"|and|or)s?\b|-|\s*[,.;:)])"
)
_NOT_SOON = re.compile(r"(?i:\s+(?:as|after|afterwards?|thereafter)\b|-|er\b)")


# Words before an adjective "current" of time: "the current crisis", "at current prices",
# "under current law"; not "a strong current", "electric current", and not after an owner
# ("the nation's current fleet", "its current models": what it has, which TimeML leaves).
_CURRENT_AFTER = {"the", "at", "in", "of", "from", "to", "with", "under", "for", "by", "on"}


def _current_before(m: re.Match[str], ctx: Ctx) -> bool:
    if ctx.word_before(m) in _CURRENT_AFTER:
        return True
    s0 = ctx.sentences.bounds(m.start())[0]
    return not ctx.text[s0 : m.start()].strip(" \"“'‘(")  # the sentence's first word


_COUNTED_PAST = re.compile(rf"\s+(?:\d|(?i:(?:{NUMBER_WORD_RE}|few|several|couple)\b))")


def _ref(m: re.Match[str], ctx: Ctx) -> Hit | None:
    word = m.group().lower()
    after = ctx.after(m, 20)
    if unmarked_present(m, ctx):
        return None
    if word == "now" and (
        re.match(r"[-–]", after)
        or re.match(r"\s+(?:that|and\s+(?:then|again)|or\s+never)\b", after)
        or (re.match(r"\s*,", after) and ctx.sentences.bounds(m.start())[0] == m.start())
    ):
        return None
    if m["present"]:
        if word == "current" and (_NOT_CURRENT.match(after) or not _current_before(m, ctx)):
            return None
        if word.startswith("the time") and ctx.word_before(m) != "for":
            return None  # "the time being spent": not "for the time being"
        return Hit("DATE", "PRESENT_REF", "published")
    if word.startswith("recent") and (
        ctx.word_before(m) in ("most", "more") or re.match(r"-", after)
    ):
        return None
    if (
        m["future"]
        and word.endswith("soon")
        and (_NOT_SOON.match(after) or ctx.word_before(m) in ("as", "how", "too"))
    ):
        return None
    if m["past"]:
        if m["past"].lower().startswith("the") and ctx.word_before(m) not in ("in", "of", "for"):
            return None
        if _COUNTED_PAST.match(after):
            return None  # "in the past two rounds": a count of something else, not the past
        return Hit("DATE", "PAST_REF", "published")
    if m["future"].lower().startswith("the") and ctx.word_before(m) not in (
        "in",
        "for",
        "into",
        "over",
        "of",
    ):
        return None
    return Hit("DATE", "FUTURE_REF", "published")


_DAY_UNITS = {
    "day": "D",
    "morning": "D",
    "afternoon": "D",
    "evening": "D",
    "night": "D",
    "session": "D",  # a market's trading day
    "trading day": "D",
    "trading session": "D",
    "week": "W",
    "weekend": "W",
    "month": "M",
    "year": "Y",
}


def _event_day(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m["ba"]:
        return Hit("DATE", None, "event", offset="-P1D" if m["ba"].lower() == "before" else "P1D")
    rel = re.sub(r"\s+same$", "", (m["rel"] or m["rel2"]).lower())
    unit = re.sub(r"\s+", " ", (m["u"] or m["u2"]).lower())
    sign = {
        "next": "P1",
        "following": "P1",
        "previous": "-P1",
        "preceding": "-P1",
        "prior": "-P1",
        "same": "P0",
        "that": "P0",
    }[rel]
    kind = "TIME" if unit in ("morning", "afternoon", "evening", "night") else "DATE"
    return Hit(kind, None, "event", offset=sign + _DAY_UNITS[unit])


_REL_WORDS = (
    r"(?i:this\s+past|this\s+coming|this|last|next|past|previous|coming|current|that\s+same|that"
    r"|the\s+(?:current|past|last"
    r"|previous|coming|next|same|following|preceding|prior))"
)
_UNITS_REL = r"(?i:week(?:end)?|month|year|quarter|decade|century|(?:fiscal|financial)\s+year)"

RELATIVE_RULES = [
    Rule(
        "weekday",
        compile_rx(
            rf"(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|past"
            r"|coming|early|late))\s+|(?P<over>(?i:overnight))\s+)?"  # "overnight Tuesday"
            rf"(?P<wd>{WEEKDAY_RE})(?:\s+{_POD})?"
            # "Friday next week", "Tuesday of last week": the day in the week named
            r"(?:\s+(?:(?i:of)\s+)?(?P<wk>(?i:next|last|this))\s+(?i:week)(?![\w'’-]))?"
        ),
        _weekday,
    ),
    Rule(
        "relday",
        compile_rx(
            r"(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?P<w>(?i:the\s+day\s+before\s+yesterday"
            r"|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight))"
            rf"(?:\s+{_POD})?"
        ),
        _relday,
    ),
    Rule(
        "pod",
        # "later this morning": the adverb is the phrase's, as in "later this month"
        compile_rx(rf"(?:(?i:earlier|later)\s+(?=(?i:this)\s))?(?P<rel>(?i:this|last))\s+{_POD}"),
        _pod,
    ),
    Rule(
        "pod_bare",
        compile_rx(
            r"(?:(?i:the)\s+)?(?:(?P<edge>(?i:early|late|mid))[- ]?)?"
            r"(?P<pod>(?i:morning|afternoon|evening|night))(?![-’'])"
        ),
        _pod_bare,
    ),
    Rule(
        "rel_unit",
        compile_rx(
            rf"(?:{MOD_RE}|(?P<ee>(?i:earlier|later))\s+)?"
            rf"(?P<rel>{_REL_WORDS})\s+(?P<u>{_UNITS_REL})"
            r"(?!['’]s\s+(?i:end|close|start|beginning))"
        ),
        _rel_unit,
    ),
    Rule("weekend", compile_rx(r"(?i:the\s+weekend)"), _weekend),
    Rule(
        "unit_edge",
        compile_rx(
            r"(?i:(?:the\s+(?:very\s+)?)?(?P<m2>end|close|turn|start|beginning|middle)\s+of\s+"
            r"(?:the|this)\s+(?P<u2>decade|century|(?:fiscal\s+|financial\s+)?year|month|week"
            r"|(?:trading\s+)?day)|(?:the\s+)?(?P<u3>decade|century|year|month"
            r"|week)['’]s\s+(?P<m3>end|close|start|beginning))"
        ),
        _unit_edge,
    ),
    Rule(
        "ref",
        compile_rx(
            r"(?i:(?P<present>right\s+now|now|currently|at\s+present|presently|nowadays"
            r"|these\s+days|at\s+the\s+moment|the\s+present\s+day|present[- ]day"
            r"|the\s+time\s+being"
            r"|(?<![\w-])current(?=\s+[a-z]))"
            r"|(?P<past>(?:(?:more|most|very)\s+)?recently|lately|the\s+past|recent\s+times|recent)"
            r"|(?P<future>the\s+future|the\s+(?:near|short|long|medium)\s+term"
            r"|the\s+(?:near|distant)\s+future|the\s+coming\s+(?:days|weeks|months|years)"
            r"|the\s+(?:days|weeks|months|years)\s+(?:ahead(?!\s+of\b)|to\s+come)"
            r"|(?:very\s+)?soon))"
        ),
        _ref,
    ),
    Rule(
        "before_last",
        compile_rx(r"(?i:the\s+(?P<u>week|weekend|month|year)\s+before\s+last)(?![\w'’-])"),
        _before_last,
    ),
    Rule(
        "event_day",
        compile_rx(
            r"(?i:the\s+(?P<rel>next|following|previous|preceding|same|prior)\s+(?P<u>day|morning"
            r"|afternoon|evening|night|session|trading\s+(?:day|session))(?!-)"
            r"|(?:(?:later|earlier)\s+)?(?P<rel2>that(?:\s+same)?)\s+"
            r"(?P<u2>day|morning|afternoon|evening|night)"
            r"|the\s+day\s+(?P<ba>before|after)(?!\s+(?:yesterday|tomorrow)))"
        ),
        _event_day,
    ),
]
