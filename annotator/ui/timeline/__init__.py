"""Drawn, to-scale timeline widget fed by plain `TimelineEntry` values."""

from annotator.ui.timeline.entries import LANE_MODES, NONE_LANE, TimelineEntry
from annotator.ui.timeline.view import TimelineView

__all__ = ["LANE_MODES", "NONE_LANE", "TimelineEntry", "TimelineView"]
