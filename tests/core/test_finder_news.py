"""The finder on news phrasing: tense from the governing verb, comparisons with the year before,
periods the article refers back to, vague references and words that only look like dates."""

from __future__ import annotations

from datetime import date

import pytest

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
