"""A form's long pick lists as models over rows already read, labelled when shown.

Filling a combo box item by item cost a call per choice (5,000 actors to claim; 500 events a
date can hang on, each date read and worded) and had the box measure every label: 30-60 ms
a form at 100,000 events, profiled. The model answers only for the rows a popup shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox

_SHOWN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)


class ChoiceModel(QAbstractListModel):
    """Row 0 is ``first`` (no data); then the extra entries a form inserts (a new actor
    offered as the claimant); then one row per item: ``label(item)`` shown, and
    ``value(item)`` as the user data (``QComboBox.currentData``)."""

    def __init__(
        self,
        first: str,
        items: Sequence[Any],
        label: Callable[[Any], str],
        value: Callable[[Any], Any],
        parent: Any = None,
    ):
        super().__init__(parent)
        self.first, self.items, self.label, self.value = first, items, label, value
        self.labels: dict[int, str] = {}
        self.extras: list[tuple[str, Any]] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items) + 1 + len(self.extras)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        row = index.row()
        if 1 <= row <= len(self.extras):
            label, value = self.extras[row - 1]
            return label if role in _SHOWN else value if role == Qt.ItemDataRole.UserRole else None
        item = row - 1 - len(self.extras)
        if role in _SHOWN:
            if row == 0:
                return self.first
            if item not in self.labels:
                self.labels[item] = self.label(self.items[item])
            return self.labels[item]
        if role == Qt.ItemDataRole.UserRole and row > 0:
            return self.value(self.items[item])
        return None

    def insert_extra(self, label: str, value: Any) -> int:
        """An entry after ``first`` (before the items); its row."""
        row = 1 + len(self.extras)
        self.beginInsertRows(QModelIndex(), row, row)
        self.extras.append((label, value))
        self.endInsertRows()
        return row

    def set_extra_label(self, row: int, label: str) -> None:
        self.extras[row - 1] = (label, self.extras[row - 1][1])
        self.dataChanged.emit(self.index(row), self.index(row))


def choice_combo(combo: QComboBox, model: ChoiceModel, width: int = 30) -> QComboBox:
    """``combo`` showing ``model``, as wide as ``width`` characters, not measured over every
    label."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(width)
    combo.setModel(model)
    return combo
