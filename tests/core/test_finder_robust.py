"""The date finder on hostile input: out-of-range dates, any text, large inputs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.dates.finder import find_timexes

FAR = [
    ("It came 3000000 days after March 3, 2025.", date(2025, 3, 3), "3000000 days after"),
    ("3000000 weeks after March 3, 2025", None, "3000000 weeks after"),
    ("We meet tomorrow.", date(9999, 12, 31), "tomorrow"),
    ("It was yesterday.", date(1, 1, 1), "yesterday"),
    ("next week", date(9999, 12, 31), "next week"),
    ("next month", date(9999, 12, 31), "next month"),
    ("next year", date(9999, 12, 31), "next year"),
    ("last year", date(1, 1, 1), "last year"),
    ("next quarter", date(9999, 12, 31), "next quarter"),
    ("5000000 months ago", date(2025, 1, 1), "5000000 months ago"),
    ("100000000000000000000 weeks ago", date(2025, 1, 1), "100000000000000000000 weeks"),
    ("99999999999 days from now", date(2025, 1, 1), "99999999999 days"),
    ("tomorrow", (date(9999, 12, 30), date(9999, 12, 31)), "tomorrow"),
]

EDGES = [date(1, 1, 1), date(1, 1, 7), date(9999, 12, 25), date(9999, 12, 31)]


@pytest.mark.parametrize(("text", "published", "phrase"), FAR)
def test_out_of_range_phrase_is_found_without_value(text, published, phrase) -> None:
    found = [t for t in find_timexes(text, published) if t.text.startswith(phrase)]
    assert found, f"{phrase!r} not found"
    assert all(t.value is None for t in found)


def test_in_range_neighbours_keep_their_values() -> None:
    assert [t.value for t in find_timexes("tomorrow", date(9999, 12, 30))] == ["9999-12-31"]
    assert [t.value for t in find_timexes("two days after March 3, 2025")] == ["2025-03-05"]


def test_huge_exponent_is_not_a_traceback() -> None:
    assert all(t.value != "P10Y" for t in find_timexes("in 10**20 years", date(2025, 1, 1)))


@pytest.mark.parametrize(
    "text",
    [
        "two \u017feconds ago",
        "every \u017fecond day",
        "daıly",
        "in \u017fpring 2011",
        "two mınutes ago",
        "two wee\u212as ago",
    ],
)
def test_letters_equal_to_ascii_only_without_case_are_not_a_traceback(text: str) -> None:
    # "ſ" matches "s" and "ı" matches "i" when case is ignored, but are not those letters.
    found = find_timexes(text, date(2025, 3, 4))
    assert all(text[t.start : t.end] == t.text for t in found)
    assert not any(
        t.text in ("\u017feconds ago", "\u017fpring 2011", "mınutes ago", "daıly") for t in found
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    published=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
def test_any_text_any_date_never_raises(text: str, published: date) -> None:
    for t in find_timexes(text, published):
        assert text[t.start : t.end] == t.text


@settings(max_examples=100, deadline=None)
@given(
    phrase=st.sampled_from(
        [
            "tomorrow",
            "yesterday",
            "next week",
            "last month",
            "next year",
            "on Friday",
            "this weekend",
            "at 5 p.m.",
            "Easter",
            "last Monday",
            "two days after March 3, 2025",
            "3 years ago",
            "in 40 weeks",
            "the end of this year",
            "next quarter",
            "in 9999999 years",
        ]
    ),
    published=st.one_of(
        st.sampled_from(EDGES), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    ),
)
def test_date_phrases_at_calendar_edges_never_raise(phrase: str, published: date) -> None:
    find_timexes(f"They said {phrase} it will be done.", published)
