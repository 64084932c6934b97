"""Property: the date finder never raises, whatever the text and the publication date.

Texts are built from pieces of date phrases (times, amounts, repeats, ranges), numbers from
zero to far past any calendar ("99999999999 years", "year 0", "10000 BC", "-5 days"), and any
characters, astral ones included; dates run from 1-01-01 to 9999-12-31.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.dates.finder import find_timexes

PIECES = [
    "at",
    "on",
    "in",
    "the",
    "a",
    "ago",
    "later",
    "earlier",
    "from now",
    "and a half",
    "to",
    "between",
    "and",
    "every",
    "each",
    "per",
    "twice",
    "times a",
    "o'clock",
    "in the morning",
    "at night",
    "late last night",
    "early this morning",
    "noon",
    "midnight",
    "dawn",
    "p.m.",
    "a.m.",
    "GMT",
    "UTC+14",
    "(GMT -12)",
    "Eastern time",
    "New York time",
    "year",
    "years",
    "year 0",
    "10000 BC",
    "-5 days",
    "99999999999 years",
    "days a week",
    "hours per month",
    "week-long",
    "Monday mornings",
    "Sunday",
    "Tuesday evening",
    "tomorrow",
    "yesterday",
    "tonight",
    "today",
    "last",
    "next",
    "this",
    "the past",
    "quarter",
    "fiscal",
    "decade",
    "century",
    "1990s",
    "'90s",
    "the 21st century",
    "March",
    "December 31",
    "Feb. 29",
    "0000-00-00",
    "9999-12-31T23:59Z",
    "2:30",
    "24:00",
    "0300 GMT",
    "13/13/13",
    "annual",
    "quarterly",
    "semiannually",
    "now",
    "currently",
    "recently",
    "aged",
    "old",
    "the Summer Olympics",
    "The Sunday Times",
    ",",
    ".",
    "\n",
    "-",
    "'s",
]

_NUMBERS = st.one_of(
    st.integers(min_value=-10, max_value=100),
    st.integers(min_value=-(10**30), max_value=10**30),
).map(str)
_ANY = st.text(alphabet=st.characters(codec="utf-8"), max_size=8)
_ASTRAL = st.text(alphabet=st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF), max_size=3)
_TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), _NUMBERS, _ANY, _ASTRAL), max_size=40).map(
    " ".join
)
_DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
_PUBLISHED = st.one_of(
    st.none(),
    _DATES,
    st.tuples(_DATES, _DATES).map(lambda p: (min(p), max(p))),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, published=_PUBLISHED)
def test_finder_never_raises(text: str, published: date | tuple[date, date] | None) -> None:
    previous_end = 0
    for t in find_timexes(text, published):
        assert text[t.start : t.end] == t.text
        assert t.start >= previous_end  # sorted, never overlapping
        previous_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@settings(max_examples=200, deadline=None)
@given(
    count=st.one_of(st.integers(min_value=0, max_value=10**25), st.sampled_from([0, 1, 9999])),
    unit=st.sampled_from(["days", "weeks", "months", "years", "decades", "hours", "quarters"]),
    how=st.sampled_from(["{} {} ago", "{} {} from now", "every {} {}", "{} {} later", "{} {}"]),
    published=st.sampled_from(
        [date(1, 1, 1), date(1, 12, 31), date(9999, 1, 1), date(9999, 12, 31), None]
    ),
)
def test_amounts_at_the_ends_of_the_calendar(
    count: int, unit: str, how: str, published: date | None
) -> None:
    text = "It happened " + how.format(count, unit) + ", officials said on Monday at 3 p.m."
    for t in find_timexes(text, published):
        assert text[t.start : t.end] == t.text
