"""The one paint routine behind the canvas, its PNG export and its SVG export.

Only what intersects the visible day range is drawn (binary search per lane, see
layout.Lane.visible); every drawn item records its hit rectangle for mouse picking.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
)

from annotator.ui.common.fact_marks import FACT_COLORS, FACT_LEGEND, FACT_MARKS
from annotator.ui.timeline.axis import axis_ticks
from annotator.ui.timeline.entries import TimelineEntry
from annotator.ui.timeline.glyphs import DOT_R, draw_bar, draw_point, item_color
from annotator.ui.timeline.layout import ROW_H, Layout, Placement, Scale
from annotator.ui.timeline.relations import (
    CONTRADICTED,
    MAX_ARROWS,
    TimelineRelation,
    arrow_ends,
    contradicted,
    draw_arrow,
    draw_legend,
)

AXIS_H = 40  # px: major row (month/year) over minor row (ticks)
# Key facts and disputed facts: a mark before the label and a heavy outline in its colour.
BAR_H = 14.0
MAX_CONNECTORS = 400  # faint copy connectors are skipped above this many (clutter, cost)


def _on_screen_part(a: QPointF, b: QPointF, width: float, height: float) -> tuple[QPointF, QPointF]:
    """An arrow to an event far off screen is drawn as far as a margin beyond the edge, in
    its direction: a dashed curve thousands of pixels long costs a paint tens of ms."""
    margin = 60.0

    def inside(p: QPointF) -> bool:
        return -margin <= p.x() <= width + margin and -margin <= p.y() <= height + margin

    if inside(a) and inside(b):
        return a, b
    if not inside(a) and not inside(b):
        return a, a  # neither end near: nothing to draw
    near, far = (a, b) if inside(a) else (b, a)
    dx, dy = far.x() - near.x(), far.y() - near.y()
    # the largest step along near→far that stays within the margin box
    limits = [1.0]
    if dx > 0:
        limits.append((width + margin - near.x()) / dx)
    elif dx < 0:
        limits.append((-margin - near.x()) / dx)
    if dy > 0:
        limits.append((height + margin - near.y()) / dy)
    elif dy < 0:
        limits.append((-margin - near.y()) / dy)
    k = max(0.0, min(limits))
    cut = QPointF(near.x() + dx * k, near.y() + dy * k)
    return (near, cut) if inside(a) else (cut, near)


@dataclass
class Hit:
    rect: QRectF
    placement: Placement
    bar: QRectF | None = None  # the bar alone (its ends can be dragged); None for a dot


@dataclass
class PaintState:
    layout: Layout
    entries: dict[str, TimelineEntry]
    scale: Scale
    scroll_y: float = 0.0
    selected: set[str] = field(default_factory=set)
    hover: str | None = None
    drag_ids: tuple[str, ...] = ()
    drag_dx: float = 0.0
    band: QRectF | None = None  # rubber band being dragged
    relations: list[TimelineRelation] = field(default_factory=list)  # empty: none drawn
    resize: tuple[str, float, float] | None = None  # a bar's end dragged: id, new [start, end)


class TimelinePainter:
    def __init__(self, palette: QPalette, font: QFont) -> None:
        self.pal = palette
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.italic = QFont(font)
        self.italic.setItalic(True)
        self.small = QFont(font)
        self.small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        self.fm = QFontMetricsF(self.font)
        self.fm_italic = QFontMetricsF(self.italic)
        self.fm_bold = QFontMetricsF(self.bold)
        self.hits: list[Hit] = []
        # kept between paints (the canvas reuses its painter until palette or font change)
        self._colors: dict[tuple, QColor] = {}
        self._widths: dict[str, float] = {}
        self._item_colors: dict[str, QColor] = {}

    def c(self, role: QPalette.ColorRole, alpha: int = 255) -> QColor:
        key = (role, alpha)
        color = self._colors.get(key)
        if color is None:
            color = QColor(self.pal.color(role))
            color.setAlpha(alpha)
            self._colors[key] = color
        return color

    def item_color(self, key: str) -> QColor:
        color = self._item_colors.get(key)
        if color is None:
            color = self._item_colors[key] = item_color(key, self.pal)
        return color

    def lane_y(self, st: PaintState, placement: Placement) -> float:
        """Screen y of the centre of a placement's row."""
        lane = st.layout.lane_of(placement)
        return AXIS_H + lane.row_y(placement.row) - st.scroll_y + ROW_H / 2

    def marker_x(self, st: PaintState, p: Placement) -> tuple[float, float]:
        """Screen x range covered by a placement's marker (entry span, or cluster members)."""
        if p.is_cluster:  # the cluster's window, less a gap to its right neighbour
            x0, x1 = st.scale.x_of(p.start), st.scale.x_of(p.end)
            return x0, max(x1 - 6, x0 + 30.0)
        x0, x1 = st.scale.span_x(st.entries[p.ids[0]])
        return x0, x1

    def anchor(self, st: PaintState, p: Placement) -> QPointF:
        x0, x1 = self.marker_x(st, p)
        return QPointF(
            x0 + min(x1 - x0, 12.0) / 2 if x1 - x0 > 12 else (x0 + x1) / 2, self.lane_y(st, p)
        )

    # -- the routine ----------------------------------------------------------------------

    def paint(self, qp: QPainter, st: PaintState, width: float, height: float) -> None:
        self.hits = []
        qp.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        qp.fillRect(QRectF(0, 0, width, height), self.c(QPalette.ColorRole.Base))
        day0, day1 = st.scale.day_of(-40), st.scale.day_of(width + 40)
        ticks = axis_ticks(day0, day1, st.scale.px_per_day)
        shown = st.layout.lanes_between(st.scroll_y, height - AXIS_H + st.scroll_y)
        lanes = [(i, st.layout.lanes[i]) for i in shown]
        qp.save()
        qp.setClipRect(QRectF(0, AXIS_H, width, height - AXIS_H))
        self._bands(qp, st, lanes, width)
        self._grid(qp, st, ticks, height)
        visible = [p for i, lane in lanes for p in lane.visible(day0, day1)]
        self._connectors(qp, st, visible, width, height)
        for p in visible:
            if p.is_cluster:
                self._cluster(qp, st, p, width)
            else:
                self._item(qp, st, p, width)
        kinds = self._relations(qp, st, visible, width, height) if st.relations else set()
        self._drag_ghost(qp, st)
        if st.band is not None:
            qp.setPen(QPen(self.c(QPalette.ColorRole.Highlight), 1))
            qp.setBrush(self.c(QPalette.ColorRole.Highlight, 40))
            qp.drawRect(st.band)
        if kinds:
            qp.setFont(self.small)
            draw_legend(qp, kinds, width, AXIS_H, self.pal, QFontMetricsF(self.small))
        self._legend(qp, st, visible, width)
        qp.restore()
        self._axis(qp, st, ticks, width)

    def _relations(self, qp: QPainter, st: PaintState, visible, width, height) -> set[str]:
        """Arrows for the relations with an end on screen; the kinds drawn, for the legend."""
        on_screen = {i: p for p in visible for i in (p.ids if p.is_cluster else p.ids[:1])}
        wanted = [r for r in st.relations if r.source_id in on_screen or r.target_id in on_screen]
        if len(wanted) > MAX_ARROWS:  # too many to read: only the selection's
            wanted = [r for r in wanted if r.source_id in st.selected or r.target_id in st.selected]
        kinds: set[str] = set()
        for rel in wanted:
            start, end = arrow_ends(rel)
            p = on_screen.get(start) or self._first(st, start)
            q = on_screen.get(end) or self._first(st, end)
            if p is None or q is None:
                continue
            a, b = self.anchor(st, p), self.anchor(st, q)
            a, b = _on_screen_part(a, b, width, height)
            strong = bool({start, end} & st.selected) or st.hover in (start, end)
            source, target = st.entries.get(rel.source_id), st.entries.get(rel.target_id)
            style = rel.kind
            if source is not None and target is not None and contradicted(rel, source, target):
                style = CONTRADICTED
            draw_arrow(qp, a, b, style, strong, self.pal)
            kinds.add(style)
        return kinds

    def _first(self, st: PaintState, entry_id: str) -> Placement | None:
        """Its own marker, else the cluster that holds it (the arrow then meets the count)."""
        placed = st.layout.by_id.get(entry_id, ())
        return next((q for q in placed if not q.is_cluster), placed[0] if placed else None)

    def _bands(self, qp: QPainter, st: PaintState, lanes, width: float) -> None:
        line = self.c(QPalette.ColorRole.Mid, 110)
        for i, lane in lanes:
            top = AXIS_H + lane.top - st.scroll_y
            if i % 2:
                qp.fillRect(
                    QRectF(0, top, width, lane.height), self.c(QPalette.ColorRole.AlternateBase)
                )
            qp.setPen(QPen(line, 1))
            bottom = top + lane.height - 0.5
            qp.drawLine(QPointF(0, bottom), QPointF(width, bottom))

    def _grid(self, qp: QPainter, st: PaintState, ticks, height: float) -> None:
        qp.setPen(QPen(self.c(QPalette.ColorRole.Mid, 45), 1))
        for t in ticks.minor:
            x = round(st.scale.x_of(t.day)) + 0.5
            qp.drawLine(QPointF(x, AXIS_H), QPointF(x, height))
        qp.setPen(QPen(self.c(QPalette.ColorRole.Mid, 120), 1))
        for t in ticks.major:
            x = round(st.scale.x_of(t.day)) + 0.5
            qp.drawLine(QPointF(x, AXIS_H), QPointF(x, height))

    def _axis(self, qp: QPainter, st: PaintState, ticks, width: float) -> None:
        qp.fillRect(QRectF(0, 0, width, AXIS_H), self.c(QPalette.ColorRole.Window))
        text = self.c(QPalette.ColorRole.WindowText)
        qp.setPen(QPen(self.c(QPalette.ColorRole.Mid), 1))
        qp.drawLine(QPointF(0, AXIS_H - 0.5), QPointF(width, AXIS_H - 0.5))
        qp.setFont(self.font)
        step_px = None
        if len(ticks.minor) > 1:
            step_px = st.scale.x_of(ticks.minor[1].day) - st.scale.x_of(ticks.minor[0].day)
        for i, t in enumerate(ticks.minor):
            x = st.scale.x_of(t.day)
            nxt = (
                st.scale.x_of(ticks.minor[i + 1].day)
                if i + 1 < len(ticks.minor)
                else (x + (step_px or 100))
            )
            qp.setPen(QPen(self.c(QPalette.ColorRole.Mid), 1))
            qp.drawLine(QPointF(round(x) + 0.5, AXIS_H - 6), QPointF(round(x) + 0.5, AXIS_H))
            qp.setPen(text)
            # centre the label on its period (a day, a month) rather than on the tick
            w = self.fm.horizontalAdvance(t.label)
            cx = (
                (x + nxt) / 2
                if ticks.unit in ("day", "month") or (ticks.unit == "year" and ticks.step == 1)
                else x
            )
            qp.drawText(QPointF(cx - w / 2, AXIS_H - 8), t.label)
        qp.setFont(self.bold)
        fmb = self.fm_bold
        for i, t in enumerate(ticks.major):
            x = st.scale.x_of(t.day)
            nxt = st.scale.x_of(ticks.major[i + 1].day) if i + 1 < len(ticks.major) else math.inf
            w = fmb.horizontalAdvance(t.label)
            # sticky: the current month stays named at the left edge until the next pushes it
            lx = max(x + 4, min(4.0, nxt - 8 - w))
            if lx < 0:
                continue
            qp.setPen(text)
            qp.drawText(QPointF(lx, 15), t.label)

    def _connectors(self, qp: QPainter, st: PaintState, visible, width, height) -> None:
        """Copies of one event in several lanes, and claims to the event they are about."""
        seen: dict[str, list[Placement]] = {}
        for p in visible:
            if not p.is_cluster:
                seen.setdefault(p.ids[0], []).append(p)
        multi = [(i, ps) for i, ps in seen.items() if len(st.layout.by_id.get(i, ())) > 1]
        for entry_id, _ps in multi:
            strong = entry_id in st.selected or entry_id == st.hover
            if not strong and len(multi) > MAX_CONNECTORS:
                continue
            copies = [q for q in st.layout.by_id[entry_id] if not q.is_cluster]
            if len(copies) < 2:
                continue
            pts = sorted((self.anchor(st, q) for q in copies), key=lambda pt: pt.y())
            color = self.c(
                QPalette.ColorRole.Highlight if strong else QPalette.ColorRole.Mid,
                230 if strong else 140,
            )
            qp.setPen(QPen(color, 2 if strong else 1, Qt.PenStyle.DotLine))
            qp.drawLine(pts[0], pts[-1])
        qp.setPen(QPen(self.c(QPalette.ColorRole.Text, 150), 1, Qt.PenStyle.DashLine))
        for entry_id, ps in seen.items():
            entry = st.entries[entry_id]
            if entry.kind != "claim" or not entry.about_event_id:
                continue
            targets = st.layout.by_id.get(entry.about_event_id, [])
            for p in ps:
                if not targets:
                    break
                at = st.layout.index
                best = min(targets, key=lambda q: (q.lane != p.lane, abs(at[q.lane] - at[p.lane])))
                a, b = self.anchor(st, p), self.anchor(st, best)
                if -20 <= b.x() <= width + 20 and AXIS_H <= b.y() <= height:
                    qp.drawLine(a, b)

    def _item(self, qp: QPainter, st: PaintState, p: Placement, width: float) -> None:
        entry = st.entries[p.ids[0]]
        y = self.lane_y(st, p)
        x0, x1 = self.marker_x(st, p)
        color = self.item_color(entry.color_key)
        selected = entry.id in st.selected
        hover = entry.id == st.hover
        fact = FACT_COLORS.get(entry.fact_status)
        if selected:
            outline = QPen(self.c(QPalette.ColorRole.Highlight), 2.5)
        elif fact:
            outline = QPen(QColor(fact), 2.5)
        elif hover:
            outline = QPen(self.c(QPalette.ColorRole.Text, 160), 1.5)
        else:
            outline = QPen(color.darker(130), 1)
        is_bar = x1 - x0 >= 2 * DOT_R + 2 or entry.imprecise
        limit = min(st.scale.x_of(p.limit) - 4, width + 400)
        inside = False
        if is_bar:
            x1 = max(x1, x0 + 2 * DOT_R + 2)
            rect = QRectF(x0 + 0.5, y - BAR_H / 2, x1 - x0 - 1, BAR_H)
            draw_bar(qp, entry, rect, color, outline)
            # a bar that holds its label shows it inside (sticky at the left edge), else after
            inside = self._label_width(entry) + 10 <= x1 - max(x0, 0.0)
            label_x = max(x0, 0.0) + 5 if inside else x1 + 4
            if inside:
                limit = min(limit, x1 - 2)
        else:
            cx = (x0 + x1) / 2
            rect = QRectF(cx - DOT_R - 1, y - DOT_R - 1, 2 * DOT_R + 2, 2 * DOT_R + 2)
            draw_point(qp, entry, QPointF(cx, y), color, outline)
            label_x = cx + DOT_R + 4
        # text straight on a solid bar (no halo) in a colour that contrasts with it
        on_bar = inside and not entry.imprecise and entry.kind == "event" and not selected
        label_rect = self._label(qp, entry, label_x, y, limit, color, selected, on_bar)
        self.hits.append(
            Hit(rect.united(label_rect) if label_rect else rect, p, rect if is_bar else None)
        )

    def forget(self, entry_ids: list[str]) -> None:
        """Entries whose labels may have changed: their widths are measured again."""
        for entry_id in entry_ids:
            self._widths.pop(entry_id, None)

    def _label_width(self, entry: TimelineEntry) -> float:
        width = self._widths.get(entry.id)
        if width is None:
            fm = self.fm_italic if entry.kind == "claim" else self.fm
            marks = self._fact_prefix(entry) + ("~ " if entry.approximate else "")
            marks += " ?" if entry.uncertain else ""
            width = fm.horizontalAdvance(entry.label) + self.fm_bold.horizontalAdvance(marks)
            self._widths[entry.id] = width
        return width

    def _label(self, qp, entry, x, y, limit, color, selected, on_bar=False) -> QRectF | None:
        """Marks (~ approximate, ? uncertain) and the elided label; hidden if no room."""
        font, fm = (self.italic, self.fm_italic) if entry.kind == "claim" else (self.font, self.fm)
        room = limit - x
        if room < 24:
            return None
        fact_prefix = self._fact_prefix(entry)
        prefix = fact_prefix + ("~ " if entry.approximate else "")
        suffix = " ?" if entry.uncertain else ""
        fmb = self.fm_bold
        marks_w = fmb.horizontalAdvance(prefix) + fmb.horizontalAdvance(suffix)
        if self._label_width(entry) + 6 <= room:
            text = entry.label  # fits: skip the costly elision
        else:
            text = fm.elidedText(entry.label, Qt.TextElideMode.ElideRight, room - marks_w - 6)
        if not text and not prefix and not suffix:
            return None
        text_w = (
            self._label_width(entry) - marks_w
            if text is entry.label
            else (fm.horizontalAdvance(text))
        )
        rect = QRectF(x - 2, y - fm.height() / 2, text_w + marks_w + 4, fm.height())
        bg = self.c(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base,
            235 if selected else 200,
        )
        if not on_bar:
            qp.setPen(Qt.PenStyle.NoPen)
            qp.setBrush(bg)
            qp.drawRoundedRect(rect, 3, 3)
        qp.setFont(font)
        base_y = y + fm.ascent() - fm.height() / 2
        text_color = self.c(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        if on_bar:
            text_color = QColor("black") if color.lightnessF() > 0.55 else QColor("white")
        mark_color = text_color if selected or on_bar else color
        cx = x
        if fact_prefix:  # the fact mark in its own colour, then any other marks
            fact_color = text_color if selected else QColor(FACT_COLORS[entry.fact_status])
            qp.setFont(self.bold)
            qp.setPen(fact_color)
            qp.drawText(QPointF(cx, base_y), fact_prefix)
            cx += fmb.horizontalAdvance(fact_prefix)
            prefix = prefix[len(fact_prefix) :]
        parts = (
            (prefix, mark_color, self.bold, fmb),
            (text, text_color, font, fm),
            (suffix, mark_color, self.bold, fmb),
        )
        for part, pen_color, part_font, metrics in parts:
            if part:
                qp.setFont(part_font)
                qp.setPen(pen_color)
                qp.drawText(QPointF(cx, base_y), part)
                if part is not suffix:
                    cx += text_w if part is text else metrics.horizontalAdvance(part)
        return rect

    @staticmethod
    def _fact_prefix(entry: TimelineEntry) -> str:
        mark = FACT_MARKS.get(entry.fact_status)
        return f"{mark} " if mark else ""

    def _legend(self, qp: QPainter, st: PaintState, visible, width: float) -> None:
        """What the fact marks and the single-source badge mean, in the top right corner,
        when any is in view."""
        shown = {
            st.entries[i].fact_status
            for p in visible
            for i in p.ids
            if i in st.entries and st.entries[i].fact_status in FACT_MARKS
        }
        single = any(st.entries[i].single_source for p in visible for i in p.ids if i in st.entries)
        if not shown and not single:
            return
        items = [(FACT_MARKS[s], FACT_COLORS[s], FACT_LEGEND[s]) for s in FACT_MARKS if s in shown]
        if single:  # the badge glyphs.draw_single_source puts on the item
            items.append(("①", "#374151", "one outlet only"))
        fm, fmb = self.fm, self.fm_bold
        gap = 12.0
        total = sum(fmb.horizontalAdvance(m + " ") + fm.horizontalAdvance(w) for m, _c, w in items)
        total += gap * (len(items) - 1) + 12
        rect = QRectF(width - total - 8, AXIS_H + 4, total, fm.height() + 6)
        qp.setPen(QPen(self.c(QPalette.ColorRole.Mid), 1))
        qp.setBrush(self.c(QPalette.ColorRole.Base, 230))
        qp.drawRoundedRect(rect, 4, 4)
        x = rect.left() + 6
        base_y = rect.top() + 3 + fm.ascent()
        for mark, color, words in items:
            qp.setFont(self.bold)
            qp.setPen(QColor(color))
            qp.drawText(QPointF(x, base_y), mark + " ")
            x += fmb.horizontalAdvance(mark + " ")
            qp.setFont(self.font)
            qp.setPen(self.c(QPalette.ColorRole.Text))
            qp.drawText(QPointF(x, base_y), words)
            x += fm.horizontalAdvance(words) + gap

    def _cluster(self, qp: QPainter, st: PaintState, p: Placement, width: float) -> None:
        y = self.lane_y(st, p)
        x0, x1 = self.marker_x(st, p)
        rect = QRectF(x0, y - 9, x1 - x0, 18)
        selected = any(i in st.selected for i in p.ids)
        qp.setBrush(self.c(QPalette.ColorRole.Button))
        qp.setPen(
            QPen(
                self.c(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid),
                2 if selected else 1,
            )
        )
        qp.drawRoundedRect(rect, 9, 9)
        qp.setFont(self.bold)
        qp.setPen(self.c(QPalette.ColorRole.ButtonText))
        count = f"+{len(p.ids)}" if p.overflow else str(len(p.ids))
        label_rect = QRectF(max(x0, 0), y - 9, max(x1, 0) - max(x0, 0), 18)
        if self.fm_bold.horizontalAdvance(count) + 8 <= label_rect.width():
            qp.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, count)
        self.hits.append(Hit(rect, p))

    def _drag_ghost(self, qp: QPainter, st: PaintState) -> None:
        if st.resize is not None:
            self._resize_ghost(qp, st, *st.resize)
        if not st.drag_ids or not st.drag_dx:
            return
        days = round(st.drag_dx / st.scale.px_per_day)
        qp.setBrush(Qt.BrushStyle.NoBrush)
        qp.setPen(QPen(self.c(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
        qp.setFont(self.bold)
        for entry_id in st.drag_ids:
            for p in st.layout.by_id.get(entry_id, []):
                x0, x1 = self.marker_x(st, p)
                shift = days * st.scale.px_per_day
                y = self.lane_y(st, p)
                rect = QRectF(x0 + shift, y - BAR_H / 2, max(x1 - x0, 2 * DOT_R), BAR_H)
                qp.drawRoundedRect(rect, 3, 3)
                qp.drawText(QPointF(rect.right() + 4, y - 8), f"{days:+d} d")

    def _resize_ghost(self, qp: QPainter, st: PaintState, entry_id: str, start, end) -> None:
        """The bar as it will be when the dragged end is let go."""
        qp.setBrush(self.c(QPalette.ColorRole.Highlight, 50))
        qp.setPen(QPen(self.c(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
        x0, x1 = st.scale.x_of(start), st.scale.x_of(end)
        for p in st.layout.by_id.get(entry_id, []):
            y = self.lane_y(st, p)
            qp.drawRoundedRect(QRectF(x0, y - BAR_H / 2 - 2, x1 - x0, BAR_H + 4), 3, 3)
