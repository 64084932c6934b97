"""parse_user_date: what analysts type, read at exactly the precision typed."""

from __future__ import annotations

import calendar
import contextlib
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.dates.parse import parse_user_date
from annotator.core.dates.value import DateValue
from annotator.core.errors import DateError
from tests.core.test_date_value import values

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
REF = date(2025, 3, 10)
END = timedelta(days=1) - timedelta(microseconds=1)
MONTH_NAMES = list(calendar.month_name)[1:]  # locale "C" in tests: English


def day_start(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d)


def day_end(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d) + END


@pytest.mark.parametrize(
    ("text", "edtf", "precision", "earliest", "latest"),
    [
        ("4 March 2025", "2025-03-04", "day", day_start(2025, 3, 4), day_end(2025, 3, 4)),
        ("March 2025", "2025-03", "month", day_start(2025, 3, 1), day_end(2025, 3, 31)),
        (
            "early March 2025",
            "2025-03-01~/2025-03-10~",
            "part_of_month",
            day_start(2025, 3, 1),
            day_end(2025, 3, 10),
        ),
        (
            "mid-March 2025",
            "2025-03-11~/2025-03-20~",
            "part_of_month",
            day_start(2025, 3, 11),
            day_end(2025, 3, 20),
        ),
        (
            "late February 2024",
            "2024-02-21~/2024-02-29~",
            "part_of_month",
            day_start(2024, 2, 21),
            day_end(2024, 2, 29),
        ),
        ("Q1 2025", "2025-33", "quarter", day_start(2025, 1, 1), day_end(2025, 3, 31)),
        (
            "first quarter of 2025",
            "2025-33",
            "quarter",
            day_start(2025, 1, 1),
            day_end(2025, 3, 31),
        ),
        (
            "2025-03-04/2025-03-06",
            "2025-03-04/2025-03-06",
            "range",
            day_start(2025, 3, 4),
            day_end(2025, 3, 6),
        ),
        (
            "4-6 March 2025",
            "2025-03-04/2025-03-06",
            "range",
            day_start(2025, 3, 4),
            day_end(2025, 3, 6),
        ),
        (
            "March 4-6, 2025",
            "2025-03-04/2025-03-06",
            "range",
            day_start(2025, 3, 4),
            day_end(2025, 3, 6),
        ),
        (
            "4 March - 6 April 2025",
            "2025-03-04/2025-04-06",
            "range",
            day_start(2025, 3, 4),
            day_end(2025, 4, 6),
        ),
        (
            "March to May 2025",
            "2025-03/2025-05",
            "range",
            day_start(2025, 3, 1),
            day_end(2025, 5, 31),
        ),
        (
            "between 2019 and 2021",
            "2019/2021",
            "range",
            day_start(2019, 1, 1),
            day_end(2021, 12, 31),
        ),
        ("around 12 Feb 2024", "2024-02-12~", "day", day_start(2024, 2, 12), day_end(2024, 2, 12)),
        ("spring 2025", "2025-21", "season", day_start(2025, 3, 1), day_end(2025, 5, 31)),
        ("winter 2024-25", "2024-24", "season", day_start(2024, 12, 1), day_end(2025, 2, 28)),
        ("c. 2024", "2024~", "year", day_start(2024, 1, 1), day_end(2024, 12, 31)),
        ("03/04/2025", "2025-04-03", "day", day_start(2025, 4, 3), day_end(2025, 4, 3)),
        (
            "2025-03-04T14:30+01:00",
            "2025-03-04T14:30+01:00",
            "time",
            datetime(2025, 3, 4, 13, 30),
            datetime(2025, 3, 4, 13, 30, 59, 999999),
        ),
        ("4th March 2025", "2025-03-04", "day", day_start(2025, 3, 4), day_end(2025, 3, 4)),
        ("Mar. 4, 2025", "2025-03-04", "day", day_start(2025, 3, 4), day_end(2025, 3, 4)),
        ("2025/03/04", "2025-03-04", "day", day_start(2025, 3, 4), day_end(2025, 3, 4)),
        ("4.3.2025", "2025-03-04", "day", day_start(2025, 3, 4), day_end(2025, 3, 4)),
        ("4/3/25", "2025-03-04", "day", day_start(2025, 3, 4), day_end(2025, 3, 4)),
        ("2025-W10", "2025-W10", "week", day_start(2025, 3, 3), day_end(2025, 3, 9)),
        ("week 10 2025", "2025-W10", "week", day_start(2025, 3, 3), day_end(2025, 3, 9)),
        ("the 1990s", "199X", "decade", day_start(1990, 1, 1), day_end(1999, 12, 31)),
        ("1990s", "199X", "decade", day_start(1990, 1, 1), day_end(1999, 12, 31)),
        ("before 2020", "../2019", "range", datetime(1, 1, 1), day_end(2019, 12, 31)),
        ("after 2020", "2021/..", "range", day_start(2021, 1, 1), day_end(9999, 12, 31)),
        ("before 4 March 2025", "../2025-03-03", "range", datetime(1, 1, 1), day_end(2025, 3, 3)),
        ("since March 2025", "2025-03/..", "range", day_start(2025, 3, 1), day_end(9999, 12, 31)),
        ("until 2020", "../2020", "range", datetime(1, 1, 1), day_end(2020, 12, 31)),
        ("2024-2025", "2024/2025", "range", day_start(2024, 1, 1), day_end(2025, 12, 31)),
        (
            "first half of 2025",
            "2025-01/2025-06",
            "range",
            day_start(2025, 1, 1),
            day_end(2025, 6, 30),
        ),
        ("early 2025", "2025-01~/2025-04~", "range", day_start(2025, 1, 1), day_end(2025, 4, 30)),
        ("12.2025", "2025-12", "month", day_start(2025, 12, 1), day_end(2025, 12, 31)),
        (
            "4 March 2025 14:30",
            "2025-03-04T14:30",
            "time",
            datetime(2025, 3, 4, 14, 30),
            datetime(2025, 3, 4, 14, 30, 59, 999999),
        ),
        (
            "4 March 2025 2:30 pm UTC",
            "2025-03-04T14:30Z",
            "time",
            datetime(2025, 3, 4, 14, 30),
            datetime(2025, 3, 4, 14, 30, 59, 999999),
        ),
        ("Tuesday 4 March 2025", "2025-03-04", "day", day_start(2025, 3, 4), day_end(2025, 3, 4)),
    ],
)
def test_examples(text: str, edtf: str, precision: str, earliest: datetime, latest: datetime):
    v = parse_user_date(text)
    assert (v.edtf, v.precision, v.earliest, v.latest) == (edtf, precision, earliest, latest)


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("about 2020", "2020~"),
        ("circa 1850", "1850~"),
        ("c.2024", "2024~"),
        ("approximately May 2025", "2025-05~"),
        ("~2024", "2024~"),
        ("2024~", "2024~"),
        ("probably 2019", "2019?"),
        ("2019?", "2019?"),
        ("March 2025 ?", "2025-03?"),
        ("probably around March 2025", "2025-03%"),
        ("Q1 2025?", "2025-33?"),
        ("around 4-6 March 2025", "2025-03-04~/2025-03-06~"),
    ],
)
def test_marks(text: str, edtf: str):
    assert parse_user_date(text).edtf == edtf


def test_day_first_preference():
    assert parse_user_date("03/04/2025", day_first=True).edtf == "2025-04-03"
    assert parse_user_date("03/04/2025", day_first=False).edtf == "2025-03-04"
    # only one reading exists: the preference cannot apply
    assert parse_user_date("03/14/2025", day_first=True).edtf == "2025-03-14"
    assert parse_user_date("4 March 2025").display(day_first=False) == "Mar 4, 2025"


def test_missing_year_comes_from_the_reference_only():
    assert parse_user_date("the 4th of March", reference=REF).edtf == "2025-03-04"
    assert parse_user_date("28 December", reference=date(2025, 1, 2)).edtf == "2024-12-28"
    assert parse_user_date("March", reference=REF).edtf == "2025-03"
    assert parse_user_date("20 February to 3 March", reference=REF).edtf == (
        "2025-02-20/2025-03-03"
    )
    with pytest.raises(DateError, match="has no year"):
        parse_user_date("the 4th of March")


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("December to February 2025", "2024-12/2025-02"),
        ("25 December - 2 January 2025", "2024-12-25/2025-01-02"),
        ("Nov 2024 - Jan 2025", "2024-11/2025-01"),
        ("4th-6th March 2025", "2025-03-04/2025-03-06"),
        ("from 4 to 6 March 2025", "2025-03-04/2025-03-06"),
        ("2025-03-04 to 2025-03-06", "2025-03-04/2025-03-06"),
        ("March 2025 onwards", "2025-03/.."),
        ("no later than 4 March 2025", "../2025-03-04"),
        ("after the 1990s", "200X/.."),
        ("before spring 2025", "../2024-24"),
        ("after 4 March 2025 14:30", "2025-03-04T14:31/.."),
    ],
)
def test_ranges_and_open_ranges(text: str, edtf: str):
    assert parse_user_date(text).edtf == edtf


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("2025-3", "2025-03"),
        ("03/2025", "2025-03"),
        ("Sept 2025", "2025-09"),
        ("fall 2025", "2025-23"),
        ("2025 Q1", "2025-33"),
        ("wk 10, 2025", "2025-W10"),
        ("the end of March 2025", "2025-03-21~/2025-03-31~"),
        ("4-mar-2025", "2025-03-04"),
        ("2025-03-04 14:30:00 +0100", "2025-03-04T14:30:00+01:00"),
    ],
)
def test_other_spellings(text: str, edtf: str):
    assert parse_user_date(text).edtf == edtf


def test_a_bare_number_is_never_taken_for_a_month():
    with pytest.raises(DateError, match="which number"):
        parse_user_date("4 2025")


def test_two_digit_years_pivot_on_the_reference():
    assert parse_user_date("4 March 99", reference=REF).edtf == "1999-03-04"
    assert parse_user_date("4/3/25", reference=REF).edtf == "2025-03-04"
    assert parse_user_date("'90s", reference=REF).edtf == "199X"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Marhc 2025", "could not read 'Marhc' in 'Marhc 2025'"),
        ("the 4th of Marhc 2025", "'Marhc'"),
        ("31 February 2025", "no day 31 in Feb 2025"),
        ("2025-02-29", "no day 29 in February 2025"),
        ("31/04/2025", "no day 31 in Apr 2025"),
        ("13/13/2025", "month 13"),
        ("2025-13-01", "month 13"),
        ("31-33 March 2025", "no day 33"),
        ("Q5 2025", "not a quarter"),
        ("week 60 2025", "no week 60"),
        ("6-4 March 2025", "before it starts"),
        ("Monday 4 March 2025", "is a Tuesday, not a Monday"),
        ("25", "'25' alone"),
        ("12:30", "needs a date"),
        ("4 March 2025 2pm", "hours and minutes"),
        ("4 March 2025 14:30 CET", "'CET'"),
        ("today", "could not read 'today'"),
        ("", "empty"),
        ("   ", "empty"),
        ("?", "no date"),
        ("99999999999", "'99999999999' is too long"),
        ("2025\x00", "\\u0000"),
        ("\ud800 2025", "\\ud800"),
        ("x" * 500, "longer than"),
    ],
)
def test_errors_name_the_part(text: str, names: str):
    with pytest.raises(DateError) as err:
        parse_user_date(text)
    assert names in str(err.value)
    str(err.value).encode("utf-8")  # printable on any terminal: no lone surrogates


def test_non_text_is_a_date_error():
    with pytest.raises(DateError):
        parse_user_date(None)  # type: ignore[arg-type]


# ------------------------------------------------------------ properties


@SETTINGS
@given(values)
def test_every_edtf_form_parses_back(v: DateValue):
    assert parse_user_date(v.edtf) == v


@st.composite
def typed_dates(draw: st.DrawFn, day_first: bool) -> tuple[str, int | None, int | None, int]:
    """(text, month or None, day or None, year) typed in one of the usual ways."""
    year = draw(st.integers(1000, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None:
        day = draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    name = MONTH_NAMES[month - 1] if month else ""
    name = draw(st.sampled_from([name, name[:3], name[:3] + ".", name.lower(), name.upper()]))
    if month is None:
        forms = [f"{year}", f"in {year}"]
    elif day is None:
        forms = [
            f"{name} {year}",
            f"{name}, {year}",
            f"{month:02d}/{year}",
            f"{year}-{month:02d}",
            f"{name} of {year}",
        ]
    else:  # all-numeric forms are written the way the preference reads them
        numeric = f"{day}.{month}.{year}" if day_first else f"{month}/{day}/{year}"
        forms = [
            f"{day} {name} {year}",
            f"{name} {day}, {year}",
            f"the {day} of {name} {year}",
            f"{year}-{month:02d}-{day:02d}",
            numeric,
            f"{year}/{month}/{day}",
        ]
    return draw(st.sampled_from(forms)), month, day, year


@SETTINGS
@given(st.data(), st.booleans())
def test_parse_never_invents_a_day_or_month(data: st.DataObject, day_first: bool):
    text, month, day, year = data.draw(typed_dates(day_first))
    v = parse_user_date(text, day_first=day_first)
    expected = "day" if day is not None else "month" if month is not None else "year"
    assert v.precision == expected, text
    assert v.earliest.year == year
    if month is not None:
        assert v.earliest.month == month
    if day is not None:
        assert v.earliest.day == day


@SETTINGS
@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28), st.booleans())
def test_numeric_dates_follow_the_preference(year: int, month: int, day: int, day_first: bool):
    text = f"{day:02d}/{month:02d}/{year:04d}" if day_first else f"{month:02d}/{day:02d}/{year:04d}"
    v = parse_user_date(text, day_first=day_first)
    assert (v.precision, v.earliest.date()) == ("day", date(year, month, day))


@SETTINGS
@given(st.text(max_size=40))
def test_any_text_gives_a_value_or_a_date_error(text: str):
    try:
        v = parse_user_date(text, reference=REF)
    except DateError as err:
        assert str(err)
        return
    assert DateValue.from_edtf(v.edtf) == v and v.display()


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "4",
                "March",
                "2025",
                "-",
                "to",
                "around",
                "?",
                "Q1",
                "week",
                "10",
                "/",
                "early",
                ".",
                ",",
                "the",
                "of",
                "31",
                "99999",
                "spring",
                "1990s",
                "before",
                "T",
                ":",
                "+01:00",
                "W10",
            ]
        ),
        max_size=6,
    )
)
def test_date_like_word_salad_gives_a_value_or_a_date_error(words: list[str]):
    with contextlib.suppress(DateError):
        parse_user_date(" ".join(words))
