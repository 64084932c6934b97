"""Rules for repeated times the frequency rules do not read: "three days a week", "20 hours
per month" (one SET, the period it repeats in), "Monday mornings", "per annum", "on weekends"."""

from __future__ import annotations

import re
from collections.abc import Callable

from annotator.core.dates import timex_resolve as R
from annotator.core.dates.timex_base import Ctx, Hit, Rule, compile_rx
from annotator.core.dates.timex_lexicon import COUNT_RE, UNIT_RE, UNITS, WEEKDAYS, unit_key

# Units from the shortest: an amount repeats only in a longer period ("days a week").
_RANK = ["second", "minute", "hour", "day", "night", "week", "month", "quarter", "year"]


def _rate(m: re.Match[str], ctx: Ctx) -> Hit | None:
    u, per = unit_key(m["u"]), unit_key(m["u2"])
    if u not in _RANK or per not in _RANK or _RANK.index(u) >= _RANK.index(per):
        return None
    if re.match(r"(?i:[\s-]+old\b)", ctx.after(m, 6)):
        return None
    letter, mult, time_part = UNITS[per]
    if per == "quarter":
        letter, mult = "M", 3
    return Hit("SET", R.duration(mult, letter, time_part))


_POD = {"mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI"}


def _weekday_pods(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "Monday mornings": that part of every such day."""
    wd = WEEKDAYS[m["wd"].lower().removesuffix("s")]
    return Hit("SET", f"XXXX-WXX-{wd + 1}T{_POD[m['p'].lower()]}")


def _fixed(value: str) -> Callable[[re.Match[str], Ctx], Hit | None]:
    return lambda m, ctx: Hit("SET", value)


def _weekends(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if ctx.word_before(m) not in ("on", "at", "over", "during", "most", "some", "all"):
        return None
    return Hit("SET", "XXXX-WXX-WE")


_FULL_DAYS = "|".join(d.capitalize() for d in WEEKDAYS if d.endswith("day"))

SET_RULES = [
    Rule(
        "set_rate",
        compile_rx(
            rf"(?P<n>{COUNT_RE})[\s-]+(?P<u>{UNIT_RE})\s+(?i:a|an|per|each|every)\s+"
            r"(?P<u2>(?i:second|minute|hour|day|night|week|month|quarter|year))"
        ),
        _rate,
    ),
    Rule(
        "weekday_pods",
        compile_rx(rf"(?P<wd>{_FULL_DAYS})s?\s+(?P<p>(?i:mornings|afternoons|evenings|nights))"),
        _weekday_pods,
    ),
    Rule("per_annum", compile_rx(r"(?i:per\s+annum)"), _fixed("P1Y")),
    Rule("weekends", compile_rx(r"(?i:weekends)"), _weekends),
]
