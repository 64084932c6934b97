"""Dates as values: EDTF written and read back point for point, bounds that follow the
calendar, the displayed form read back to the same dates, and relative phrases resolved
against any publication date by calendar arithmetic done here independently."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.dates import edtf as g
from annotator.core.dates.finder import find_timexes
from annotator.core.dates.parse import parse_user_date
from annotator.core.dates.value import DateValue
from annotator.core.errors import DateError
from annotator.core.export.common import format_date
from tests.core.test_date_value import parsed_values, points, values

MANY = settings(max_examples=100, deadline=None)


# -- EDTF text and points ---------------------------------------------------------------------


@MANY
@given(points())
def test_a_point_written_as_edtf_reads_back_field_for_field(case: tuple[str, g.Point]) -> None:
    kind, point = case
    text = g.to_edtf(point)
    assert text.isascii() and "/" not in text
    back = g.read(text)
    assert back == point
    assert DateValue.from_edtf(text).precision == kind


@MANY
@given(parsed_values())
def test_bounds_follow_the_calendar(parsed: g.Parsed) -> None:
    value = DateValue.from_edtf(g.to_edtf(parsed))
    assert value.earliest <= value.latest
    if isinstance(parsed, g.Point):
        assert (value.earliest, value.latest) == g.point_bounds(parsed)
        if parsed.kind != "time":
            assert value.earliest.time() == time.min and value.latest.time() == time.max
        if parsed.kind == "day":
            assert value.latest - value.earliest == timedelta(days=1, microseconds=-1)
        if parsed.kind == "month":
            days = calendar.monthrange(parsed.year, parsed.month)[1]
            assert (value.latest.date() - value.earliest.date()).days == days - 1
    else:
        start = g.point_bounds(parsed.start)[0] if parsed.start else g.FLOOR
        end = g.point_bounds(parsed.end)[1] if parsed.end else g.CEILING
        assert (value.earliest, value.latest) == (start, end)
        assert value.precision in ("range", "part_of_month")
        marks = [p for p in (parsed.start, parsed.end) if p]
        assert value.approximate == any(p.approximate for p in marks)
        assert value.uncertain == any(p.uncertain for p in marks)


@MANY
@given(values)
def test_the_stored_date_object_displays_as_the_value_does(value: DateValue) -> None:
    stored = value.to_json()
    assert format_date(stored) == value.display()
    assert datetime.fromisoformat(stored["earliest"]) == value.earliest
    assert DateValue.from_edtf(stored["value"]).to_json() == stored


@MANY
@given(values.filter(lambda v: v.precision in ("day", "time")), st.integers(-4000, 4000))
def test_moving_a_day_there_and_back_gives_it_back(value: DateValue, days: int) -> None:
    try:
        moved = value.shifted(days)
    except DateError:
        return  # beyond the years 1 to 9999
    assert moved.precision == value.precision
    assert moved.earliest - value.earliest == timedelta(days=days)
    assert moved.shifted(-days) == value


@pytest.mark.parametrize(
    "text",
    ["2025-00", "2025-13", "2025-02-29", "2025-03-04T24:00", "2025-W54", "2025-25", "2025-37",
     "0000", "2025-03-04/2025-03-01", "2025/2024", "../..", "2025//2026", "2025-3-4", " ",
     "2025-03-04T14:30+15:00", "２０２５"],
)  # fmt: skip
def test_impossible_edtf_is_one_date_error(text: str) -> None:
    with pytest.raises(DateError) as err:
        DateValue.from_edtf(text)
    assert "\n" not in str(err.value) and err.value.where


# -- what is shown can be typed back -----------------------------------------------------------

SHOWN = values.filter(lambda v: v.earliest.year >= 1000 and "XX" not in v.edtf).filter(
    lambda v: v.latest.year >= 1000
)


@settings(max_examples=150, deadline=None)
@given(SHOWN, st.booleans())
def test_a_displayed_date_typed_back_means_the_same_dates(
    value: DateValue, day_first: bool
) -> None:
    shown = value.display(day_first)
    back = parse_user_date(shown, day_first=day_first)
    assert (back.earliest, back.latest) == (value.earliest, value.latest), shown
    assert (back.approximate, back.uncertain) == (value.approximate, value.uncertain), shown


@pytest.mark.parametrize("typed", ["18 Sep 429", "429-09-18", "Nov 100", "7 Nov 100"])
def test_a_three_digit_year_is_never_read_as_another_year(typed: str) -> None:
    with pytest.raises(DateError, match="four digits") as refused:
        parse_user_date(typed)  # refused, as the year alone is, with the way to write it
    assert "write the year as 0" in str(refused.value)


@pytest.mark.parametrize("edtf", ["10XX/..", "../10XX", "19XX~/..", "../19XX?"])
def test_an_open_range_from_or_until_a_century_is_shown_as_open(edtf: str) -> None:
    value = DateValue.from_edtf(edtf)
    back = parse_user_date(value.display())
    assert (back.earliest, back.latest) == (value.earliest, value.latest), value.display()
    assert (back.approximate, back.uncertain) == (value.approximate, value.uncertain)


def test_a_year_below_1000_is_read_when_written_with_four_digits() -> None:
    assert parse_user_date("18 September 0429").edtf == "0429-09-18"
    assert parse_user_date("0429-09-18").edtf == "0429-09-18"
    with pytest.raises(DateError, match="four digits"):
        parse_user_date("429")


# -- relative phrases against the publication date -----------------------------------------------

PUBLISHED = st.dates(min_value=date(1900, 1, 8), max_value=date(2100, 12, 20))
NUMBERS = {2: "two", 3: "three", 5: "five", 10: "ten", 12: "twelve"}
WEEKDAYS = list(calendar.day_name)


def _one(text: str, published: object) -> tuple[str, str | None, str | None]:
    (t,) = find_timexes(text, published=published)  # type: ignore[arg-type]
    assert text[t.start : t.end] == t.text
    return t.text, t.value, t.anchor


def _month(d: date, step: int) -> str:
    index = d.year * 12 + d.month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@MANY
@given(PUBLISHED)
def test_days_weeks_months_and_years_around_the_publication_date(published: date) -> None:
    iso = published.isocalendar()
    before = published - timedelta(weeks=1)
    expected = {
        "yesterday": (published - timedelta(days=1)).isoformat(),
        "today": published.isoformat(),
        "tomorrow": (published + timedelta(days=1)).isoformat(),
        "last month": _month(published, -1),
        "next month": _month(published, 1),
        "last year": str(published.year - 1),
        "next year": str(published.year + 1),
        "this week": f"{iso.year}-W{iso.week:02d}",
        "last week": f"{before.isocalendar().year}-W{before.isocalendar().week:02d}",
    }
    for phrase, value in expected.items():
        assert _one(f"They met {phrase}.", published) == (phrase, value, "published")


@MANY
@given(PUBLISHED, st.sampled_from(sorted(NUMBERS)), st.booleans(), st.sampled_from(["day", "week"]))
def test_amounts_ago_count_back_from_the_publication_date(
    published: date, n: int, in_words: bool, unit: str
) -> None:
    amount = NUMBERS[n] if in_words else str(n)
    phrase = f"{amount} {unit}s ago"
    days = n * (7 if unit == "week" else 1)
    text, value, anchor = _one(f"They met {phrase}.", published)
    assert text.lower() == phrase.lower()
    assert value == (published - timedelta(days=days)).isoformat()
    assert anchor == "published"


@MANY
@given(PUBLISHED, st.sampled_from(WEEKDAYS))
def test_last_weekday_is_the_latest_such_day_before_publication(published: date, day: str) -> None:
    wanted = WEEKDAYS.index(day)
    back = (published.weekday() - wanted) % 7 or 7
    assert (
        _one(f"They met last {day}.", published)[1]
        == (published - timedelta(days=back)).isoformat()
    )


@MANY
@given(PUBLISHED)
def test_a_range_of_one_day_resolves_as_that_day(published: date) -> None:
    for phrase in ("yesterday", "last month", "two days ago"):
        text = f"They met {phrase}."
        assert find_timexes(text, published=(published, published)) == find_timexes(
            text, published=published
        )


@MANY
@given(PUBLISHED, st.integers(1, 40))
def test_a_publication_range_keeps_only_what_both_ends_agree_on(published: date, gap: int) -> None:
    later = published + timedelta(days=gap)
    _text, value, _anchor = _one("They met yesterday.", (published, later))
    a, b = published - timedelta(days=1), later - timedelta(days=1)
    if value is None:
        assert (a.year, a.month) != (b.year, b.month)
    elif "W" in value:
        assert a.isocalendar()[:2] == b.isocalendar()[:2]
        assert value == f"{a.isocalendar().year}-W{a.isocalendar().week:02d}"
    else:
        assert value == f"{a.year:04d}-{a.month:02d}" == f"{b.year:04d}-{b.month:02d}"


def test_without_a_publication_date_relative_phrases_have_no_day() -> None:
    for phrase in ("yesterday", "last month", "three days ago", "last Tuesday"):
        text, value, anchor = _one(f"They met {phrase}.", None)
        assert text == phrase and anchor == "published"
        assert value is None or "X" in value


def test_a_publication_date_outside_the_calendar_is_a_date_error() -> None:
    with pytest.raises(DateError):
        find_timexes("yesterday", published=(date(2025, 3, 9), date(2025, 3, 1)))
