"""Values the finder gives news phrasing: the governing verb's tense, the year of a month a
few weeks ahead, comparisons with the year before read from the article's period, weeks,
decades, spelled-out years and phrases that hang on the story's last date."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.core.dates.finder import Timex, find_timexes
from annotator.core.dates.timex_governing import Reading, year_of

MAR13 = date(2025, 3, 13)  # a Thursday
OCT24 = date(2024, 10, 24)  # third-quarter results season


def one(text: str, phrase: str, published: date = MAR13) -> Timex:
    found = [t for t in find_timexes(text, published) if t.text == phrase]
    assert found, f"{phrase!r} not found in {find_timexes(text, published)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # A modal in a reported clause governs: the weekday ahead.
        ("Police said the suspect would appear in court on Monday.", "Monday", "2025-03-17"),
        ("The chairman said the board will meet on Friday.", "Friday", "2025-03-14"),
        ("The board, which met on Tuesday, said it would vote on Friday.", "Tuesday", "2025-03-11"),
        ("The board, which met on Tuesday, said it would vote on Friday.", "Friday", "2025-03-14"),
        ("A ruling is expected on Friday, the court said.", "Friday", "2025-03-14"),
        # The saying itself, and a past verb: the weekday before.
        ("The bank said on Tuesday it would cut 200 jobs.", "Tuesday", "2025-03-11"),
        ("Police said the suspect appeared in court on Monday.", "Monday", "2025-03-10"),
        ("The cafe next to the station shut on Tuesday.", "Tuesday", "2025-03-11"),
    ],
)
def test_the_governing_verb_sets_the_weekday(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # The app's case: a plan "before the end of April", published in March.
        (
            "The retailer, which closed 40 stores last year, said it had agreed to sell its "
            "warehouse business before the end of April.",
            "the end of April",
            "2025-04",
        ),
        (
            "Traders fell after the firm said it expected the merger to close in May.",
            "May",
            "2025-05",
        ),
        ("Parliament passed the bill, which takes effect in May.", "May", "2025-05"),
        ("The inquiry opened in January and resumes in April.", "April", "2025-04"),
        ("The inquiry opened in January and resumes in April.", "January", "2025-01"),
        ("The carrier kept its jets grounded until April.", "April", "2025-04"),
        ("Output has fallen since April.", "April", "2024-04"),
        ("The mayor said the bridge would reopen in June.", "June", "2025-06"),
        # A future seen from the past, a few weeks back: not pushed a year ahead.
        ("The deal was expected to close in February.", "February", "2025-02"),
        ("The plant closed in November, the union said.", "November", "2024-11"),
    ],
)
def test_a_month_without_a_year_follows_the_governing_verb(
    text: str, phrase: str, value: str
) -> None:
    assert one(text, phrase).value == value


def test_an_unsure_past_reading_prefers_a_month_a_few_weeks_ahead() -> None:
    ahead, behind = Reading("past", weak=True), Reading("past")
    assert year_of(MAR13, 4, None, ahead, "") == 2025
    assert year_of(MAR13, 4, None, behind, "") == 2024
    assert year_of(MAR13, 11, None, ahead, "") == 2024  # eight months ahead: too far
    assert year_of(MAR13, 4, 2, Reading("future", past_frame=True), "") == 2025


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "Orders rose in the quarter, up from the year-ago period.",
            "the year-ago period",
            "2023-Q3",
        ),
        (
            "Net income was $8 million in the quarter, against $6 million a year earlier.",
            "a year earlier",
            "2023-Q3",
        ),
        (
            "The chain said third-quarter sales rose 4%. That compared with a 2% fall a year ago.",
            "a year ago",
            "2023-Q3",
        ),
        ("Year-ago profit in the third quarter was $1 a share.", "Year-ago", "2023-Q3"),
        ("The miner lost money for the entire year.", "the entire year", "2024"),
    ],
)
def test_comparisons_read_the_period_the_article_is_about(
    text: str, phrase: str, value: str
) -> None:
    assert one(text, phrase, OCT24).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Retail sales jumped in the week of March 3.", "the week of March 3", "2025-W10"),
        ("Jobless claims fell in the week ended March 8.", "the week ended March 8", "2025-W10"),
        ("Claims fell in the week ended Saturday.", "the week ended Saturday", "2025-W10"),
        ("Grunge ruled the nineties.", "the nineties", "199"),
        ("The tower went up in the late nineteen-sixties.", "the late nineteen-sixties", "196"),
        ("The club was founded in nineteen ninety.", "nineteen ninety", "1990"),
        ("It opened in two thousand and five or two thousand six.", "two thousand six", "2006"),
        ("Profit for fiscal 2024 rose.", "fiscal 2024", "FY2024"),
        ("FY1989 was the worst year.", "FY1989", "FY1989"),
    ],
)
def test_weeks_decades_spelled_and_fiscal_years(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


def test_temperatures_in_the_forties_are_no_decade() -> None:
    found = [t.text for t in find_timexes("Temperatures stayed in the forties.", MAR13)]
    assert "the forties" not in found


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "Talks broke down on March 3. The next day, the union struck.",
            "The next day",
            "2025-03-04",
        ),
        ("The vote came on Monday. The same day, he resigned.", "The same day", "2025-03-10"),
        (
            "Markets fell on Friday; the previous day they had risen.",
            "the previous day",
            "2025-03-06",
        ),
        ("He arrived on March 3 and left that evening.", "that evening", "2025-03-03TEV"),
        ("The next day, the union struck.", "The next day", "2025-03-14"),  # from the DCT
    ],
)
def test_phrases_hanging_on_the_story_take_its_last_date(
    text: str, phrase: str, value: str
) -> None:
    t = one(text, phrase)
    assert (t.anchor, t.value) == ("event", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The quarter was the weakest in a decade.", "The quarter", "2024-Q3"),
        (
            "The lender posted third-quarter results. The quarter included a charge.",
            "The quarter",
            "2024-Q3",
        ),
        ("Exports grew in the first half.", "the first half", "2024-H1"),
        ("Growth will slow in the second half.", "the second half", "2025-H2"),
        ("The index hit a peak in October 2023, a year ago.", "a year ago", "2023"),
    ],
)
def test_the_article_period_without_a_cue(text: str, phrase: str, value: str) -> None:
    published = OCT24 if "quarter" in text.lower() or "2023" in text else MAR13
    assert one(text, phrase, published).value == value


def test_the_first_half_of_a_match_is_no_date() -> None:
    assert find_timexes("He scored in the first half of the match.", MAR13) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Shares jumped on Tuesday before slipping later in the day.", "the day", "2025-03-11"),
        ("The index lost 2% on the day.", "the day", "2025-03-13"),
        (
            "Bids are due by April 2. If none is made by that time, the sale lapses.",
            "that time",
            "2025-04-02",
        ),
    ],
)
def test_the_story_day_and_that_time(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


@pytest.mark.parametrize(
    "text",
    [
        "At the end of the day, prices matter.",
        "She was the star of the day.",
        "Call back at a later time.",
    ],
)
def test_idioms_with_day_and_time_are_no_dates(text: str) -> None:
    assert not [t for t in find_timexes(text, MAR13) if "day" in t.text or "time" in t.text]


def test_results_of_the_quarter_just_ended_are_reported_into_its_third_month() -> None:
    t = one("The bank will report fourth-quarter results on March 20.", "fourth-quarter")
    assert t.value == "2024-Q4"
    assert (
        one("The bank expects fourth-quarter sales to rise.", "fourth-quarter").value == "2025-Q4"
    )


def test_market_figures_on_the_week_and_the_year() -> None:
    text = "Stocks were down 3% on the week and up 5% on the year."
    assert [(t.text, t.value) for t in find_timexes(text, MAR13)] == [
        ("the week", "2025-W11"),
        ("the year", "2025"),
    ]
    assert find_timexes("She worked on the day shift.", MAR13) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Margins widened in the latest quarter.", "the latest quarter", "2024-Q4"),
        ("Prices eased in the most recent month.", "the most recent month", "2025-02"),
    ],
)
def test_the_latest_period_is_the_one_just_ended(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The union set a deadline of Friday for a deal.", "2025-03-14"),
        ("Bids must be submitted by Friday.", "2025-03-14"),
        ("A hearing is set for Monday.", "2025-03-17"),
        ("The firm, which is owned by a bank, shut the plant on Monday.", "2025-03-10"),
    ],
)
def test_deadlines_obligations_and_schedules_look_ahead(text: str, value: str) -> None:
    assert [t.value for t in find_timexes(text, MAR13)] == [value]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Stocks had their worst day since Black Monday.", "Black Monday", "1987-10-19"),
        ("Traders recalled Black Tuesday.", "Black Tuesday", "1929-10-29"),
        ("Airport checks have grown since 9/11.", "9/11", "2001-09-11"),
        # "the" is the attacks', not the date's
        ("Insurers paid billions after the September 11 attacks.", "September 11", "2001-09-11"),
        ("Shoppers spent more on Black Friday last year.", "Black Friday", "2024-11-29"),
        ("The bank aims to sell the unit by year-end.", "year-end", "2025"),
    ],
)
def test_days_known_by_a_name(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


def test_a_year_end_bonus_is_no_date() -> None:
    assert find_timexes("The year-end bonus was cut.", MAR13) == []


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The hearing, first set for March 20, was put off.", "March 20", "2025-03-20"),
        ("The launch was moved from March 24 to April 7.", "April 7", "2025-04-07"),
        ("The board declared a dividend payable on April 15.", "April 15", "2025-04-15"),
        ("The border reopened on March 30.", "March 30", "2024-03-30"),
    ],
)
def test_a_scheduled_day_a_few_weeks_ahead_stays_ahead(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


def test_the_same_time_last_year_is_last_year_even_in_january() -> None:
    t = one("Sales beat the same time last year.", "the same time last year", date(2013, 2, 20))
    assert t.value == "2012"


def test_a_headline_infinitive_looks_ahead() -> None:
    assert one("Central Bank to meet Tuesday as markets slide", "Tuesday").value == "2025-03-18"
    assert one("The bank went to court on Tuesday.", "Tuesday").value == "2025-03-11"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Shares are up 3% since Monday.", "2025-03-10"),
        ("The index is down 2% this week after falling on Tuesday.", "2025-03-11"),
        ("The team will rest after playing on Sunday.", "2025-03-16"),
        ("The vote is on Thursday.", "2025-03-13"),
    ],
)
def test_present_states_since_and_after(text: str, value: str) -> None:
    assert [t.value for t in find_timexes(text, MAR13) if t.value and t.value[-3] == "-"] == [value]


def test_a_day_written_in_words() -> None:
    assert one("The new rules start on the first of April.", "the first of April").value == (
        "2025-04-01"
    )
    t = one("It was signed on the twenty-first of June, 1990.", "the twenty-first of June, 1990")
    assert t.value == "1990-06-21"
