"""The finder on market and business news phrasing it had not met: a period's change
("ended the year 10% higher"), hedged months ("until at least June"), days of the month
("on the 14th"), running totals ("year-to-date")."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.core.dates.finder import find_timexes

THU = date(2025, 3, 13)  # a Thursday in the first quarter


def found(text: str, published: date | None = THU) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, published)]


@pytest.mark.parametrize(
    ("text", "expected", "published"),
    [
        # A change over the period follows it: the period is the article's, not "week 3".
        ("The stock ended the week 3% lower.", [("the week", "DATE", "2025-W11")], THU),
        ("Oil ended the year 10% higher.", [("the year", "DATE", "2025")], THU),
        ("Oil ended the year 10% higher.", [("the year", "DATE", "2024")], date(2025, 1, 2)),
        ("The index began the month at a record.", [("the month", "DATE", "2025-03")], THU),
        ("Week 3 of 2025 was quiet.", [("Week 3 of 2025", "DATE", "2025-W03")], THU),
        # A hedge between the preposition and the month keeps the month.
        (
            "Rates will stay on hold until at least June.",
            [("June", "DATE", "2025-06")],
            THU,
        ),
        ("The plant could reopen as early as May.", [("May", "DATE", "2025-05")], THU),
    ],
)
def test_market_phrasing(text: str, expected: list[tuple[str, str, str]], published: date) -> None:
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day of the month alone: this month's, or the one before when it is over.
        ("The court will rule on the 14th.", [("the 14th", "DATE", "2025-03-14")]),
        ("The vote was held on the 2nd.", [("the 2nd", "DATE", "2025-03-02")]),
        ("The vote was held on the 20th.", [("the 20th", "DATE", "2025-02-20")]),
        ("The deal will close by the 3rd.", [("the 3rd", "DATE", "2025-04-03")]),
        # Ranks and names are no days.
        ("She finished the 14th, behind two Kenyans.", []),
        ("He invoked the 14th Amendment.", []),
        ("It ranked on the 3rd spot.", []),
        ("The church was built in the 14th-century style.", [("the 14th-century", "DATE", "13")]),
        # A quarter or half named by its months.
        (
            "Exports rose in the January-March quarter.",
            [("the January-March quarter", "DATE", "2024-Q1")],
        ),
        (
            "Sales fell in the April-June quarter of 2024.",
            [("the April-June quarter of 2024", "DATE", "2024-Q2")],
        ),
        (
            "Profit will rise in the July-December period.",
            [("the July-December period", "DATE", "2025-H2")],
        ),
        ("Sales peaked in the March-May period.", [("March", "DATE", "2025-03")]),  # no quarter
        # The running total of the year.
        ("Shares are up 12% year-to-date.", [("year-to-date", "DATE", "2025")]),
        ("Shares gained 12% in the year to date.", [("the year to date", "DATE", "2025")]),
    ],
)
def test_business_periods(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_business_periods_without_a_date() -> None:
    assert found("The court will rule on the 14th.", None) == [("the 14th", "DATE", "XXXX-XX-14")]
    assert found("It will be sold on the 31st.", date(2025, 2, 27))[0][2] is None  # no 31 February


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # The weekday settles the year the tense would guess wrong: 6 November 2008 was a
        # Thursday, and the article is from October 2008.
        ("The Bank of England cut rates on Thursday 6 November.", "2008-11-06"),
        ("The Bank of England cut rates on Thursday, Nov. 6.", "2008-11-06"),
        ("The vote was on Tuesday, March 4.", "2008-03-04"),
        # A weekday that fits neither year changes nothing.
        ("The vote was on Monday, March 4.", "2008-03-04"),
    ],
)
def test_the_weekday_picks_the_year(text: str, value: str) -> None:
    assert [v for _, _, v in found(text, date(2008, 10, 17))] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Markets were shut on Good Friday.", [("Good Friday", "DATE", "2024-03-29")]),
        ("The bank is closed on Easter Monday.", [("Easter Monday", "DATE", "2025-04-21")]),
        ("Markets were closed for Labor Day.", [("Labor Day", "DATE", "2024-09-02")]),
        ("Markets will close for Memorial Day.", [("Memorial Day", "DATE", "2025-05-26")]),
        ("Labor Day 2023 fell early.", [("Labor Day 2023", "DATE", "2023-09-04")]),
    ],
)
def test_market_holidays(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, date(2025, 3, 13)) == expected


def test_after_hours_trading_is_no_length_of_time() -> None:
    assert found("Shares of the bank fell 10% in after-hours trading.") == []
    assert found("Talks went on for hours.") == [("hours", "DURATION", "PTXH")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Results reported "for the last year": the year just ended.
        (
            "Ford posted a profit for the last year, its first in four years.",
            [("the last year", "DATE", "2009"), ("four years", "DURATION", "P4Y")],
        ),
        (
            "The carmaker has reported a loss for the last year.",
            [("the last year", "DATE", "2009")],
        ),
        # A change over the twelve months up to now is a length of time.
        ("Sales have doubled over the last year.", [("the last year", "DURATION", "P1Y")]),
        ("Sales have risen for the last year.", [("the last year", "DURATION", "P1Y")]),
    ],
)
def test_results_for_the_last_year(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, date(2010, 1, 28)) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # The end of a range never comes before its start.
        ("The hurricane season runs from June through November.", ["2025-06", "2025-11"]),
        ("The tax was in force from October to March.", ["2024-10", "2025-03"]),
        ("The trial ran from Nov. 3 to Jan. 12.", ["2024-11-03", "2025-01-12"]),
        ("The show runs between May and July.", ["2025-05", "2025-07"]),
        # A year written at the end stays.
        ("The plant ran from June to November 2024.", ["2024-06", "2024-11"]),
    ],
)
def test_the_end_of_a_range_follows_its_start(text: str, values: list[str]) -> None:
    assert [v for _, _, v in found(text)] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A scheduling present names the month ahead, not the one most of a year back.
        ("The new law takes effect in October.", "2025-10"),
        ("The court will hear the case in its next term, which begins in October.", "2025-10"),
        # Just behind publication, the nearest month stays.
        ("The program runs through February.", "2025-02"),
        ("Shares are up since January.", "2025-01"),
    ],
)
def test_a_scheduling_present_looks_ahead(text: str, value: str) -> None:
    assert [v for _, _, v in found(text)] == [value]


@pytest.mark.parametrize(
    ("text", "expected", "published"),
    [
        (
            "Growth will pick up in the second half of the year.",
            [("the second half of the year", "DATE", "2025-H2", None)],
            THU,
        ),
        # A half spoken of in the past that is not over yet is last year's.
        (
            "Sales fell in the first half of the year.",
            [("the first half of the year", "DATE", "2024-H1", None)],
            THU,
        ),
        (
            "The inquiry will report by the end of the summer.",
            [("the end of the summer", "DATE", "2025-SU", "END")],
            THU,
        ),
        # A season takes the year its tense points to.
        ("Sales fell in the summer.", [("the summer", "DATE", "2024-SU", None)], THU),
        (
            "The plant will reopen in the spring.",
            [("the spring", "DATE", "2026-SP", None)],
            date(2025, 6, 13),
        ),
    ],
)
def test_halves_and_seasons(
    text: str, expected: list[tuple[str, str, str, str | None]], published: date
) -> None:
    assert [(t.text, t.type, t.value, t.mod) for t in find_timexes(text, published)] == expected


def test_the_verb_last_is_not_part_of_the_length() -> None:
    assert found("The trial is expected to last six weeks.") == [("six weeks", "DURATION", "P6W")]
    assert found("The strike could last two days.") == [("two days", "DURATION", "P2D")]
    assert found("Prices rose over the last six weeks.") == [
        ("the last six weeks", "DURATION", "P6W")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("European markets opened the day lower.", [("the day", "DATE", "2025-03-13")]),
        ("The Dow ended the day sharply lower.", [("the day", "DATE", "2025-03-13")]),
        ("She began the day job in May.", [("May", "DATE", "2024-05")]),
    ],
)
def test_a_trading_day_opened_and_ended(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The FTSE closed the week 2% higher.", [("the week", "DATE", "2025-W11")]),
        ("Stocks are set to end the month lower.", [("the month", "DATE", "2025-03")]),
        (
            "Stocks fell sharply on Friday. The index ended the week 10% lower.",
            [("Friday", "DATE", "2025-03-07"), ("the week", "DATE", "2025-W10")],
        ),
        ("They will close the day care centre.", []),
    ],
)
def test_a_market_closing_a_period(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The index fell to the year's low.", [("the year", "DATE", "2025")]),
        ("The Dow erased the week's gains.", [("the week", "DATE", "2025-W11")]),
        ("It was the index's biggest gain of the year.", [("the year", "DATE", "2025")]),
        ("The index had its worst day of the week.", [("the week", "DATE", "2025-W11")]),
        # Not a superlative, or not the article's period.
        ("He was the hero of the day.", []),
        ("It was the biggest drop of the year before the war.", []),
    ],
)
def test_the_periods_high_and_low(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Dow closed at 9,000 at the end of the day.",
            [("the end of the day", "DATE", "2025-03-13")],
        ),
        # "Drink water throughout the day": any day, not the story's.
        ("Drink plenty of water throughout the day.", []),
        # The idiom is no date.
        ("At the end of the day, voters want jobs.", []),
    ],
)
def test_the_end_of_a_trading_day(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Federal Reserve will meet on October 28 and 29.",
            [("October 28", "DATE", "2025-10-28"), ("29", "DATE", "2025-10-29")],
        ),
        (
            "The central bank meets on April 16-17.",
            [("April 16", "DATE", "2025-04-16"), ("17", "DATE", "2025-04-17")],
        ),
        # A number of something else, or a time, is no second day.
        ("The index fell on Oct. 28 and 29% of traders sold.", [("Oct. 28", "DATE", "2024-10-28")]),
        (
            "The vote is on March 3 and 4 p.m.",
            [("March 3", "DATE", "2025-03-03"), ("4 p.m.", "TIME", "2025-03-03T16:00")],
        ),
        ("It was held on May 3, 2008 and 4.", [("May 3, 2008", "DATE", "2008-05-03")]),
    ],
)
def test_a_pair_of_days_with_one_month(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_a_period_pointed_at_is_not_compared_with() -> None:
    # "of the year" points at the year; "a year ago" still compares with October.
    text = (
        "Dealers sold 30,154 cars in October, the second-highest volume of the year so far "
        "but down 10 percent from a year ago."
    )
    assert found(text, date(2024, 11, 10)) == [
        ("October", "DATE", "2024-10"),
        ("the year", "DATE", "2024"),
        ("a year ago", "DATE", "2023-10"),
    ]
