"""Where each finder rule matches, without running every rule over the whole text.

Running each of the 35 rule regexes over 1 MB costs seconds: the engine tries every rule at
every word start. Instead, every match of a rule contains one of its trigger words ("days" for
an amount of time, a month name for a date, four digits for a year), so one pass finds the
trigger words and each rule is tried only at the word starts shortly before its triggers.
"Shortly" is counted in gaps (runs of whitespace or hyphens) between the match start and the
trigger, never in characters, so long runs of spaces or digits cannot hide a match. Matches
are taken left to right without overlap, exactly as ``finditer`` takes them, so the result is
the same as scanning the whole text with every rule (the tests compare the two).

A trigger is a whole token: a maximal run of ASCII letters (compared in lower case) or of
digits (any script, as ``\\d``; keyed by length, as each rule reads a run of digits whole).
Inside a match, rule regexes put no ASCII letter right after a trigger word, and none right
before it except a modifier run into it ("midDecember"), which makes the token test safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TypeAlias

from annotator.core.dates.timex_base import Rule
from annotator.core.dates.timex_lexicon import MONTHS, WEEKDAYS

# Trigger keys of runs of digits, by length: "2011" is D4, "3" in "3 p.m." is D1.
D1, D2, D4 = "1", "22", "4444"
_DIGIT_KEYS = {1: D1, 2: D2, 4: D4}
_UNITS = (
    "second",
    "minute",
    "hour",
    "day",
    "night",
    "week",
    "fortnight",
    "month",
    "quarter",
    "year",
    "decade",
)
_UNIT_WORDS = frozenset([*_UNITS, *(u + "s" for u in _UNITS), "century", "centuries"])
_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS)
_PODS = frozenset(("morning", "afternoon", "evening", "night", "overnight"))
_DECADE_WORDS = (
    "noughties aughts twenties thirties forties fifties sixties seventies eighties nineties".split()
)
_MOD = 5  # gaps inside a leading MOD_RE: "the very first half of" + the gap after it
_QUAL = 4  # "a little more than" + the gap after it
_COUNT = 4  # "twenty-five and a half"

# rule name -> (trigger words, most gaps between the start of a match and its trigger word)
TRIGGERS: dict[str, tuple[frozenset[str], int]] = {
    "iso": (frozenset((D4,)), 0),
    "mdy": (_MONTH_WORDS, 2),  # "Monday, the" March
    "dmy": (_MONTH_WORDS, 4),  # "Monday, the 3rd of" March
    "week_of_month": (frozenset(("week",)), 2),  # "the first" week
    "part_of_period": (frozenset(("day", "week", "month")), 2),  # "the first" week
    "numeric": (frozenset((D1, D2)), 0),
    "month_year": (_MONTH_WORDS, _MOD),
    "month": (_MONTH_WORDS, _MOD),
    "year": (frozenset((D4,)), _MOD + 2),  # or "fiscal year", two gaps; MOD "the year" 2000
    "short_year": (frozenset((D2,)), 0),
    "decade": (frozenset((D2, D4)), _MOD + 1),  # MOD "the" 1990s, '90s
    "century": (frozenset(("century",)), _MOD + 3),  # MOD "the twenty-first" century
    # "the end of the first" quarter, Q3
    "quarter": (frozenset(("quarter", "qtr", "q")), 7),
    "half": (frozenset(("half",)), 2),  # "the first" half
    "season": (frozenset(("spring", "summer", "autumn", "winter", "fall")), _MOD + 1),
    "holiday": (
        frozenset(
            (
                "new",
                "valentine",
                "independence",
                "halloween",
                "christmas",
                "boxing",
                "easter",
                "thanksgiving",
                "good",
                "labor",
                "memorial",
                "veterans",
                "martin",
                "mlk",
                "presidents",
                "columbus",
                "mother",
                "father",
                "juneteenth",
                "st",
                "saint",
                "bastille",
                "canada",
                "australia",
                "remembrance",
                "armistice",
                "may",
            )
        ),
        0,
    ),
    "weekday": (_WEEKDAY_WORDS, 2),  # "this past" Monday
    # "early the day before" yesterday
    "relday": (frozenset(("yesterday", "today", "tomorrow", "tonight")), 4),
    "pod": (_PODS, 2),  # "later this" morning
    "pod_bare": (_PODS, 2),  # "the early" morning
    "rel_unit": (
        frozenset(
            (
                "week",
                "weekend",
                "month",
                "year",
                "quarter",
                "decade",
                "century",
                "fiscal",
                "financial",
            )
        ),
        _MOD + 2,
    ),  # MOD "this past" year
    "weekend": (frozenset(("weekend",)), 1),
    "before_last": (frozenset(("week", "weekend", "month", "year")), 1),  # "the" week
    "sessions": (frozenset(("sessions",)), 6),  # "the past twenty-five straight trading" sessions
    # "the end of this" year, "the year's end"
    "unit_edge": (frozenset(("decade", "century", "year", "month", "week", "day")), 6),
    "ref": (
        frozenset(
            (
                "now",
                "currently",
                "present",
                "presently",
                "nowadays",
                "days",
                "moment",
                "recently",
                "recent",
                "current",
                "soon",
                "lately",
                "past",
                "future",
                "term",
                "coming",
                "ahead",
                "come",
                "being",
            )
        ),
        3,  # "the weeks to" come
    ),
    "possessive": (frozenset(("quarter", "half")), 5),  # "the previous year's fourth-" quarter
    "spelled_year": (
        frozenset(("eighteen", "nineteen", "twenty", "thousand")),
        3,
    ),  # "the year" two
    "fiscal_short": (frozenset((D2,)), 2),  # "fiscal year" 89
    "split_fiscal": (frozenset((D4,)), 2),  # "the" 2005-06, "fiscal year" 2005-06
    "week_number": (frozenset(("week",)), 0),
    "iso_week": (frozenset((D4,)), 1),  # W07 2024
    "year_ago": (frozenset(("year",)), 2),  # "the" year-ago, "the prior-" year
    # "the" same
    "same_period": (frozenset(("same", "comparable", "corresponding", "equivalent")), 1),
    "anaphoric": (
        frozenset(("quarter", "year", "period", "month", "week", "day", "fiscal", "financial")),
        2,
    ),  # "the fiscal" year
    # "later that same" day, "the previous trading" session
    "event_day": (frozenset(("day", "morning", "afternoon", "evening", "night", "session")), 3),
    "anchored": (_UNIT_WORDS, _QUAL + _COUNT + 2),  # QUAL COUNT "-" ADJ unit
    "ago": (_UNIT_WORDS, _QUAL + _COUNT + 2),
    "duration": (_UNIT_WORDS, _QUAL + 2 + _COUNT + 2),  # QUAL "the past" COUNT ADJ unit
    "bare_plural": (
        frozenset(("years", "months", "weeks", "days", "hours", "minutes", "decades", "centuries")),
        3,
    ),  # "the past few" days
    "bare_later": (
        frozenset(("minutes", "hours", "days", "weeks", "months", "years", "decades")),
        0,
    ),
    "set_every": (frozenset(("every", "each", "per")), 0),
    "set_times": (frozenset(("once", "twice", "thrice", "times")), _COUNT + 1),
    "set_word": (
        frozenset(
            (
                "hourly",
                "daily",
                "nightly",
                "weekly",
                "biweekly",
                "fortnightly",
                "monthly",
                "quarterly",
                "annually",
                "annual",
                "yearly",
                "semiannual",
                "biannual",
                "semiannually",
                "biannually",
                "bimonthly",
                "biennial",
                "biennially",
            )
        ),
        _COUNT + 1,  # "twenty-five times" daily
    ),
    "set_days": (frozenset(d + "s" for d in WEEKDAYS if d.endswith("day")), 0),
    "clock_ampm": (frozenset((D1, D2)), 0),
    "clock_24h": (frozenset((D1, D2)), 0),
    "clock_dotted": (frozenset((D1, D2)), 0),
    "clock_military": (frozenset((D4,)), 0),
    "clock_word": (frozenset(("noon", "midday", "midnight")), 0),
    # timex_daytime: "shortly after ten o'" clock, "about 2:30 in the" morning
    "oclock": (frozenset(("clock",)), _QUAL + 2),
    "clock_pod": (frozenset(("morning", "afternoon", "evening", "night")), _QUAL + 4),
    "twilight": (
        frozenset(
            ("dawn", "daybreak", "sunrise", "light", "dusk", "sunset", "sundown", "nightfall")
        ),
        1,
    ),
    "edge_pod": (frozenset(("morning", "afternoon", "evening", "night")), 2),
    "pod_of": (frozenset(("morning", "afternoon", "evening", "night")), 2),
    "clock_range": (frozenset((D1, D2)), 0),
    # timex_ranges: "twenty-five to thirty-five consecutive" days
    "range_head": (_UNIT_WORDS, 2 * _COUNT + 2),
    "unit_long": (_UNIT_WORDS, 0),
    "unit_long_closed": (
        frozenset(u + "long" for u in ("hour", "day", "night", "week", "month", "year", "decade")),
        0,
    ),
    "all_unit": (frozenset(("day", "night", "week", "month", "year")), 1),
    # timex_sets: "twenty-five working days a" week; Monday mornings
    "set_rate": (_UNIT_WORDS, _COUNT + 3),
    "weekday_pods": (frozenset(("mornings", "afternoons", "evenings", "nights")), 1),
    "per_annum": (frozenset(("annum",)), 1),
    "weekends": (frozenset(("weekends",)), 0),
    "week_of": (frozenset(("week",)), 1),  # "the" week of
    "decade_word": (frozenset(_DECADE_WORDS), 3),  # "the late nineteen-" sixties
    # "the entire" year, "the entire fiscal" year
    "whole_period": (frozenset(("quarter", "year", "month", "week", "fiscal", "financial")), 2),
    "period_subject": (frozenset(("quarter", "year", "period", "month")), 1),  # "the" quarter
    "half_alone": (frozenset(("half",)), 2),  # "the first" half
    "story_day": (frozenset(("day",)), 1),  # "the" day
    "that_time": (frozenset(("time",)), 1),  # "that" time
    "quarter_ended": (frozenset(("quarter",)), 2),  # "the fiscal" quarter
    "year_ended": (frozenset(("year",)), 2),  # "the fiscal" year
    # "the just-completed" quarter
    "latest": (frozenset(("quarter", "month", "year", "period")), 4),
    "named_day": (frozenset(("black", "cyber")), 0),
    "ordinal_day": (_MONTH_WORDS, 4),  # "the twenty first of" April
    "nine_eleven": (frozenset((D1, "september", "sept", "sep")), 1),  # "the" September 11
    "period_end": (frozenset(("year", "quarter", "month", "midyear")), 2),  # "the" mid-year
    "month_day": (frozenset((D1, D2)), 1),  # "the" 14th
    "month_span": (_MONTH_WORDS, 1),  # "the" January-March quarter
    "month_quarter": (_MONTH_WORDS, 1),  # "the" September quarter
    "year_to_date": (frozenset(("year",)), 1),  # "the" year to date  # "the" year-end
}


# One letter to the words' rest; the key "" marks the end of a word.
_Trie: TypeAlias = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> str:
    """One regex alternation of ``words`` sharing prefixes: "da(?:ys?)?" for day and days, so
    the engine tries a letter once rather than every word in turn."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        alts = [re.escape(ch) + render(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)


_WORDS = {w for words, _ in TRIGGERS.values() for w in words if w not in _DIGIT_KEYS.values()}
# Searched in the lower-cased text, so that the engine can skip ahead by first letter. A hit
# inside a longer word ("holidays") is dropped by the check on the letter before it.
_WORD = re.compile(_trie(_WORDS) + "(?![a-z])")
_DIGIT_RUN = re.compile(r"\d+")
# Where a match may start: what every rule regex asserts first (see compile_rx), checked
# after the character so that the engine can skip whitespace quickly.
_START = re.compile(r"\S(?<![\w@#/].)(?<!\d[,.].)")
_DENSE = 16  # more than one start to try per 16 characters: scan the text whole
# Characters that case-insensitive matching equates with an ASCII letter (ſ with s, the
# Kelvin sign with k, dotted and dotless i with i): a text holding one is scanned in full.
_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
# MOD_RE may run straight into the month or season after it: "midDecember", "the end ofMay".
_GLUED = ("early", "mid", "late", "of")


def full_scan(text: str, rules: Sequence[Rule]) -> list[list[re.Match[str]]]:
    """Every rule over the whole text: the reference the windowed search must equal."""
    return [list(rule.regex.finditer(text)) for rule in rules]


def rule_matches(text: str, rules: Sequence[Rule]) -> list[list[re.Match[str]]]:
    """For each rule, its ``finditer`` matches over ``text``, in order."""
    lower = text.lower()
    if (
        len(lower) != len(text)
        or _FOLDS.search(text)
        or any(rule.name not in TRIGGERS for rule in rules)
    ):
        return full_scan(text, rules)
    where = _trigger_positions(text, lower)
    backwards = text[::-1]
    # Rules sharing trigger words and reach share their start positions.
    starts: dict[tuple[frozenset[str], int], list[int] | None] = {}
    out = []
    for rule in rules:
        key = TRIGGERS[rule.name]
        if key not in starts:
            words, reach = key
            windows = _windows(_merged(where.get(w, ()) for w in words), backwards, reach)
            tries = [
                s.start() for first, last in windows for s in _START.finditer(text, first, last + 1)
            ]
            # Where starts are dense (a text of nothing but dates), one scan of the whole text
            # in C is cheaper than trying them one by one from Python.
            starts[key] = None if len(tries) * _DENSE > len(text) else tries
        positions = starts[key]
        out.append(
            list(rule.regex.finditer(text))
            if positions is None
            else _scan(text, rule.regex, positions)
        )
    return out


def _trigger_positions(text: str, lower: str) -> dict[str, list[int]]:
    """Trigger key -> where its tokens start, in order."""
    where: dict[str, list[int]] = {}
    for m in _DIGIT_RUN.finditer(text):
        key = _DIGIT_KEYS.get(m.end() - m.start())
        if key:
            where.setdefault(key, []).append(m.start())
    for m in _WORD.finditer(lower):
        k = m.start()
        if k and _letter(lower, k - 1) and not _after_modifier(lower, k):
            continue  # the end of a longer word ("holidays")
        where.setdefault(m.group(), []).append(k)
    return where


def _letter(lower: str, i: int) -> bool:
    return i >= 0 and "a" <= lower[i] <= "z"


def _after_modifier(lower: str, k: int) -> bool:
    for word in _GLUED:
        j = k - len(word)
        if j >= 0 and lower.startswith(word, j) and not _letter(lower, j - 1):
            return True
    return False


def _merged(lists: Iterable[Sequence[int]]) -> list[int]:
    out: list[int] = []
    for positions in lists:
        out.extend(positions)
    out.sort()
    return out


@cache
def _back(reach: int) -> re.Pattern[str]:
    """Read in the reversed text from a trigger: the rest of its run, then up to ``reach`` gaps,
    each with the run before it. Where it ends is the first place a match may start."""
    return re.compile(rf"[^\s-]*(?:[\s-]+[^\s-]+){{0,{reach}}}")


def _windows(triggers: list[int], backwards: str, reach: int) -> list[tuple[int, int]]:
    """[first, last] start positions to try: from ``reach`` gaps before each trigger to it.

    ``backwards`` is the text reversed: the walk back from a trigger is a forward match there.
    It never goes past the previous trigger (the windows then join anyway), so each stretch of
    text is walked once, however many triggers a run of text holds.
    """
    back = _back(reach)
    n = len(backwards)
    out: list[tuple[int, int]] = []
    for k in triggers:
        floor = out[-1][1] + 1 if out else 0
        walked = back.match(backwards, n - k, n - min(floor, k))
        first = n - walked.end() if walked else k  # it always matches: every part is optional
        if out and first <= floor:
            out[-1] = (out[-1][0], k)  # triggers are sorted, so ``first`` never goes back
        else:
            out.append((first, k))
    return out


def _scan(text: str, regex: re.Pattern[str], positions: list[int]) -> list[re.Match[str]]:
    """``regex.finditer(text)``, trying only the start positions given (sorted)."""
    found: list[re.Match[str]] = []
    end = 0
    for p in positions:
        if p >= end:
            m = regex.match(text, p)
            if m is not None:
                found.append(m)
                end = m.end()
    return found
