"""The drawn timeline: custom QPainter painting, mouse and keyboard navigation, selection, drag.

Keys: + / = zoom in, - zoom out, Left/Right pan (Shift: a page), Up/Down/PageUp/PageDown scroll
lanes, Ctrl+Right / Ctrl+Left select the next / previous item in time, F fit all, Shift+F fit
selection, Return edit (activated), P show passage (passageRequested), Esc clear selection.
Mouse: Ctrl+wheel zooms around the cursor, Shift+wheel (or a horizontal wheel) pans, the plain
wheel scrolls lanes; dragging empty space pans, Shift+drag on empty space selects with a rubber
band, dragging an item moves its date (dateDragged), dragging either end of an event's bar
sets that end of its date to a day (dateResized; the pointer shows a resize cursor there,
Esc cancels the drag), clicking a cluster zooms into it, double-click edits (activated).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QCursor, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from annotator.core.dates.value import DateValue
from annotator.ui.common import collector
from annotator.ui.common.plain import rich_escaped
from annotator.ui.common.worker_signal import emit_if_alive
from annotator.ui.timeline.bar_ends import day_range_edtf, end_under, resized
from annotator.ui.timeline.entries import TimelineEntry
from annotator.ui.timeline.layout import (
    Layout,
    Placement,
    Scale,
    bucket_of,
    build_layout,
    clamp_zoom,
    to_days,
)
from annotator.ui.timeline.layout_cache import LayoutCache
from annotator.ui.timeline.paint import AXIS_H, PaintState, TimelinePainter
from annotator.ui.timeline.relations import TimelineRelation
from annotator.ui.timeline.yielding import Yielder

FIT_MARGIN = 30  # px left of the first item
FIT_RIGHT = 150  # px right of the last item: room for its label
MAX_FIT_ZOOM = 160.0  # px/day: fitting one day should not jump to an hour scale
# Entries from which a zoom level not built yet is built in a worker while the nearest
# level built is drawn (a level of 10,000 entries is 50-70 ms of Python); below, it is
# built at once (a few ms).
BUILT_ASIDE_FROM = 2_000


def fit_zoom(extent: tuple[float, float], width: int) -> float:
    """px/day that shows [start, end) days across a canvas `width` px wide."""
    room = max(50.0, width - FIT_MARGIN - FIT_RIGHT)
    return clamp_zoom(min(MAX_FIT_ZOOM, room / max(extent[1] - extent[0], 1e-3)))


class TimelineCanvas(QWidget):
    selectionChanged = Signal(list)
    activated = Signal(str)
    dateDragged = Signal(str, int)
    dateResized = Signal(str, str)  # event id, its new date (EDTF: a day or a day range)
    passageRequested = Signal(str)
    viewChanged = Signal()  # zoom, pan, scroll or layout changed
    _built = Signal(object)  # (cache, its version, Layout) from the zoom level's worker

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = LayoutCache()
        self.relations: list[TimelineRelation] = []
        self.show_relations = True
        self.px_per_day = 20.0
        self.left_day = to_days(datetime(2025, 1, 1))
        self.scroll_y = 0.0
        self.selected: set[str] = set()
        self.hover: str | None = None
        self._press: QPointF | None = None
        self._press_left = 0.0
        self._press_hit: Placement | None = None
        self._dragging: str | None = None  # "pan" | "item" | "band"
        self._band: QRectF | None = None
        self._press_mods = Qt.KeyboardModifier.NoModifier
        self._order: list[str] | None = None  # ids in time order (Ctrl+Left/Right), on demand
        self._drag_dx = 0.0
        self._grip: tuple[str, str] | None = None  # (entry id, "start" | "end") pressed on
        self._resize: tuple[float, float] | None = None  # the span it would get, in days
        self._grip_hover: tuple[str, str] | None = None  # the bar's end under the pointer
        self._fitted = False
        self._painter: TimelinePainter | None = None
        self._renderer: TimelinePainter | None = None
        self._building: threading.Thread | None = None
        self._built.connect(self._adopt, Qt.ConnectionType.QueuedConnection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 120)

    # -- data -------------------------------------------------------------------------

    @property
    def entries(self) -> dict[str, TimelineEntry]:
        return self.cache.entries

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self._renderer = None  # label widths are cached by id
        self.cache.reset(entries)
        self._order = None
        self.selected &= self.entries.keys()
        if not self._fitted and entries and self.width() > 0:
            self.fit_all()
        self._changed()

    def adopt_cache(self, cache: LayoutCache) -> None:
        """Entries laid out elsewhere (a worker thread): taken as they are, in one step."""
        if cache.mode != self.cache.mode:  # the lanes were switched meanwhile
            cache.reset(mode=self.cache.mode)
        self.cache = cache
        self._renderer = None
        self._order = None
        self.selected &= self.entries.keys()
        if not self._fitted and self.entries and self.width() > 0:
            self.fit_all()
        self._changed()

    def request_zoom(self) -> float | None:
        """The zoom new entries will be shown at: None before the first fit (the zoom that
        fits them, which only they can tell), else the zoom now."""
        return self.px_per_day if self._fitted else None

    def patch_entries(self, changed: Iterable[TimelineEntry], removed: Iterable[str] = ()) -> None:
        """An edit's entries (new or changed) and the ids no longer drawn: only their lanes
        are laid out again (a full layout of 10,000 entries took 0.5 s per zoom level)."""
        changed, removed = list(changed), list(removed)
        self.cache.update(changed, removed)
        if self._renderer is not None:
            self._renderer.forget([*removed, *(e.id for e in changed)])
        self._order = None
        self.selected &= self.entries.keys()
        if not self._fitted and self.entries and self.width() > 0:
            self.fit_all()
        self._changed()

    def order(self) -> list[str]:
        """Ids in time order (start, day sequence, longest first, id)."""
        if self._order is None:
            spans, entries = self.cache.spans, self.entries
            self._order = sorted(
                entries, key=lambda i: (spans[i][0], entries[i].day_seq, -spans[i][1], i)
            )
        return self._order

    def set_relations(self, relations: list[TimelineRelation]) -> None:
        self.relations = relations
        self.update()

    def set_relations_shown(self, shown: bool) -> None:
        self.show_relations = shown
        self.update()

    def set_lane_mode(self, mode: str) -> None:
        self.cache.reset(mode=mode)
        self.scroll_y = 0.0
        self._changed()

    def layout_now(self) -> Layout:
        """The layout drawn at this zoom: its own zoom level's, or, while that is built in a
        worker (`_build_shown`) after a zoom step, the neighbouring level's, whose rows and
        clusters are meant for the zoom before but whose positions (in days) are the same.
        A jump further (fitting, opening a cluster) builds the level at once."""
        cache = self.cache
        if cache.has(self.px_per_day) or len(cache.entries) < BUILT_ASIDE_FROM:
            return cache.get(self.px_per_day)
        return cache.beside(self.px_per_day) or cache.get(self.px_per_day)

    def scale(self) -> Scale:
        return Scale(self.px_per_day, self.left_day)

    def lanes_height(self) -> int:
        return max(0, self.height() - AXIS_H)

    def _changed(self) -> None:
        self._clamp_scroll()
        self.update()
        self.viewChanged.emit()

    def _clamp_scroll(self) -> None:
        top = max(0, self.layout_now().height - self.lanes_height())
        self.scroll_y = max(0.0, min(float(top), self.scroll_y))

    # -- navigation -------------------------------------------------------------------

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        x = self.width() / 2 if anchor_x is None else anchor_x
        day = self.scale().day_of(x)
        self.px_per_day = clamp_zoom(self.px_per_day * factor)
        self.left_day = day - x / self.px_per_day
        self._changed()

    def pan_px(self, dx: float) -> None:
        self.left_day += dx / self.px_per_day
        self._changed()

    def set_scroll_y(self, value: float) -> None:
        if value != self.scroll_y:
            self.scroll_y = value
            self._changed()

    def center_on(self, day: float) -> None:
        self.left_day = day - self.width() / 2 / self.px_per_day
        self._changed()

    def fit_range(self, start: float, end: float) -> None:
        self.px_per_day = fit_zoom((start, end), self.width())
        self.left_day = start - FIT_MARGIN / self.px_per_day
        self._changed()

    def fit_all(self) -> None:
        extent = self.cache.extent()
        if extent:
            self._fitted = True
            self.fit_range(*extent)

    def fit_selection(self) -> None:
        extent = self.cache.extent(self.selected) if self.selected else None
        if not extent:
            return
        self.fit_range(*extent)
        self.ensure_visible(next(iter(sorted(self.selected))))

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (-1) item in time and bring it into view."""
        order = self.order()
        if not order:
            return
        current = [i for i in order if i in self.selected]
        if current:
            index = order.index(current[-1] if direction > 0 else current[0])
            index = max(0, min(len(order) - 1, index + direction))
        else:  # nothing selected: start from the left edge of the view
            starts = [self.cache.spans[i][0] for i in order]
            index = min(bisect_left(starts, self.left_day), len(order) - 1)
        entry_id = order[index]
        self._select({entry_id})
        self.show_entry(entry_id)

    def show_entry(self, entry_id: str) -> None:
        """Bring an entry on screen (time and lane), moving as little as needed."""
        span = self.cache.spans.get(entry_id)
        if span is None:
            return
        start, end = span
        x0 = self.scale().x_of(start)
        if x0 < 0 or x0 > self.width() - 60:
            self.center_on((start + end) / 2)
        self.ensure_visible(entry_id)

    def zoom_anchor(self) -> float | None:
        """Where "+" and "−" zoom about: the selection when it is on screen, else the
        pointer when it is over the chart, else the middle (None)."""
        for entry_id in sorted(self.selected):
            span = self.cache.spans.get(entry_id)
            if span is not None:
                x = self.scale().x_of((span[0] + span[1]) / 2)
                if 0 <= x <= self.width():
                    return x
        pointer = self.mapFromGlobal(QCursor.pos())
        if self.rect().contains(pointer):
            return float(pointer.x())
        return None

    def ensure_visible(self, entry_id: str) -> None:
        """Scroll lanes vertically so that a copy of the entry is on screen."""
        layout = self.layout_now()
        places = layout.by_id.get(entry_id)
        if not places:
            return
        lane = layout.lane_of(places[0])
        y = lane.row_y(places[0].row)
        if not self.scroll_y <= y <= self.scroll_y + self.lanes_height() - 30:
            self.scroll_y = max(0.0, y - self.lanes_height() / 3)
            self._changed()

    # -- selection --------------------------------------------------------------------

    def set_selected_ids(self, ids: set[str]) -> None:
        self.selected = set(ids) & self.entries.keys()
        self.update()
        self.viewChanged.emit()

    def _select(self, ids: set[str]) -> None:
        if ids != self.selected:
            self.selected = ids
            self.update()
            self.selectionChanged.emit(sorted(ids))

    # -- painting ---------------------------------------------------------------------

    def paint_state(self) -> PaintState:
        drag_ids = (self._press_hit.ids[0],) if self._dragging == "item" and self._press_hit else ()
        return PaintState(
            self.layout_now(),
            self.entries,
            self.scale(),
            self.scroll_y,
            self.selected,
            self.hover,
            drag_ids,
            self._drag_dx,
            self._band,
            self.relations if self.show_relations else [],
            (self._grip[0], *self._resize) if self._grip and self._resize else None,
        )

    def render_to(self, qp: QPainter, width: float, height: float) -> TimelinePainter:
        if self._renderer is None:  # reused: it caches colours and label widths
            self._renderer = TimelinePainter(self.palette(), self.font())
        self._renderer.paint(qp, self.paint_state(), width, height)
        return self._renderer

    def changeEvent(self, event) -> None:
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self._renderer = None
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        qp = QPainter(self)
        self._painter = self.render_to(qp, self.width(), self.height())
        qp.end()
        self._build_shown()

    def _build_shown(self) -> None:
        """Build the zoom level on screen in a worker thread when it is not built yet (a
        zoom, or a read laid out at another zoom): the window never waits for it, drawing
        the nearest level meanwhile. The layout is plain Python over immutable entries,
        read from a snapshot of the lanes; a result made from entries that changed
        meanwhile is dropped and made again. Other levels are built only when shown: each
        read warming its two neighbours cost every filter twice the layout it shows."""
        if self._building is not None and self._building.is_alive():
            return
        if self.cache.has(self.px_per_day):
            return
        bucket = bucket_of(self.px_per_day)
        cache = self.cache
        version, mode, spans, lanes = cache.snapshot()

        def build() -> None:
            with collector.building():
                layout = build_layout((), mode, bucket, spans, lanes, Yielder())
            emit_if_alive(self, self._built, (cache, version, layout))  # canvas may be gone

        self._building = threading.Thread(target=build, daemon=True, name="timeline-zoom-level")
        self._building.start()

    def _adopt(self, built: tuple[LayoutCache, int, Layout]) -> None:
        self._building = None
        cache, version, layout = built
        adopted = cache is self.cache and cache.adopt(version, layout)  # not read again since
        if adopted and layout.bucket == bucket_of(self.px_per_day):
            self._changed()  # drawn in place of the level beside it
            return
        self._build_shown()

    def hit_at(self, pos: QPointF) -> Placement | None:
        if self._painter is None or pos.y() < AXIS_H:
            return None
        for hit in reversed(self._painter.hits):
            if hit.rect.contains(pos):
                return hit.placement
        return None

    def grip_at(self, pos: QPointF) -> tuple[str, str] | None:
        """(event id, "start" | "end") when ``pos`` is on an end of an event's bar."""
        if self._painter is None or pos.y() < AXIS_H:
            return None
        for hit in reversed(self._painter.hits):
            if hit.rect.contains(pos) or (
                hit.bar is not None and hit.bar.adjusted(-6, -2, 6, 2).contains(pos)
            ):
                if hit.placement.is_cluster:
                    return None
                entry_id = hit.placement.ids[0]
                end = end_under(hit.bar, pos, self.entries[entry_id])
                return (entry_id, end) if end else None
        return None

    def bar_rects(self, entry_id: str) -> list:
        """Screen rectangles of the bars drawn for an entry, as of the last paint."""
        if self._painter is None:
            return []
        return [
            h.bar
            for h in self._painter.hits
            if h.bar is not None and not h.placement.is_cluster and h.placement.ids[0] == entry_id
        ]

    def item_rects(self, entry_id: str) -> list:
        """Screen rectangles (QRectF, marker plus label) of every drawn copy of an entry, as
        of the last paint; clusters are not included."""
        if self._painter is None:
            return []
        return [
            h.rect
            for h in self._painter.hits
            if not h.placement.is_cluster and h.placement.ids[0] == entry_id
        ]

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._fitted and self.entries:
            self.fit_all()
        self._changed()

    # -- mouse ------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.setFocus()
        pos = event.position()
        self._press, self._press_left = pos, self.left_day
        self._press_hit = hit = self.hit_at(pos)
        self._dragging, self._drag_dx = None, 0.0
        mods = self._press_mods = event.modifiers()
        plain = not mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        # Shift and Ctrl keep their own meanings (a band, a toggle) even at a bar's end.
        self._grip, self._resize = (self.grip_at(pos) if plain else None), None
        if self._grip is not None:
            if self._grip[0] not in self.selected:
                self._select({self._grip[0]})
        elif hit is not None and not hit.is_cluster:
            entry_id = hit.ids[0]
            if mods & Qt.KeyboardModifier.ControlModifier:
                self._select(self.selected ^ {entry_id})
            elif entry_id not in self.selected:
                self._select({entry_id})

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is None:
            grip = self.grip_at(pos)
            if grip is not None:
                self.setCursor(Qt.CursorShape.SizeHorCursor)
            else:
                self.unsetCursor()
            hit = self.hit_at(pos)
            hover = hit.ids[0] if hit is not None and not hit.is_cluster else None
            if hover != self.hover or grip != self._grip_hover:
                self.hover, self._grip_hover = hover, grip
                tip = self._tooltip(hit)
                if grip is not None:  # say what a drag from here does
                    tip += f"\nDrag to change its {'first' if grip[1] == 'start' else 'last'} day"
                self.setToolTip(rich_escaped(tip) if tip else "")
                self.update()
            return
        dx = pos.x() - self._press.x()
        if self._dragging is None and (pos - self._press).manhattanLength() >= (
            QApplication.startDragDistance()
        ):
            movable = self._press_hit is not None and not self._press_hit.is_cluster
            shift = self._press_mods & Qt.KeyboardModifier.ShiftModifier
            self._dragging = (
                "resize"
                if self._grip is not None
                else "item"
                if movable
                else "band"
                if shift
                else "pan"
            )
        if self._dragging == "resize":
            self._drag_end(event)
        elif self._dragging == "band":
            self._band = QRectF(self._press, pos).normalized()
            self.update()
        elif self._dragging == "pan":
            self.left_day = self._press_left - dx / self.px_per_day
            self._changed()
        elif self._dragging == "item":
            self._drag_dx = dx
            self.update()

    def _drag_end(self, event: QMouseEvent) -> None:
        """Follow the pointer with the dragged end, saying the date it would make."""
        if self._grip is None:
            return
        entry_id, end = self._grip
        span = self.cache.spans.get(entry_id)
        if span is None:
            return
        self._resize = resized(span, end, self.scale().day_of(event.position().x()))
        value = DateValue.from_edtf(day_range_edtf(*self._resize))
        QToolTip.showText(
            event.globalPosition().toPoint(),
            rich_escaped(f"{self.entries[entry_id].label}\n{value.display()}\n(Esc: cancel)"),
            self,
        )
        self.update()

    def cancel_drag(self) -> bool:
        """Esc while dragging: nothing changes. True if there was a drag to cancel."""
        if self._press is None or self._dragging in (None, "pan"):
            return False
        self._press, self._press_hit, self._dragging, self._drag_dx = None, None, None, 0.0
        self._grip, self._resize, self._band = None, None, None
        QToolTip.hideText()
        self.update()
        return True

    def _escape(self) -> None:
        """Esc cancels a drag under way; otherwise it clears the selection."""
        if not self.cancel_drag():
            self._select(set())

    def _tooltip(self, hit: Placement | None) -> str:
        """Full label and interval: labels on the canvas may be elided."""
        if hit is None:
            return ""
        if hit.is_cluster:
            return f"{len(hit.ids)} items: click to zoom in"
        e = self.entries[hit.ids[0]]
        when = e.earliest.date().isoformat()
        if e.latest.date() != e.earliest.date():
            when += f" – {e.latest.date().isoformat()}"
        marks = ("approximate " if e.approximate else "") + ("uncertain " if e.uncertain else "")
        return f"{e.label}\n{when} ({marks}{e.precision})"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        hit, dragging = self._press_hit, self._dragging
        days = round(self._drag_dx / self.px_per_day)
        band, self._band = self._band, None
        grip, span, self._grip, self._resize = self._grip, self._resize, None, None
        self._press, self._press_hit, self._dragging, self._drag_dx = None, None, None, 0.0
        self.update()
        if dragging == "band" and band is not None and self._painter is not None:
            self._select(
                {
                    h.placement.ids[0]
                    for h in self._painter.hits
                    if not h.placement.is_cluster and h.rect.intersects(band)
                }
            )
        elif dragging == "item" and hit is not None and days:
            self.dateDragged.emit(hit.ids[0], days)
        elif dragging == "resize" and grip is not None and span is not None:
            QToolTip.hideText()
            old = self.cache.spans.get(grip[0])
            if old is None or (span[0], span[1]) != (old[0], old[1]):
                self.dateResized.emit(grip[0], day_range_edtf(*span))
        elif (
            dragging is None
            and hit is None
            and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        ):
            self._select(set())
        elif dragging is None and hit is not None and hit.is_cluster:
            self.open_cluster(hit)

    def open_cluster(self, hit: Placement) -> None:
        """Zoom so that the cluster's members spread out (at least one bucket further in).
        An overflow pill of long items that zooming cannot separate selects them instead."""
        extent = self.cache.extent(set(hit.ids))
        if extent is None:
            return
        before = self.px_per_day
        if hit.overflow and (extent[1] - extent[0]) * before * 2 > self.width():
            self._select(set(hit.ids))
            return
        self.fit_range(*extent)
        if self.px_per_day < before * 2:
            center = (extent[0] + extent[1]) / 2
            self.px_per_day = clamp_zoom(before * 2)
            self.center_on(center)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit is not None and not hit.is_cluster:
            self.activated.emit(hit.ids[0])

    def leaveEvent(self, event) -> None:
        if self.hover is not None:
            self.hover = None
            self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier and delta.y():
            self.zoom_by(1.25 ** (delta.y() / 120), event.position().x())
        elif mods & Qt.KeyboardModifier.ShiftModifier and delta.y():
            self.pan_px(-delta.y() / 120 * 80)
        elif delta.x():
            self.pan_px(-delta.x() / 120 * 80)
        elif delta.y():
            self.set_scroll_y(self.scroll_y - delta.y() / 120 * 48)
        event.accept()

    # -- keyboard ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        page = self.width() * (0.8 if shift else 0.15)
        one = sorted(self.selected)[0] if len(self.selected) == 1 else None
        actions = {
            Qt.Key.Key_Plus: lambda: self.zoom_by(1.5, self.zoom_anchor()),
            Qt.Key.Key_Equal: lambda: self.zoom_by(1.5, self.zoom_anchor()),
            Qt.Key.Key_Minus: lambda: self.zoom_by(1 / 1.5, self.zoom_anchor()),
            Qt.Key.Key_Left: lambda: self.step(-1) if ctrl else self.pan_px(-page),
            Qt.Key.Key_Right: lambda: self.step(1) if ctrl else self.pan_px(page),
            Qt.Key.Key_Up: lambda: self.set_scroll_y(self.scroll_y - 48),
            Qt.Key.Key_Down: lambda: self.set_scroll_y(self.scroll_y + 48),
            Qt.Key.Key_PageUp: lambda: self.set_scroll_y(self.scroll_y - self.lanes_height()),
            Qt.Key.Key_PageDown: lambda: self.set_scroll_y(self.scroll_y + self.lanes_height()),
            Qt.Key.Key_F: self.fit_selection if shift else self.fit_all,
            Qt.Key.Key_Escape: self._escape,
            Qt.Key.Key_Return: lambda: self.activated.emit(one) if one else None,
            Qt.Key.Key_Enter: lambda: self.activated.emit(one) if one else None,
            Qt.Key.Key_P: lambda: self.passageRequested.emit(one) if one else None,
        }
        action = actions.get(Qt.Key(key))
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()
