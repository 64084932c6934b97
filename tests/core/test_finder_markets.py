"""The finder on market and business news phrasing it had not met: a period's change
("ended the year 10% higher"), hedged months ("until at least June"), days of the month
("on the 14th"), running totals ("year-to-date")."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.core.dates.finder import find_timexes

THU = date(2025, 3, 13)  # a Thursday in the first quarter


def found(text: str, published: date = THU) -> list[tuple[str, str, str | None]]:
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
