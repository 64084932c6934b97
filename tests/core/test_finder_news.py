"""The finder on news phrasing: tense from the governing verb, comparisons with the year before,
periods the article refers back to, vague references and words that only look like dates."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.dates.finder import Timex, find_timexes

THU = date(2025, 3, 13)  # a Thursday in the first quarter


def one(text: str, phrase: str, published: date = THU) -> Timex:
    found = [t for t in find_timexes(text, published) if t.text == phrase]
    assert found, f"{phrase!r} not found in {find_timexes(text, published)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # A past-tense word nearby does not decide; the clause's own verb does.
        (
            "The firm, which posted a loss last year, said it would finish the sale "
            "before the end of April.",
            "the end of April",
            "2025-04",
        ),
        ("The plant will reopen in April, a year after it closed.", "April", "2025-04"),
        ("Sales dropped in April, and the firm will cut jobs in June.", "June", "2025-06"),
        ("Sales dropped in April, and the firm will cut jobs in June.", "April", "2024-04"),
        # Both tenses before the date: the nearer date, a few weeks ahead, wins.
        ("The group will sell the unit it bought last year in April.", "April", "2025-04"),
        ("The trial is set to begin on Wednesday.", "Wednesday", "2025-03-19"),
        ("He lives next to the court and testified on Monday.", "Monday", "2025-03-10"),
        ("The minister, who may resign, met union leaders on Monday.", "Monday", "2025-03-10"),
    ],
)
def test_the_governing_verb_picks_the_year_or_week(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The bank will report fourth-quarter results next week.", date(2025, 1, 20), "2024-Q4"),
        ("Fourth-quarter profit fell 5%.", date(2025, 2, 20), "2024-Q4"),
        ("The bank expects a better fourth quarter.", date(2025, 6, 20), "2025-Q4"),
        ("Third-quarter sales rose.", date(2025, 6, 20), "2024-Q3"),
    ],
)
def test_a_just_finished_quarter_stays_in_its_year(text: str, published: date, value: str) -> None:
    found = [t for t in find_timexes(text, published) if "quarter" in t.text.lower()]
    assert [t.value for t in found] == [value]


JAN = date(2025, 1, 28)  # results season: the fourth quarter of 2024 has just ended


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Third-quarter profit rose 5% from a year earlier.", "a year earlier", "2023-Q3"),
        ("Revenue in the year-ago quarter was $2 billion.", "the year-ago quarter", "2023-Q4"),
        ("Sales in December fell 5% from a year ago.", "a year ago", "2023-12"),
        ("November sales beat the same month last year.", "the same month last year", "2023-11"),
        (
            "Exports rose in the second half of 2023, as in the same period of 2022.",
            "the same period of 2022",
            "2022-H2",
        ),
        ("The mill opened in 2001. Two years later, it closed.", "Two years later", "2003"),
        ("In 2008 the bank lost money, after a profit the year before.", "the year before", "2007"),
        ("Sales rose in 2010 after falling the previous year.", "the previous year", "2009"),
        # Nothing named: the comparison is with the DCT's period.
        ("Profit was up from a year earlier.", "a year earlier", "2024"),
    ],
)
def test_comparisons_move_the_period_the_article_names(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase, JAN)
    assert (t.type, t.value) == ("DATE", value)


def test_a_comparison_with_an_event_still_names_the_event_offset() -> None:
    t = one("Talks resumed two days after the strike.", "two days", JAN)
    assert (t.type, t.anchor, t.offset) == ("DURATION", "event", "P2D")
    t = one("Two years later, the mill closed.", "Two years later", JAN)
    assert (t.anchor, t.offset) == ("event", "P2Y")


@pytest.mark.parametrize(
    ("text", "published", "phrase", "value"),
    [
        ("For the year, the group lost $3 billion.", JAN, "the year", "2024"),
        ("For the year, the group expects a profit.", date(2025, 6, 2), "the year", "2025"),
        ("Net income for the quarter fell 8%.", JAN, "the quarter", "2024-Q4"),
        (
            "In the third quarter of 2019 sales fell; for the quarter, the loss was $1 billion.",
            JAN,
            "the quarter",
            "2019-Q3",
        ),
        ("Sales in May 2020 rose. Over the month, prices fell.", JAN, "the month", "2020-05"),
        (
            "The Dow fell 200 points on Monday. For the day, volume was light.",
            JAN,
            "the day",
            "2025-01-27",
        ),
        (
            "Spending rose in fiscal 2019; during the fiscal year, hiring slowed.",
            JAN,
            "the fiscal year",
            "FY2019",
        ),
    ],
)
def test_the_period_means_the_one_the_article_is_about(
    text: str, published: date, phrase: str, value: str
) -> None:
    assert one(text, phrase, published).value == value


@pytest.mark.parametrize(
    "text",
    [
        "He was named person of the year.",
        "The year 1999 was hard.",
        "The day of the vote came.",
        "He recalled the week he spent there.",
        "the year's best film",
    ],
)
def test_the_period_as_an_ordinary_noun_phrase_is_not_found(text: str) -> None:
    found = [t.text for t in find_timexes(text, JAN)]
    assert not any(t.lower() in ("the year", "the day", "the week") for t in found), found


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The firm expects a decision very soon.", "very soon", "FUTURE_REF"),
        ("Banks were hit in the recent downturn.", "recent", "PAST_REF"),
        ("It sold music, and more recently films.", "more recently", "PAST_REF"),
        ("Given the current slump, hiring stopped.", "current", "PRESENT_REF"),
        ("Such losses were rare in the past.", "the past", "PAST_REF"),
    ],
)
def test_vague_references(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == ("DATE", value)


@pytest.mark.parametrize(
    "text",
    [
        "Now that rates fell, the now-defunct lender is gone.",
        "He left as soon as he could; soon after the vote, she did too.",
        "The current account deficit widened.",
        "Its most recent model sold well.",
        "A 6-year-old girl and a man, 55 years old, were hurt.",
        "The board raised its quarterly dividend and the daily newspaper said so.",
        "He told ABC's This Week that he would run.",
        "She appeared on 60 Minutes and Good Morning America.",
    ],
)
def test_words_that_timeml_does_not_mark(text: str) -> None:
    assert find_timexes(text, THU) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The board meets quarterly.", "quarterly", "P3M"),
        ("Volume in daily trading fell.", "daily", "P1D"),
    ],
)
def test_frequency_words_that_say_how_often(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == ("SET", value)


def test_a_headline_in_title_case_keeps_its_dates() -> None:
    t = one("Stocks Fall For Third Straight Day This Week As Banks Slide", "This Week")
    assert t.value == "2025-W11"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Shares rose in morning trading on Monday.", "morning", "2025-03-10TMO"),
        (
            "Talks resumed on Monday. They broke off in the afternoon.",
            "the afternoon",
            "2025-03-10TAF",
        ),
        ("Prices fell in late afternoon.", "late afternoon", "2025-03-13TAF"),
    ],
)
def test_parts_of_the_day_take_the_story_day(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == ("TIME", value)


@pytest.mark.parametrize("text", ["Good morning, he said.", "The Morning Star reported it."])
def test_parts_of_the_day_in_other_uses_are_not_found(text: str) -> None:
    assert find_timexes(text, THU) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Profit in last year's fourth quarter fell.", "last year's fourth quarter", "2024-Q4"),
        ("Sales in 2009's first half rose.", "2009's first half", "2009-H1"),
        ("The bridge opened in nineteen ninety-eight.", "nineteen ninety-eight", "1998"),
        ("It closed in two thousand and eight.", "two thousand and eight", "2008"),
        ("Spending in FY89 rose.", "FY89", "FY1989"),
        ("Orders in fiscal '05 rose.", "fiscal '05", "FY2005"),
        ("Flu cases peaked in week 7 of 2024.", "week 7 of 2024", "2024-W07"),
        ("Flu cases peaked in week 7.", "week 7", "2025-W07"),
    ],
)
def test_less_common_forms(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


def test_spelled_numbers_that_are_not_years() -> None:
    found = find_timexes("He paid with nineteen twenty-dollar bills.", THU)
    assert not any("nineteen" in t.text for t in found)


_NEWS_WORDS = [
    "the", "year", "quarter", "period", "a", "earlier", "later", "ago", "year-ago", "same",
    "last", "previous", "for", "in", "morning", "soon", "recent", "current", "now", "that",
    "fourth", "2009's", "first", "half", "week", "7", "FY89", "nineteen", "ninety-eight",
    "two", "thousand", "and", "March", "Monday", "quarterly", "dividend", "6-year-old", ",",
    ".", "This", "Week", "Minutes", "60", "of", "before", "April", "will", "said", "fell",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(_NEWS_WORDS), max_size=40),
    published=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
def test_news_words_in_any_order_at_any_date_never_raise(words: list[str], published: date) -> None:
    text = " ".join(words)
    found = find_timexes(text, published)
    assert all(text[t.start : t.end] == t.text for t in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
