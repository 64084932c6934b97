"""Feeding the drawn timeline what the timeline table shows, and keeping it current.

After an edit only the items it touched are read again, and only their lanes are laid out
again; a filter change, an import or a merge reads everything, in a worker thread with its
own connection when the project is large (drawn_reader), and the window swaps the result in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from annotator.store.drawn_rows import count_dated_events
from annotator.store.relations import relation_rows, relations_among
from annotator.ui.common import settings as app_settings
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.selection import Selected, Selection
from annotator.ui.editing.session import Session
from annotator.ui.table.panel import TimelineTable
from annotator.ui.timeline import TimelineView
from annotator.ui.timeline.entries import LANE_MODES, TimelineEntry
from annotator.ui.timeline.feed import MAX_DRAWN, WATCHED, entries_from_project
from annotator.ui.timeline.layout_cache import LayoutCache
from annotator.ui.timeline.relations import TimelineRelation
from annotator.ui.timeline.yielding import Yielder
from annotator.ui.window.commands_items import ItemCommands
from annotator.ui.window.drawn_reader import Drawn, DrawnReader, DrawnRequest, read_drawn

_ITEM_TABLES = frozenset(
    {"events", "claims", "passages", "citations", "tags", "event_actors", "event_relations"}
)


class DrawnFeed(QObject):
    # Dated events from which the whole read goes to a worker (the seed project's takes
    # 0.1 s; 10,000 events 1 s and more).
    in_background_from = 2_000
    # Reads kept for filters shown before (each a laid-out LayoutCache of up to 10,000
    # entries, about 15 MB at 100,000 events): going back to one, or clearing, shows it
    # again at once.
    kept_reads = 3

    def __init__(
        self,
        session: Session,
        chart: TimelineView,
        table: TimelineTable,
        status: Callable[[str, int], None],
    ):
        super().__init__(chart)
        self.session, self.chart, self.table, self.status = session, chart, table, status
        self.fed = False
        self.closed = False
        self._pending: set[str] = set()
        self._reader = DrawnReader(self)
        self._reader.connect_done(self._read_done)
        self._again = False  # asked to read again while a read was under way
        self._since: set[str] = set()  # items edited while a read was under way
        # Reads by (filter, order), valid until the next change to what is drawn: at
        # 100,000 events a read and its layout cost about 1 s of CPU (profiled), and
        # clearing a filter read again what was shown before it.
        self._kept: dict[tuple[object, ...], Drawn] = {}
        self._dated: int | None = None  # dated events, counted once per change
        # The entries of the latest unfiltered read, kept current edit by edit: a filter
        # takes those it lets through from here and reads only the others (a read of the
        # 12,000 items drawn unfiltered cost 0.5-0.7 s of CPU, profiled).
        self._known: dict[str, TimelineEntry] = {}
        self.refresh_timer = QTimer(self, singleShot=True, interval=60)
        self.refresh_timer.timeout.connect(self.refresh)
        # On the next turn of the event loop: the patch takes a few ms now (it took 70-110
        # ms when every lane was sorted again), so waiting 30 ms for it only kept the
        # drawn timeline behind; the edits of one turn still come as one patch.
        self._patch_timer = QTimer(self, singleShot=True, interval=0)
        self._patch_timer.timeout.connect(self._apply_patch)
        self._keep_lanes()

    def _keep_lanes(self) -> None:
        """The lanes the analyst chose (actor, type, tag, article) are kept between runs."""
        shown = app_settings.settings().value("timeline/relations")
        if shown is not None:  # QSettings may hand back "false" as text
            self.chart.set_relations_shown(str(shown).lower() not in ("false", "0"))
        self.chart.relationsShown.connect(
            lambda on: app_settings.settings().setValue("timeline/relations", bool(on))
        )
        kept = app_settings.settings().value("timeline/lanes")
        if isinstance(kept, str) and kept in LANE_MODES:
            self.chart.set_lane_mode(kept)
        self.chart.mode_combo.currentIndexChanged.connect(
            lambda _i: app_settings.settings().setValue(
                "timeline/lanes", self.chart.mode_combo.currentData()
            )
        )

    def link(self, selection: Selection, items: ItemCommands, edit: Callable[[], None]) -> None:
        """The chart selects, shows passages, opens the inspector and moves dates; it shows
        whatever is selected elsewhere."""
        chart = self.chart

        def select(ids: list[str]) -> None:
            if ids:
                selection.select(items.item_kind(ids[0]), ids[0], chart)
            else:  # a click on empty space or Escape: nothing selected, anywhere
                selection.clear(chart)

        def show_passage(item_id: str) -> None:
            select([item_id])
            items.jump_to_passage()

        def open_in_inspector(item_id: str) -> None:
            select([item_id])
            edit()

        chart.selectionChanged.connect(select)
        chart.passageRequested.connect(show_passage)
        chart.activated.connect(open_in_inspector)
        chart.dateDragged.connect(items.date_dragged)
        chart.dateResized.connect(items.date_resized)

        def follow(selected: Selected) -> None:
            chart.set_selected_ids({selected.item_id} if selected.item_id else set())
            if selected.item_id and selected.source is not chart:
                chart.canvas.show_entry(selected.item_id)  # picked elsewhere: bring it here

        selection.changed.connect(follow)

    def schedule(self) -> None:
        if self._kept_now() is not None and not self._reader.busy():
            self.refresh_timer.stop()
            self.refresh()  # nothing to read: no reason to wait for another change
            return
        self.refresh_timer.start()

    def follow_filter(self) -> None:
        """The table's filter changed: read what it lets through now. The bar says each change
        once (its words after a pause in typing), so the wait `schedule` makes for edits to
        come together only held every new filter back by 60 ms."""
        self.refresh_timer.stop()
        self.refresh()

    def stop(self) -> None:
        self.closed = True
        self.refresh_timer.stop()
        self._patch_timer.stop()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(WATCHED | {"event_relations"}):
            self.forget_reads()
        if self.fed and changes.touches(frozenset({"event_relations"})):
            self._draw_relations()
        if not changes.touches(WATCHED):
            return
        items = changes.ids("events", "claims")
        if self._reader.busy():
            self._since |= items  # the worker's snapshot may be from before this edit
        if self.fed and items and len(items) <= 500 and changes.only(_ITEM_TABLES):
            # Only the edit's own items, after the edit's own feedback is drawn.
            self._pending |= items
            for item_id in items:  # read again by the patch, and kept from there
                self._known.pop(item_id, None)
            self._patch_timer.start()
        else:
            self._known = {}  # names, titles or many items changed: all read again
            self.refresh_timer.start()

    def refresh(self) -> None:
        """Everything the table's filter lets through (the latest MAX_DRAWN when unfiltered)."""
        if self.closed or self.session.project.closed:  # a deferred refresh after closing
            return
        project = self.session.project
        self.chart.print_title = Path(project.path).stem if project.path else "Chronology"
        if self._reader.busy():
            self._again = True
            return
        request = self._request()
        kept = self._kept_now()
        if kept is not None:
            self._show(kept)  # read before, nothing changed since: shown as it was
            return
        if self._dated is None:
            self._dated = count_dated_events(project, cap=self.in_background_from)
        if project.path and self._dated >= self.in_background_from:
            self._since = set()
            self._reader.start(Path(project.path), request, dict(self._known))
            return
        drawn = read_drawn(project, request, known=self._known)
        self._show(drawn)
        self._keep(drawn)

    def _request(self) -> DrawnRequest:
        order_by, descending = self.table.model.sort_key()
        canvas = self.chart.canvas
        return DrawnRequest(
            self.table.current_filter(),
            order_by,
            descending,
            canvas.cache.mode,
            canvas.request_zoom(),
            canvas.width(),
        )

    def _kept_now(self) -> Drawn | None:
        """The read kept for what the table shows now, if laid out at the zoom shown (a
        level built here would hold the event loop)."""
        if self.closed or not self._kept:
            return None
        request = self._request()
        kept = self._kept.get(self._key(request))
        if kept is None or kept.cache.mode != request.mode:  # lanes switched on the cache shown
            return None
        if request.zoom is not None and not kept.cache.has(request.zoom):
            return None
        return kept

    def forget_reads(self) -> None:
        """What is drawn changed: the reads kept are out of date."""
        kept = [drawn.cache for drawn in self._kept.values()]
        self._kept.clear()
        self._release(kept)
        self._dated = None

    def forget_entries(self) -> None:
        """Another project, or one changed outside the window: no entry held is current."""
        self.forget_reads()
        self._known = {}

    @staticmethod
    def _key(request: DrawnRequest) -> tuple[object, ...]:
        return (request.flt, request.order_by, request.descending, request.mode)

    def _read_done(self, drawn: Drawn | None) -> None:
        if self.closed:
            return
        again, self._again = self._again, False
        if drawn is None:  # the file could not be opened twice: read on our connection
            self.in_background_from = 1 << 62
            self.refresh()
            return
        self._show(drawn)
        if not self._since:  # else read from a snapshot older than an edit: not kept
            self._keep(drawn)
        if self._since:  # edits made while the worker read: drawn as they are now
            self._pending |= self._since
            self._since = set()
            self._patch_timer.start()
        if again:
            self.refresh()

    def _keep(self, drawn: Drawn) -> None:
        if drawn.request is None:
            return
        if drawn.request.flt.is_empty():  # current: a read from before an edit is not kept
            self._known = dict(drawn.cache.entries)
        key = self._key(drawn.request)
        self._kept.pop(key, None)
        self._kept[key] = drawn  # the newest last: the oldest goes first
        while len(self._kept) > self.kept_reads:
            self._release([self._kept.pop(next(iter(self._kept))).cache])

    def _release(self, caches: list[LayoutCache]) -> None:
        """Laid-out reads no longer shown nor kept, freed in a worker a piece at a time:
        freeing one at once (12,000 entries, three zoom levels) held the window's thread
        70-90 ms (measured)."""
        held = {id(drawn.cache) for drawn in self._kept.values()}
        held.add(id(self.chart.canvas.cache))
        dropped = [cache for cache in caches if id(cache) not in held]
        if dropped:
            threading.Thread(
                target=_dismantle, args=(dropped,), daemon=True, name="drawn-release"
            ).start()

    def _show(self, drawn: Drawn) -> None:
        canvas = self.chart.canvas
        first = not self.fed
        was = canvas.cache
        canvas.adopt_cache(drawn.cache)
        self._release([was])
        self.chart.set_relations(drawn.relations)
        self.fed = True
        if first:
            self.chart.fit_all()
        if drawn.total is not None and drawn.total > drawn.events:
            self.status(
                f"The drawn timeline shows the latest {MAX_DRAWN:,} of {drawn.total:,} dated"
                " events; filter the timeline to draw others.",
                10000,
            )

    def _apply_patch(self) -> None:
        ids, self._pending = self._pending, set()
        if not ids or self.closed or self.session.project.closed:
            return
        fresh = {e.id: e for e in entries_from_project(self.session.project, ids=ids)}
        if self._known:
            self._known.update(fresh)
            for item_id in ids - fresh.keys():  # deleted, undone, undated
                self._known.pop(item_id, None)
        drawn = self.chart.canvas.entries
        gone = [i for i in ids if i not in fresh and i in drawn]  # deleted, undone, undated
        self.chart.canvas.patch_entries(fresh.values(), gone)
        if self._relations_touch(ids):
            self._draw_relations()

    def _relations_touch(self, ids: set[str]) -> bool:
        """Whether a relation drawn or stored involves these items: else the arrows stay
        as they are (reading them for all 10,000 drawn events took 10-20 ms per edit)."""
        drawn = self.chart.canvas.relations
        if any(r.source_id in ids or r.target_id in ids for r in drawn):
            return True
        return bool(relation_rows(self.session.project, ids))

    def _draw_relations(self) -> None:
        """The relations between drawn events (the painter draws those on screen)."""
        events = [i for i, e in self.chart.canvas.entries.items() if e.kind == "event"]
        self.chart.set_relations(
            [TimelineRelation(*r) for r in relations_among(self.session.project, events)]
        )


def _dismantle(caches: list[LayoutCache]) -> None:
    pause = Yielder()
    for cache in caches:
        cache.dismantle(pause)
