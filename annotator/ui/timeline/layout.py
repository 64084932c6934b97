"""Pure timeline geometry (no Qt): date <-> x mapping, lanes, row stacking and clustering.

Positions are in *days* (float days since 1970-01-01) so that a layout is independent of the
pan offset; only the zoom bucket (a power of two of px/day) changes stacking and clustering.
Layouts are cached per bucket, so panning never recomputes and zooming within a bucket is free.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter, sub
from typing import NamedTuple

from annotator.ui.timeline.entries import NONE_LANE, TimelineEntry

EPOCH = datetime(1970, 1, 1)
MIN_BUCKET, MAX_BUCKET = -14, 13  # about 1 px per 45 years .. 8192 px per day (340 px/hour)
MIN_ITEM_PX = 14.0  # a marker is never narrower than this
MAX_LABEL_PX = 190.0  # label room reserved at most (longer labels are elided)
CHAR_PX = 7.0  # average label character width used to reserve room (the painter elides)
CLUSTER_PX = 56.0  # items starting within this many px of each other may merge ...
MIN_CLUSTER = 4  # ... when there are at least this many
MAX_ROWS = 12  # rows per lane; what does not fit goes into "+N" overflow pills in the last row
ROW_H = 24  # px per stacked row
LANE_PAD = 6  # px above and below the rows of a lane


def to_days(dt: datetime) -> float:
    return (dt - EPOCH).total_seconds() / 86400.0


def from_days(days: float) -> datetime:
    return EPOCH + timedelta(days=days)


def entry_span(entry: TimelineEntry) -> tuple[float, float]:
    """[start, end) in days of what the entry covers.

    A day-or-coarser date covers whole days (so a firm day is one day wide and the month of
    March ends at April 1st), whatever time of day `latest` carries; a "time" is a point.
    """
    return entry.span


@dataclass(frozen=True)
class Scale:
    """Horizontal mapping: x = (day - left_day) * px_per_day."""

    px_per_day: float
    left_day: float

    def x_of(self, day: float) -> float:
        return (day - self.left_day) * self.px_per_day

    def x_of_dt(self, dt: datetime) -> float:
        return self.x_of(to_days(dt))

    def day_of(self, x: float) -> float:
        return self.left_day + x / self.px_per_day

    def span_x(self, entry: TimelineEntry) -> tuple[float, float]:
        start, end = entry_span(entry)
        return self.x_of(start), self.x_of(end)


def bucket_of(px_per_day: float) -> int:
    """Zoom bucket: floor(log2(px/day)), clamped."""
    return max(MIN_BUCKET, min(MAX_BUCKET, math.floor(math.log2(max(px_per_day, 1e-12)))))


def clamp_zoom(px_per_day: float) -> float:
    return max(2.0**MIN_BUCKET, min(2.0 ** (MAX_BUCKET + 1) - 1e-9, px_per_day))


class Placement(NamedTuple):  # a NamedTuple: 10,000s are built per zoom bucket, cheaply
    """One drawn thing in one lane: a single entry or a cluster of several."""

    ids: tuple[str, ...]  # one id, or the members of a cluster in order
    lane: str  # the lane's name (Layout.lane_of finds it): an edit that moves lanes up or
    # down leaves the placements of the lanes it did not touch as they are
    row: int
    start: float  # days: visual extent used for stacking
    end: float
    limit: float = math.inf  # start of the next placement in the same row (label room)
    overflow: bool = False  # a "+N" pill for items that did not fit in the lane's rows

    @property
    def is_cluster(self) -> bool:
        return len(self.ids) > 1 or self.overflow


@dataclass(slots=True)  # no __dict__ per lane: 5,000 lanes a zoom level, made for every read
class Lane:
    name: str
    top: int = 0  # px from the top of the lane area
    rows: int = 1
    placements: list[Placement] = field(default_factory=list)  # sorted by start
    starts: list[float] = field(default_factory=list)
    max_len: float = 0.0
    # entry id -> the placement showing it here (each entry is in a lane at most once)
    where: dict[str, Placement] = field(default_factory=dict, compare=False, repr=False)
    # For re-laying out a neighbourhood (layout_cache): the chrono key of each placement's
    # first entry, and those of the placements that begin a run independent of what came
    # before; none when the lane overflowed (its pills tie the whole lane together).
    first_keys: list[tuple] = field(default_factory=list, compare=False, repr=False)
    cuts: list[tuple] = field(default_factory=list, compare=False, repr=False)
    overflowed: bool = field(default=False, compare=False, repr=False)

    @property
    def height(self) -> int:
        return self.rows * ROW_H + 2 * LANE_PAD

    def visible(self, day0: float, day1: float) -> list[Placement]:
        """Placements that intersect [day0, day1] (binary search, then a short filter)."""
        lo = bisect_left(self.starts, day0 - self.max_len)
        hi = bisect_right(self.starts, day1)
        return [p for p in self.placements[lo:hi] if p.end >= day0]

    def row_y(self, row: int) -> int:
        return self.top + LANE_PAD + row * ROW_H


@dataclass
class Layout:
    bucket: int
    lanes: list[Lane]
    by_id: dict[str, list[Placement]]  # entry id -> every placement showing it
    index: dict[str, int] = field(default_factory=dict)  # lane name -> position in lanes

    def __post_init__(self) -> None:
        if not self.index:
            self.index = {lane.name: i for i, lane in enumerate(self.lanes)}

    def lane_of(self, placement: Placement) -> Lane:
        return self.lanes[self.index[placement.lane]]

    @property
    def height(self) -> int:
        """The lanes are stacked from 0 without gaps: the last one's bottom (a sum over
        5,000 lanes was paid several times per edit)."""
        return self.lanes[-1].top + self.lanes[-1].height if self.lanes else 0

    def lanes_between(self, y0: float, y1: float) -> range:
        """Indices of the lanes that reach into (y0, y1): a bisect over the stacked lanes,
        not a pass over all of them on every paint."""
        lo = bisect_right(self.lanes, y0, key=lambda lane: lane.top + lane.height)
        hi = bisect_left(self.lanes, y1, key=lambda lane: lane.top)
        return range(lo, max(lo, hi))

    def lane_at(self, y: float) -> int | None:
        for i, lane in enumerate(self.lanes):
            if lane.top <= y < lane.top + lane.height:
                return i
        return None


def assign_lanes(entries: Iterable[TimelineEntry], mode: str) -> list[tuple[str, list]]:
    """Group entries into lanes for `mode`. An entry with three lanes is in all three.

    Lanes are ordered busiest first, then by name; "(none)" comes last.
    """
    groups: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        for name in entry.lanes_for(mode):
            groups.setdefault(name, []).append(entry)
    order = sorted(groups, key=lambda n: (n == NONE_LANE, -len(groups[n]), n.casefold(), n))
    return [(name, groups[name]) for name in order]


Spans = dict[str, tuple[float, float]]  # entry id -> entry_span, computed once per entry set


def spans_of(entries: Iterable[TimelineEntry]) -> Spans:
    return {e.id: e.span for e in entries}  # entry_span, without a call per entry


def chrono_key(spans: Spans):
    """Sort key: start, per-day sequence, longest first, id (stable at every zoom)."""
    return lambda e: (spans[e.id][0], e.day_seq, -spans[e.id][1], e.id)


def prepare_lanes(entries: Iterable[TimelineEntry], mode: str, spans: Spans) -> list:
    """assign_lanes with each lane sorted chronologically: independent of zoom, so cached.
    One sort of all entries, which every lane keeps (a sort per lane: 5,000 of them)."""
    return assign_lanes(sorted(entries, key=chrono_key(spans)), mode)


def cluster_lane(
    entries: Sequence[TimelineEntry],
    px_per_day: float,
    spans: Spans | None = None,
    presorted: bool = False,
) -> list[tuple[TimelineEntry, ...]]:
    """Merge point-like entries that crowd together at this scale into clusters.

    An entry is point-like when its span is narrower than CLUSTER_PX; a run of at least
    MIN_CLUSTER point-like entries starting within CLUSTER_PX of the first becomes one cluster.
    Returns groups in chronological order; a group of one is a single item.
    """
    spans = spans if spans is not None else spans_of(entries)
    ordered = entries if presorted else sorted(entries, key=chrono_key(spans))
    clustered = _clusters(ordered, px_per_day, spans)
    return [(e,) for e in ordered] if clustered is None else clustered


def _clusters(
    ordered: Sequence[TimelineEntry], px_per_day: float, spans: Spans
) -> list[tuple[TimelineEntry, ...]] | None:
    """cluster_lane over entries in chronological order; None when every entry stays alone
    (most lanes at most zooms: found without building a group for each)."""
    window = CLUSTER_PX / px_per_day
    last = MIN_CLUSTER - 1
    starts: list[float] = []
    for entry in ordered:  # a run of MIN_CLUSTER points within one window makes a cluster
        start, end = spans[entry.id]
        if end - start < window:
            if len(starts) >= last and start < starts[-last] + window:
                break
            starts.append(start)
    else:
        return None
    points: list[TimelineEntry] = []
    starts = []
    longs: list[tuple[int, tuple[TimelineEntry, ...]]] = []
    groups: list[tuple[int, tuple[TimelineEntry, ...]]] = []
    # Each group is tagged with its first entry's place in time order, and the two runs
    # merged by it: heapq.merge calling the key for every group took 0.1-0.2 s of a
    # 10,000-entry layout (profiled).
    point_at: list[int] = []
    for at, entry in enumerate(ordered):
        start, end = spans[entry.id]
        if end - start < window:
            points.append(entry)
            starts.append(start)
            point_at.append(at)
        else:
            longs.append((at, (entry,)))
    i = 0
    while i < len(points):
        j = bisect_left(starts, starts[i] + window, lo=i)
        if j - i >= MIN_CLUSTER:
            groups.append((point_at[i], tuple(points[i:j])))
            i = j
        else:
            groups.append((point_at[i], (points[i],)))
            i += 1
    if longs and groups:
        groups += longs
        groups.sort(key=itemgetter(0))  # two sorted runs: one linear merge
    return [group for _at, group in groups or longs]


def stack_rows(spans: Sequence[tuple[float, float]], limit: int | None = None) -> list:
    """Greedy interval colouring: each span (in the given order, sorted by start) takes the
    lowest row that is free at its start. Same-start spans get increasing rows in input order.
    With `limit`, a span that finds none of the `limit` rows free gets None."""
    rows: list[int | None] = []
    busy: list[tuple[float, int]] = []  # (end, row) of rows in use
    free: list[int] = []
    count = 0
    for start, end in spans:
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        elif limit is None or count < limit:
            row, count = count, count + 1
        else:
            rows.append(None)
            continue
        rows.append(row)
        heapq.heappush(busy, (end, row))
    return rows


def _overflow(groups, spans, rows, window: float, row: int, lane: str) -> list[Placement]:
    """Pills of `window` days in `row` for the groups that got no row; they tile, never
    overlapping, as each pill takes every left-over item starting inside it."""
    pills: list[Placement] = []
    ids: list[str] = []
    start = -math.inf
    for group, span, got in zip(groups, spans, rows, strict=True):
        if got is not None:
            continue
        if ids and span[0] >= start + window:
            pills.append(Placement(tuple(ids), lane, row, start, start + window, overflow=True))
            ids = []
        if not ids:
            start = span[0]
        ids.extend(e.id for e in group)
    if ids:
        pills.append(Placement(tuple(ids), lane, row, start, start + window, overflow=True))
    return pills


def label_px(entry: TimelineEntry) -> float:
    """Estimated label width in px, marks included, capped."""
    return min(MAX_LABEL_PX, CHAR_PX * entry.label_chars + 10.0)


def footprint(
    entry: TimelineEntry, px_per_day: float, span: tuple[float, float] | None = None
) -> tuple[float, float]:
    """[start, end) in days that an item occupies in its row: its span plus its label, which
    goes inside a bar wide enough to hold it, or else after the marker."""
    start, end = span or entry_span(entry)
    label = label_px(entry)
    if (end - start) * px_per_day >= label + 10:
        return start, end
    return start, max(end + (label + 8) / px_per_day, start + MIN_ITEM_PX / px_per_day)


def lane_groups(
    members: Sequence[TimelineEntry], px_per_day: float, spans: Spans
) -> tuple[list[tuple[TimelineEntry, ...]], list[tuple[float, float]]]:
    """A lane's clusters and single items in order, with the room each takes in its row."""
    window = CLUSTER_PX / px_per_day
    if len(members) < MIN_CLUSTER:  # too few to cluster: each alone, in order (most lanes)
        groups: list[tuple[TimelineEntry, ...]] = [(e,) for e in members]
    else:
        groups = cluster_lane(members, px_per_day, spans, presorted=True)
    feet = []
    for group in groups:
        if len(group) == 1:
            feet.append(footprint(group[0], px_per_day, spans[group[0].id]))
        else:  # members start within one window, so clusters tile a row
            start = spans[group[0].id][0]
            feet.append((start, start + window))
    return groups, feet


def reach_of(group: tuple[TimelineEntry, ...], foot: tuple[float, float], spans, window) -> float:
    """How far right a group can change what comes after it: its room in the row, and for
    point-like items the clustering window (a later point within it could join them)."""
    start, end = spans[group[-1].id]
    if len(group) > 1 or end - start < window:
        return max(foot[1], start + window)
    return foot[1]


def segment_starts(groups, feet, spans, window: float) -> list[int]:
    """Indices of the groups that nothing before them reaches: from each, clustering and
    stacking go on exactly as if the lane began there (every row free, no open window)."""
    starts: list[int] = []
    reach = -math.inf
    for i, (group, foot) in enumerate(zip(groups, feet, strict=True)):
        if reach <= foot[0]:
            starts.append(i)
        reach = max(reach, reach_of(group, foot, spans, window))
    return starts


def _ids_of(group: tuple[TimelineEntry, ...]) -> tuple[str, ...]:
    # Most groups are one entry: no generator for them (22,000 per level at 100,000 events).
    return (group[0].id,) if len(group) == 1 else tuple([e.id for e in group])


def build_lane(
    name: str,
    members: Sequence[TimelineEntry],
    bucket: int,
    spans: Spans,
    keys: list[tuple] | None = None,
    closest: float = 0.0,
) -> Lane:
    """One lane's clusters and rows at a zoom bucket (its `top` is set by the caller). A
    lane's layout depends on its own members only, so an edit re-builds just its lanes.

    One pass does what lane_groups, stack_rows, segment_starts and with_limits do one after
    the other (they stay for patch_lane and the overflowing lanes): the helpers' calls per
    item were most of a layout of 12,000 entries in 5,000 lanes (profiled), and every
    zoom level and every read pays for it. `keys`: the members' chrono keys (LaneSet's;
    made here when not given), from which clusters and rows are found without a lookup per
    item (a sixth less time a level, profiled). `closest`: the lane's `closest_run` (0: not
    known), which rules clustering out at most zooms without a pass
    over the members (that pass was a fifth of a layout, profiled)."""
    window = CLUSTER_PX / 2.0**bucket
    clusters = len(members) >= MIN_CLUSTER and closest < window
    lane: Lane | None
    if keys is None:  # a caller without LaneSet's keys: made here, once
        keys = [e.chrono for e in members]
    found = _clusters_by_key(keys, window) if clusters else {}
    lane = _lane_in_rows(name, members, keys, bucket, found)
    if lane is None:  # more rows than a lane shows: "+N" pills
        return _overflowing_lane(name, members, bucket, spans)
    return lane


def closest_run(keys: Sequence[tuple]) -> float:
    """The shortest time in days from the first to the last start of MIN_CLUSTER members
    in a row (given their chrono keys, which begin with the start). No cluster forms at a
    zoom whose window is not longer: a cluster's MIN_CLUSTER points start within one
    window, and so does the run of members from its first point to its last. Independent
    of zoom, so worked out once per lane for every level."""
    step = MIN_CLUSTER - 1
    if len(keys) <= step:
        return math.inf
    starts = [key[0] for key in keys]
    return min(map(sub, starts[step:], starts))


_new_placement = tuple.__new__  # Placement's own __new__ is a Python call per placement


def _clusters_by_key(keys: Sequence[tuple], window: float) -> dict[int, list[int]]:
    """cluster_lane's clusters from the members' chrono keys (start, -end and id in each):
    the place of each cluster's first member -> the places of all its members."""
    points = [i for i, key in enumerate(keys) if -key[2] - key[0] < window]
    found: dict[int, list[int]] = {}
    if len(points) < MIN_CLUSTER:
        return found
    starts = [keys[i][0] for i in points]
    i, last = 0, len(points) - MIN_CLUSTER
    while i <= last:  # after the last, too few points are left to make one
        j = bisect_left(starts, starts[i] + window, lo=i)
        if j - i >= MIN_CLUSTER:
            found[points[i]] = points[i:j]
            i = j
        else:
            i += 1
    return found


def _lane_in_rows(
    name: str,
    members: Sequence[TimelineEntry],
    keys: list[tuple],
    bucket: int,
    clusters: dict[int, list[int]],
) -> Lane | None:
    """A lane whose items fit in MAX_ROWS rows (None when they do not), from the members'
    chrono keys and `_clusters_by_key`: each key holds the span (start, -end) and the id,
    so no lookup per item; a cluster
    stands where its first member does, and its other members are skipped. With nothing
    clustered the keys are the lane's first keys as they are (LaneSet replaces a lane's
    lists, never changes them). The same lane as laying it out step by step makes (tests
    hold it)."""
    px_per_day = 2.0**bucket
    window = CLUSTER_PX / px_per_day
    min_item = MIN_ITEM_PX / px_per_day
    row_ends: list[float] = []  # the end of the last item in each row
    waiting: list[tuple[int, tuple[str, ...], float, float]] = []  # (at, ids, start, end)
    placements: list[Placement] = []
    starts: list[float] = []
    first_keys: list[tuple] = keys if not clusters else []
    cuts: list[tuple] = []
    inside = {m for group in clusters.values() for m in group[1:]}
    reach = -math.inf
    longest = 0.0
    for at, (entry, key) in enumerate(zip(members, keys, strict=True)):
        start = key[0]
        end = -key[2]
        ids: tuple[str, ...]
        group = clusters.get(at) if clusters else None
        if group is not None:
            foot_end = start + window  # members start within one window: clusters tile
            # a later point within the window of the last member could join them
            far = keys[group[-1]][0] + window
            if far < foot_end:
                far = foot_end
            ids = tuple([keys[m][3] for m in group])
            first_keys.append(key)
        elif clusters and at in inside:
            continue
        else:
            label = CHAR_PX * entry.label_chars + 10.0  # label_px
            if label > MAX_LABEL_PX:
                label = MAX_LABEL_PX
            if (end - start) * px_per_day >= label + 10:  # footprint: the label fits inside
                foot_end = end
            else:
                foot_end = end + (label + 8) / px_per_day
                if foot_end < start + min_item:
                    foot_end = start + min_item
            # a point-like item reaches a window on: a later point within it could join it
            far = start + window if end - start < window and foot_end < start + window else foot_end
            ids = entry.alone
            if clusters:
                first_keys.append(key)
        if reach <= start:  # segment_starts: nothing before reaches this one
            cuts.append(key)
        if far > reach:
            reach = far
        if foot_end - start > longest:
            longest = foot_end - start
        # stack_rows' greedy step: the lowest row free at `start`, else a new one. At the
        # zooms that show years, labels are longer than the gaps and most items open a
        # row: the rows are looked through only when one is free.
        if row_ends and min(row_ends) <= start:
            row = 0
            while row_ends[row] > start:
                row += 1
            was_at, was, was_start, was_end = waiting[row]
            placements[was_at] = _new_placement(
                Placement, (was, name, row, was_start, was_end, start, False)
            )
            row_ends[row] = foot_end
            waiting[row] = (len(placements), ids, start, foot_end)
        else:
            if len(row_ends) >= MAX_ROWS:
                return None
            row_ends.append(foot_end)
            waiting.append((len(placements), ids, start, foot_end))
        placements.append(None)  # type: ignore[arg-type]
        starts.append(start)
    for row, (was_at, was, start, end) in enumerate(waiting):
        placements[was_at] = _new_placement(
            Placement, (was, name, row, start, end, math.inf, False)
        )
    where = {entry_id: p for p in placements for entry_id in p[0]}
    return Lane(
        name,
        0,
        max(1, len(row_ends)),
        placements,
        starts,
        longest,
        where,
        first_keys,
        cuts,
        False,
    )


def _overflowing_lane(
    name: str, members: Sequence[TimelineEntry], bucket: int, spans: Spans
) -> Lane:
    """A lane whose items need more than MAX_ROWS rows: the last row holds "+N" pills."""
    px_per_day = 2.0**bucket
    window = CLUSTER_PX / px_per_day
    groups, feet = lane_groups(members, px_per_day, spans)
    rows = stack_rows(feet, MAX_ROWS - 1)
    extra = _overflow(groups, feet, rows, window, MAX_ROWS - 1, name)
    lane = Lane(name=name, rows=MAX_ROWS)
    lane.overflowed = True
    placed = [
        (_ids_of(group), name, row, span[0], span[1])
        for group, span, row in zip(groups, feet, rows, strict=True)
        if row is not None
    ]
    lane.placements = with_limits(sorted([*placed, *extra], key=lambda p: p[3]))
    lane.starts = [p.start for p in lane.placements]
    lane.max_len = max((p.end - p.start for p in lane.placements), default=0.0)
    lane.where = {entry_id: p for p in lane.placements for entry_id in p.ids}
    return lane


def build_layout(
    entries: Sequence[TimelineEntry],
    mode: str,
    bucket: int,
    spans: Spans | None = None,
    lanes_in: list | None = None,
    pause: Callable[[], None] | None = None,
) -> Layout:
    """Lanes, clusters and rows at a zoom bucket; `spans` and `lanes_in` (prepare_lanes) may
    be passed in precomputed, as they do not depend on the zoom. `pause` is called between
    lanes (a worker thread lets the window's thread run there)."""
    spans = spans if spans is not None else spans_of(entries)
    if lanes_in is None:
        lanes_in = prepare_lanes(entries, mode, spans)
    lanes: list[Lane] = []
    by_id: dict[str, list[Placement]] = {}
    top = 0
    known_of = by_id.get
    # (name, members), or with the keys and closest_run from LaneSet.snapshot
    for lane_in in lanes_in:
        keys = lane_in[2] if len(lane_in) > 2 else None
        closest = lane_in[3] if len(lane_in) > 3 else 0.0
        lane = build_lane(lane_in[0], lane_in[1], bucket, spans, keys, closest)
        lane.top = top
        for entry_id, p in lane.where.items():
            known = known_of(entry_id)
            if known is None:
                by_id[entry_id] = [p]
            else:
                known.append(p)
        lanes.append(lane)
        top += lane.rows * ROW_H + 2 * LANE_PAD  # lane.height
        if pause is not None:
            pause()
    return Layout(bucket, lanes, by_id)


def with_limits(placed: list, after: dict[int, float] | None = None) -> list[Placement]:
    """Placements whose `limit` is the start of their right neighbour in the same row; the
    last of a row's gets `after[row]` (a patched lane's part: the next placement kept)."""
    limits = [math.inf] * len(placed)
    last_in_row: dict[int, int] = {}
    for i, p in enumerate(placed):
        prev = last_in_row.get(p[2])
        if prev is not None:
            limits[prev] = p[3]
        last_in_row[p[2]] = i
    for row, i in last_in_row.items():
        limits[i] = (after or {}).get(row, math.inf)
    return [
        Placement(p[0], p[1], p[2], p[3], p[4], limit, len(p) > 5 and p[6])
        for p, limit in zip(placed, limits, strict=True)
    ]
