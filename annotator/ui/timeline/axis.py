"""Time-axis ticks for a zoom level (pure): the unit adapts from hours to centuries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from annotator.ui.timeline.layout import from_days, to_days

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# (unit, step, approximate length in days), smallest first
STEPS = (
    [("hour", n, n / 24) for n in (1, 2, 3, 6, 12)]
    + [("day", 1, 1.0), ("day", 2, 2.0), ("week", 1, 7.0)]
    + [("month", n, n * 30.44) for n in (1, 3, 6)]
    + [("year", n, n * 365.25) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)]
)
MIN_DAY, MAX_DAY = to_days(datetime(1, 1, 2)), to_days(datetime(9999, 12, 1))


@dataclass(frozen=True)
class Tick:
    day: float
    label: str


@dataclass(frozen=True)
class AxisTicks:
    unit: str  # "hour" | "day" | "week" | "month" | "year"
    step: int
    minor: list[Tick]  # labelled ticks of the chosen unit
    major: list[Tick]  # context row: the enclosing day, month or year


def choose_step(px_per_day: float, min_px: float = 64.0) -> tuple[str, int]:
    """Smallest step whose ticks are at least `min_px` apart (room for their labels)."""
    for unit, step, days in STEPS:
        if days * px_per_day >= min_px:
            return unit, step
    return STEPS[-1][0], STEPS[-1][1]


def _floor(dt: datetime, unit: str, step: int) -> datetime:
    if unit == "hour":
        return dt.replace(minute=0, second=0, microsecond=0, hour=dt.hour - dt.hour % step)
    day = dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1, month=dt.month - (dt.month - 1) % step)
    return day.replace(day=1, month=1, year=max(1, dt.year - dt.year % step))


def _next(dt: datetime, unit: str, step: int) -> datetime:
    if unit == "hour":
        return dt + timedelta(hours=step)
    if unit == "day":
        return dt + timedelta(days=step)
    if unit == "week":
        return dt + timedelta(days=7 * step)
    if unit == "month":
        months = dt.year * 12 + dt.month - 1 + step
        return dt.replace(year=months // 12, month=months % 12 + 1)
    return dt.replace(year=dt.year + step)


def _iterate(day0: float, day1: float, unit: str, step: int) -> Iterator[datetime]:
    day0, day1 = max(day0, MIN_DAY), min(day1, MAX_DAY)
    if day0 > day1:
        return
    dt, end = _floor(from_days(day0), unit, step), from_days(day1)
    while dt <= end:
        yield dt
        if dt.year + step > 9998 and unit == "year":
            return
        dt = _next(dt, unit, step)


def minor_label(dt: datetime, unit: str, step: int, px_per_day: float) -> str:
    if unit == "hour":
        return f"{dt.hour:02d}:00"
    if unit in ("day", "week"):
        return f"{WEEKDAYS[dt.weekday()]} {dt.day}" if px_per_day >= 90 else str(dt.day)
    if unit == "month":
        return MONTHS[dt.month - 1]
    return str(dt.year)


def major_label(dt: datetime, unit: str) -> str:
    if unit == "hour":
        return f"{WEEKDAYS[dt.weekday()]} {dt.day} {MONTHS[dt.month - 1]} {dt.year}"
    if unit in ("day", "week"):
        return f"{MONTHS_LONG[dt.month - 1]} {dt.year}"
    return str(dt.year)


MAJOR_OF = {"hour": ("day", 1), "day": ("month", 1), "week": ("month", 1), "month": ("year", 1)}


def axis_ticks(day0: float, day1: float, px_per_day: float, min_px: float = 64.0) -> AxisTicks:
    """Ticks between day0 and day1 for this zoom; the major row is empty for years."""
    unit, step = choose_step(px_per_day, min_px)
    minor = [
        Tick(to_days(dt), minor_label(dt, unit, step, px_per_day))
        for dt in _iterate(day0, day1, unit, step)
    ]
    major: list[Tick] = []
    if unit in MAJOR_OF:
        major_unit, major_step = MAJOR_OF[unit]
        major = [
            Tick(to_days(dt), major_label(dt, unit))
            for dt in _iterate(day0, day1, major_unit, major_step)
        ]
    return AxisTicks(unit, step, minor, major)
