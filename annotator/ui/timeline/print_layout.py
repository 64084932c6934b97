"""The drawn timeline laid out for a page (pure geometry, no Qt): the whole chronology or a
date range, scaled to the page's width, every label placed where it has room.

The screen's layout reserves label room by estimate and elides at paint time; a page is
laid out once, with the text measured by the caller, so every label's rectangle is known
here: it sits inside its bar, after its marker, or before it near the right edge, and no
two labels or markers in a row meet. What still does not fit (past MAX_ROWS in a lane) is
counted, never drawn over something else.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from annotator.ui.timeline.entries import TimelineEntry
from annotator.ui.timeline.layout import entry_span, prepare_lanes, spans_of

# Page geometry in CSS pixels (96 per inch): A4 landscape is 1123 px wide.
PAGE_W = 1123.0
MARGIN = 36.0
LANE_COL = 150.0  # the lane names' column
ROW_H = 22.0
LANE_PAD = 5.0
MIN_BAR = 12.0  # a span narrower than this is drawn as a point
DOT_R = 5.0
GAP = 8.0  # px kept free between two things in a row
MAX_LABEL = 420.0  # a longer label is elided
MAX_ROWS = 40  # rows per lane on paper; what does not fit is counted
MAX_PAGE_ROWS = 240  # rows on the whole page (about 5,500 px): further lanes are counted
MIN_DAYS = 7.0  # a page never spans less than a week (a single day would show hours)

Measure = Callable[[TimelineEntry], float]  # label width in px, marks included
Elide = Callable[[TimelineEntry, float], tuple[str, float]]  # elided to a width: text, width


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def intersects(self, other: Rect) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


@dataclass(frozen=True)
class PrintedItem:
    entry: TimelineEntry
    marker: Rect  # page coordinates
    is_bar: bool
    label: Rect | None  # None: no room for any of it
    text: str  # the label as drawn (elided when it had to be), marks excluded
    inside: bool  # the label is drawn on its bar
    cut_left: bool = False  # the span goes on before the range shown
    cut_right: bool = False  # ... or after it


@dataclass
class PrintedLane:
    name: str
    top: float  # page coordinates
    rows: int
    items: list[PrintedItem] = field(default_factory=list)
    left_out: int = 0  # items that found no row

    @property
    def height(self) -> float:
        return self.rows * ROW_H + 2 * LANE_PAD


@dataclass
class PrintLayout:
    day0: float  # the range drawn, in days since 1970-01-01 (layout.to_days)
    day1: float
    plot_x: float  # page x of day0
    plot_w: float
    lanes_top: float  # page y where the first lane starts
    lanes: list[PrintedLane]
    width: float = PAGE_W
    lanes_left_out: int = 0  # whole lanes past the page's row budget
    items_left_out: int = 0  # ... and the items in them

    @property
    def px_per_day(self) -> float:
        return self.plot_w / (self.day1 - self.day0)

    def x_of(self, day: float) -> float:
        return self.plot_x + (day - self.day0) * self.px_per_day

    @property
    def lanes_bottom(self) -> float:
        return self.lanes_top + sum(lane.height for lane in self.lanes)

    def label_rects(self) -> list[Rect]:
        return [i.label for lane in self.lanes for i in lane.items if i.label is not None]


def whole_range(entries: Sequence[TimelineEntry]) -> tuple[float, float] | None:
    """The days every entry covers, with a little room either side (None: nothing dated)."""
    spans = [entry_span(e) for e in entries]
    if not spans:
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return padded(start, end)


def padded(start: float, end: float) -> tuple[float, float]:
    """At least MIN_DAYS wide, plus 2% either side (at least half a day)."""
    if end - start < MIN_DAYS:
        middle = (start + end) / 2
        start, end = middle - MIN_DAYS / 2, middle + MIN_DAYS / 2
    pad = max(0.5, (end - start) * 0.02)
    return start - pad, end + pad


class _Row:
    """The occupied intervals of one row. They never overlap, so sorted by start they are
    sorted by end too: only the last one starting before a new interval's end can meet it."""

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def free(self, start: float, end: float) -> bool:
        i = bisect_left(self.starts, end + GAP)
        return i == 0 or self.ends[i - 1] + GAP <= start

    def take(self, start: float, end: float) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _place(
    entry: TimelineEntry,
    x0: float,
    x1: float,
    plot_w: float,
    measure: Measure,
    elide: Elide,
) -> tuple[float, float, bool, tuple[float, float] | None, str, bool]:
    """Marker extent, whether it is a bar, the label's [left, right) and text, whether the
    label is inside the bar; all in plot coordinates (0 .. plot_w). A single day is a dot
    at every scale (as the legend says); a longer span a bar."""
    one_day = entry.precision in ("day", "time")
    is_bar = (x1 - x0 >= MIN_BAR and not one_day) or entry.imprecise
    if is_bar:
        x1 = min(plot_w, max(x1, x0 + MIN_BAR))
        x0 = max(0.0, min(x0, x1 - MIN_BAR))
    else:
        cx = (x0 + x1) / 2
        x0, x1 = cx - DOT_R - 1, cx + DOT_R + 1
    full = measure(entry)
    if is_bar and full + 10 <= x1 - x0:
        return x0, x1, True, (x0 + 5, x0 + 5 + full), entry.label, True
    after = min(plot_w - (x1 + 4), MAX_LABEL)
    before = min(x0 - 4, MAX_LABEL)
    if full <= after:
        return x0, x1, is_bar, (x1 + 4, x1 + 4 + full), entry.label, False
    if full <= before:
        return x0, x1, is_bar, (x0 - 4 - full, x0 - 4), entry.label, False
    room = max(after, before)
    if room < 30:
        return x0, x1, is_bar, None, "", False
    text, width = elide(entry, room)
    if room == after:
        return x0, x1, is_bar, (x1 + 4, x1 + 4 + width), text, False
    return x0, x1, is_bar, (x0 - 4 - width, x0 - 4), text, False


def print_layout(
    entries: Sequence[TimelineEntry],
    mode: str,
    day_range: tuple[float, float],
    measure: Measure,
    elide: Elide,
    *,
    lanes_top: float,
    label_h: float,
    width: float = PAGE_W,
) -> PrintLayout:
    """Lay out the entries that meet ``day_range`` for a page ``width`` wide; ``label_h`` is
    the label font's line height."""
    day0, day1 = day_range
    plot_x = MARGIN + LANE_COL
    plot_w = width - plot_x - MARGIN
    out = PrintLayout(day0, day1, plot_x, plot_w, lanes_top, [], width)
    spans = spans_of(entries)
    shown = [e for e in entries if spans[e.id][1] > day0 and spans[e.id][0] < day1]
    top = lanes_top
    budget = MAX_PAGE_ROWS
    for name, members in prepare_lanes(shown, mode, spans):
        if budget <= 0:
            out.lanes_left_out += 1
            out.items_left_out += len(members)
            continue
        limit = min(MAX_ROWS, budget)
        lane = PrintedLane(name, top, 1)
        rows: list[_Row] = []
        for entry in members:
            start, end = spans[entry.id]
            x0 = (max(start, day0) - day0) * out.px_per_day
            x1 = (min(end, day1) - day0) * out.px_per_day
            m0, m1, is_bar, label, text, inside = _place(entry, x0, x1, plot_w, measure, elide)
            left = min(m0, label[0]) if label else m0
            right = max(m1, label[1]) if label else m1
            row = next((i for i, r in enumerate(rows) if r.free(left, right)), None)
            if row is None:
                if len(rows) >= limit:
                    lane.left_out += 1
                    continue
                rows.append(_Row())
                row = len(rows) - 1
            rows[row].take(left, right)
            y = top + LANE_PAD + row * ROW_H + ROW_H / 2
            marker_h = 14.0 if is_bar else 2 * DOT_R + 2
            lane.items.append(
                PrintedItem(
                    entry,
                    Rect(plot_x + m0, y - marker_h / 2, m1 - m0, marker_h),
                    is_bar,
                    Rect(plot_x + label[0], y - label_h / 2, label[1] - label[0], label_h)
                    if label
                    else None,
                    text,
                    inside,
                    cut_left=start < day0,
                    cut_right=end > day1,
                )
            )
        lane.rows = max(1, len(rows))
        budget -= lane.rows
        out.lanes.append(lane)
        top += lane.height
    return out
