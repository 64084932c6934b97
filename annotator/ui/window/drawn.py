"""Feeding the drawn timeline what the timeline table shows, and keeping it current.

After an edit only the items it touched are read again (re-laying out 10,000 drawn entries
costs a few hundred ms); a filter change, an import or a merge reads everything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from annotator.store.drawn_rows import claims_about, count_dated_events
from annotator.store.relations import relations_among
from annotator.ui.common import settings as app_settings
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.selection import Selected, Selection
from annotator.ui.editing.session import Session
from annotator.ui.table.panel import TimelineTable
from annotator.ui.timeline import TimelineView
from annotator.ui.timeline.entries import LANE_MODES, TimelineEntry
from annotator.ui.timeline.feed import MAX_DRAWN, WATCHED, entries_from_project
from annotator.ui.timeline.relations import TimelineRelation
from annotator.ui.window.commands_items import ItemCommands

_ITEM_TABLES = frozenset(
    {"events", "claims", "passages", "citations", "tags", "event_actors", "event_relations"}
)


class DrawnFeed(QObject):
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
        self._drawn: dict[str, TimelineEntry] = {}
        self._pending: set[str] = set()
        self.refresh_timer = QTimer(self, singleShot=True, interval=60)
        self.refresh_timer.timeout.connect(self.refresh)
        self._patch_timer = QTimer(self, singleShot=True, interval=30)
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
        self.refresh_timer.start()

    def stop(self) -> None:
        self.closed = True
        self.refresh_timer.stop()
        self._patch_timer.stop()

    def on_changed(self, changes: Changes) -> None:
        if self.fed and changes.touches(frozenset({"event_relations"})):
            self._draw_relations()
        if not changes.touches(WATCHED):
            return
        items = changes.ids("events", "claims")
        if self.fed and items and len(items) <= 500 and changes.only(_ITEM_TABLES):
            # Only the edit's own items, after the edit's own feedback is drawn.
            self._pending |= items
            self._patch_timer.start()
        else:
            self.refresh_timer.start()

    def refresh(self) -> None:
        """Everything the table's filter lets through (the latest MAX_DRAWN when unfiltered)."""
        if self.closed:
            return
        project = self.session.project
        self.chart.print_title = Path(project.path).stem if project.path else "Chronology"
        flt = self.table.current_filter()
        if not flt.is_empty():
            shown = set(self.table.visible_event_ids(limit=MAX_DRAWN))
            entries = entries_from_project(project, ids=shown | claims_about(project, shown))
        else:
            entries = entries_from_project(project)
        self._drawn = {e.id: e for e in entries}
        first = not self.fed
        self.chart.set_entries(entries)
        self._draw_relations()
        self.fed = True
        if first:
            self.chart.fit_all()
        if flt.is_empty():
            total = count_dated_events(project)
            if total > sum(1 for e in entries if e.kind == "event"):
                self.status(
                    f"The drawn timeline shows the latest {MAX_DRAWN:,} of {total:,} dated"
                    " events; filter the timeline to draw others.",
                    10000,
                )

    def _apply_patch(self) -> None:
        ids, self._pending = self._pending, set()
        if not ids or self.closed:
            return
        fresh = {e.id: e for e in entries_from_project(self.session.project, ids=ids)}
        for item_id in ids:
            if item_id in fresh:
                self._drawn[item_id] = fresh[item_id]
            else:
                self._drawn.pop(item_id, None)  # deleted, undone, or no longer dated
        self.chart.set_entries(list(self._drawn.values()))
        self._draw_relations()

    def _draw_relations(self) -> None:
        """The relations between drawn events (the painter draws those on screen)."""
        events = [i for i, e in self._drawn.items() if e.kind == "event"]
        self.chart.set_relations(
            [TimelineRelation(*r) for r in relations_among(self.session.project, events)]
        )
