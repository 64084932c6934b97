"""The finder on reported clauses and other kinds of news phrasing (issue 15): the verb of the
clause a date sits in picks its year or week, not the verb of saying that frames it."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.core.dates.finder import find_timexes

NOV = date(2011, 11, 22)  # a Tuesday late in the year


def value(text: str, phrase: str, published: date = NOV) -> str | None:
    hits = [t for t in find_timexes(text, published) if t.text == phrase]
    assert hits, f"{phrase!r} not found in {find_timexes(text, published)}"
    return hits[0].value


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The treasurer warned that February would bring more job losses.", "February", "2012-02"),
        ("Economists predicted that March will see a rebound in orders.", "March", "2012-03"),
        ("The mayor said that in January the council would raise fares.", "January", "2012-01"),
        ("The landlord said January would be the busiest month.", "January", "2012-01"),
        ("Farmers feared that Thursday would bring frost.", "Thursday", "2011-11-24"),
        # The date of the saying stays with the verb of saying.
        ("The mayor said in January that the council would raise fares.", "January", "2011-01"),
        ("The mayor said Friday that fares would rise.", "Friday", "2011-11-18"),
        # A relative clause is not a reported one.
        ("The barn that the family bought in March burned down.", "March", "2011-03"),
    ],
)
def test_a_reported_clause_is_read_by_its_own_verb(text: str, phrase: str, expected: str) -> None:
    assert value(text, phrase) == expected


FRI = date(2012, 3, 16)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The port authority has shut the harbour until Monday.", "2012-03-19"),
        ("The museum remains closed until Monday.", "2012-03-19"),
        ("The bridge is closed to lorries until Monday.", "2012-03-19"),
        # A past state may be over: the Monday before.
        ("The bridge was closed to lorries until Monday.", "2012-03-12"),
    ],
)
def test_a_state_that_lasts_until_a_weekday_looks_ahead(text: str, expected: str) -> None:
    assert value(text, "Monday", FRI) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Airports have been stricter since the Sept. 11 attacks.", "Sept. 11", "2001-09-11"),
        ("The June 4, 1989 crackdown is still censored.", "June 4, 1989", "1989-06-04"),
        ("Voters turned out for the May 3 poll.", "May 3", "2011-05-03"),
        # a day of the month named with "the" before its number keeps it
        ("The fair opened on the 3rd of May.", "the 3rd of May", "2011-05-03"),
    ],
)
def test_the_article_before_a_dated_noun_is_the_nouns(
    text: str, phrase: str, expected: str
) -> None:
    assert value(text, phrase) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The currency suffered its sharpest weekly decline since the spring.", "weekly"),
        ("Copper posted a third monthly drop in a row.", "monthly"),
        ("It was the metal's biggest daily jump in a decade.", "daily"),
    ],
)
def test_a_frequency_word_before_a_market_move_is_its_length(text: str, word: str) -> None:
    hits = [t for t in find_timexes(text, NOV) if t.text == word]
    assert hits and hits[0].type == "DURATION"


DEC = date(2010, 12, 14)  # mid-December


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # a date opening the sentence is read by the verb after its comma, not as unsure
        ("In January, the brewery lost two of its biggest clients.", "January", "2010-01"),
        ("In February, the council will vote on the budget.", "February", "2011-02"),
        # a reported clause without "that": its own modal reads the date
        ("Growers said the harvest in January could be the smallest yet.", "January", "2011-01"),
        ("Growers said the harvest in January was the smallest yet.", "January", "2010-01"),
        # an auxiliary before a verb of saying: what will be said, not what was
        ("The winner will be announced in January.", "January", "2011-01"),
        ("The winner was announced in January.", "January", "2010-01"),
    ],
)
def test_the_verb_that_governs_a_month_is_found_across_a_comma_or_a_report(
    text: str, phrase: str, expected: str
) -> None:
    assert value(text, phrase, DEC) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The bonds slipped to $88 from $91 minutes earlier.",
        "The stall sold the last melons for £2 days before the market closed.",
    ],
)
def test_a_price_is_not_a_count_of_time_units(text: str) -> None:
    assert not [t for t in find_timexes(text, NOV) if t.text[:1].isdigit()]


@pytest.mark.parametrize(
    "text",
    [
        "The Kospi fell 1975 to 1,402.3 in a single session.",
        "The Sensex rose to 1990.5 before slipping back.",
        "Platinum climbed to 1985 dollars an ounce.",
        "The index slid below 2000 for the first time in years.",
        "The Hang Seng lost 1998 over the week.",
    ],
)
def test_a_number_after_a_markets_move_is_an_amount_not_a_year(text: str) -> None:
    assert not [t for t in find_timexes(text, NOV) if t.text[:1].isdigit()]


def test_a_run_of_years_keeps_both_years() -> None:
    found = [t.text for t in find_timexes("Output grew every year from 1995 to 1999.", NOV)]
    assert "1995" in " ".join(found) and "1999" in " ".join(found)


def test_a_comparison_reads_the_period_reported_not_the_one_compared_with() -> None:
    text = "Shipments fell 6% in the second quarter from the first quarter, and 9% from a year ago."
    assert value(text, "a year ago", date(2013, 8, 2)) == "2012-Q2"


@pytest.mark.parametrize(
    "text",
    [
        "Every now and then the ferry runs late.",
        "Now and again a heron lands on the roof.",
        "For the striker it was now or never.",
    ],
)
def test_now_in_an_idiom_is_no_time(text: str) -> None:
    assert not find_timexes(text, NOV)


def test_a_dotted_clock_time_with_a_zone_is_a_time() -> None:
    hits = find_timexes("The ferry left Dover at 14.20 GMT and docked at 16.05 CET.", NOV)
    assert [(t.text, t.value) for t in hits] == [
        ("14.20 GMT", "2011-11-22T14:20Z"),
        ("16.05 CET", "2011-11-22T16:05"),
    ]


def test_a_dotted_number_without_a_zone_is_no_time() -> None:
    assert not find_timexes("The shares closed at 14.20 in thin trade.", NOV)


@pytest.mark.parametrize(
    "text",
    [
        "The navy ordered more P-8s and F-35s for its carriers.",
        "Delegates from Local 1245 walked out of the talks.",
        "Passengers on Flight 1977 were delayed.",
    ],
)
def test_a_model_or_a_numbered_name_is_no_date(text: str) -> None:
    assert not find_timexes(text, NOV)


def test_a_decade_with_a_modifier_joined_by_a_hyphen_is_still_a_decade() -> None:
    assert value("Rents soared in the mid-80s.", "mid-80s") == "198"


def test_the_things_of_tomorrow_are_the_future() -> None:
    assert value("The fair shows the kitchens of tomorrow.", "tomorrow") == "FUTURE_REF"
    assert value("The fair closes on the evening of tomorrow.", "tomorrow") == "2011-11-23"


def test_a_deadline_set_at_a_day_looks_ahead() -> None:
    text = "The council has a deadline set at December 9 to publish its budget."
    assert value(text, "December 9") == "2011-12-09"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The envoy, speaking on Monday, said a deal would follow.", "Monday", "2011-11-21"),
        (
            "Talking to farmers on Sunday, the minister said fees would go up.",
            "Sunday",
            "2011-11-20",
        ),
        # no verb of saying: the participle keeps the sentence's future
        ("The envoy will be speaking on Monday at the summit.", "Monday", "2011-11-28"),
    ],
)
def test_a_day_of_speaking_is_the_day_the_saying_reports(
    text: str, phrase: str, expected: str
) -> None:
    assert value(text, phrase) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The jury returns Friday next week.", "Friday next week", "2011-12-02"),
        ("The pier was shut on Monday of last week.", "Monday of last week", "2011-11-14"),
        ("The pier reopens Thursday this week.", "Thursday this week", "2011-11-24"),
    ],
)
def test_a_weekday_of_a_named_week_is_one_phrase(text: str, phrase: str, expected: str) -> None:
    assert value(text, phrase) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The year's third quarter was the mill's best.", "The year's third quarter", "2011-Q3"),
        (
            "The previous year's second half was quieter.",
            "The previous year's second half",
            "2010-H2",
        ),
    ],
)
def test_a_quarter_of_a_possessive_year_is_one_phrase(
    text: str, phrase: str, expected: str
) -> None:
    assert value(text, phrase) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The ferry sailed at 6 this morning.", "6 this morning", "2011-11-22T06:00"),
        ("The market reopens at 2 this afternoon.", "2 this afternoon", "2011-11-22T14:00"),
        ("Doors open around 7 this evening.", "around 7 this evening", "2011-11-22T19:00"),
    ],
)
def test_a_bare_hour_this_morning_is_a_clock_time_of_the_day(
    text: str, phrase: str, expected: str
) -> None:
    assert value(text, phrase) == expected


@pytest.mark.parametrize(
    "text",
    [
        "For the crew it was not a day anyone had trained for.",
        "The opening was a day to remember.",
        "It was a year we would rather forget.",
    ],
)
def test_a_kind_of_day_described_is_no_length(text: str) -> None:
    assert not find_timexes(text, NOV)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("For a week we waited for news.", "a week"),
        ("The club has a month to appeal.", "a month"),
        ("It is a year since the mill closed.", "a year"),
    ],
)
def test_a_length_before_a_clause_stays_a_length(text: str, phrase: str) -> None:
    hits = [t for t in find_timexes(text, NOV) if t.text == phrase]
    assert hits and hits[0].type == "DURATION"


def test_the_year_of_results_is_not_read_from_the_day_they_were_announced() -> None:
    text = "Turnover for the year rose 4 percent, the brewer said in a statement yesterday."
    assert value(text, "the year", date(2013, 2, 14)) == "2012"


@pytest.mark.parametrize(
    ("text", "phrase", "published", "expected"),
    [
        ("The bureau will publish October payrolls data on Friday.", "October", NOV, "2011-10"),
        ("Traders await January inflation figures.", "January", date(2012, 2, 9), "2012-01"),
        ("Economists expect December output to fall.", "December", date(2012, 1, 20), "2011-12"),
        # a month ahead of its figures keeps the tense's reading
        ("Retailers will report December sales in January.", "December", NOV, "2011-12"),
    ],
)
def test_figures_named_by_a_month_are_the_months_just_gone(
    text: str, phrase: str, published: date, expected: str
) -> None:
    assert value(text, phrase, published) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The ferry ran aground the week before last.", "the week before last", "2011-W45"),
        ("Rents rose the month before last.", "the month before last", "2011-09"),
        ("The year before last was the wettest.", "The year before last", "2009"),
    ],
)
def test_the_unit_before_last_is_two_back(text: str, phrase: str, expected: str) -> None:
    assert value(text, phrase) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("If approved in December, the levy would apply from March.", "December", "2011-12"),
        ("Once finished in December, the tunnel will carry trains.", "December", "2011-12"),
    ],
)
def test_a_participle_after_if_or_once_is_no_past(text: str, phrase: str, expected: str) -> None:
    assert value(text, phrase) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The weeklong carnival drew crowds.", "weeklong", "P1W"),
        ("A yearlong inquiry cleared the mayor.", "yearlong", "P1Y"),
        ("The daylong hearing ended at dusk.", "daylong", "P1D"),
    ],
)
def test_a_closed_unit_long_compound_is_a_length(text: str, phrase: str, expected: str) -> None:
    assert value(text, phrase) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "expected"),
    [
        ("The index had its largest single-day fall on record.", "single-day", "DURATION", "P1D"),
        ("Not a single week went by without a strike.", "a single week", "DURATION", "P1W"),
    ],
)
def test_a_single_day_is_one_day(text: str, phrase: str, kind: str, expected: str) -> None:
    hits = [t for t in find_timexes(text, NOV) if t.text == phrase]
    assert [(t.type, t.value) for t in hits] == [(kind, expected)]


@pytest.mark.parametrize(
    "text", ["He stayed single year after year.", "She sang a single song.", "Single-minded."]
)
def test_single_alone_is_not_a_count(text: str) -> None:
    assert find_timexes(text, NOV) == []


def test_the_latest_period_is_the_period_the_article_reports() -> None:
    text = "Net income for the third quarter rose 12%. In the latest period, sales rose 5%."
    assert value(text, "the latest period", date(1989, 10, 26)) == "1989-Q3"
    assert value("The most recent period showed gains.", "The most recent period") == "2011"


TUE = date(2008, 1, 22)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The second weekday of a pair is read in the week of the first.
        ("The Fed meets next Tuesday and Wednesday.", ["2008-01-29", "2008-01-30"]),
        ("The board will meet next Monday or Thursday.", ["2008-01-28", "2008-01-31"]),
        # Not where the pair would straddle the publication date: each is read alone.
        ("The talks were held last Monday and Friday.", ["2008-01-21", "2008-01-18"]),
        # Nor a pair read backwards in the week.
        ("The strike ran from Friday to Monday.", ["2008-01-18", "2008-01-21"]),
    ],
)
def test_a_pair_of_weekdays_is_one_week(text: str, expected: list[str]) -> None:
    assert [t.value for t in find_timexes(text, TUE)] == expected
