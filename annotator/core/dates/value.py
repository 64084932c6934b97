"""DateValue: a date as precise as it was given, with bounds, display and EDTF form.

``.edtf`` is the identity (equality and hashing use it); everything else is derived from it
by ``from_edtf``, so a value always reads back to itself. Grammar and bounds: ``edtf.py``.

Precisions: ``time day week month season quarter year decade century range part_of_month``.

* ``century`` (``19XX``, 1900-1999) comes only from TIMEX3 ``19`` or typed EDTF.
* ``part_of_month``: "early/mid/late March 2025" is the approximate day range
  ``2025-03-01~/2025-03-10~``, ``2025-03-11~/2025-03-20~`` or ``2025-03-21~/2025-03-31~``;
  any EDTF range of exactly that shape reads back as ``part_of_month``.
* ``range``: any other ``a/b``; an open end is ``..`` with bounds 0001-01-01 / 9999-12-31.

A range is approximate (uncertain) when either end is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from annotator.core.dates import edtf as g
from annotator.core.dates.display import display_value, part_of_month, shown
from annotator.core.errors import AnnotatorError, DateError

PRECISIONS = (
    "time", "day", "week", "month", "season", "quarter", "year", "decade", "century",
    "range", "part_of_month",
)  # fmt: skip

# Mean lengths used to turn a drag of N days into whole units of coarser precisions.
_UNIT_DAYS = {
    "week": 7.0,
    "month": 30.436875,
    "season": 91.310625,
    "quarter": 91.310625,
    "year": 365.2425,
    "decade": 3652.425,
    "century": 36524.25,
}
_PART_DAYS = 30.436875 / 3  # early/mid/late thirds of a month


@dataclass(frozen=True, eq=False)
class DateValue:
    """A date the way it was known. Build with ``from_edtf``, ``day`` or the parser."""

    edtf: str
    precision: str
    earliest: datetime
    latest: datetime
    approximate: bool = False
    uncertain: bool = False

    # Identity is the EDTF string: two values that write the same are the same.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateValue) and other.edtf == self.edtf

    def __hash__(self) -> int:
        return hash(self.edtf)

    def sort_key(self) -> tuple[datetime, datetime]:
        """(earliest, latest): chronological order; callers add a tie-breaker if needed."""
        return (self.earliest, self.latest)

    def display(self, day_first: bool = True) -> str:
        """Short human form: "4 Mar 2025", "Mar 2025", "week 10, 2025", "~2024", "4–6 Mar 2025"."""
        return display_value(g.read(self.edtf), day_first)

    def to_json(self) -> dict[str, str]:
        return {
            "value": self.edtf,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "precision": self.precision,
        }

    def shifted(self, days: int) -> DateValue:
        """Move by ``days`` keeping the precision; coarse values move by the nearest whole unit
        (a month value moves only once the drag is nearer a month than zero)."""
        parsed = g.read(self.edtf)
        try:
            part = part_of_month(parsed)
            if part is not None:
                assert isinstance(parsed, g.Span) and parsed.start is not None
                moved: g.Parsed = _shift_part(parsed.start, part, days)
            elif isinstance(parsed, g.Point):
                moved = _shift_point(parsed, days)
            else:
                moved = g.Span(
                    _shift_point(parsed.start, days) if parsed.start else None,
                    _shift_point(parsed.end, days) if parsed.end else None,
                )
            return DateValue.from_edtf(g.to_edtf(moved))
        except (ValueError, OverflowError):
            raise DateError(
                f"moving {self.edtf} by {days} days leaves the years 1 to 9999",
                where="date",
                hint="drag it less far",
            ) from None

    # ------------------------------------------------------------ constructors

    @classmethod
    def from_edtf(cls, s: object) -> DateValue:
        """Read an EDTF / ISO 8601-2 string (as ``.edtf`` writes it); raises DateError,
        also for a value that is not a string (a hand-edited file's number or null)."""
        return _build(g.read(_edtf_text(s)))

    @classmethod
    def from_date(cls, d: date) -> DateValue:
        """A day (a datetime counts as its calendar day)."""
        return cls.day(d.year, d.month, d.day)

    @classmethod
    def day(cls, y: int, m: int, d: int) -> DateValue:
        return cls.from_edtf(f"{y:04d}-{m:02d}-{d:02d}")

    @classmethod
    def from_timex(cls, value: str) -> DateValue | None:
        """A TIMEX3 ``value`` as a DateValue, or None when it names no calendar date
        (PRESENT_REF, durations, anything with X, or a malformed value)."""
        from annotator.core.dates.timex_value import timex_to_edtf

        text = timex_to_edtf(value)
        if text is None:
            return None
        try:
            return cls.from_edtf(text)
        except DateError:
            return None


def day(y: int, m: int, d: int) -> DateValue:
    """Module-level shorthand for ``DateValue.day``."""
    return DateValue.day(y, m, d)


def _edtf_text(s: object) -> str:
    """The text ``from_edtf`` reads: stripped, and refused early when it cannot be EDTF."""
    if not isinstance(s, str):
        raise DateError(f"a date must be text, not {type(s).__name__}", where="date")
    text = s.strip()
    if not text:
        raise DateError("the date is empty", where="date", hint="write e.g. 2025-03-04")
    if len(text) > 80 or not text.isascii():
        raise DateError(
            f"'{shown(text)}' is not an EDTF date", where="date", hint="write e.g. 2025-03-04"
        )
    return text


def edtf_display(s: object, day_first: bool = True) -> str:
    """``DateValue.from_edtf(s).display(day_first)``, the text read once: that path reads it,
    writes it back and reads that again (two thirds of the date cells of a 100,000-event CSV,
    13,000 distinct dates, profiled). Raises DateError as ``from_edtf`` does."""
    return display_value(g.read(_edtf_text(s)), day_first)


def edtf_shown(s: str, day_first: bool = True) -> str:
    """``edtf_display``, or the stored text itself where it is no EDTF date: what the panels
    show of a stored date (a file written by another tool may hold anything)."""
    try:
        return edtf_display(s, day_first)
    except AnnotatorError:
        return s


def _build(parsed: g.Parsed) -> DateValue:
    earliest, latest = g.bounds(parsed)
    if isinstance(parsed, g.Point):
        points = [parsed]
        precision = parsed.kind
    else:
        points = [p for p in (parsed.start, parsed.end) if p is not None]
        precision = "part_of_month" if part_of_month(parsed) else "range"
    return DateValue(
        edtf=g.to_edtf(parsed),
        precision=precision,
        earliest=earliest,
        latest=latest,
        approximate=any(p.approximate for p in points),
        uncertain=any(p.uncertain for p in points),
    )


def step_point(p: g.Point, n: int) -> g.Point:
    """Move by ``n`` whole units of the point's own precision (minutes/seconds for a time)."""
    if p.kind == "time":
        unit = timedelta(seconds=1) if p.second is not None else timedelta(minutes=1)
        moved = datetime(p.year, p.month, p.day, p.hour, p.minute, p.second or 0) + n * unit
        second = moved.second if p.second is not None else None
        return replace(p, year=moved.year, month=moved.month, day=moved.day, hour=moved.hour,
                       minute=moved.minute, second=second)  # fmt: skip
    return _shift_point(p, round(n * _UNIT_DAYS.get(p.kind, 1.0)))


def _shift_point(p: g.Point, days: int) -> g.Point:
    if p.kind == "time":
        moved = datetime(p.year, p.month, p.day) + timedelta(days=days)
        return replace(p, year=moved.year, month=moved.month, day=moved.day)
    if p.kind == "day":
        moved_day = date(p.year, p.month, p.day) + timedelta(days=days)
        return replace(p, year=moved_day.year, month=moved_day.month, day=moved_day.day)
    n = round(days / _UNIT_DAYS[p.kind])
    if p.kind == "week":
        monday = date.fromisocalendar(p.year, p.week, 1) + timedelta(weeks=n)
        iso = monday.isocalendar()
        return replace(p, year=iso.year, week=iso.week)
    if p.kind == "month":
        index = p.year * 12 + p.month - 1 + n
        return replace(p, year=index // 12, month=index % 12 + 1)
    if p.kind in ("season", "quarter"):
        base = 21 if p.kind == "season" else 33
        index = p.year * 4 + p.code - base + n
        return replace(p, year=index // 4, code=base + index % 4)
    step = {"year": 1, "decade": 10, "century": 100}[p.kind]
    return replace(p, year=p.year + n * step)


def _shift_part(start: g.Point, part: str, days: int) -> g.Span:
    n = round(days / _PART_DAYS)
    index = (start.year * 12 + start.month - 1) * 3 + ("early", "mid", "late").index(part) + n
    return part_span(index // 36, index // 3 % 12 + 1, ("early", "mid", "late")[index % 3],
                     uncertain=start.uncertain)  # fmt: skip


def part_span(year: int, month: int, part: str, *, uncertain: bool = False) -> g.Span:
    """The approximate day range for "early/mid/late <month> <year>"."""
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, 0)}[part]
    last = last or g.days_in_month(year, month)
    return g.Span(
        g.Point("day", year, month, first, approximate=True, uncertain=uncertain),
        g.Point("day", year, month, last, approximate=True, uncertain=uncertain),
    )
