"""Rules for the extent of amounts of time: ranges ("six to eight weeks", "between 60 and 90
days"), "-long" adjectives ("a week-long festival") and "all week".

TimeML marks each end of a range on its own: the first number alone ("six", P6W, its unit read
from the second end) and the second with its unit ("eight weeks", found by the duration rule).
In "a week-long festival" the article belongs to the festival: the phrase is "week-long".
"""

from __future__ import annotations

import re

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Ctx, Hit, Rule, compile_rx
from annotator.core.dates.timex_lexicon import (
    NUMBER_WORD_RE,
    UNIT_RE,
    UNITS,
    number_value,
    unit_key,
)

_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?i:{NUMBER_WORD_RE}))"


def _range_head(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if re.match(r"(?i:[\s-]+old\b|\s+of\s+age\b)", ctx.text[m.end("u") : m.end("u") + 12]):
        return None  # "children 6 to 12 years old": ages
    if ctx.word_before(m) in ("aged", "ages", "age"):
        return None
    if ctx.word_before(m) in ("every", "each"):
        return None  # "every 2-3 hours" repeats: the second end is found as an amount
    n, n2 = number_value(m["n"]), number_value(m["n2"])
    if n is None or n2 is None or not 0 < n < n2:
        return None  # "12 to 3 years" is no range; nor a count and a different amount
    letter, mult, time_part = UNITS[unit_key(m["u"])]
    return Hit("DURATION", R.duration(n * mult, letter, time_part))


def _unit_long(m: re.Match[str], ctx: Ctx) -> Hit | None:
    letter, mult, time_part = UNITS[unit_key(m["u"])]
    return Hit("DURATION", R.duration(mult, letter, time_part))


def _all_unit(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "lasted all week", "worked all night": the whole unit, a DURATION."""
    letter, mult, time_part = UNITS[unit_key(m["u"])]
    return Hit("DURATION", R.duration(mult, letter, time_part))


RANGE_RULES = [
    Rule(
        "all_unit",
        compile_rx(r"(?i:all)\s+(?P<u>(?i:day|night|week|month|year))(?!['’-])(?:\s+(?i:long))?"),
        _all_unit,
    ),
    Rule(
        "unit_long",
        compile_rx(
            r"(?P<u>(?i:second|minute|hour|day|night|week|fortnight|month|year|decade|century))"
            r"-(?i:long)"
        ),
        _unit_long,
    ),
    Rule(
        # "a weeklong festival", "a yearlong probe": the closed compound of "week-long"
        "unit_long_closed",
        compile_rx(r"(?P<u>(?i:hour|day|night|week|month|year|decade))(?i:long)(?![\w'’-])"),
        _unit_long,
    ),
    Rule(
        "range_head",
        compile_rx(
            rf"(?P<n>{_NUM})(?=\s*(?:(?i:to|and|or)\s+|[-–]\s*)(?P<n2>{_NUM})[\s-]+"
            rf"(?:(?i:more|additional|consecutive|straight|full)\s+)?(?P<u>{UNIT_RE})\b)"
        ),
        _range_head,
    ),
]
