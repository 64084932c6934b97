"""Pure timeline geometry: date-to-x mapping, lanes, stacking without overlap, clustering, axis."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.ui.timeline.axis import axis_ticks, choose_step
from annotator.ui.timeline.entries import NONE_LANE, TimelineEntry
from annotator.ui.timeline.layout import (
    CLUSTER_PX,
    MAX_ROWS,
    MIN_CLUSTER,
    Scale,
    assign_lanes,
    bucket_of,
    build_layout,
    cluster_lane,
    entry_span,
    footprint,
    from_days,
    stack_rows,
    to_days,
)
from annotator.ui.timeline.layout_cache import LayoutCache

D = datetime


def entry(i, earliest, latest=None, precision="day", actors=(), seq=0, kind="event", **kw):
    return TimelineEntry(
        id=str(i),
        kind=kind,
        label=f"item {i}",
        earliest=earliest,
        latest=latest or earliest,
        precision=precision,
        lanes={"actor": tuple(actors)},
        day_seq=seq,
        **kw,
    )


# -- date to position -------------------------------------------------------------------


def test_days_round_trip_and_epoch():
    assert to_days(D(1970, 1, 1)) == 0
    assert to_days(D(2025, 3, 4)) - to_days(D(2025, 3, 1)) == 3
    assert from_days(to_days(D(2025, 3, 4, 15, 30))) == D(2025, 3, 4, 15, 30)
    assert to_days(D(1914, 7, 28)) < 0  # dates before the epoch map fine


@pytest.mark.parametrize(
    ("earliest", "latest", "precision", "length"),
    [
        (D(2025, 3, 4), D(2025, 3, 4), "day", 1),
        (D(2025, 3, 4), D(2025, 3, 4, 23, 59, 59), "day", 1),  # inclusive end of day
        (D(2025, 3, 4), D(2025, 3, 6), "range", 3),  # 2025-03-04/2025-03-06: three days
        (D(2025, 3, 3), D(2025, 3, 9), "week", 7),  # 2025-W10: Monday 3 to Sunday 9 March
        (D(2025, 3, 1), D(2025, 3, 31), "month", 31),  # 2025-03
        (D(2025, 3, 1), D(2025, 3, 31, 23, 59, 59, 999999), "month", 31),
        (D(2025, 2, 1), D(2025, 2, 28), "month", 28),
        (D(2025, 3, 1), D(2025, 3, 10), "part_of_month", 10),  # "early March"
        (D(2024, 1, 1), D(2024, 12, 31), "year", 366),
    ],
)
def test_entry_span_covers_whole_days(earliest, latest, precision, length):
    start, end = entry_span(entry(1, earliest, latest, precision))
    assert start == to_days(earliest.replace(hour=0, minute=0, second=0, microsecond=0))
    assert end - start == length


def test_time_precision_is_a_point():
    start, end = entry_span(entry(1, D(2025, 3, 4, 14, 30), precision="time"))
    assert start == end == to_days(D(2025, 3, 4, 14, 30))


def test_scale_positions_of_days_months_weeks():
    scale = Scale(px_per_day=10.0, left_day=to_days(D(2025, 3, 1)))
    assert scale.x_of_dt(D(2025, 3, 4)) == 30.0
    assert scale.x_of_dt(D(2025, 3, 4, 12)) == 35.0
    assert scale.span_x(entry(1, D(2025, 3, 4))) == (30.0, 40.0)
    assert scale.span_x(entry(2, D(2025, 3, 1), D(2025, 3, 31), "month")) == (0.0, 310.0)
    assert scale.span_x(entry(3, D(2025, 3, 3), D(2025, 3, 9), "week")) == (20.0, 90.0)
    assert scale.span_x(entry(4, D(2025, 2, 28))) == (-10.0, 0.0)
    assert scale.day_of(scale.x_of(12345.25)) == pytest.approx(12345.25)


def test_imprecise_flag_separates_vague_intervals_from_firm_ones():
    assert entry(1, D(2025, 3, 1), D(2025, 3, 31), "month").imprecise
    assert entry(2, D(2025, 3, 3), D(2025, 3, 9), "week").imprecise
    assert entry(3, D(2025, 3, 1), D(2025, 3, 10), "part_of_month").imprecise
    assert not entry(4, D(2025, 3, 4)).imprecise
    assert not entry(5, D(2025, 3, 4), D(2025, 3, 6), "range").imprecise


def test_bucket_is_power_of_two_and_clamped():
    assert bucket_of(1.0) == 0
    assert bucket_of(3.9) == 1
    assert bucket_of(0.3) == -2
    assert bucket_of(1e-9) == -14
    assert bucket_of(1e9) == 13


# -- lanes --------------------------------------------------------------------------------


def test_event_with_three_actors_is_in_three_lanes_and_lonely_ones_in_none():
    entries = [
        entry(1, D(2025, 2, 28), actors=("Trump", "Zelensky", "Vance")),
        entry(2, D(2025, 3, 2), actors=("Zelensky",)),
        entry(3, D(2025, 3, 13)),
    ]
    lanes = dict(assign_lanes(entries, "actor"))
    assert [e.id for e in lanes["Trump"]] == ["1"]
    assert [e.id for e in lanes["Zelensky"]] == ["1", "2"]
    assert [e.id for e in lanes["Vance"]] == ["1"]
    assert [e.id for e in lanes[NONE_LANE]] == ["3"]
    names = [name for name, _ in assign_lanes(entries, "actor")]
    assert names == ["Zelensky", "Trump", "Vance", NONE_LANE]  # busiest first, none last
    assert [name for name, _ in assign_lanes(entries, "type")] == [NONE_LANE]
    assert len(assign_lanes(entries, "none")) == 1
    layout = build_layout(entries, "actor", 4)
    assert len(layout.by_id["1"]) == 3
    assert {p.lane for p in layout.by_id["1"]} == {"Trump", "Zelensky", "Vance"}


def test_duplicate_and_empty_lane_names_are_ignored():
    e = TimelineEntry(
        "1",
        "event",
        "x",
        D(2025, 3, 1),
        D(2025, 3, 1),
        "day",
        lanes={"actor": ("A", "A", ""), "tag": ()},
    )
    assert e.lanes_for("actor") == ("A",)
    assert e.lanes_for("tag") == (NONE_LANE,)


# -- stacking -----------------------------------------------------------------------------


def test_stack_rows_greedy_lowest_free_row():
    assert stack_rows([(0, 2), (1, 3), (2, 4), (3, 5)]) == [0, 1, 0, 1]
    assert stack_rows([(0, 1), (0, 1), (0, 1), (1, 2)]) == [0, 1, 2, 0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=40))
def test_stack_rows_no_overlap_and_optimal(pairs):
    spans = sorted((float(s), float(s + n)) for s, n in pairs)
    rows = stack_rows(spans)
    for i, (a0, a1) in enumerate(spans):
        for j in range(i):
            b0, b1 = spans[j]
            if rows[i] == rows[j]:
                assert b1 <= a0 or a1 <= b0
    # greedy colouring in start order is optimal for intervals: rows == deepest overlap
    depth = max((sum(1 for s0, s1 in spans if s0 <= t < s1) for t, _ in spans), default=0)
    assert max(rows, default=-1) + 1 == depth


def test_same_day_events_stack_in_day_seq_order():
    day = D(2025, 3, 4)
    entries = [entry(i, day, actors=("A",), seq=seq) for i, seq in [("c", 3), ("a", 1), ("b", 2)]]
    layout = build_layout(entries, "actor", 8)  # 256 px/day: no clustering
    rows = {p.ids[0]: p.row for p in layout.lanes[0].placements}
    assert rows == {"a": 0, "b": 1, "c": 2}
    assert layout.lanes[0].rows == 3
    # equal day_seq: ordered by id, and the order is the same at every zoom that stacks them
    twins = [entry(i, day, actors=("A",)) for i in ("z", "y", "x")]
    for bucket in (6, 8, 10):
        placements = build_layout(twins, "actor", bucket).lanes[0].placements
        assert [p.ids[0] for p in sorted(placements, key=lambda p: p.row)] == ["x", "y", "z"]


entry_strategy = st.builds(
    lambda i, start, length, seq, precision, actors: entry(
        i,
        D(2025, 1, 1) + timedelta(days=start, hours=start % 1 * 24),
        D(2025, 1, 1) + timedelta(days=start + length),
        precision,
        actors,
        seq,
    ),
    st.uuids().map(str),
    st.floats(0, 90, allow_nan=False),
    st.integers(0, 20),
    st.integers(0, 5),
    st.sampled_from(["day", "time", "week", "month", "range", "part_of_month"]),
    st.lists(st.sampled_from("ABC"), max_size=3, unique=True),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(entry_strategy, max_size=60, unique_by=lambda e: e.id),
    st.integers(-6, 10),
    st.sampled_from(["actor", "none"]),
)
def test_layout_never_overlaps_and_shows_every_entry_once_per_lane(entries, bucket, mode):
    layout = build_layout(entries, mode, bucket)
    for lane in layout.lanes:
        by_row: dict[int, list] = {}
        assert lane.rows <= MAX_ROWS
        for p in lane.placements:
            assert 0 <= p.row < lane.rows
            assert p.end > p.start
            by_row.setdefault(p.row, []).append(p)
        for row in by_row.values():
            row.sort(key=lambda p: p.start)
            for a, b in pairwise(row):
                assert a.end <= b.start, (a, b)
                assert a.limit == b.start  # label room ends where the neighbour starts
        shown = [i for p in lane.placements for i in p.ids]
        assert len(shown) == len(set(shown))
        assert lane.starts == sorted(lane.starts)
    for e in entries:
        assert len(layout.by_id[e.id]) == len(e.lanes_for(mode))
    tops = [lane.top for lane in layout.lanes]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(entry_strategy, min_size=1, max_size=40, unique_by=lambda e: e.id), st.integers(-4, 8)
)
def test_visible_query_matches_brute_force(entries, bucket):
    lane = build_layout(entries, "none", bucket).lanes[0]
    day0, day1 = to_days(D(2025, 3, 1)), to_days(D(2025, 6, 1))
    expected = {p for p in lane.placements if p.end >= day0 and p.start <= day1}
    assert set(lane.visible(day0, day1)) == expected


def test_footprint_reserves_label_room_after_a_point():
    e = entry(1, D(2025, 3, 4))
    start, end = footprint(e, 1.0)
    assert start == to_days(D(2025, 3, 4))
    assert end - start > 60  # one day plus a label of "item 1" at 1 px/day
    wide = footprint(e, 1000.0)  # the day is 1000 px: the label fits inside
    assert wide == entry_span(e)


# -- clustering ---------------------------------------------------------------------------


def crowd(n=30):
    day = D(2025, 3, 1)
    return [
        entry(i, day + timedelta(hours=i), precision="time", actors=("A",), seq=i) for i in range(n)
    ]


def test_crowded_points_cluster_when_zoomed_out_and_open_when_zoomed_in():
    entries = crowd()  # 30 items within 30 hours
    out = build_layout(entries, "actor", 0)  # 1 px/day: everything within one window
    assert [len(p.ids) for p in out.lanes[0].placements] == [30]
    assert out.lanes[0].placements[0].is_cluster
    assert out.lanes[0].rows == 1
    inside = build_layout(entries, "actor", 12)  # 4096 px/day, 170 px/hour: all single
    assert all(not p.is_cluster for p in inside.lanes[0].placements)
    assert len(inside.lanes[0].placements) == 30
    sizes = [
        sum(len(p.ids) for p in build_layout(entries, "actor", b).lanes[0].placements)
        for b in range(-4, 13)
    ]
    assert sizes == [30] * len(sizes)  # every bucket accounts for every entry


def test_cluster_groups_respect_window_and_minimum():
    px = 8.0
    window = CLUSTER_PX / px
    sparse = [
        entry(i, D(2025, 1, 1) + timedelta(days=i * window * 1.01), actors=("A",))
        for i in range(10)
    ]
    assert all(len(g) == 1 for g in cluster_lane(sparse, px))
    few = crowd(MIN_CLUSTER - 1)
    assert all(len(g) == 1 for g in cluster_lane(few, px))
    assert [len(g) for g in cluster_lane(crowd(MIN_CLUSTER), px)] == [MIN_CLUSTER]


def test_long_intervals_are_never_swallowed_by_clusters():
    entries = [*crowd(10), entry("month", D(2025, 3, 1), D(2025, 3, 31), "month", ("A",))]
    groups = cluster_lane(entries, 8.0)  # a month is 248 px here: wider than the window
    assert ("month",) in [tuple(e.id for e in g) for g in groups]


def test_clustered_layout_of_ten_thousand_entries_stays_small():
    entries = [
        entry(i, D(2022, 1, 1) + timedelta(days=i % 1000), actors=("AB"[i % 2],))
        for i in range(10_000)
    ]
    layout = build_layout(entries, "actor", -1)  # about 1000 days across 500 px
    for lane in layout.lanes:
        assert sum(len(p.ids) for p in lane.placements) == 5000
        assert len(lane.placements) < 60
        assert lane.rows <= 3


def test_cache_reuses_layout_within_a_bucket():
    cache = LayoutCache(crowd(), "actor")
    assert cache.get(5.0) is cache.get(7.9)
    assert cache.get(8.0) is not cache.get(7.9)
    cache.reset(mode="none")
    assert cache.get(5.0).lanes[0].name == "All"
    assert cache.extent() == (to_days(D(2025, 3, 1)), to_days(D(2025, 3, 2, 5)))
    assert cache.extent({"0"}) == (to_days(D(2025, 3, 1)),) * 2
    assert cache.extent({"nope"}) is None


# -- axis ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("px_per_day", "unit"),
    [(0.01, "year"), (0.5, "month"), (5, "month"), (15, "week"), (100, "day"), (3000, "hour")],
)
def test_axis_unit_adapts_to_zoom(px_per_day, unit):
    assert choose_step(px_per_day)[0] == unit


def test_axis_ticks_and_labels():
    start = to_days(D(2025, 3, 1))
    days = axis_ticks(start, start + 10, 100)
    assert [t.label for t in days.minor[:3]] == ["Sat 1", "Sun 2", "Mon 3"]
    assert [t.label for t in days.major] == ["March 2025"]
    months = axis_ticks(start, start + 365, 3)
    assert [t.label for t in months.minor[:3]] == ["Mar", "Apr", "May"]
    assert months.major[1].label == "2026" and months.major[1].day == to_days(D(2026, 1, 1))
    hours = axis_ticks(start, start + 0.5, 2000)
    assert hours.unit == "hour" and hours.minor[1].label == "01:00"
    assert hours.major[0].label == "Sat 1 Mar 2025"
    years = axis_ticks(to_days(D(1900, 1, 1)), to_days(D(2000, 1, 1)), 0.01)
    assert years.major == [] and years.minor[0].label == "1900"
    for ticks in (days, months, hours, years):  # ticks are in order and never repeat
        positions = [t.day for t in ticks.minor]
        assert positions == sorted(set(positions))


def test_axis_survives_the_ends_of_the_calendar():
    ticks = axis_ticks(to_days(D(1, 1, 2)) - 1e6, to_days(D(9999, 1, 1)) + 1e6, 2.0**-14)
    assert ticks.minor and ticks.minor[0].label


def test_crowded_long_items_overflow_into_plus_n_pills():
    months = [
        entry(
            f"m{i}",
            D(2025, 1, 1) + timedelta(days=i),
            D(2025, 1, 31) + timedelta(days=i),
            "month",
            ("A",),
        )
        for i in range(40)
    ]
    layout = build_layout(months, "actor", 6)  # 64 px/day: months never cluster
    lane = layout.lanes[0]
    assert lane.rows == MAX_ROWS
    pills = [p for p in lane.placements if p.overflow]
    singles = [p for p in lane.placements if not p.overflow]
    assert pills and all(p.row == MAX_ROWS - 1 for p in pills)
    assert all(p.row < MAX_ROWS - 1 for p in singles)
    assert sorted(i for p in lane.placements for i in p.ids) == sorted(e.id for e in months)
    assert all(a.end <= b.start for a, b in pairwise(pills))
