"""A table model over a small list of store rows keyed by id, sorted in Python.

Shared by the actors and claims panels: ``refresh`` after an edit keeps the same rows'
selection (a layout change), and only resets when rows came or went.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.ui.editing.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class IdRowsModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, session: Session, parent: Any = None):
        super().__init__(parent)
        self.session = session
        self._rows: list[dict[str, Any]] = []
        self._sort: tuple[int, bool] = (0, False)

    # -- what a subclass says ----------------------------------------------------------

    def _read(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _sort_rows(self) -> None:
        raise NotImplementedError

    # -- shared ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._relayout(self._rows)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._read()
        self._sort_rows()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read after an edit; the same rows keep their selection."""
        rows = self._read()
        if {r["id"] for r in rows} != {r["id"] for r in self._rows}:
            self.reload()
        else:
            self._relayout(rows)

    def row_id(self, row: int) -> str | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r["id"] == item_id), None)

    def _relayout(self, rows: list[dict[str, Any]]) -> None:
        """New values or order for the same rows: a layout change keeps the selection."""
        self.layoutAboutToBeChanged.emit()
        old = [r["id"] for r in self._rows]
        self._rows = list(rows)
        self._sort_rows()
        position = {r["id"]: i for i, r in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            target = position.get(old[persistent.row()])
            self.changePersistentIndex(
                persistent,
                QModelIndex() if target is None else self.index(target, persistent.column()),
            )
        self.layoutChanged.emit()
