"""The drawn timeline's layouts per zoom bucket, kept up to date edit by edit.

A full layout of 10,000 drawn entries takes 0.2 to 0.6 s per zoom bucket (profiled at
100,000 events); an edit changes one or a few entries. `LayoutCache.update` moves them
between the lanes' sorted member lists, and each built bucket re-lays out only the lanes
they left or joined, and in a long lane only the run of items around them. The result is
the same as a layout from scratch: tests/ui/test_timeline_patch.py holds it to that over
random sequences of edits.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter

from annotator.ui.timeline.entries import NONE_LANE, TimelineEntry
from annotator.ui.timeline.layout import (
    CLUSTER_PX,
    MAX_ROWS,
    Lane,
    Layout,
    Placement,
    Spans,
    bucket_of,
    build_lane,
    build_layout,
    chrono_key,
    closest_run,
    entry_span,
    lane_groups,
    reach_of,
    segment_starts,
    spans_of,
    stack_rows,
    with_limits,
)

# Lanes from which an edit re-lays out only the run around it (below, the whole lane: as
# fast, and simpler to follow).
NEIGHBOURHOOD_FROM = 64


def lane_rank(name: str, count: int) -> tuple:
    """Where a lane goes: busiest first, then by name; "(none)" last (as assign_lanes)."""
    return (name == NONE_LANE, -count, name.casefold(), name)


class LaneSet:
    """The entries of each lane in chronological order, for one lane mode.

    Kept up to date by `remove` and `add` when entries change, so an edit touches only the lanes it
    moves entries in and out of. A lane's list is replaced, never changed in place: a
    worker thread laying out a snapshot of these lists sees them as they were.
    """

    def __init__(self, entries: Iterable[TimelineEntry], mode: str, spans: Spans) -> None:
        self.mode = mode
        # prepare_lanes and each member's key, with one key per entry (not one per lane it is
        # in) and one sort of them all. The key is the entry's own (`chrono`): `spans` are
        # the entries' own spans, from which chrono_key makes the same.
        members: dict[str, list[TimelineEntry]] = {}
        keys: dict[str, list[tuple]] = {}
        for entry_key, entry in sorted([(e.chrono, e) for e in entries], key=itemgetter(0)):
            for name in entry.lanes_for(mode):
                known = members.get(name)
                if known is None:
                    members[name], keys[name] = [entry], [entry_key]
                else:
                    known.append(entry)
                    keys[name].append(entry_key)
        # ranked once, here: `order` sorted them again for every read (5,000 lanes)
        ranked = sorted((lane_rank(name, len(known)), name) for name, known in members.items())
        self.members: dict[str, list[TimelineEntry]] = {name: members[name] for _, name in ranked}
        self.keys: dict[str, list[tuple]] = keys
        self._order: list[str] | None = [name for _, name in ranked]
        self._ranks: list[tuple] = [rank for rank, _ in ranked]  # lane_rank of each in `_order`
        # closest_run of each lane, worked out at its first snapshot, dropped when it changes
        self._closest: dict[str, float] = {}

    def order(self) -> list[str]:
        if self._order is None:
            members = self.members
            ranked = sorted((lane_rank(n, len(m)), n) for n, m in members.items())
            self._ranks = [rank for rank, _ in ranked]
            self._order = [name for _, name in ranked]
        return self._order

    def _rerank(self, name: str, was: int, now: int) -> None:
        """A lane's count went from `was` to `now`: it moves in the order by bisect (sorting
        5,000 lanes again took 10 ms per edit). Lists replaced, as the members are."""
        if self._order is None:
            return
        order, ranks = self._order, self._ranks
        if was:
            i = bisect_left(ranks, lane_rank(name, was))
            order, ranks = order[:i] + order[i + 1 :], ranks[:i] + ranks[i + 1 :]
        if now:
            rank = lane_rank(name, now)
            i = bisect_left(ranks, rank)
            order, ranks = [*order[:i], name, *order[i:]], [*ranks[:i], rank, *ranks[i:]]
        self._order, self._ranks = order, ranks

    def snapshot(self) -> list[tuple[str, list[TimelineEntry], list[tuple], float]]:
        """(name, members, their keys, closest_run) of each lane in order: the keys are a
        lane's own where nothing clusters (no key made again per zoom level)."""
        members, keys, closest = self.members, self.keys, self._closest
        out = []
        for name in self.order():
            near = closest.get(name)
            if near is None:
                near = closest[name] = closest_run(keys[name])
            out.append((name, members[name], keys[name], near))
        return out

    def remove(self, entry: TimelineEntry, key: tuple) -> list[tuple[str, tuple]]:
        touched = []
        for name in entry.lanes_for(self.mode):
            keys = self.keys.get(name)
            if keys is None:
                continue
            i = bisect_left(keys, key)
            if i < len(keys) and keys[i] == key:
                touched.append((name, key))
                self._closest.pop(name, None)
                self._rerank(name, len(keys), len(keys) - 1)
                if len(keys) == 1:
                    del self.members[name], self.keys[name]
                else:
                    self.members[name] = self.members[name][:i] + self.members[name][i + 1 :]
                    self.keys[name] = keys[:i] + keys[i + 1 :]
        return touched

    def add(self, entry: TimelineEntry, key: tuple) -> list[tuple[str, tuple]]:
        touched = []
        for name in entry.lanes_for(self.mode):
            keys = self.keys.get(name, [])
            members = self.members.get(name, [])
            i = bisect_left(keys, key)
            self.members[name] = [*members[:i], entry, *members[i:]]
            self.keys[name] = [*keys[:i], key, *keys[i:]]
            touched.append((name, key))
            self._closest.pop(name, None)
            self._rerank(name, len(keys), len(keys) + 1)
        return touched


class LayoutCache:
    """Entries + lane mode, with one Layout per zoom bucket computed on first use.

    `update` applies an edit's few entries: only the lanes they leave or join are laid out
    again, in every bucket already built, and the result is the same as a layout from
    scratch (tests/ui/test_timeline_patch.py holds it to that). Buckets not built yet can
    be built from a `snapshot` off the GUI thread and handed back with `adopt`.
    """

    def __init__(self, entries: Sequence[TimelineEntry] = (), mode: str = "actor") -> None:
        self.mode = mode
        self.version = 0  # bumped by every change of entries or mode
        self._layouts: dict[int, Layout] = {}
        # bucket -> lane -> the keys of the entries that left or joined it since it was laid
        # out: patched when the bucket is next shown
        self._stale: dict[int, dict[str, set[tuple]]] = {}
        # The entries changed or removed since a bucket was patched: their placements are
        # listed again whatever their lanes did (one that left a lane it shared kept it).
        self._stale_ids: dict[int, set[str]] = {}
        self._lanes: LaneSet | None = None
        self._starts: list[float] | None = None  # every span's start, sorted (the minimap)
        self.reset(entries)

    def reset(self, entries: Sequence[TimelineEntry] | None = None, mode: str | None = None):
        if entries is not None:
            self.entries: dict[str, TimelineEntry] = {e.id: e for e in entries}
            self.spans = spans_of(self.entries.values())
            self._extent = self._compute_extent(None)
        if mode is not None:
            self.mode = mode
        self.version += 1
        self._layouts.clear()
        self._stale.clear()
        self._stale_ids.clear()
        self._lanes = None
        self._starts = None

    def dismantle(self, pause: Callable[[], None]) -> None:
        """Let go of everything held, a few hundred objects at a time with `pause` between
        (a worker frees a cache no longer shown this way: the window's thread is held only
        while each piece is freed). The entries, which other caches may share, are only
        let go of. The cache is empty afterwards."""
        layouts, lanes, entries, spans = dict(self._layouts), self._lanes, self.entries, self.spans
        self.reset([])
        pieces: list = [layout.by_id for layout in layouts.values()]
        pieces += [{i: lane for i, lane in enumerate(layout.lanes)} for layout in layouts.values()]
        layouts.clear()
        if lanes is not None:
            pieces += [lanes.members, lanes.keys]
        pieces += [entries, spans]
        for piece in pieces:
            # The keys are ids the entries hold anyway; the values are freed in slices (one
            # `del` each, not an item at a time).
            values = list(piece.values())
            piece.clear()
            while values:
                del values[-500:]
                pause()

    def _lane_set(self) -> LaneSet:
        if self._lanes is None:
            self._lanes = LaneSet(self.entries.values(), self.mode, self.spans)
        return self._lanes

    def get(self, px_per_day: float, pause: Callable[[], None] | None = None) -> Layout:
        """The layout at this zoom; `pause` as for build_layout when it must be built."""
        return self._at(bucket_of(px_per_day), pause)

    def _at(self, bucket: int, pause: Callable[[], None] | None = None) -> Layout:
        if bucket not in self._layouts:
            lanes = self._lane_set()
            self._layouts[bucket] = build_layout(
                (), self.mode, bucket, self.spans, lanes.snapshot(), pause
            )
        touched = self._stale.pop(bucket, None)
        ids = self._stale_ids.pop(bucket, set())
        if touched is not None and self._lanes is not None:
            layout = self._layouts[bucket]
            _patch_layout(
                layout, self._lanes, self._lanes.order(), touched, self.spans, self.entries, ids
            )
        return self._layouts[bucket]

    def has(self, px_per_day: float) -> bool:
        return bucket_of(px_per_day) in self._layouts

    def beside(self, px_per_day: float) -> Layout | None:
        """The built layout of a bucket next to this zoom's (the coarser one first), brought
        up to date; None when neither is built. One zoom step moves at most one bucket."""
        bucket = bucket_of(px_per_day)
        for near in (bucket - 1, bucket + 1):
            if near in self._layouts:
                return self._at(near)
        return None

    def snapshot(
        self,
    ) -> tuple[int, str, Spans, list[tuple[str, list[TimelineEntry], list[tuple], float]]]:
        """(version, mode, spans, lanes): what `build_layout` needs, safe to read in another
        thread while this cache goes on changing (lanes' lists are replaced, not changed)."""
        return self.version, self.mode, dict(self.spans), self._lane_set().snapshot()

    def adopt(self, version: int, layout: Layout) -> bool:
        """Keep a layout built from `snapshot` unless the entries changed since."""
        if version != self.version or layout.bucket in self._layouts:
            return False
        self._layouts[layout.bucket] = layout
        return True

    def update(self, changed: Iterable[TimelineEntry] = (), removed: Iterable[str] = ()) -> None:
        """Entries added or changed, and ids no longer drawn: only their lanes are laid out
        again, in each bucket already built."""
        changed = list(changed)
        gone = [*removed, *(e.id for e in changed)]
        lanes = self._lanes
        touched: list[tuple[str, tuple]] = []
        old_key = chrono_key(self.spans)
        extent, edge = self._extent, False  # edge: an entry at either end left
        for entry_id in gone:
            old = self.entries.pop(entry_id, None)
            if old is None:
                continue
            if lanes is not None:
                touched += lanes.remove(old, old_key(old))
            start, end = self.spans.pop(entry_id)
            edge = edge or extent is None or start <= extent[0] or end >= extent[1]
            if self._starts is not None:
                del self._starts[bisect_left(self._starts, start)]
        for entry in changed:
            self.entries[entry.id] = entry
            self.spans[entry.id] = span = entry_span(entry)
            if extent is not None:
                extent = min(extent[0], span[0]), max(extent[1], span[1])
            if self._starts is not None:
                insort(self._starts, span[0])
        new_key = chrono_key(self.spans)
        if lanes is not None:
            for entry in changed:
                touched += lanes.add(entry, new_key(entry))
        # Extended by the entries that came; read again over all only when one at an end
        # went (a pass over 10,000 spans took 15 ms per edit).
        self._extent = self._compute_extent(None) if edge or extent is None else extent
        self.version += 1
        if lanes is None:
            self._layouts.clear()
            return
        # Each built bucket is patched when next shown: an edit pays for the zoom on screen.
        for bucket in self._layouts:
            stale = self._stale.setdefault(bucket, {})
            self._stale_ids.setdefault(bucket, set()).update(gone)
            for name, key in touched:
                stale.setdefault(name, set()).add(key)

    def starts(self) -> list[float]:
        """Every entry's start in days, sorted: kept edit by edit (sorting 10,000 again
        for the minimap took 5-10 ms per edit)."""
        if self._starts is None:
            self._starts = sorted(start for start, _ in self.spans.values())
        return self._starts

    def extent(self, ids: set[str] | None = None) -> tuple[float, float] | None:
        """[start, end) in days of all entries, or of those with the given ids."""
        return self._extent if ids is None else self._compute_extent(ids)

    def _compute_extent(self, ids: set[str] | None) -> tuple[float, float] | None:
        if ids is None:  # every entry's: no list of them made first (each read paid for it)
            spans: Iterable[tuple[float, float]] = self.spans.values()
        else:
            spans = [self.spans[i] for i in ids if i in self.spans]
        if not spans:
            return None
        return min(map(itemgetter(0), spans)), max(map(itemgetter(1), spans))


def _patch_layout(
    layout: Layout,
    lanes: LaneSet,
    order: list[str],
    touched: dict[str, set[tuple]],
    spans: Spans,
    entries: dict[str, TimelineEntry],
    changed_ids: set[str] | None = None,
) -> None:
    """Bring a built layout in line with `lanes`: the touched lanes laid out again (a long
    lane only around the keys that changed), the others kept as they are (only their tops
    move). `changed_ids`: entries changed or removed since, listed again in any case."""
    old_lanes, old_index = layout.lanes, layout.index
    affected: set[str] = set(changed_ids or ())  # entries whose placements changed
    for name in touched:
        if name not in lanes.members and name in old_index:  # emptied: gone
            affected |= old_lanes[old_index[name]].where.keys()
    new_lanes: list[Lane] = []
    top = 0
    for name in order:
        was_at = old_index.get(name)
        lane = None if was_at is None else old_lanes[was_at]
        if lane is None or name in touched:
            patched = None
            members = lanes.members[name]
            if lane is not None and len(members) >= NEIGHBOURHOOD_FROM:
                patched = patch_lane(
                    lane, members, lanes.keys[name], touched[name], layout.bucket, spans
                )
            if patched is None:
                if lane is not None:
                    affected |= lane.where.keys()
                lane = build_lane(name, members, layout.bucket, spans, lanes.keys[name])
                affected |= lane.where.keys()
            else:
                lane, changed = patched
                affected |= changed
        lane.top = top
        top += lane.height
        new_lanes.append(lane)
    # A lane that moved among the others (only touched lanes can): its entries that are in
    # other lanes too may now be listed in another order in by_id.
    rank = {name: i for i, name in enumerate(order)}
    for i in _moved_touched(touched, old_index, rank):
        lane = new_lanes[i]
        affected |= {e for e in lane.where if len(layout.by_id.get(e, ())) > 1}
    layout.lanes = new_lanes
    layout.index = rank
    for entry_id in affected:
        entry = entries.get(entry_id)
        if entry is None:  # no longer drawn
            layout.by_id.pop(entry_id, None)
            continue
        at = sorted(rank[name] for name in entry.lanes_for(lanes.mode))
        layout.by_id[entry_id] = [new_lanes[i].where[entry_id] for i in at]


def _moved_touched(
    touched: Iterable[str], old_index: dict[str, int], new_index: dict[str, int]
) -> list[int]:
    """New positions of the touched lanes that changed place relative to the others: only
    a touched lane's rank can change, so the others keep their order among themselves,
    and a touched lane moved when the count of untouched lanes above it changed, or when
    it passed another touched lane. A few lanes looked at, not 5,000 (`_moved` finds
    the fewest that moved, with a pass over all of them)."""
    both = [n for n in touched if n in old_index and n in new_index]
    was = sorted(old_index[n] for n in touched if n in old_index)
    now = sorted(new_index[n] for n in touched if n in new_index)
    moved: set[str] = set()
    for name in both:
        above_was = old_index[name] - bisect_left(was, old_index[name])
        above_now = new_index[name] - bisect_left(now, new_index[name])
        if above_was != above_now:
            moved.add(name)
    for a in both:
        for b in both:
            if (old_index[a] < old_index[b]) != (new_index[a] < new_index[b]):
                moved |= {a, b}
    return sorted(new_index[n] for n in moved)


def _moved(order: list[str], old_index: dict[str, int]) -> list[int]:
    """Positions in `order` of the lanes that changed place relative to the others: all but
    a longest increasing run of their old positions (a new lane is no move)."""
    at = [(i, old_index[name]) for i, name in enumerate(order) if name in old_index]
    tails: list[int] = []  # smallest old position ending a run of each length
    ends: list[int] = []  # index into `at` of that run's end
    back = [-1] * len(at)
    for k, (_i, was) in enumerate(at):
        n = bisect_left(tails, was)
        back[k] = ends[n - 1] if n else -1
        if n == len(tails):
            tails.append(was)
            ends.append(k)
        else:
            tails[n], ends[n] = was, k
    kept: set[int] = set()
    k = ends[-1] if ends else -1
    while k >= 0:
        kept.add(k)
        k = back[k]
    return [i for k, (i, _was) in enumerate(at) if k not in kept]


def patch_lane(
    old: Lane,
    members: list[TimelineEntry],
    keys: list[tuple],
    changed: set[tuple],
    bucket: int,
    spans: Spans,
) -> tuple[Lane, set[str]] | None:
    """The lane with only the run around the changed keys laid out again, and the ids whose
    placements changed; None when the whole lane must be laid out (it overflows).

    A lane falls into runs that nothing before them reaches (`segment_starts`): from the
    start of such a run clustering and stacking go on as if the lane began there. So the
    runs from the last one starting before the first change to the first one after the last
    change that the new items do not reach are laid out again, and the rest is kept.
    """
    if old.overflowed or not old.cuts or not changed:
        return None
    px_per_day = 2.0**bucket
    window = CLUSTER_PX / px_per_day
    cuts = old.cuts
    first = bisect_left(cuts, min(changed)) - 1  # the run that starts before every change
    start_key = cuts[first] if first >= 0 else None
    lo = 0 if start_key is None else bisect_left(keys, start_key)
    after = bisect_right(cuts, max(changed))
    while True:
        end_key = cuts[after] if after < len(cuts) else None
        hi = len(keys) if end_key is None else bisect_left(keys, end_key)
        groups, feet = lane_groups(members[lo:hi], px_per_day, spans)
        reach = max(
            (reach_of(g, f, spans, window) for g, f in zip(groups, feet, strict=True)),
            default=-math.inf,
        )
        if end_key is None or reach <= end_key[0]:
            break
        after += 1  # the new items reach into the next run: take it too
    rows = stack_rows(feet)
    if max(rows, default=0) >= MAX_ROWS:
        return None
    firsts = old.first_keys
    a = 0 if start_key is None else bisect_left(firsts, start_key)
    b = len(firsts) if end_key is None else bisect_left(firsts, end_key)
    prefix, suffix = old.placements[:a], old.placements[b:]
    mid = [
        (tuple(e.id for e in group), old.name, row, foot[0], foot[1])
        for group, foot, row in zip(groups, feet, rows, strict=True)
    ]
    # Labels reach to the next placement in their row: the new run's last ones to the
    # first of their rows after it, and the last ones before it to the new run's.
    wanted = {p[2] for p in mid} | set(range(old.rows))
    first_after: dict[int, float] = {}
    for p in suffix:
        if p.row not in first_after:
            first_after[p.row] = p.start
            if len(first_after) == len(wanted):
                break
    new_mid = with_limits(mid, first_after)
    first_in: dict[int, float] = dict(first_after)
    for p in reversed(new_mid):
        first_in[p.row] = p.start
    changed_ids = {i for p in old.placements[a:b] for i in p.ids}
    changed_ids |= {i for p in new_mid for i in p.ids}
    seen: set[int] = set()
    replaced: list[Placement] = []
    prefix = list(prefix)
    for i in range(len(prefix) - 1, -1, -1):
        p = prefix[i]
        if p.row in seen:
            continue
        seen.add(p.row)
        limit = first_in.get(p.row, math.inf)
        if p.limit != limit:
            prefix[i] = p._replace(limit=limit)
            replaced.append(prefix[i])
            changed_ids.update(p.ids)
        if len(seen) >= old.rows:
            break
    placements = prefix + new_mid + suffix
    key = chrono_key(spans)
    lane = Lane(
        old.name,
        old.top,
        max(p.row for p in placements) + 1,
        placements,
        old.starts[:a] + [p.start for p in new_mid] + old.starts[b:],
        max(p.end - p.start for p in placements),
    )
    mid_keys = [key(g[0]) for g in groups]
    lane.first_keys = firsts[:a] + mid_keys + firsts[b:]
    mid_cuts = [mid_keys[i] for i in segment_starts(groups, feet, spans, window)]
    lane.cuts = cuts[: max(first, 0)] + mid_cuts + cuts[after:]
    where = dict(old.where)
    for p in old.placements[a:b]:
        for entry_id in p.ids:
            where.pop(entry_id, None)
    for p in [*replaced, *new_mid]:
        for entry_id in p.ids:
            where[entry_id] = p
    lane.where = where
    return lane, changed_ids
