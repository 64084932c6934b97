"""The date finder's types and extents: times of day, amounts of time, repeats, words that are
no date, and where a phrase starts and ends. Sentences written for these tests, in news style;
the publication date is Thursday 13 March 2025."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.core.dates.candidates import full_scan, rule_matches
from annotator.core.dates.finder import RULES, Timex, find_timexes

THU = date(2025, 3, 13)


def found(text: str) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, THU)]


def one(text: str, phrase: str) -> Timex:
    hits = [t for t in find_timexes(text, THU) if t.text == phrase]
    assert len(hits) == 1, (phrase, found(text))
    return hits[0]


# ---------------------------------------------------------------- times of day


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Witnesses saw the van at about 10 o'clock.", "about 10 o'clock", "2025-03-13T10:00"),
        ("The siren sounded at eleven o'clock on Tuesday.", "eleven o'clock on Tuesday", None),
        ("Gunmen struck at around 2:30 in the morning.", None, "2025-03-13T02:30"),
        ("The ferry left at 7 in the evening.", "7 in the evening", "2025-03-13T19:00"),
        ("Troops moved in at dawn.", "dawn", "2025-03-13TMO"),
        ("Crews toiled until dusk.", "dusk", "2025-03-13TEV"),
        ("The curfew starts at dusk on Friday.", "dusk on Friday", "2025-03-14TEV"),
        ("The roof collapsed late last night.", "late last night", "2025-03-12TNI"),
        ("Rebels attacked early this morning.", "early this morning", "2025-03-13TMO"),
        ("Bids will close at noon Friday.", "noon Friday", "2025-03-14T12:00"),
        ("The deadline passed at midnight Sunday.", "midnight Sunday", "2025-03-09T24:00"),
        ("The plane landed at 11:45 a.m. Eastern time.", "11:45 a.m. Eastern time", None),
        ("Markets shut at 4 p.m. New York time.", "4 p.m. New York time", "2025-03-13T16:00"),
        ("The raid began on the morning of March 3.", "the morning of March 3", "2025-03-03TMO"),
        ("The fire broke out on the night of Jan. 5, 2024.", None, "2024-01-05TNI"),
        ("The board meets at 10:30 tomorrow morning.", "10:30 tomorrow morning", None),
        ("He will speak at 7:30 Friday evening.", "7:30 Friday evening", "2025-03-14T19:30"),
        ("The call starts at 8:30 a.m. Eastern.", "8:30 a.m. Eastern", "2025-03-13T08:30"),
        ("The vote opened at 9:30 a.m. ET Monday.", "9:30 a.m. ET Monday", "2025-03-10T09:30"),
    ],
)
def test_times_of_day(text: str, phrase: str | None, value: str | None) -> None:
    times = [t for t in find_timexes(text, THU) if t.type == "TIME"]
    assert len(times) == 1, found(text)
    if phrase is not None:
        assert times[0].text == phrase
    if value is not None:
        assert times[0].value == value


def test_time_words_keep_their_edge_and_approximation() -> None:
    assert one("The roof collapsed late last night.", "late last night").mod == "END"
    assert one("Seen at about 10 o'clock.", "about 10 o'clock").mod == "APPROX"


@pytest.mark.parametrize(
    "text",
    [
        "The gas leaked during the night and was found at dawn.",
        "The talks ran through the afternoon and into the night.",
        "Shelling went on in the night, residents said.",
    ],
)
def test_the_night_a_sentence_is_about_is_a_time_as_the_morning_is(text: str) -> None:
    assert ("the night", "TIME", "2025-03-13TNI") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "They march by night and hide by day.",
        "In the night sky over the city, drones flew.",
        "She works in the night shift; the night was long.",
        "Walkers set out in the morning mist.",
    ],
)
def test_a_night_or_a_morning_that_only_qualifies_a_thing_is_not_a_time(text: str) -> None:
    assert not [t for t in found(text) if t[1] == "TIME"]


@pytest.mark.parametrize(
    "text",
    [
        "It was the dawn of a new era.",
        "The truth began to dawn on them.",
        "The team won 7 in the afternoon session of bidding.",
        "He said 3 p.m. The time had come.",
    ],
)
def test_not_times_of_day(text: str) -> None:
    assert all(t.text not in ("dawn", "7 in the afternoon") for t in find_timexes(text, THU))
    assert all("The time" not in t.text for t in find_timexes(text, THU))


# ---------------------------------------------------------------- amounts of time


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The strike lasted a year and a half.", "a year and a half", "P1.5Y"),
        ("The siege lasted a year-and-a-half.", "a year-and-a-half", "P1.5Y"),
        ("The hearing took an hour and a half.", "an hour and a half", "PT90M"),
        ("Prices have risen over the past year.", "the past year", "P1Y"),
        ("Sales fell in the last six months.", "the last six months", "P6M"),
        ("The firm has struggled for more than a decade.", "more than a decade", "P10Y"),
        ("Protesters have camped outside for weeks.", "weeks", "PXW"),
        ("The two-day summit ended.", "two-day", "P2D"),
        ("The government unveiled a 10-year plan.", "10-year", "P10Y"),
        ("The project took 18 months.", "18 months", "P18M"),
        ("A week-long festival opens.", "week-long", "P1W"),
        ("The ruling came after months of talks.", "months", "PXM"),
        ("The group posted an annual loss.", "annual", "P1Y"),
        ("Quarterly sales beat forecasts.", "Quarterly", "P3M"),
        ("It took three-and-a-half years to build.", "three-and-a-half years", "P3.5Y"),
        ("The jet is years late.", "years", "PXY"),
        ("The storm raged all week.", "all week", "P1W"),
    ],
)
def test_amounts_of_time(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Treatment takes six to eight weeks.",
            [("six", "DURATION", "P6W"), ("eight weeks", "DURATION", "P8W")],
        ),
        (
            "The review would take between 60 and 90 days.",
            [("60", "DURATION", "P60D"), ("90 days", "DURATION", "P90D")],
        ),
        ("Children aged 6 to 12 years were tested.", []),
        ("The twins, 6 to 8 years old, were found.", []),
    ],
)
def test_ranges_mark_each_end(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_a_clock_range_marks_each_end() -> None:
    assert found("Polls stay open between 2 and 4 p.m. today.") == [
        ("2", "TIME", "2025-03-13T14:00"),
        ("4 p.m. today", "TIME", "2025-03-13T16:00"),
    ]
    assert found("The score was 2-4 pm.") == [("4 pm", "TIME", "2025-03-13T16:00")]


def test_a_year_and_a_half_ago_is_a_month() -> None:
    assert found("The plant closed a year and a half ago.") == [
        ("a year and a half ago", "DATE", "2023-09")
    ]


# ---------------------------------------------------------------- repeats


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The council meets every Monday.", "every Monday", "XXXX-WXX-1"),
        ("Take the tablets twice daily.", "twice daily", "P1D"),
        ("The festival is held each spring.", "each spring", "XXXX-SP"),
        ("Fares rise every January.", "every January", "XXXX-01"),
        ("The market opens every weekend.", "every weekend", "XXXX-WXX-WE"),
        ("The lottery is drawn each Saturday night.", "each Saturday night", "XXXX-WXX-6TNI"),
        ("They meet on Monday mornings.", "Monday mornings", "XXXX-WXX-1TMO"),
        ("Nurses work three days a week.", "three days a week", "P1W"),
        ("Staff log 20 hours per month.", "20 hours per month", "P1M"),
        ("Interest is paid semiannually.", "semiannually", "P6M"),
        ("The buses come every few minutes.", "every few minutes", "PTXM"),
        ("The bond pays 5% per annum.", "per annum", "P1Y"),
        ("The mall is busy on weekends.", "weekends", "XXXX-WXX-WE"),
        ("Take two pills a day.", "a day", "P1D"),
        ("The club meets every second Tuesday.", "every second Tuesday", "XXXX-WXX-2"),
        ("The census is held every third year.", "every third year", "P3Y"),
        ("It happens about once a decade.", "once a decade", "P10Y"),
        ("The prize is awarded annually.", "annually", "P1Y"),
        ("The ferry runs twice a week.", "twice a week", "P1W"),
        ("Rents rose by $100 per month.", "per month", "P1M"),
    ],
)
def test_repeats(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.parametrize(
    "text",
    [
        "The company raised its quarterly dividend.",
        "She writes for a weekly magazine.",
        "The annual report was filed late.",
        "Jobs spoke at the annual Worldwide Developers Conference.",
    ],
)
def test_frequency_words_that_only_classify(text: str) -> None:
    assert found(text) == []


# ---------------------------------------------------------------- words that are no date


@pytest.mark.parametrize(
    "text",
    [
        "Airbus signed for the A350, a new design currently under development.",
        "It ordered 22 jets, an aircraft Boeing currently has under development.",
        "Fiat may buy the stake that the government currently owns.",
        "The airline was due to get the jet in May but will now receive it later.",
        "The band played at the Summer Festival.",
        "She skated at the Winter Olympics.",
        "The Sunday Times ran the story.",
        "He gave an interview to the Mail on Sunday.",
        "A 6-year-old boy and a 45-year-old man were hurt.",
        "The driver, aged 30, was unhurt.",
        "He appeared on This Week and 60 Minutes.",
        "The Day After Tomorrow was a hit.",
        "The Daily Mail and the Weekly Standard ran it.",
        "He appeared on Fox News Sunday.",
        "On Monday, the People's Daily said so.",
        "It was published in the journal Monthly Notices of the Royal Astronomical Society.",
        "The chip renders 162 frames per second.",
        "The chain owns 263 daily news organizations.",
        "The 60GB player stores 150 hours of video; 40 hours can be stored on the small one.",
    ],
)
def test_not_dates(text: str) -> None:
    words = {"currently", "now", "Summer", "Winter", "Sunday", "6-year", "45-year", "30"}
    words |= {"This Week", "60 Minutes", "Minutes", "Week", "The Day After Tomorrow"}
    words |= {"Daily", "Weekly", "Monthly", "per second", "daily", "150 hours", "40 hours"}
    assert [t.text for t in find_timexes(text, THU) if t.text in words] == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The store currently sells music.", "currently"),
        ("She is currently head of design.", "currently"),
        ("The iPod is now smaller.", "now"),
        ("He said the plan is currently under review.", "currently"),
        ("It is clear that prices are currently too high.", "currently"),
        ("Officials said that the bridge is currently closed.", "currently"),
    ],
)
def test_present_words_in_a_main_clause_are_marked(text: str, phrase: str) -> None:
    assert one(text, phrase).value == "PRESENT_REF"


# ---------------------------------------------------------------- extents


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Monday's meeting was cancelled.", "Monday"),
        ("Monday’s meeting was cancelled.", "Monday"),
        ("Tuesday night's game was close.", "Tuesday night"),
        ("March's figures were revised.", "March"),
        ("This year's budget is larger.", "This year"),
        ("Profit rose 10% from a year earlier.", "a year earlier"),
        ("The bill will be debated early next week.", "early next week"),
        ("The plant will open in late 2024.", "late 2024"),
        ("The contract expires at the end of March.", "the end of March"),
        ("The trial lasted about two weeks.", "about two weeks"),
        ("Elections are due in mid-April.", "mid-April"),
        ("The treaty was signed more than three years ago.", "more than three years ago"),
    ],
)
def test_extents(text: str, phrase: str) -> None:
    one(text, phrase)


PHRASES = [
    "shortly after twenty-five o'clock",
    "about ten o'clock in the evening on Tuesday",
    "roughly 2:30 in the morning, tomorrow",
    "first light",
    "late last night",
    "noon GMT Friday",
    "twenty-five to thirty-five consecutive days",
    "twenty-five working days a week",
    "Saturdays nights",
    "week-long",
    "twenty-five times daily",
    "the early morning of Monday, the 3rd of March 2025",
    "three-and-a-half years",
    "per  annum on weekends",
    "all  night long",
    "every fourth Saturday",
    "from 10:30 to 12 p.m.",
    "between 9 -  11 a.m",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_windowed_search_finds_what_the_full_scan_finds(phrase: str) -> None:
    text = f"Officials said {phrase}, and x {phrase}."
    spans = [[m.span() for m in ms] for ms in rule_matches(text, RULES)]
    assert spans == [[m.span() for m in ms] for ms in full_scan(text, RULES)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Fighting raged over the past weekend.", "2025-W10-WE"),
        ("Shops will open over the coming weekend.", "2025-W11-WE"),
    ],
)
def test_the_past_weekend_is_a_date(text: str, value: str) -> None:
    assert [(t.type, t.value) for t in find_timexes(text, THU)] == [("DATE", value)]


def test_a_title_case_headline_keeps_its_frequency_word() -> None:
    assert one("Markets: Weekly Jobless Claims Fall Again", "Weekly").value == "P1W"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("She hopes to one day buy a house.", "DATE", "FUTURE_REF"),
        ("One day in 1999, he left town.", "DATE", "PAST_REF"),
        ("The strike lasted one day.", "DURATION", "P1D"),
        ("Its one-day strike ended.", "DURATION", "P1D"),
        ("If there ever came a day when I could not work, I would go.", "DATE", "FUTURE_REF"),
        ("The battery gives 10 hours of playback.", "DURATION", "PT10H"),
    ],
)
def test_one_day_is_some_day_unless_it_is_a_length(text: str, kind: str, value: str) -> None:
    t = find_timexes(text, THU)[0]
    assert (t.type, t.value) == (kind, value)
