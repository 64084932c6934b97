"""An edit's few entries patch the built layouts: always the same as laying out from scratch."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.ui.timeline import layout_cache
from annotator.ui.timeline.entries import TimelineEntry
from annotator.ui.timeline.layout import assign_lanes, build_layout
from annotator.ui.timeline.layout_cache import LayoutCache

BASE = datetime(2025, 1, 1)
ACTORS = ("Ann", "Bob", "Cy", "Dee", "ann", "")
BUCKETS = (-3, 0, 2, 6)
MODES = ("actor", "none", "type")


@st.composite
def entries(draw, entry_id: str) -> TimelineEntry:
    day = draw(st.integers(0, 40))
    length = draw(st.sampled_from((0, 0, 0, 1, 3, 30)))
    precision = draw(st.sampled_from(("day", "day", "time", "month")))
    start = BASE + timedelta(days=day, hours=draw(st.integers(0, 23)))
    return TimelineEntry(
        id=entry_id,
        kind="event",
        label="x" * draw(st.integers(1, 30)),
        earliest=start,
        latest=start + timedelta(days=length),
        precision=precision,
        lanes={
            "actor": tuple(draw(st.lists(st.sampled_from(ACTORS), max_size=3))),
            "type": (draw(st.sampled_from(("meeting", "attack", ""))),),
        },
        day_seq=draw(st.integers(0, 2)),
    )


@st.composite
def histories(draw):
    ids = [str(i) for i in range(draw(st.integers(0, 60)))]
    first = [draw(entries(i)) for i in ids]
    steps = []
    for n in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(("add", "remove", "change", "several")))
        if kind == "add":
            steps.append(([draw(entries(f"new{n}"))], []))
        elif kind == "remove" and ids:
            steps.append(([], [draw(st.sampled_from(ids))]))
        elif kind == "change" and ids:
            steps.append(([draw(entries(draw(st.sampled_from(ids))))], []))
        elif kind == "several" and ids:
            picked = draw(st.lists(st.sampled_from(ids), max_size=5, unique=True))
            changed = [draw(entries(i)) for i in picked[::2]]
            steps.append((changed, [*picked[1::2], "not-drawn"]))
    # the buckets looked at after each step (a bucket not looked at is patched later, once
    # for all the steps since)
    looks = [draw(st.sets(st.sampled_from(BUCKETS))) for _ in steps]
    return first, list(zip(steps, looks, strict=True))


@settings(max_examples=200, deadline=None)
@given(histories(), st.sampled_from(MODES), st.sampled_from((0, 0, 64)))
def test_patches_give_the_layout_from_scratch(history, mode, neighbourhood_from):
    """With lanes of every length re-laid out around the change (0) or whole (64)."""
    kept = layout_cache.NEIGHBOURHOOD_FROM
    layout_cache.NEIGHBOURHOOD_FROM = neighbourhood_from
    try:
        replay(history, mode)
    finally:
        layout_cache.NEIGHBOURHOOD_FROM = kept


def replay(history, mode: str) -> None:
    first, steps = history
    cache = LayoutCache(first, mode)
    for bucket in BUCKETS:
        cache.get(2.0**bucket)
    cache.starts()  # kept from now on, edit by edit
    for (changed, removed), looked in steps:
        cache.update(changed, removed)
        now = list(cache.entries.values())
        assert cache.starts() == sorted(start for start, _ in LayoutCache(now).spans.values())
        assert cache._lane_set().order() == [name for name, _ in assign_lanes(now, mode)]
        for bucket in sorted(looked):
            patched = cache.get(2.0**bucket)
            assert patched == build_layout(now, mode, bucket)
            # where each entry is drawn, in lane order, as a full layout lists it
            assert patched.by_id == build_layout(now, mode, bucket).by_id
        assert cache.extent() == LayoutCache(now, mode).extent()
    now = list(cache.entries.values())
    for bucket in BUCKETS:
        assert cache.get(2.0**bucket) == build_layout(now, mode, bucket)


def _day_entry(
    entry_id: str, day: int, actor: str | None = None, label: str | None = None
) -> TimelineEntry:
    """An event on the day ``day`` days after BASE, in ``actor``'s lane if given."""
    return TimelineEntry(
        id=entry_id,
        kind="event",
        label=label if label is not None else f"item {entry_id}",
        earliest=BASE + timedelta(days=day),
        latest=BASE + timedelta(days=day),
        precision="day",
        lanes={"actor": (actor,)} if actor is not None else {},
    )


def test_a_patch_keeps_unchanged_lanes_and_builds_no_new_bucket():
    first = [_day_entry(str(i), i, f"actor {i % 5}") for i in range(50)]
    cache = LayoutCache(first, "actor")
    layout = cache.get(4.0)
    kept = {lane.name: lane for lane in layout.lanes}
    moved = _day_entry("3", 60, "actor 3")
    cache.update([moved])
    assert cache.get(4.0) is layout  # patched in place
    assert not cache.has(64.0)  # other buckets are left to be built when needed
    again = {lane.name: lane for lane in layout.lanes}
    assert again["actor 3"] is not kept["actor 3"]
    assert all(again[n] is kept[n] for n in ("actor 0", "actor 1", "actor 2", "actor 4"))


def test_a_snapshot_built_elsewhere_is_kept_only_if_nothing_changed():
    first = [_day_entry(str(i), i, label="x") for i in range(10)]
    cache = LayoutCache(first, "none")
    version, mode, spans, lanes = cache.snapshot()
    built = build_layout((), mode, 3, spans, lanes)
    assert cache.adopt(version, built)
    assert cache.get(8.0) is built
    version, mode, spans, lanes = cache.snapshot()
    cache.update([], ["1"])
    assert not cache.adopt(version, build_layout((), mode, 5, spans, lanes))
    assert not cache.has(32.0)


def test_the_lanes_that_moved_are_those_off_the_longest_run_in_old_order():
    from annotator.ui.timeline.layout_cache import _moved

    old = {"Ann": 0, "Bob": 1, "Cy": 2, "Dee": 3}
    assert _moved(["Ann", "Bob", "Cy", "Dee"], old) == []
    assert _moved(["New", "Ann", "Bob", "Cy", "Dee"], old) == []  # shifted, not moved
    assert _moved(["Dee", "Ann", "Bob", "Cy"], old) == [0]  # Dee went to the top
    assert _moved(["Ann", "Cy", "Bob"], old) in ([1], [2])  # two swapped: one of them
    assert _moved([], old) == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 9), unique=True, max_size=10),
    st.data(),
)
def test_the_touched_lanes_said_to_move_cover_every_pair_that_swapped(old_order, data):
    """Only touched lanes change rank: every pair of lanes whose order changed has one of
    them in the answer, and the answer names touched lanes only."""
    from annotator.ui.timeline.layout_cache import _moved_touched

    names = [f"L{n}" for n in old_order]
    touched = set(data.draw(st.lists(st.sampled_from(names), unique=True))) if names else set()
    touched |= {f"new{n}" for n in data.draw(st.sets(st.integers(0, 2)))}
    untouched = [n for n in names if n not in touched]
    # the new order: untouched lanes in their order, the touched that stay put anywhere
    staying = [n for n in touched if n in names or n.startswith("new")]
    new_order = list(untouched)
    for name in data.draw(st.permutations(sorted(staying))):
        if name in names and data.draw(st.booleans()):
            continue  # emptied: gone
        new_order.insert(data.draw(st.integers(0, len(new_order))), name)
    old_index = {n: i for i, n in enumerate(names)}
    new_index = {n: i for i, n in enumerate(new_order)}
    moved = {new_order[i] for i in _moved_touched(touched, old_index, new_index)}
    assert moved <= touched
    both = [n for n in new_order if n in old_index]
    for a in both:
        for b in both:
            if (old_index[a] < old_index[b]) != (new_index[a] < new_index[b]):
                assert a in moved or b in moved


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 12), max_size=30), st.floats(-50, 3000), st.floats(0, 900))
def test_the_lanes_on_screen_are_found_by_bisect(rows, scroll, height):
    from annotator.ui.timeline.layout import Lane, Layout

    lanes, top = [], 0
    for i, n in enumerate(rows):
        lanes.append(Lane(str(i), top, n))
        top += lanes[-1].height
    layout = Layout(0, lanes, {})
    assert layout.height == sum(lane.height for lane in lanes)
    y1 = scroll + height
    expected = [
        i for i, lane in enumerate(lanes) if lane.top < y1 and lane.top + lane.height > scroll
    ]
    assert list(layout.lanes_between(scroll, y1)) == expected


def _clusters_by_heap_merge(entries, px_per_day, spans):
    """cluster_lane as it was written first (a heapq.merge by key): the reference."""
    import heapq
    from bisect import bisect_left

    from annotator.ui.timeline.layout import CLUSTER_PX, MIN_CLUSTER, chrono_key

    window, key = CLUSTER_PX / px_per_day, chrono_key(spans)
    ordered = sorted(entries, key=key)
    points = [e for e in ordered if spans[e.id][1] - spans[e.id][0] < window]
    longs = [(e,) for e in ordered if spans[e.id][1] - spans[e.id][0] >= window]
    starts, groups, i = [spans[e.id][0] for e in points], [], 0
    while i < len(points):
        j = bisect_left(starts, starts[i] + window, lo=i)
        run = j - i >= MIN_CLUSTER
        groups.append(tuple(points[i:j]) if run else (points[i],))
        i = j if run else i + 1
    return list(heapq.merge(longs, groups, key=lambda g: key(g[0])))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10**6), max_size=40, unique=True), st.data())
def test_clusters_merged_by_position_are_those_merged_by_key(numbers, data):
    from annotator.ui.timeline.layout import chrono_key, cluster_lane, lane_groups, spans_of

    members = [data.draw(entries(str(n))) for n in numbers]
    spans = spans_of(members)
    for bucket in BUCKETS:
        px = 2.0**bucket
        expected = _clusters_by_heap_merge(members, px, spans)
        assert cluster_lane(members, px, spans) == expected
        ordered = sorted(members, key=chrono_key(spans))
        assert lane_groups(ordered, px, spans)[0] == expected  # small lanes skip clustering


def _lane_the_long_way(name, members, bucket, spans):
    """build_lane as it was written first (one helper after the other): the reference for
    the one-pass build_lane."""
    from annotator.ui.timeline.layout import (
        CLUSTER_PX,
        MAX_ROWS,
        Lane,
        _overflow,
        chrono_key,
        lane_groups,
        segment_starts,
        stack_rows,
        with_limits,
    )

    px_per_day = 2.0**bucket
    window = CLUSTER_PX / px_per_day
    groups, feet = lane_groups(members, px_per_day, spans)
    rows = stack_rows(feet)
    extra = []
    if max(rows, default=0) >= MAX_ROWS:
        rows = stack_rows(feet, MAX_ROWS - 1)
        extra = _overflow(groups, feet, rows, window, MAX_ROWS - 1, name)
    used = max((r for r in rows if r is not None), default=0)
    lane = Lane(name=name, rows=used + 1)
    placed = [
        (tuple(e.id for e in group), name, row, span[0], span[1])
        for group, span, row in zip(groups, feet, rows, strict=True)
        if row is not None
    ]
    if extra:
        lane.rows = MAX_ROWS
        lane.overflowed = True
        placed = sorted([*placed, *extra], key=lambda p: p[3])
    else:
        key = chrono_key(spans)
        lane.first_keys = [key(group[0]) for group in groups]
        lane.cuts = [lane.first_keys[i] for i in segment_starts(groups, feet, spans, window)]
    lane.placements = with_limits(placed)
    lane.starts = [p.start for p in lane.placements]
    lane.max_len = max((p.end - p.start for p in lane.placements), default=0.0)
    lane.where = {entry_id: p for p in lane.placements for entry_id in p.ids}
    return lane


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 10**6), max_size=90, unique=True), st.data())
def test_the_one_pass_lane_is_the_lane_laid_out_step_by_step(numbers, data):
    from annotator.ui.timeline.layout import build_lane, chrono_key, closest_run, spans_of

    members = [data.draw(entries(str(n))) for n in numbers]
    spans = spans_of(members)
    members.sort(key=chrono_key(spans))
    keys = [chrono_key(spans)(e) for e in members]  # as LaneSet keeps them
    for bucket in (-6, *BUCKETS, 9):
        slow = _lane_the_long_way("lane", members, bucket, spans)
        for fast in (
            build_lane("lane", members, bucket, spans),
            build_lane("lane", members, bucket, spans, keys),
            # clustering ruled out from the closest run of starts, as LaneSet passes it
            build_lane("lane", members, bucket, spans, keys, closest_run(keys)),
        ):
            assert fast == slow
            assert fast.where == slow.where
            assert fast.first_keys == slow.first_keys
            assert fast.cuts == slow.cuts
            assert fast.overflowed == slow.overflowed


def test_a_dismantled_cache_lets_go_of_everything_but_leaves_its_entries_whole():
    first = [_day_entry(str(i), i % 9, f"actor {i % 5}") for i in range(700)]
    cache = LayoutCache(first, "actor")
    layouts = [cache.get(2.0**bucket) for bucket in BUCKETS]
    pauses = []
    cache.dismantle(lambda: pauses.append(1))
    assert len(pauses) > 10  # in pieces
    assert cache.entries == {} and cache.spans == {} and cache.extent() is None
    assert all(not layout.by_id for layout in layouts)
    assert [e.label for e in first] == [f"item {i}" for i in range(700)]
    again = LayoutCache(first, "actor")  # the same entries laid out anew
    assert again.get(2.0 ** BUCKETS[0]) == build_layout(first, "actor", BUCKETS[0])
