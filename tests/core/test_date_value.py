"""DateValue: EDTF round trip, bounds, display, shifting, TIMEX3 values (annotator.core.dates)."""

from __future__ import annotations

import calendar
import contextlib
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.dates import edtf as g
from annotator.core.dates.value import DateValue, day
from annotator.core.errors import DateError

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
END = timedelta(days=1) - timedelta(microseconds=1)


def dt(y: int, m: int, d: int, *rest: int) -> datetime:
    return datetime(y, m, d, *rest)


def last(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d) + END


# ------------------------------------------------------------ strategies (shared with parse tests)

years = st.integers(1, 9998)
quals = st.sampled_from(["", "~", "?", "%"])


@st.composite
def points(draw: st.DrawFn) -> tuple[str, g.Point]:
    """(kind, point) of every kind, with marks, always valid."""
    kind = draw(
        st.sampled_from(
            ["time", "day", "week", "month", "season", "quarter", "year", "decade", "century"]
        )
    )
    y = draw(st.integers(100, 9990))
    q = draw(quals)
    flags = {"approximate": q in "~%" and q != "", "uncertain": q in "?%" and q != ""}
    if kind in ("day", "time"):
        m = draw(st.integers(1, 12))
        d = draw(st.integers(1, calendar.monthrange(y, m)[1]))
        if kind == "day":
            return kind, g.Point("day", y, m, d, **flags)
        tz = draw(st.sampled_from([None, "Z", "+01:00", "-05:30", "+14:00"]))
        sec = draw(st.none() | st.integers(0, 59))
        return kind, g.Point(
            "time",
            y,
            m,
            d,
            hour=draw(st.integers(0, 23)),
            minute=draw(st.integers(0, 59)),
            second=sec,
            tz=tz,
            **flags,
        )
    if kind == "week":
        w = draw(st.integers(1, date(y, 12, 28).isocalendar().week))
        return kind, g.Point("week", y, week=w, **flags)
    if kind == "month":
        return kind, g.Point("month", y, draw(st.integers(1, 12)), **flags)
    if kind == "season":
        return kind, g.Point("season", y, code=draw(st.integers(21, 24)), **flags)
    if kind == "quarter":
        return kind, g.Point("quarter", y, code=draw(st.integers(33, 36)), **flags)
    if kind == "decade":
        return kind, g.Point("decade", y // 10 * 10, **flags)
    if kind == "century":
        return kind, g.Point("century", y // 100 * 100, **flags)
    return kind, g.Point("year", y, **flags)


@st.composite
def parsed_values(draw: st.DrawFn) -> g.Parsed:
    """A point, a closed range of two points in order, or an open range."""
    shape = draw(st.sampled_from(["point", "point", "range", "open_start", "open_end"]))
    a = draw(points())[1]
    if shape == "point":
        return a
    if shape == "open_start":
        return g.Span(None, a)
    if shape == "open_end":
        return g.Span(a, None)
    b = draw(points())[1]
    if g.point_bounds(a)[0] > g.point_bounds(b)[1]:
        a, b = b, a
    return g.Span(a, b)


values = parsed_values().map(lambda p: DateValue.from_edtf(g.to_edtf(p)))


@st.composite
def admitted(draw: st.DrawFn, p: g.Point) -> datetime:
    """An instant the point admits, worked out from the calendar, not from point_bounds."""
    k = p.kind
    if k == "time":
        local = datetime(p.year, p.month, p.day, p.hour, p.minute, p.second or 0)
        local += timedelta(microseconds=draw(st.integers(0, 999_999)))
        if p.second is None:
            local += timedelta(seconds=draw(st.integers(0, 59)))
        return local - timedelta(minutes=g.tz_minutes(p.tz))
    clock = timedelta(microseconds=draw(st.integers(0, 86_400_000_000 - 1)))
    if k == "day":
        d = date(p.year, p.month, p.day)
    elif k == "week":
        d = date.fromisocalendar(p.year, p.week, draw(st.integers(1, 7)))
    else:
        if k == "month":
            y, m = p.year, p.month
        elif k in ("season", "quarter"):
            months = {
                21: (3, 4, 5),
                22: (6, 7, 8),
                23: (9, 10, 11),
                24: (12, 13, 14),
                33: (1, 2, 3),
                34: (4, 5, 6),
                35: (7, 8, 9),
                36: (10, 11, 12),
            }[p.code]
            m = draw(st.sampled_from(months))
            y, m = (p.year + 1, m - 12) if m > 12 else (p.year, m)
        else:
            span = {"year": 1, "decade": 10, "century": 100}[k]
            y, m = draw(st.integers(p.year, p.year + span - 1)), draw(st.integers(1, 12))
        d = date(y, m, draw(st.integers(1, calendar.monthrange(y, m)[1])))
    return datetime.combine(d, datetime.min.time()) + clock


# ------------------------------------------------------------ examples


@pytest.mark.parametrize(
    ("edtf", "precision", "earliest", "latest"),
    [
        ("2025-03-04", "day", dt(2025, 3, 4), last(2025, 3, 4)),
        ("2025-03", "month", dt(2025, 3, 1), last(2025, 3, 31)),
        ("2024-02", "month", dt(2024, 2, 1), last(2024, 2, 29)),
        ("2025", "year", dt(2025, 1, 1), last(2025, 12, 31)),
        ("2025-W10", "week", dt(2025, 3, 3), last(2025, 3, 9)),
        ("2020-W53", "week", dt(2020, 12, 28), last(2021, 1, 3)),
        ("2025-21", "season", dt(2025, 3, 1), last(2025, 5, 31)),
        ("2025-24", "season", dt(2025, 12, 1), last(2026, 2, 28)),
        ("2025-33", "quarter", dt(2025, 1, 1), last(2025, 3, 31)),
        ("2025-36", "quarter", dt(2025, 10, 1), last(2025, 12, 31)),
        ("202X", "decade", dt(2020, 1, 1), last(2029, 12, 31)),
        ("19XX", "century", dt(1900, 1, 1), last(1999, 12, 31)),
        ("2025-03-04/2025-03-06", "range", dt(2025, 3, 4), last(2025, 3, 6)),
        ("2025-03-01~/2025-03-10~", "part_of_month", dt(2025, 3, 1), last(2025, 3, 10)),
        (
            "2025-03-04T14:30+01:00",
            "time",
            dt(2025, 3, 4, 13, 30),
            dt(2025, 3, 4, 13, 30, 59, 999999),
        ),
        (
            "2025-03-04T14:30:05Z",
            "time",
            dt(2025, 3, 4, 14, 30, 5),
            dt(2025, 3, 4, 14, 30, 5, 999999),
        ),
        ("2025-03-04T14:30", "time", dt(2025, 3, 4, 14, 30), dt(2025, 3, 4, 14, 30, 59, 999999)),
        ("../2019", "range", dt(1, 1, 1), last(2019, 12, 31)),
        ("2021/..", "range", dt(2021, 1, 1), last(9999, 12, 31)),
    ],
)
def test_from_edtf_bounds(edtf: str, precision: str, earliest: datetime, latest: datetime):
    v = DateValue.from_edtf(edtf)
    assert (v.edtf, v.precision, v.earliest, v.latest) == (edtf, precision, earliest, latest)


@pytest.mark.parametrize(
    ("edtf", "approximate", "uncertain"),
    [
        ("2024~", True, False),
        ("2024?", False, True),
        ("2024%", True, True),
        ("2025-03-04", False, False),
        ("2025-03-04~/2025-03-06", True, False),
    ],
)
def test_marks(edtf: str, approximate: bool, uncertain: bool):
    v = DateValue.from_edtf(edtf)
    assert (v.approximate, v.uncertain) == (approximate, uncertain)


@pytest.mark.parametrize(
    ("edtf", "day_first", "expected"),
    [
        ("2025-03-04", True, "4 Mar 2025"),
        ("2025-03-04", False, "Mar 4, 2025"),
        ("2025-03", True, "Mar 2025"),
        ("2025-W10", True, "week 10, 2025"),
        ("2024~", True, "~2024"),
        ("2024?", True, "2024?"),
        ("2024%", True, "~2024?"),
        ("2025-03-04/2025-03-06", True, "4–6 Mar 2025"),
        ("2025-03-04/2025-03-06", False, "Mar 4–6, 2025"),
        ("2025-03-04/2025-04-06", True, "4 Mar – 6 Apr 2025"),
        ("2025-03/2025-05", True, "Mar–May 2025"),
        ("2025-21", True, "spring 2025"),
        ("2025-24", True, "winter 2025–26"),
        ("2025-33", True, "Q1 2025"),
        ("199X", True, "1990s"),
        ("2025-03-01~/2025-03-10~", True, "early Mar 2025"),
        ("2025-03-04T14:30+01:00", True, "4 Mar 2025 14:30 +01:00"),
        ("../2019", True, "until 2019"),
        ("2021/..", True, "from 2021"),
        ("2024/2026", True, "2024–2026"),
    ],
)
def test_display(edtf: str, day_first: bool, expected: str):
    assert DateValue.from_edtf(edtf).display(day_first=day_first) == expected


@pytest.mark.parametrize(
    ("bad", "names"),
    [
        ("2025-02-29", "day 29 in February 2025"),
        ("2025-13", "month 13"),
        ("2025-00-10", "month 00"),
        ("2025-W53", "week 53"),
        ("2025-03-06/2025-03-04", "ends (2025-03-04) before it starts"),
        ("2025-03-04T24:00", "time of day"),
        ("0000", "year 0"),
        ("../..", "at least one end"),
        ("2025/2026/2027", "one '/'"),
        ("99999", "not an EDTF date"),
        ("March 2025", "not an EDTF date"),
        ("", "empty"),
        ("2025\x00", "not an EDTF date"),
    ],
)
def test_from_edtf_rejects_naming_the_part(bad: str, names: str):
    with pytest.raises(DateError) as err:
        DateValue.from_edtf(bad)
    assert names in str(err.value)


def test_from_edtf_rejects_non_text():
    with pytest.raises(DateError):
        DateValue.from_edtf(2025)  # type: ignore[arg-type]


def test_equality_and_hash_by_edtf():
    a, b = DateValue.from_edtf("2025-03"), DateValue.from_edtf(" 2025-03 ")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != DateValue.from_edtf("2025-03~") and a != "2025-03"


def test_day_from_date_and_to_json():
    v = day(2025, 3, 4)
    assert v == DateValue.day(2025, 3, 4) == DateValue.from_date(date(2025, 3, 4))
    assert DateValue.from_date(datetime(2025, 3, 4, 17, 5)) == v
    assert v.to_json() == {
        "value": "2025-03-04",
        "earliest": "2025-03-04T00:00:00",
        "latest": "2025-03-04T23:59:59.999999",
        "precision": "day",
    }


def test_sort_key_is_earliest_then_latest():
    edtfs = ["2025-03-04", "2025", "2025-03", "2024-W52", "2025-03-01", "../2025"]
    vals = [DateValue.from_edtf(s) for s in edtfs]
    ordered = [v.edtf for v in sorted(vals, key=DateValue.sort_key)]
    assert ordered == ["../2025", "2024-W52", "2025", "2025-03-01", "2025-03", "2025-03-04"]
    assert vals[0].sort_key() == (vals[0].earliest, vals[0].latest)


@pytest.mark.parametrize(
    ("edtf", "days", "expected"),
    [
        ("2025-03-04", 3, "2025-03-07"),
        ("2025-03-04", -4, "2025-02-28"),
        ("2025-03-04T14:30+01:00", 1, "2025-03-05T14:30+01:00"),
        ("2025-W10", 6, "2025-W11"),
        ("2025-W10", 3, "2025-W10"),
        ("2025-03", 10, "2025-03"),
        ("2025-03", 20, "2025-04"),
        ("2025-12", 40, "2026-01"),
        ("2025-24", 100, "2026-21"),
        ("2025-36", 92, "2026-33"),
        ("2025", 200, "2026"),
        ("2025~", -400, "2024~"),
        ("202X", 4000, "203X"),
        ("2025-03-04/2025-03-06", 2, "2025-03-06/2025-03-08"),
        ("../2019", 400, "../2020"),
        ("2025-03-21~/2025-03-31~", 10, "2025-04-01~/2025-04-10~"),
    ],
)
def test_shifted(edtf: str, days: int, expected: str):
    assert DateValue.from_edtf(edtf).shifted(days).edtf == expected


def test_shift_out_of_range_is_a_date_error():
    with pytest.raises(DateError, match="leaves the years"):
        DateValue.from_edtf("9999-12-31").shifted(1)


@pytest.mark.parametrize(
    ("timex", "edtf"),
    [
        ("2025-03-04", "2025-03-04"),
        ("2025-W10", "2025-W10"),
        ("2025-03", "2025-03"),
        ("2025-Q1", "2025-33"),
        ("2025-Q4", "2025-36"),
        ("2025-SP", "2025-21"),
        ("2025-SU", "2025-22"),
        ("2025-FA", "2025-23"),
        ("2025-WI", "2025-24"),
        ("2025", "2025"),
        ("199", "199X"),
        ("19", "19XX"),
        ("2025-03-04T14:30", "2025-03-04T14:30"),
        ("2025-03-04T14:30:00Z", "2025-03-04T14:30:00Z"),
        ("2025-03-04T14:30+0100", "2025-03-04T14:30+01:00"),
        ("2025-W10-WE", "2025-03-08/2025-03-09"),
        ("2025-03-04TMO", "2025-03-04"),
        ("2025-H1", "2025-01/2025-06"),
    ],
)
def test_from_timex(timex: str, edtf: str):
    v = DateValue.from_timex(timex)
    assert v is not None and v.edtf == edtf


@pytest.mark.parametrize(
    "timex",
    [
        "PRESENT_REF",
        "PAST_REF",
        "FUTURE_REF",
        "P3D",
        "PT2H",
        "P1Y",
        "2025-XX",
        "XXXX-03-04",
        "2025-WXX",
        "2025-13",
        "2025-02-30",
        "",
        "garbage",
        "2025-21",
    ],
)
def test_from_timex_none(timex: str):
    assert DateValue.from_timex(timex) is None


# ------------------------------------------------------------ properties


@SETTINGS
@given(values)
def test_edtf_reads_back_to_itself(v: DateValue):
    back = DateValue.from_edtf(v.edtf)
    assert back == v
    assert (back.precision, back.earliest, back.latest, back.approximate, back.uncertain) == (
        v.precision,
        v.earliest,
        v.latest,
        v.approximate,
        v.uncertain,
    )
    assert v.earliest <= v.latest


@SETTINGS
@given(st.data())
def test_bounds_contain_every_admitted_instant(data: st.DataObject):
    kind, p = data.draw(points())
    v = DateValue.from_edtf(g.point_edtf(p))
    assert v.precision == kind
    instant = data.draw(admitted(p))
    assert v.earliest <= instant <= v.latest


@SETTINGS
@given(st.data())
def test_range_bounds_contain_every_admitted_instant(data: st.DataObject):
    """A range admits t when some instant of its start <= t <= some instant of its end."""
    a, b = data.draw(points())[1], data.draw(points())[1]
    if g.point_bounds(a)[0] > g.point_bounds(b)[1]:
        a, b = b, a
    shape = data.draw(st.sampled_from(["closed", "open_start", "open_end"]))
    span = g.Span(None if shape == "open_start" else a, None if shape == "open_end" else b)
    v = DateValue.from_edtf(g.to_edtf(span))
    s = data.draw(admitted(a)) if span.start else datetime(1, 1, 1)
    e = data.draw(admitted(b)) if span.end else datetime(9999, 12, 31, 23, 59, 59)
    if s <= e:
        assert v.earliest <= s and e <= v.latest


@SETTINGS
@given(values, st.booleans())
def test_display_never_raises(v: DateValue, day_first: bool):
    text = v.display(day_first=day_first)
    assert text and "\n" not in text


@SETTINGS
@given(values, st.integers(-4000, 4000))
def test_shifted_keeps_precision(v: DateValue, days: int):
    try:
        moved = v.shifted(days)
    except DateError:
        return  # only when the move leaves the years 1..9999
    assert moved.precision == v.precision
    assert (moved.approximate, moved.uncertain) == (v.approximate, v.uncertain)
    if v.precision in ("day", "time"):
        assert moved.earliest - v.earliest == timedelta(days=days)
        assert moved.shifted(-days) == v


@SETTINGS
@given(values)
def test_to_json_matches_fields(v: DateValue):
    j = v.to_json()
    assert j["value"] == v.edtf and j["precision"] == v.precision
    assert datetime.fromisoformat(j["earliest"]) == v.earliest
    assert datetime.fromisoformat(j["latest"]) == v.latest


@SETTINGS
@given(st.text(max_size=30))
def test_from_edtf_raises_only_date_error(text: str):
    with contextlib.suppress(DateError):
        DateValue.from_edtf(text)


@SETTINGS
@given(st.text(max_size=20))
def test_from_timex_never_raises(text: str):
    result = DateValue.from_timex(text)
    assert result is None or isinstance(result, DateValue)


@pytest.mark.parametrize("day_first", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "2025", "2025~", "2025?", "2025%", "2025-03", "2025-21", "2025-24", "2025-33",
        "2025-W10", "202X", "19XX", "2025-03-04", " 2025-03-04 ", "2025-03-04T10:00",
        "2025-03-04T10:00:05Z", "2025-03-04T10:00+02:00", "../2025", "2025/..",
        "2025-03-01~/2025-03-10~", "2025-03-11~/2025-03-20~?", "2025-03-21~/2025-03-31~",
        "2024/2025", "2024~/2025", "2025-03-04/2025-03-06", "2025-03-04?/2025-04-05?",
        "2025-03%/2025-05%", "2025-13", "2025-02-30", "x", "", "2025/2024", "é", 12, None,
    ],
)  # fmt: skip
def test_edtf_display_is_the_values_display(text: object, day_first: bool) -> None:
    """The export's one reading of a date shows what the value built from it shows, and
    refuses what ``from_edtf`` refuses."""
    from annotator.core.dates.value import edtf_display

    try:
        expected: str | None = DateValue.from_edtf(text).display(day_first)
    except DateError:
        expected = None
    try:
        shown: str | None = edtf_display(text, day_first)
    except DateError:
        shown = None
    assert shown == expected


@SETTINGS
@given(values, st.booleans())
def test_edtf_display_of_any_value_is_its_display(v: DateValue, day_first: bool) -> None:
    from annotator.core.dates.value import edtf_display

    assert edtf_display(v.edtf, day_first) == v.display(day_first)
