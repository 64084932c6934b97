"""The finder on kinds of phrase from issue 15: units inside comparison compounds, a year
after an owner, "current" as the present, runs of trading sessions, the edges of a quarter,
mid-year, comparable periods and the end of a trading day. Sentences written for these
tests, not taken from any evaluation text."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.core.dates.finder import find_timexes

THU = date(2025, 3, 13)  # a Thursday in the first quarter
JAN = date(2025, 1, 28)  # results season for the fourth quarter


def found(text: str, published: date | None = THU) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in find_timexes(text, published)}


@pytest.mark.parametrize(
    "text",
    [
        "Home prices rose 4% on a year-over-year basis.",
        "Retail sales climbed 0.6% on a month-on-month basis.",
        "She runs the day-to-day business of the bank.",
        "Budgets are drawn up year by year.",
        "Traffic fell 2% week-on-week.",
    ],
)
def test_a_unit_inside_a_comparison_compound_is_no_time(text: str) -> None:
    assert found(text) == {}


def test_year_to_date_is_still_the_year_so_far() -> None:
    assert found("The fund is up 7% year-to-date.")["year-to-date"] == ("DATE", "2025")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The insurer's 2024 results beat forecasts.", "2024"),
        ("Toyota's 2023 sales set a record.", "2023"),
        ("Their 2022 earnings were restated.", "2022"),
    ],
)
def test_a_year_after_an_owner_before_a_plural_noun(text: str, phrase: str) -> None:
    assert found(text)[phrase] == ("DATE", phrase)


@pytest.mark.parametrize(
    "text",
    [
        "The firm's 2000 workers went on strike.",
        "The carmaker's 1500 dealers were told on a call.",
        # far from the article's year: a count even after an owner
        "The club's 1200 members voted.",
    ],
)
def test_a_count_after_an_owner_stays_a_count(text: str) -> None:
    assert not any(t.type == "DATE" for t in find_timexes(text, THU))


@pytest.mark.parametrize(
    "text",
    [
        "Current prices leave farmers with no margin.",
        "At current prices the stake is worth $2 billion.",
        "Under current rules the tax falls due in May.",
        "The current slump is the worst in a decade.",
    ],
)
def test_current_before_a_noun_is_the_present(text: str) -> None:
    [t] = [t for t in find_timexes(text, THU) if t.text.lower() == "current"]
    assert (t.type, t.value) == ("DATE", "PRESENT_REF")


@pytest.mark.parametrize(
    "text",
    [
        "Current and former staff sued the airline.",
        "The bank's current assets fell.",
        "The country's current account deficit widened.",
        "The river's current swept the boat away.",
        "He swam against the current.",
        "Electric current flows through the coil.",
        "The agency replaced the nation's current fleet of tankers.",
    ],
)
def test_current_as_a_noun_an_account_or_what_someone_has_is_not_marked(text: str) -> None:
    assert not any(t.text.lower() == "current" for t in find_timexes(text, THU))


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Stocks rose 6% in the past two sessions.", "the past two sessions", "P2D"),
        ("The index has fallen for five straight sessions.", "five straight sessions", "P5D"),
        ("Oil gained in the last 3 trading sessions.", "the last 3 trading sessions", "P3D"),
        ("Bonds fell in four consecutive sessions.", "four consecutive sessions", "P4D"),
    ],
)
def test_a_run_of_trading_sessions_is_a_duration_in_days(
    text: str, phrase: str, value: str
) -> None:
    assert found(text)[phrase] == ("DURATION", value)


@pytest.mark.parametrize(
    "text", ["Parliament met in two sessions.", "The course has three sessions a week."]
)
def test_sessions_that_are_sittings_are_not_days(text: str) -> None:
    assert not any(t.text.endswith("sessions") for t in find_timexes(text, THU))


@pytest.mark.parametrize(
    "text", ["In the past two rounds he won easily.", "The team lost its past three games."]
)
def test_the_past_before_a_count_is_no_past_reference(text: str) -> None:
    assert not any(t.value == "PAST_REF" for t in find_timexes(text, THU))


def test_the_past_alone_is_still_a_past_reference() -> None:
    assert found("In the past, the firm made cars.")["the past"] == ("DATE", "PAST_REF")


@pytest.mark.parametrize(
    "text",
    ["Shares gained 5% in the first half hour of trading.", "He spoke for the first half hour."],
)
def test_the_first_half_hour_is_not_a_half_year(text: str) -> None:
    assert not any("-H" in (t.value or "") for t in find_timexes(text, THU))


@pytest.mark.parametrize(
    ("text", "published", "phrase", "value", "mod"),
    [
        ("Debt will be repaid by the end of the first quarter.", JAN, "Q1", "2025-Q1", "END"),
        ("Orders picked up at the start of the fourth quarter.", JAN, "Q4", "2024-Q4", "START"),
        ("By the end of the third quarter of 2023, debt had fallen.", JAN, "Q3", "2023-Q3", "END"),
    ],
)
def test_the_edge_of_a_quarter_is_part_of_the_phrase(
    text: str, published: date, phrase: str, value: str, mod: str
) -> None:
    [t] = find_timexes(text, published)
    assert text[t.start :].startswith("the ") and t.text.endswith(("quarter", "2023"))
    assert (t.type, t.value, t.mod) == ("DATE", value, mod)


@pytest.mark.parametrize(
    ("text", "published", "phrase", "value"),
    [
        ("The plant should reopen by mid-year.", JAN, "mid-year", "2025"),
        ("Rates will be cut by midyear.", date(2025, 9, 28), "midyear", "2026"),
        ("The chairman stepped down at mid-year.", JAN, "mid-year", "2024"),
        ("The chairman stepped down at mid-year.", date(2025, 9, 28), "mid-year", "2025"),
    ],
)
def test_mid_year_is_the_middle_of_the_articles_year(
    text: str, published: date, phrase: str, value: str
) -> None:
    [t] = [t for t in find_timexes(text, published) if t.text == phrase]
    assert (t.type, t.value, t.mod) == ("DATE", value, "MID")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "Fourth-quarter profit rose from the corresponding quarter a year earlier.",
            "the corresponding quarter a year earlier",
            "2023-Q4",
        ),
        (
            "Profit rose from $3 million in the comparable period of 2023.",
            "the comparable period of 2023",
            "2023",
        ),
    ],
)
def test_a_comparable_period_is_the_same_period(text: str, phrase: str, value: str) -> None:
    assert found(text, JAN)[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    "text",
    ["By the end of the day, the index had recovered.", "Bids must be in by the end of the day."],
)
def test_by_the_end_of_the_day_is_a_deadline(text: str) -> None:
    t = found(text)["the end of the day"]
    assert t == ("DATE", "2025-03-13")


def test_at_the_end_of_the_day_alone_is_the_idiom() -> None:
    assert found("At the end of the day, voters want jobs.") == {}


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31), None])
@pytest.mark.parametrize(
    "text",
    [
        "Prices rose year-over-year; the firm's 2024 results and current prices were fine.",
        "In the past two sessions and by mid-year, at the end of the fourth quarter.",
        "The comparable period of 9999 and the corresponding quarter a year earlier.",
    ],
)
def test_these_phrases_at_the_ends_of_the_calendar_never_raise(
    text: str, published: date | None
) -> None:
    for t in find_timexes(text, published):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The mill was built in the twentieth century.", "the twentieth century", "19"),
        ("Cities of the twenty-first century need water.", "the twenty-first century", "20"),
        ("The chapel dates from the fifteenth century.", "the fifteenth century", "14"),
    ],
)
def test_a_century_spelled_out(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    "text", ["He scored his twelfth century at Lord's.", "She made the first century of the tour."]
)
def test_a_batsmans_century_is_no_century_of_years(text: str) -> None:
    assert not any(t.text.endswith("century") for t in find_timexes(text, THU))


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Negotiators talked overnight Tuesday.", "overnight Tuesday", "2025-03-11TNI"),
        ("Overnight Monday, the river burst its banks.", "Overnight Monday", "2025-03-10TNI"),
    ],
)
def test_overnight_before_a_weekday_is_that_night(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("TIME", value)


MON = date(2008, 9, 15)  # a Monday


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "By midday the index was down 4%, its worst fall since the September 11, 2001 attacks.",
            "midday",
            "2008-09-15T12:00",
        ),
        ("At 3 p.m. the index stood at its lowest since July 15.", "3 p.m.", "2008-09-15T15:00"),
        ("Gold rose more at noon than on March 3.", "noon", "2008-09-15T12:00"),
        # a day the time falls on still gives it
        ("The ship docked at 3 p.m. on July 15.", "3 p.m.", "2008-07-15T15:00"),
    ],
)
def test_a_clock_time_takes_no_day_the_sentence_compares_with(
    text: str, phrase: str, value: str
) -> None:
    assert found(text, MON)[phrase] == ("TIME", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Over the weekend, the bank agreed to buy its rival.", "2008-W37-WE"),
        ("The bank agreed to buy its rival over the weekend.", "2008-W37-WE"),
        ("Talks went on over the weekend.", "2008-W37-WE"),
        ("The bank will be sold over the weekend.", "2008-W38-WE"),
    ],
)
def test_a_weekend_in_a_future_seen_from_the_past_is_the_one_just_gone(
    text: str, value: str
) -> None:
    assert found(text, MON)["the weekend"] == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The chipmaker reported results for its fiscal second quarter.", "fiscal second quarter"),
        ("Sales in the first fiscal quarter rose.", "the first fiscal quarter"),
        ("Fiscal fourth-quarter profit rose.", "Fiscal fourth-quarter"),
    ],
)
def test_fiscal_is_part_of_a_quarter(text: str, phrase: str) -> None:
    assert found(text, date(2025, 4, 22))[phrase][0] == "DATE"


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The index closed the week at its lowest since 2003.", MON, "2008-W37"),
        ("The index fell 18% for the week.", MON, "2008-W37"),
        ("The index fell 18% for the week.", date(2008, 9, 16), "2008-W38"),
        ("The index will end the week higher.", MON, "2008-W38"),
    ],
)
def test_the_week_said_in_the_past_on_a_monday_is_the_one_just_ended(
    text: str, published: date, value: str
) -> None:
    assert found(text, published)["the week"] == ("DATE", value)


@pytest.mark.parametrize(
    ("published", "value"),
    [(date(2009, 2, 3), "2009-01"), (date(2009, 1, 2), "2008-12"), (date(2009, 2, 13), "2009-02")],
)
def test_the_month_said_in_the_past_in_its_first_days_is_the_one_just_ended(
    published: date, value: str
) -> None:
    assert found("Car sales fell 40% in the month.", published)["the month"] == ("DATE", value)


def test_this_week_on_a_monday_stays_the_current_week() -> None:
    assert found("Stocks fell this week.", MON)["this week"] == ("DATE", "2008-W38")


@pytest.mark.parametrize(
    "text",
    [
        "The bank, now owned by the state, cut jobs.",
        "The plant, currently under construction, will cost $2 billion.",
        "The carmaker, now part of a larger group, kept its name.",
    ],
)
def test_now_or_currently_describing_the_noun_before_a_comma_is_not_marked(text: str) -> None:
    assert not any(t.value == "PRESENT_REF" for t in find_timexes(text, THU))


@pytest.mark.parametrize(
    "text", ["The firm failed, and now the state owns it.", "He now lives in Paris."]
)
def test_now_in_a_clause_of_its_own_stays_the_present(text: str) -> None:
    assert found(text)["now"] == ("DATE", "PRESENT_REF")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Hours later, the rebels withdrew.", "Hours later", "FUTURE_REF"),
        ("Police arrived minutes later.", "minutes later", "FUTURE_REF"),
        ("The gunman had left hours earlier.", "hours earlier", "PAST_REF"),
    ],
)
def test_hours_later_is_a_time_after_the_storys_event(text: str, phrase: str, value: str) -> None:
    [t] = [t for t in find_timexes(text, THU) if t.text == phrase]
    assert (t.type, t.value, t.anchor) == ("TIME", value, "event")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a verb of announcing or expecting puts the event ahead of its saying
        ("The central bank held rates and signalled a hike in June.", "2025-06"),
        ("The union called a strike for April.", "2025-04"),
        ("Traders priced in a rate cut in May.", "2025-05"),
        ("Shares rose ahead of a vote in April.", "2025-04"),
        # a participle looking forward
        ("The airline announced new flights starting in May.", "2025-05"),
        ("The firm unveiled plans for a new store opening in June.", "2025-06"),
        # an event the past verb reports done stays behind
        ("He won the election in May.", "2024-05"),
        ("The company held its annual meeting in May.", "2024-05"),
        ("Sales were falling in April, the firm said.", "2024-04"),
        ("The firm reported sales for April.", "2024-04"),
    ],
)
def test_a_month_ahead_that_an_announced_event_hangs_on(text: str, value: str) -> None:
    [t] = [t for t in find_timexes(text, THU) if t.type == "DATE"]
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The union called a strike for Friday.", THU, "2025-03-14"),
        ("Shares rose ahead of a vote on Friday.", THU, "2025-03-14"),
        ("The airline announced new flights starting on Monday.", THU, "2025-03-17"),
        # the nearer day is behind: the rally and the report both past
        ("Stocks rallied ahead of Friday's jobs report.", date(2025, 3, 10), "2025-03-07"),
        # said on the day: the day of the saying
        ("The minister signalled a decision on Monday.", THU, "2025-03-10"),
    ],
)
def test_a_weekday_ahead_of_a_past_saying(text: str, published: date, value: str) -> None:
    [t] = [t for t in find_timexes(text, published) if t.type == "DATE"]
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("In calendar 2024, sales rose.", "calendar 2024"),
        ("Calendar year 2023 was weak.", "Calendar year 2023"),
    ],
)
def test_calendar_is_part_of_a_year_as_fiscal_is(text: str, phrase: str) -> None:
    assert found(text)[phrase] == ("DATE", phrase[-4:])


@pytest.mark.parametrize(
    "text", ["The Arab Spring changed the region.", "Tanks crushed the Prague Spring."]
)
def test_a_season_after_a_capitalised_name_is_part_of_the_name(text: str) -> None:
    assert not any("Spring" in t.text for t in find_timexes(text, THU))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("Sales rose in the Spring.", "the Spring"), ("Last Spring sales rose.", "Last Spring")],
)
def test_a_capitalised_season_alone_is_still_a_season(text: str, phrase: str) -> None:
    assert found(text)[phrase][0] == "DATE"


@pytest.mark.parametrize(
    ("text", "published", "phrase", "value"),
    [
        (
            "Markets were shut for Martin Luther King Jr. Day.",
            date(2008, 1, 22),
            "Martin Luther King Jr. Day",
            "2008-01-21",
        ),
        ("The MLK Day rally drew crowds.", date(2008, 1, 22), "MLK Day", "2008-01-21"),
        (
            "Markets were shut on Presidents' Day.",
            date(2008, 2, 20),
            "Presidents' Day",
            "2008-02-18",
        ),
        ("Markets were shut for Columbus Day.", date(2008, 10, 14), "Columbus Day", "2008-10-13"),
        ("Flowers sold well before Mother's Day.", date(2008, 5, 20), "Mother's Day", "2008-05-11"),
        ("Parades marked St. Patrick's Day.", date(2008, 3, 20), "St. Patrick's Day", "2008-03-17"),
        ("Paris celebrated Bastille Day.", date(2008, 7, 20), "Bastille Day", "2008-07-14"),
    ],
)
def test_holidays_news_names(text: str, published: date, phrase: str, value: str) -> None:
    assert found(text, published)[phrase] == ("DATE", value)
