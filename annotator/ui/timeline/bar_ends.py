"""Dragging either end of an event's bar on the drawn timeline: which end is under the
pointer, the whole-day span it makes, and that span as an EDTF day or day range."""

from __future__ import annotations

import math
from datetime import timedelta

from PySide6.QtCore import QPointF, QRectF

from annotator.ui.timeline.entries import TimelineEntry
from annotator.ui.timeline.layout import EPOCH

GRIP_PX = 5.0  # how near a bar's end the pointer must be to take hold of it


def end_under(bar: QRectF | None, pos: QPointF, entry: TimelineEntry) -> str | None:
    """ "start" or "end" when ``pos`` is on that end of an event's bar, else None."""
    if bar is None or entry.kind != "event" or entry.precision == "time":
        return None
    if not bar.top() - 2 <= pos.y() <= bar.bottom() + 2:
        return None
    grip = min(GRIP_PX, bar.width() / 3)  # a narrow bar keeps a middle to move it by
    if abs(pos.x() - bar.left()) <= grip:
        return "start"
    if abs(pos.x() - bar.right()) <= grip:
        return "end"
    return None


def resized(span: tuple[float, float], end: str, day: float) -> tuple[float, float]:
    """The [start, end) span in whole days with one end moved to the day boundary nearest
    ``day``; at least one day long."""
    start, stop = math.floor(span[0]), math.ceil(span[1])
    boundary = round(day)
    if end == "start":
        return float(min(boundary, stop - 1)), float(stop)
    return float(start), float(max(boundary, start + 1))


def day_range_edtf(start: float, stop: float) -> str:
    """[start, stop) in days since the epoch as EDTF: one day, or a day range."""
    first = (EPOCH + timedelta(days=start)).date()
    last = (EPOCH + timedelta(days=stop - 1)).date()
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
