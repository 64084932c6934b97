"""Two-way selection sync between a TimelineView and an item view (the event table).

The table's model must give each row's entry id under `id_role` in `id_column`. Neither side
re-emits what the other set, so there is no feedback loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject, Qt

from annotator.ui.timeline.view import TimelineView


class SelectionSync(QObject):
    def __init__(
        self,
        view: TimelineView,
        selection: QItemSelectionModel,
        *,
        id_column: int = 0,
        id_role: int = Qt.ItemDataRole.UserRole,
        row_of: Callable[[str], int | None] | None = None,
    ) -> None:
        super().__init__(view)
        self.view, self.selection = view, selection
        self.id_column, self.id_role = id_column, id_role
        self.row_of = row_of or self._scan_row
        self._busy = False
        selection.selectionChanged.connect(self._from_table)
        view.selectionChanged.connect(self._from_view)

    def _id(self, index: QModelIndex) -> str | None:
        model = self.selection.model()
        value = model.data(model.index(index.row(), self.id_column, index.parent()), self.id_role)
        return str(value) if value is not None else None

    def _scan_row(self, entry_id: str) -> int | None:
        model = self.selection.model()
        for row in range(model.rowCount()):
            if model.data(model.index(row, self.id_column), self.id_role) == entry_id:
                return row
        return None

    def _from_table(self, *_args) -> None:
        if self._busy:
            return
        ids = {
            i
            for index in self.selection.selectedRows(self.id_column)
            if (i := self._id(index)) is not None
        }
        self.view.set_selected_ids(ids)
        if len(ids) == 1:
            self.view.canvas.ensure_visible(next(iter(ids)))

    def _from_view(self, ids: list) -> None:
        model = self.selection.model()
        chosen = QItemSelection()
        last = -1
        for entry_id in ids:
            row = self.row_of(entry_id)
            if row is not None:
                chosen.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
                last = row
        self._busy = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.selection.select(chosen, flags)
            if last >= 0:
                self.selection.setCurrentIndex(
                    model.index(last, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            self._busy = False
