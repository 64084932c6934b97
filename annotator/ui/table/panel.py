"""The timeline as an editable table that stays fast at 100,000 events.

The model never loads the whole timeline: SQL filters and sorts (annotator.store.queries),
rows arrive a page at a time through canFetchMore/fetchMore (LIMIT/OFFSET over an index),
and the computed columns (actors, sources, claims, tags) are computed for the fetched page
only; sorting by them reads indexed keys stored in the file (store.event_sort_keys).
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted
from annotator.core.vocabulary import FACT_STATUS_WORDS
from annotator.store.queries import TimelineFilter, citations_of
from annotator.ui.editing.session import Session
from annotator.ui.table.model import COL, TimelineTableModel
from annotator.ui.widgets.delegates import ComboDelegate, TwoLineEditorDelegate
from annotator.ui.widgets.panel import Panel

__all__ = ["COL", "TimelineFilter", "TimelineTable", "TimelineTableModel"]


class TimelineTable(Panel):
    """The table view with its editors; emits what the user selects or asks to read."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.session = session
        self.model = TimelineTableModel(session, self)
        # Before the view's own: this must hear of a removal before the view moves its row.
        self._losing_current = False
        self.model.rowsAboutToBeRemoved.connect(self._before_rows_go)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.delegate = TwoLineEditorDelegate(
            lambda: self.session.project,
            lambda: self.session.day_first,
            date_columns=[COL["date"]],
            actor_columns=[COL["actors"]],
            parent=self.view,
        )
        self.view.setItemDelegate(self.delegate)
        self.status_delegate = ComboDelegate(
            ["(not set)", *FACT_STATUS_WORDS.values()], parent=self.view
        )
        self.view.setItemDelegateForColumn(COL["fact_status"], self.status_delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # The indicator first: switching sorting on sorts by it, and Qt's own default
        # (descending) read the rows twice more at every start.
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fit_columns()
        self.view.viewport().installEventFilter(self)
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.status)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        # Counting all matches costs a filter pass: do it after the first page is painted.
        self.model.modelReset.connect(self._schedule_status)
        self.model.rowsInserted.connect(self._schedule_status)
        self.model.rowsRemoved.connect(self._schedule_status)  # an undo or a delete
        self.model.rowsRemoved.connect(self._after_rows_went)
        self.model.counted.connect(self._update_status)
        show = QAction("Show passage", self.view)
        show.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+J")])
        show.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        show.triggered.connect(self.show_current_passage)
        self.view.addAction(show)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._update_status()

    # -- API used by the main window and the drawn timeline --------------------------

    # Short columns keep their width; the long texts share what is left, never below a
    # readable minimum (past that the table scrolls sideways instead of crushing them).
    _FIXED: ClassVar[dict[str, int]] = {
        "date": 100,
        "type": 84,
        "sources": 60,
        "claims": 54,
        "fact_status": 84,
    }
    _SHARES: ClassVar[dict[str, tuple[float, int]]] = {
        "headline": (0.5, 190),
        "actors": (0.3, 130),
        "tags": (0.2, 90),
    }

    def _fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        for key, width in self._FIXED.items():
            header.resizeSection(COL[key], width)
        spare = self.view.viewport().width() - sum(self._FIXED.values())
        for key, (share, minimum) in self._SHARES.items():
            header.resizeSection(COL[key], max(minimum, int(spare * share)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def set_filter(self, flt: TimelineFilter) -> None:
        self.model.set_filter(flt)

    def current_filter(self) -> TimelineFilter:
        return self.model.current_filter()

    def visible_event_ids(self, limit: int | None = None) -> list[str]:
        return self.model.visible_event_ids(limit)

    def selected_event_ids(self) -> list[str]:
        """The events of the selected rows, in the table's order."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [e for e in (self.model.event_id(r) for r in rows) if e is not None]

    def select_item(self, kind: str, id: str) -> None:
        if not id:  # nothing selected anywhere: no row stays highlighted here
            self.view.clearSelection()
            return
        if kind != "event":
            return
        loaded = self.model.rowCount()
        row = self.model.row_of(id, shown=self._rows_shown())
        if row is None:
            self.view.clearSelection()
            return
        index = self.model.index(row, COL["headline"])
        # A seek that just read rows past this one needs no further page while the view
        # scrolls to it; a row already loaded may sit at the end, where the view asks.
        sought = self.model.rowCount() > loaded
        with self.model.fetch_paused() if sought else contextlib.nullcontext():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(self.model.index(row, 0))  # the row, from its date on

    def _rows_shown(self) -> int:
        """How many rows the view shows at once (one more for a row cut at the edge)."""
        height = max(1, self.view.verticalHeader().defaultSectionSize())
        return self.view.viewport().height() // height + 1

    def show_current_passage(self) -> None:
        event_id = self.model.event_id(self.view.currentIndex().row())
        if event_id is None:
            return
        cites = citations_of(self.session.project, "event", event_id)
        if cites:
            c = cites[0]
            self.showPassage.emit(c["article_id"], c["start"], c["end"])

    def _before_rows_go(self, _parent: QModelIndex, first: int, last: int) -> None:
        # The view would move its current row to the next event, and that would select it
        # (a second Delete would then delete it): the selection goes with the row instead.
        self._losing_current = first <= self.view.currentIndex().row() <= last

    def _after_rows_went(self, *_args: object) -> None:
        if self._losing_current:
            model = self.view.selectionModel()
            model.clearSelection()
            model.clearCurrentIndex()
            self._losing_current = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._losing_current:
            return
        event_id = self.model.event_id(current.row())
        if event_id is not None:
            self.itemSelected.emit("event", event_id)

    def _schedule_status(self, *_args: object) -> None:
        QTimer.singleShot(0, self, self._update_status)

    def _update_status(self, *_args: object) -> None:
        if self.session.project.closed:  # a deferred count after the window closed
            return
        total = self.model.total_if_known()
        loaded = self.model.rowCount()
        if total is None:  # counted in a worker; said when it is done
            self.status.setText(f"{loaded:,} events loaded; counting the rest…")
            self.model.count_later()
            return
        text = f"{counted(total, 'event')}"
        if not self.model.current_filter().is_empty():
            text += " match the filter"
        if loaded < total:
            text += f" ({loaded:,} loaded; more as you scroll)"
        self.status.setText(text)
