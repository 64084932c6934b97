"""A bar's end dragged: which end is held, the whole-day span it makes, its EDTF."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF

from annotator.ui.timeline.bar_ends import day_range_edtf, end_under, resized
from annotator.ui.timeline.entries import TimelineEntry
from annotator.ui.timeline.layout import to_days

DAY = datetime(2025, 3, 4)
EVENT = TimelineEntry("e", "event", "Plan", DAY, DAY, "day")


def test_the_end_under_the_pointer():
    bar = QRectF(100, 50, 40, 14)
    assert end_under(bar, QPointF(102, 57), EVENT) == "start"
    assert end_under(bar, QPointF(139, 57), EVENT) == "end"
    assert end_under(bar, QPointF(120, 57), EVENT) is None  # the middle moves it
    assert end_under(bar, QPointF(139, 80), EVENT) is None  # another row
    assert end_under(None, QPointF(102, 57), EVENT) is None  # a dot has no ends
    claim = TimelineEntry("c", "claim", "Said", DAY, DAY, "day")
    assert end_under(bar, QPointF(102, 57), claim) is None
    narrow = QRectF(100, 50, 9, 14)  # a third of it at each end, the middle still moves it
    assert end_under(narrow, QPointF(104.5, 57), EVENT) is None


def test_whole_days_at_least_one():
    day = to_days(DAY)
    span = (day, day + 1)
    assert resized(span, "end", day + 3.2) == (day, day + 3)
    assert resized(span, "start", day - 1.6) == (day - 2, day + 1)
    assert resized(span, "start", day + 5) == (day, day + 1)  # never past the other end
    assert resized(span, "end", day - 5) == (day, day + 1)
    assert day_range_edtf(day, day + 1) == "2025-03-04"
    assert day_range_edtf(day - 2, day + 1) == "2025-03-02/2025-03-04"
