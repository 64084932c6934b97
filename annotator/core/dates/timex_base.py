"""What every finder rule shares: the match context, the result of a rule, common regex parts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_governing import weekday_tense
from annotator.core.dates.timex_tense import SentenceIndex


@dataclass(frozen=True)
class Ref:
    """A value to read from the article's own dates: the period it last named ("for the
    quarter"), moved by ``shift`` units of ``by`` ("a year earlier": -1 Y)."""

    unit: str  # what is wanted: "period" (the named one's own unit), "quarter", "year", ...
    shift: int = 0
    by: str = "Y"  # Y, Q, M, W or D
    sentence_only: bool = False  # "from a year ago": only a period named before, in its sentence
    year: int | None = None  # "the same period of 2008": that year instead of a shift
    # Whether the phrase names the period for those after it ("for the quarter" does; "the
    # biggest gain of the year" only points at it, and "a year ago" after it still compares
    # with the month named before).
    names: bool = True


@dataclass
class Hit:
    """What a rule says about its match: TIMEX3 type and value, and how it was resolved."""

    type: str
    value: str | None
    anchor: str | None = None  # "published", "event" or None (absolute)
    offset: str | None = None  # for event-anchored phrases: "P2D" after, "-P2D" before
    mod: str | None = None
    # When set, ``value`` is read from the DCT only: the article's dates may give a better one.
    ref: Ref | None = None


class Ctx:
    """The text being searched, its sentences and the publication date (may be None)."""

    def __init__(self, text: str, sentences: SentenceIndex, dct: date | None):
        self.text = text
        self.sentences = sentences
        self.dct = dct

    def tense(self, m: re.Match[str]) -> str:
        return self.sentences.tense(*m.span())

    def before(self, m: re.Match[str], n: int = 30) -> str:
        return self.text[max(0, m.start() - n) : m.start()]

    def after(self, m: re.Match[str], n: int = 30) -> str:
        return self.text[m.end() : m.end() + n]

    def word_before(self, m: re.Match[str]) -> str:
        words = re.findall(r"[\w'’]+", self.before(m, 25))
        return words[-1].lower() if words else ""


def weekday_meant(ctx: Ctx, m: re.Match[str], weekday: int, relation: str | None = None) -> date:
    """The day named ``weekday`` (0 = Monday) that the phrase ``m`` means, said on the DCT:
    read by its governing verb, or ahead where a past verb looks ahead (``weekday_tense``)."""
    assert ctx.dct is not None
    reading = ctx.sentences.reading(*m.span())
    tense = weekday_tense(reading, ctx.before(m, 100), ctx.dct, weekday)
    return R.weekday_date(ctx.dct, weekday, tense, relation)


Handler = Callable[[re.Match[str], Ctx], Hit | None]


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    # Whether the rule may fire depends on the text only, never on the DCT, so that a
    # DCT range finds the same spans at both ends. The words every match must contain are
    # listed in candidates.TRIGGERS: a changed regex may need its entry changed too.


# "early June", "mid-2011", "the end of this year": the modifier and its TIMEX3 mod.
MOD_RE = (
    r"(?:(?P<mod>(?i:early|mid|late|the\s+(?:very\s+)?(?:beginning|start|end|middle|close|turn"
    r"|first\s+half|second\s+half|latter\s+part|early\s+part)\s+of|(?:beginning|start|end"
    r"|middle)\s+of))[- ]?\s*)"
)
_MODS = {
    "early": "START",
    "beginning": "START",
    "start": "START",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "end": "END",
    "close": "END",
    "turn": "START",
    "first": "START",
    "second": "END",
    "latter": "END",
    "earlier": None,
    "later": None,
}


def mod_of(m: re.Match[str], group: str = "mod") -> str | None:
    word = m.groupdict().get(group)
    if not word:
        return None
    w = re.sub(r"^the\s+(?:very\s+)?", "", word.strip().lower())
    return _MODS.get(re.split(r"[\s-]", w)[0])


# Qualifiers before amounts of time: "nearly five months", "more than a year".
QUAL_RE = (
    r"(?:(?P<qual>(?i:a\s+little\s+(?:over|under|more\s+than|less\s+than)"
    r"|(?:just|slightly|little)\s+(?:more\s+than|less\s+than|over|under)"
    r"|about|around|nearly|almost|roughly|approximately|some"
    r"|more\s+than|less\s+than|fewer\s+than|over(?!\s+the)|under|at\s+least|at\s+most|up\s+to"
    r"|upwards\s+of|close\s+to|barely|exactly|well\s+over|a\s+full|the\s+full"
    r"|another|an\s+additional|a\s+further|as\s+(?:much|long|many)\s+as|as\s+(?:little|few)\s+as"
    r"|no\s+(?:more|longer)\s+than|no\s+(?:less|fewer)\s+than|not\s+more\s+than"
    r"|(?:almost|nearly)\s+exactly))\s+)?"
)
_QUALS = {
    "about": "APPROX",
    "around": "APPROX",
    "nearly": "APPROX",
    "almost": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "close to": "APPROX",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "well over": "MORE_THAN",
    "upwards of": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "barely": "LESS_THAN",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "as much as": "EQUAL_OR_LESS",
    "as long as": "EQUAL_OR_LESS",
    "as many as": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "no longer than": "EQUAL_OR_LESS",
    "not more than": "EQUAL_OR_LESS",
    "no less than": "EQUAL_OR_MORE",
    "no fewer than": "EQUAL_OR_MORE",
    "almost exactly": "APPROX",
    "nearly exactly": "APPROX",
}


def qual_of(m: re.Match[str]) -> str | None:
    word = m.groupdict().get("qual")
    if not word:
        return None
    # "just over", "a little more than": the comparison, not the hedge
    w = re.sub(r"^(?:a\s+little|just|slightly|little)\s+", "", word.lower())
    return _QUALS.get(re.sub(r"\s+", " ", w))


def compile_rx(pattern: str) -> re.Pattern[str]:
    """Case-sensitive by default (names must be capitalised); parts opt in with (?i:...)."""
    # No word character may touch either end, except that a capital may follow a digit
    # ("March 11, 2025Updated 2:53 p.m.": page furniture glued to a date).
    return re.compile(
        r"(?<![\w@#/])(?<!\d[,.])(?:" + pattern + r")(?![@/])(?!(?<=\w)[a-z0-9_])"
        r"(?!(?<=[A-Za-z_])[A-Z])"
    )
