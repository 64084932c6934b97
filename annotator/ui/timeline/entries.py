"""Plain data fed to the timeline widget (no Qt), built by the window from store rows."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

LANE_MODES = ("none", "actor", "type", "tag", "article")
NONE_LANE = "(none)"  # lane for entries that have no lane in the current mode
ALL_LANE = "All"  # the single lane of mode "none"

_EPOCH = datetime(1970, 1, 1)


class _once(cached_property):
    """cached_property without its lock: Python 3.11 takes one on every first read (1.3 us
    an entry, 20 ms a read of 12,000). Two threads reading at once both work out the
    same value from the same frozen fields, which is harmless."""

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


# Precisions whose interval is a vague span (not a firm day or a firm range): drawn hatched.
IMPRECISE = frozenset({"week", "month", "season", "quarter", "year", "decade", "part_of_month"})


@dataclass(frozen=True)
class TimelineEntry:
    id: str
    kind: str  # "event" | "claim"
    label: str
    earliest: datetime
    latest: datetime  # inclusive bounds
    precision: str  # "time","day","week","month","season","quarter","year","decade","range",...
    approximate: bool = False
    uncertain: bool = False
    # lane mode -> lane names, e.g. {"actor": ("Trump", "Zelensky"), "type": ("meeting",)}
    lanes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    day_seq: int = 0
    about_event_id: str | None = None  # claims: the event they are about
    color_key: str = ""
    fact_status: str = ""  # "key" and "disputed" are marked; "undisputed" and "" are not
    suggested: bool = False  # the date was suggested by the app, not confirmed
    single_source: bool = False  # one outlet alone reports it: a small "1" badge

    @property
    def imprecise(self) -> bool:
        return self.precision in IMPRECISE

    def lanes_for(self, mode: str) -> tuple[str, ...]:
        """Lane names of this entry in `mode`; "(none)" when it has none there."""
        if mode == "none":
            return (ALL_LANE,)
        names = self.lanes.get(mode, ())
        if len(names) == 1 and names[0]:  # most entries: one actor, one type
            return (names[0],)
        names = tuple(dict.fromkeys(n for n in names if n))
        return names or (NONE_LANE,)

    @_once
    def label_chars(self) -> int:
        """Characters the label takes, its marks (~, ?) included: its room is reserved by
        every zoom level's layout."""
        return len(self.label) + 2 * self.approximate + 2 * self.uncertain

    @_once
    def alone(self) -> tuple[str]:
        """The ids of a placement showing it alone, made once: each zoom level of every read
        made one per lane it is in (22,000 a level, each also a young object for the
        garbage collector to walk, profiled)."""
        return (self.id,)

    @_once
    def chrono(self) -> tuple[float, int, float, str]:
        """Its time-order key (layout.chrono_key: start, per-day sequence, longest first,
        id), made once: an entry kept by the window is sorted again by every read that
        draws it (12,000 keys a read, profiled)."""
        start, end = self.span
        return (start, self.day_seq, -end, self.id)

    # Worked out once per entry, not once per read of it or per lane it is in: an entry
    # kept by the window is laid out again after every filter (layout.entry_span says
    # what the span is).
    @_once
    def span(self) -> tuple[float, float]:
        """[start, end) in days since 1970-01-01."""
        start = (self.earliest - _EPOCH).total_seconds() / 86400.0
        last = (self.latest - _EPOCH).total_seconds() / 86400.0
        if self.precision == "time":
            return start, max(start, last)
        return math.floor(start), max(math.floor(last) + 1.0, math.floor(start) + 1.0)


def quick_entry(
    id: str,
    kind: str,
    label: str,
    earliest: datetime,
    latest: datetime,
    precision: str,
    approximate: bool,
    uncertain: bool,
    lanes: dict[str, tuple[str, ...]],
    day_seq: int,
    about_event_id: str | None,
    color_key: str,
    fact_status: str,
    suggested: bool,
    single_source: bool,
) -> TimelineEntry:
    """TimelineEntry(...) with every field given, without the frozen dataclass's __init__
    (one object.__setattr__ per field): 2 us an entry, a third of turning a read's 12,000
    rows into entries (profiled). The same value: tests hold the two ways equal."""
    entry = object.__new__(TimelineEntry)
    entry.__dict__.update(
        id=id,
        kind=kind,
        label=label,
        earliest=earliest,
        latest=latest,
        precision=precision,
        approximate=approximate,
        uncertain=uncertain,
        lanes=lanes,
        day_seq=day_seq,
        about_event_id=about_event_id,
        color_key=color_key,
        fact_status=fact_status,
        suggested=suggested,
        single_source=single_source,
    )
    return entry
