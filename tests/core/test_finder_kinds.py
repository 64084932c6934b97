"""The finder on kinds of phrase news uses: a quarter named by the day it ended, the time
ahead ("in the weeks to come"), runs of quarters and amounts opening a sentence."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.core.dates.finder import Timex, find_timexes

THU = date(2025, 3, 13)  # a Thursday in the first quarter


def found(text: str, published: date = THU) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in find_timexes(text, published)}


def one(text: str, phrase: str, published: date = THU) -> Timex:
    hits = [t for t in find_timexes(text, published) if t.text == phrase]
    assert hits, f"{phrase!r} not found in {find_timexes(text, published)}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # The day it ended names the quarter, not the article's own quarter.
        (
            "The quarter ended Dec. 31 was the strongest the chain has had.",
            "The quarter",
            "2024-Q4",
        ),
        ("In the quarter ended Sept. 30, the insurer lost money.", "the quarter", "2024-Q3"),
        ("Margins in the quarter that ended June 30, 2023, were thin.", "the quarter", "2023-Q2"),
        ("Profit for the quarter, which ended in December, doubled.", "the quarter", "2024-Q4"),
        ("The quarter ending March 31 will be hard for builders.", "The quarter", "2025-Q1"),
        # A fiscal quarter ending a day or a month off the calendar's: the nearest end.
        ("Sales in the fiscal quarter ended Feb. 1 rose 4%.", "the fiscal quarter", "2024-Q4"),
        ("Sales in the quarter ended Jan. 3 fell.", "the quarter", "2024-Q4"),
        ("Output in the quarter ended Nov. 30 slipped.", "the quarter", "2024-Q4"),
    ],
)
def test_a_quarter_named_by_the_day_it_ended(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == ("DATE", value)


def test_the_quarter_ended_is_what_a_year_earlier_compares_with() -> None:
    text = "In the quarter that ended June 30, the miner's output rose 3% from a year earlier."
    assert found(text, date(2025, 8, 5))["a year earlier"] == ("DATE", "2024-Q2")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # The year that ends on the day named, not the article's own (published 13 March 2025).
        ("Sales for the year ending June 30, 2026, should top $2 billion.", "the year", "2026"),
        ("Net income for the year ended Sept. 30 rose 5%.", "the year", "2024"),
        ("The grocer lost money in the fiscal year ended Jan. 31.", "the fiscal year", "FY2025"),
        ("In the fiscal year that ended in June, margins fell.", "the fiscal year", "FY2024"),
        ("Output in the year ending in June will rise.", "the year", "2025"),
    ],
)
def test_a_year_named_by_the_day_it_ends(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == ("DATE", value)


def test_the_year_without_an_end_is_still_the_articles() -> None:
    assert found("The year ended with a loss.")["The year"] == ("DATE", "2025")


def test_the_quarter_without_an_end_is_still_the_articles() -> None:
    assert found("Revenue for the quarter rose 6%.", date(2025, 1, 28))["the quarter"] == (
        "DATE",
        "2024-Q4",
    )


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Lenders expect defaults to climb in the months ahead.", "the months ahead"),
        ("Further cuts could follow in the weeks to come.", "the weeks to come"),
        ("The mayor said more flights would be cancelled in the days ahead.", "the days ahead"),
        ("Few expect the price of copper to fall in the years to come.", "the years to come"),
    ],
)
def test_the_time_ahead_is_a_future_reference(text: str, phrase: str) -> None:
    assert found(text)[phrase] == ("DATE", "FUTURE_REF")


def test_the_days_ahead_of_an_event_are_no_future_reference() -> None:
    assert "the days ahead" not in found("Shares rallied in the days ahead of the vote.")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Orders fell for three consecutive quarters.", "three consecutive quarters", "P3Q"),
        ("The lender lost money for two straight quarters.", "two straight quarters", "P2Q"),
    ],
)
def test_runs_of_quarters_are_durations(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DURATION", value)


@pytest.mark.parametrize("text", ["Three quarters of the workers voted.", "Three quarters left."])
def test_three_quarters_alone_stays_a_fraction(text: str) -> None:
    assert not any(t.type == "DURATION" for t in find_timexes(text, THU))


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Months of haggling ended with a deal on Friday.", "Months", "PXM"),
        ("Years of drought have emptied the reservoir.", "Years", "PXY"),
        ("Weeks of protests closed the port.", "Weeks", "PXW"),
    ],
)
def test_a_plural_unit_opening_a_sentence_is_an_amount(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DURATION", value)


@pytest.mark.parametrize("text", ["Days are getting longer.", "Hours matter in a rescue."])
def test_other_plural_units_opening_a_sentence_stay_unmarked(text: str) -> None:
    assert find_timexes(text, THU) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Both ends in one year, the second first: the range running now, else the next one.
        ("The ski season runs from November to April.", ["2024-11", "2025-04"]),
        ("The exhibition runs from October to May.", ["2024-10", "2025-05"]),
        ("The market will be open from December to February.", ["2025-12", "2026-02"]),
        ("The ban was in force from November to January.", ["2024-11", "2025-01"]),
        # In order already: unchanged.
        ("The works run from April to June.", ["2025-04", "2025-06"]),
        # A year written on the first end keeps it.
        ("The works ran from September 2024 to May.", ["2024-09", "2025-05"]),
    ],
)
def test_a_range_within_one_year_ends_after_it_starts(text: str, values: list[str]) -> None:
    assert [t.value for t in find_timexes(text, THU)] == values


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The computers were meant to fail in the year 2000.", "the year 2000", "2000"),
        ("By the year 2040, the town will have no coal.", "the year 2040", "2040"),
        ("The Year 1968 was a hard one.", "The Year 1968", "1968"),
        ("It closed in the year two thousand.", "the year two thousand", "2000"),
        ("He left in the year nineteen ninety.", "the year nineteen ninety", "1990"),
        ("Work stopped at the end of the year 1999.", "the end of the year 1999", "1999"),
    ],
)
def test_the_year_and_its_number_are_one_phrase(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "today's" before a name or a people, a world, standards: the present.
        ("The strike is long forgotten at today's Boeing.", "PRESENT_REF"),
        ("By today's standards the ship was tiny.", "PRESENT_REF"),
        ("Today's teenagers rarely buy newspapers.", "PRESENT_REF"),
        # Before what happens on a day: that day.
        ("Today's vote was close.", "2025-03-13"),
        ("Shares fell in today's session.", "2025-03-13"),
        ("Today's Senate hearing ran late.", "2025-03-13"),
    ],
)
def test_todays_is_the_present_before_a_name_or_people(text: str, value: str) -> None:
    [t] = [t for t in find_timexes(text, THU) if t.text.lower() == "today"]
    assert (t.type, t.value) == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "Fourth-quarter orders fell 3% from the prior-year quarter.",
            "the prior-year quarter",
            "2023-Q4",
        ),
        (
            "Net sales in the quarter beat the previous-year period.",
            "the previous-year period",
            "2023-Q4",
        ),
    ],
)
def test_the_prior_year_period_is_the_year_ago_one(text: str, phrase: str, value: str) -> None:
    assert found(text, date(2025, 1, 30))[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The mill was sold in the spring of last year.", "the spring of last year", "2024-SP"),
        ("The line reopens in the autumn of next year.", "the autumn of next year", "2026-FA"),
        ("Talks should end in the summer of this year.", "the summer of this year", "2025-SU"),
    ],
)
def test_a_season_of_last_or_next_year(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    "text",
    [
        "The monthly jobs report is due on Friday.",
        "She gave her annual budget speech to parliament.",
        "The weekly market review was cut.",
        "Investors read the chairman's annual shareholder letter.",
    ],
)
def test_a_frequency_before_a_report_or_speech_is_no_timex(text: str) -> None:
    assert not any(t.type == "SET" for t in find_timexes(text, THU))


def test_a_frequency_of_a_recurring_act_is_still_a_set() -> None:
    assert found("The board meets monthly.")["monthly"] == ("SET", "P1M")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # A market's session before or after the story's day, counted in trading days.
        (
            "Copper rose on Wednesday after a 2% drop in the previous session.",
            "the previous session",
            "2025-03-11",
        ),
        (
            "Tokyo stocks gained on Monday, recovering from losses in the prior session.",
            "the prior session",
            "2025-03-07",
        ),
        (
            "The rand slid on Friday and steadied in the next trading session.",
            "the next trading session",
            "2025-03-10",
        ),
        (
            "Oil fell on Thursday, a reversal from the preceding trading day.",
            "the preceding trading day",
            "2025-03-12",
        ),
    ],
)
def test_a_session_next_to_the_storys_day(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value, t.anchor) == ("DATE", value, "event")


def test_a_session_word_glued_to_a_noun_is_not_the_day() -> None:
    assert "the previous session" not in found("He led the previous session-long debate.")


JAN = date(2007, 1, 18)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # A fiscal year is a named period: "the last fiscal year" is the one before.
        ("The brewer lost money in the last fiscal year.", "the last fiscal year", "FY2006"),
        ("The council overspent in the past financial year.", "the past financial year", "FY2006"),
        ("The board expects a surplus in the next fiscal year.", "the next fiscal year", "FY2008"),
        # Its edges, with or without "very".
        (
            "Orders slowed at the very beginning of the financial year.",
            "the very beginning of the financial year",
            "FY2007",
        ),
        ("Cash ran short at the end of the fiscal year.", "the end of the fiscal year", "FY2007"),
        ("The vote came at the very end of the year.", "the very end of the year", "2007"),
        ("The tower opened at the very start of 2005.", "the very start of 2005", "2005"),
        # Named by number or by the two years it spans.
        ("Tax receipts rose in financial year 2006.", "financial year 2006", "FY2006"),
        ("The charity grew in the 2005-06 financial year.", "the 2005-06 financial year", "FY2006"),
        ("The budget for fiscal 2007/08 is tight.", "fiscal 2007/08", "FY2008"),
        ("The 1999-2000 fiscal year was the best.", "The 1999-2000 fiscal year", "FY2000"),
    ],
)
def test_fiscal_years_and_their_edges(text: str, phrase: str, value: str) -> None:
    assert found(text, JAN)[phrase] == ("DATE", value)


def test_the_past_year_is_still_twelve_months() -> None:
    assert found("Prices have doubled over the past year.", JAN)["the past year"] == (
        "DURATION",
        "P1Y",
    )


def test_years_apart_are_no_fiscal_year() -> None:
    assert not any(
        t.value and t.value.startswith("FY")
        for t in find_timexes("The 2005-09 fiscal years were lean.", JAN)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Airlines have not had such a slump since the attacks of September 11.",
        "In the aftermath of September 11th, the exchange stayed shut for days.",
    ],
)
def test_the_attacks_of_september_11_are_in_2001(text: str) -> None:
    [t] = [t for t in find_timexes(text, date(2008, 1, 22)) if t.text.startswith("September")]
    assert t.value == "2001-09-11"


def test_september_11_alone_is_a_date_like_any_other() -> None:
    [t] = find_timexes("The hearing is set for September 11.", date(2008, 1, 22))
    assert t.value == "2008-09-11"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A perfect after a modal or "to" looks back.
        ("Doctors said the patient may have caught the virus on Sunday.", "2025-03-09"),
        ("The ferry could have sailed on Monday, the captain said.", "2025-03-10"),
        ("The buyer is understood to have signed the contract on Tuesday.", "2025-03-11"),
        ("Rebels are believed to have crossed the border on Saturday.", "2025-03-08"),
        # A refusal to speak is a past act.
        ("The coach would not say on Tuesday who would start.", "2025-03-11"),
        ("The owner could not be reached for comment on Monday.", "2025-03-10"),
        # A future perfect, or a perfect infinitive after a verb of intending, lies ahead.
        ("The crews will have cleared the road by Friday.", "2025-03-14"),
        ("The agency hopes to have finished the audit by Friday.", "2025-03-14"),
        # A bare modal still looks ahead.
        ("The airline could cancel more flights on Monday.", "2025-03-17"),
    ],
)
def test_perfects_and_refusals_after_modals(text: str, value: str) -> None:
    [t] = find_timexes(text, THU)
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # In a quarter's first month, its results are the last quarter's, whatever the tense.
        ("The bank will report results for the quarter on Jan. 29.", date(2025, 1, 9), "2024-Q4"),
        ("The miner expects a loss for the quarter.", date(2025, 7, 3), "2025-Q2"),
        # Later in the quarter, or with no results, the quarter under way.
        ("The miner expects a loss for the quarter.", date(2025, 8, 20), "2025-Q3"),
        ("The chain will open ten stores in the quarter.", date(2025, 1, 9), "2025-Q1"),
    ],
)
def test_results_for_the_quarter_early_in_the_next(text: str, published: date, value: str) -> None:
    assert found(text, published)["the quarter"] == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Exports grew 4% in the September quarter.", "the September quarter", "2024-Q3"),
        ("Sales in the June quarter of 2023 fell.", "the June quarter of 2023", "2023-Q2"),
        ("The December quarter was the miner's best.", "The December quarter", "2024-Q4"),
        ("The brewer lost money in the 2019 fiscal year.", "the 2019 fiscal year", "FY2019"),
    ],
)
def test_a_quarter_named_by_its_last_month_and_a_fiscal_year_by_its_number(
    text: str, phrase: str, value: str
) -> None:
    assert found(text)[phrase] == ("DATE", value)


def test_a_quarter_named_by_another_month_is_left_to_the_month() -> None:
    assert "the May quarter" not in found("The May quarter was weak.")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # Trailing words and hedges belong to the phrase.
        ("The mill had been sold a year previously.", "a year previously", "2024"),
        ("The bridge opened a decade or so ago.", "a decade or so ago", "2015"),
        ("The chain went public a year or so ago.", "a year or so ago", "2024"),
        ("The road opened a little over a year ago.", "a little over a year ago", "2024"),
        ("The pilot retired just over a week ago.", "just over a week ago", "2025-03-06"),
    ],
)
def test_trailing_words_and_hedges_belong_to_the_phrase(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "phrase", "mod"),
    [
        ("The hearing lasted just over two hours.", "just over two hours", "MORE_THAN"),
        ("The strike lasted a little more than a week.", "a little more than a week", "MORE_THAN"),
        ("The repair took slightly less than a month.", "slightly less than a month", "LESS_THAN"),
    ],
)
def test_hedged_comparisons_keep_their_mod(text: str, phrase: str, mod: str) -> None:
    assert one(text, phrase).mod == mod


@pytest.mark.parametrize(
    ("text", "phrase", "value", "offset"),
    [
        ("Days later, the bank failed.", "Days later", "FUTURE_REF", "PXD"),
        ("The deal collapsed weeks later.", "weeks later", "FUTURE_REF", "PXW"),
        ("Months earlier, the chief had warned of losses.", "Months earlier", "PAST_REF", "-PXM"),
    ],
)
def test_a_bare_plural_later_or_earlier(text: str, phrase: str, value: str, offset: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value, t.anchor, t.offset) == ("DATE", value, "event", offset)


def test_a_plural_later_than_is_no_phrase() -> None:
    assert "years later" not in found("It arrived years later than planned.")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The mine will stay shut for the time being.", "the time being", "PRESENT_REF"),
        ("In recent times, fares have soared.", "recent times", "PAST_REF"),
    ],
)
def test_vague_references_of_several_words(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    "text", ["The time being spent on it is long.", "The most recent times were the worst."]
)
def test_look_alikes_of_vague_references(text: str) -> None:
    assert find_timexes(text, THU) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The peso slid 2% during the trading day.", "the trading day"),
        ("By the end of the trading day, the index was flat.", "the end of the trading day"),
    ],
)
def test_the_trading_day_is_the_storys_day(text: str, phrase: str) -> None:
    assert found(text)[phrase] == ("DATE", "2025-03-13")


def test_the_end_of_the_day_idiom_stays_unmarked() -> None:
    assert find_timexes("At the end of the day, voters want jobs.", THU) == []


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Bond yields had climbed the week before.", THU, "2025-W10"),
        ("On March 3, oil fell; it had risen the week before.", THU, "2025-W09"),
        ("Gold had slipped the week before.", date(2026, 1, 1), "2025-W52"),
    ],
)
def test_the_week_before_is_the_previous_week(text: str, published: date, value: str) -> None:
    assert found(text, published)["the week before"] == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # In running text, the present of an appointment names the coming day.
        ("The tribunal hears the appeal on Monday.", "2025-03-17"),
        ("The minister flies to Tokyo on Saturday.", "2025-03-15"),
        ("Voters go to the polls on Sunday.", "2025-03-16"),
        # A headline's present tells what happened.
        ("Carmaker unveils electric van on Wednesday", "2025-03-12"),
    ],
)
def test_the_present_of_an_appointment(text: str, value: str) -> None:
    [t] = find_timexes(text, THU)
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Shipments fell in 2024-W07.", "2024-W07", "2024-W07"),
        ("The plant reopens in 2025W15.", "2025W15", "2025-W15"),
        ("Delivery is due in W12 2025.", "W12 2025", "2025-W12"),
        ("The audit is set for 2024-W07-3.", "2024-W07-3", "2024-02-14"),
    ],
)
def test_iso_week_notation(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DATE", value)


def test_a_week_number_out_of_range_is_no_week() -> None:
    assert not any("W" in (t.value or "") for t in find_timexes("Code 2024-W99 failed.", THU))


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The mill was built in the 1800s.", "the 1800s", "18"),
        ("Cities grew fast in the 1900s.", "the 1900s", "19"),
        ("Broadband spread in the 2000s.", "the 2000s", "200"),
        ("The band peaked in the noughties.", "the noughties", "200"),
        ("Prices fell in the 1990s.", "the 1990s", "199"),
    ],
)
def test_hundreds_are_centuries_and_the_2000s_a_decade(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The dam broke on Monday and was patched later that day.", "later that day", "2025-03-10"),
        (
            "The bank failed on Monday; later that same day the fund shut.",
            "later that same day",
            "2025-03-10",
        ),
        (
            "The chief quit in January; that same month, the board split.",
            "that same month",
            "2025-01",
        ),
        ("The deal closed on March 3; that same week, shares fell.", "that same week", "2025-W10"),
    ],
)
def test_later_that_day_and_that_same_month(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.value, t.anchor) == (value, "event")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Irregular past forms set the tense as regular ones do.
        ("The parade on New Year's Eve drew huge crowds.", "2024-12-31"),
        ("Police caught the suspect on Sunday.", "2025-01-05"),
        ("Thousands fled the city on Saturday.", "2025-01-04"),
        ("The court upheld the verdict on Monday.", "2025-01-06"),
    ],
)
def test_irregular_past_forms_set_the_tense(text: str, value: str) -> None:
    [t] = find_timexes(text, date(2025, 1, 8))
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Wages are paid bi-weekly.", "bi-weekly", "P2W"),
        ("The council reports semi-annually.", "semi-annually", "P6M"),
        ("The ferry sails bi-monthly.", "bi-monthly", "P2M"),
    ],
)
def test_hyphenated_frequencies(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("SET", value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The vote is due at 3:30 this afternoon.", "3:30", "2025-03-13T15:30"),
        ("The show starts at 7:30 tonight.", "7:30 tonight", "2025-03-13T19:30"),
        ("They met at 4:45 on Friday afternoon.", "4:45", "2025-03-07T16:45"),
        ("He left at 8:15 this morning.", "8:15", "2025-03-13T08:15"),
    ],
)
def test_a_clock_time_takes_the_part_of_the_day_after_it(
    text: str, phrase: str, value: str
) -> None:
    assert found(text)[phrase] == ("TIME", value)


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 3), date(9999, 12, 31), None])
@pytest.mark.parametrize(
    "text",
    [
        "On Monday shares fell after a drop in the previous session; the next session was calm.",
        "The season runs from September to May.",
        "The market will be open from December to February.",
        "In the quarter ended Dec. 31, sales rose; they had fallen the week before.",
        "The ferry sails at 7:30 tonight and bi-weekly in the years to come.",
    ],
)
def test_new_phrases_at_the_ends_of_the_calendar_never_raise(
    text: str, published: date | None
) -> None:
    for t in find_timexes(text, published):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("For the nine months, profit rose 12%.", "the nine months", "P9M"),
        ("Profit rose in the six months ended Sept. 30.", "the six months", "P6M"),
        ("The two years since have been hard.", "The two years", "P2Y"),
        ("The 24 hours after the vote were chaotic.", "The 24 hours", "PT24H"),
    ],
)
def test_the_article_belongs_to_an_amount_of_time(text: str, phrase: str, value: str) -> None:
    assert found(text)[phrase] == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The three-day weekend begins.", "three-day"),
        ("It hit the 52-week high.", "52-week"),
        ("He served the two-year term.", "two-year"),
        ("The three-month-long strike ended.", "three-month-long"),
    ],
)
def test_a_compound_before_a_noun_keeps_the_article_out(text: str, phrase: str) -> None:
    assert phrase in found(text)


FRI = date(1998, 2, 6)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("In the first week of the year, sales jumped.", "the first week of the year", "1998-W01"),
        # past tense, and the year's last week is still ahead: last year's
        ("In the last week of the year, sales jumped.", "the last week of the year", "1997-W52"),
        ("In the last week of the year, sales will jump.", "the last week of the year", "1998-W53"),
        ("In the first month of the year, sales rose.", "the first month of the year", "1998-01"),
        ("On the last day of last year, it closed.", "the last day of last year", "1997-12-31"),
        ("Sales jumped in the first week of 2009.", "the first week of 2009", "2009-W01"),
        ("By the last day of next month, it ends.", "the last day of next month", "1998-03-31"),
        ("In the last week of the month, prices fell.", "the last week of the month", "1998-W05"),
        ("The first day of this month was calm.", "The first day of this month", "1998-02-01"),
    ],
)
def test_a_part_of_the_year_or_month(text: str, phrase: str, value: str) -> None:
    assert (one(text, phrase, FRI).type, one(text, phrase, FRI).value) == ("DATE", value)


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 9), date(9999, 12, 31)])
def test_a_part_of_a_year_at_the_calendars_ends_never_raises(published: date) -> None:
    text = (
        "In the first week of the year, and in the last week of next year, and on the last "
        "day of last month, and in the first month of 9999."
    )
    for t in find_timexes(text, published):
        assert text[t.start : t.end] == t.text


THU_2011 = date(2011, 5, 19)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The vote will take place on 5 May next year.", "5 May next year", "2012-05-05"),
        ("The plant closed on March 3 last year.", "March 3 last year", "2010-03-03"),
        ("The election is on 6 November this year.", "6 November this year", "2011-11-06"),
    ],
)
def test_a_day_with_its_year_in_words(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase, THU_2011).value == value


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("The festival runs from 3 to 7 June.", [("3", "2011-06-03"), ("7 June", "2011-06-07")]),
        ("The festival runs 3-7 June.", [("3", "2011-06-03"), ("7 June", "2011-06-07")]),
        ("Talks were held on 3 and 4 May.", [("3", "2011-05-03"), ("4 May", "2011-05-04")]),
        # a rule read "the 3rd" alone as next month's; the pair gives it May
        (
            "On the 3rd and 4th of May, it rained.",
            [("the 3rd", "2011-05-03"), ("4th of May", "2011-05-04")],
        ),
        ("Polls open between 8 and 10 June.", [("8", "2011-06-08"), ("10 June", "2011-06-10")]),
    ],
)
def test_the_first_day_of_a_day_first_pair(text: str, pairs: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in find_timexes(text, THU_2011)] == pairs


@pytest.mark.parametrize(
    "text",
    ["He paid $3 to 7 June.", "Talks ran from 30 to 2 June.", "It rose 5.3 to 7 June."],
)
def test_an_amount_or_a_later_day_before_a_date_is_no_first_day(text: str) -> None:
    assert [t.text for t in find_timexes(text, THU_2011)] == ["7 June" if "7" in text else "2 June"]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The hearing was adjourned until Friday.", "Friday", "2011-05-20"),
        ("The hearing was adjourned until 10 a.m. Friday.", "10 a.m. Friday", "2011-05-20T10:00"),
        ("The judge postponed the trial to Monday.", "Monday", "2011-05-23"),
        ("The vote was delayed until Monday morning.", "Monday morning", "2011-05-23TMO"),
        ("The launch was pushed back to Saturday.", "Saturday", "2011-05-21"),
        # the day of the moving itself stays behind
        ("The trial was adjourned on Tuesday.", "Tuesday", "2011-05-17"),
    ],
)
def test_a_day_a_thing_was_moved_to_lies_ahead(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase, THU_2011).value == value


TUE_2008 = date(2008, 9, 16)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The company agreed on Sunday to be bought.", "2008-09-14"),
        (
            "Merrill Lynch agreed to be bought by Bank of America for $50 billion on Sunday.",
            "2008-09-14",
        ),
        ("Workers voted to strike on Sunday.", "2008-09-14"),
        ("The minister refused to comment on Sunday.", "2008-09-14"),
        # a promise or a reported future still looks ahead
        ("The union pledged to strike on Sunday.", "2008-09-21"),
        ("He said he would resign on Sunday.", "2008-09-21"),
        ("The agreed price will be paid on Sunday.", "2008-09-21"),
    ],
)
def test_agreeing_or_voting_to_do_a_thing_dates_the_agreeing(text: str, value: str) -> None:
    assert one(text, "Sunday", TUE_2008).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("She will speak later this morning.", "later this morning", "2016-11-09TMO"),
        ("She spoke earlier this afternoon.", "earlier this afternoon", "2016-11-09TAF"),
    ],
)
def test_later_or_earlier_belongs_to_this_part_of_the_day(
    text: str, phrase: str, value: str
) -> None:
    assert one(text, phrase, date(2016, 11, 9)).value == value


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Profit rose from the year-ago level.", "year-ago"),
        ("The results compare with year-earlier sales.", "year-earlier"),
        ("Profit rose from the year-ago quarter.", "the year-ago quarter"),
    ],
)
def test_a_year_ago_adjective_before_another_noun_stands_alone(text: str, phrase: str) -> None:
    assert found(text, date(1989, 11, 2))[phrase][0] == "DATE"


@pytest.mark.parametrize(
    ("text", "phrase", "mod"),
    [
        ("It took as much as a decade to finish.", "as much as a decade", "EQUAL_OR_LESS"),
        ("The trial could last as long as six months.", "as long as six months", "EQUAL_OR_LESS"),
        ("He was jailed for no more than two years.", "no more than two years", "EQUAL_OR_LESS"),
        ("It happened almost exactly a year ago.", "almost exactly a year ago", "APPROX"),
        ("Talks lasted as little as an hour.", "as little as an hour", None),
    ],
)
def test_more_qualifiers_belong_to_the_phrase(text: str, phrase: str, mod: str | None) -> None:
    assert one(text, phrase, date(2010, 6, 1)).mod == mod


@pytest.mark.parametrize(
    "text",
    [
        "The merger closed earlier than expected in the first quarter.",
        "Sales rose faster than analysts had expected in the first quarter.",
    ],
)
def test_a_comparison_with_what_was_expected_sets_no_time_ahead(text: str) -> None:
    assert one(text, "the first quarter", date(2010, 6, 1)).value == "2010-Q1"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The phone goes on sale with pre-orders starting Friday.", "2012-09-14"),
        ("The new rules take effect Friday.", "2012-09-14"),
        ("The law takes effect on Friday.", "2012-09-14"),
        ("The law took effect on Friday.", "2012-09-07"),
        ("Trading resumed Friday.", "2012-09-07"),
    ],
)
def test_a_day_from_which_a_thing_holds_lies_ahead(text: str, value: str) -> None:
    assert one(text, "Friday", date(2012, 9, 13)).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The company's most recent quarter ended on June 30.", "most recent quarter", "2012-Q2"),
        ("In its latest quarter, sales rose.", "latest quarter", "2012-Q2"),
        ("Apple's latest fiscal year was strong.", "latest fiscal year", "FY2011"),
        ("In the most recent quarter, sales rose.", "the most recent quarter", "2012-Q2"),
    ],
)
def test_an_owners_latest_period(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase, date(2012, 9, 13)).value == value
