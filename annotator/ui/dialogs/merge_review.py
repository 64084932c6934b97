"""Merging another analyst's file from the app, and reviewing what both of you changed.

The merge is one undoable edit. Each conflict is shown side by side (only the fields
that differ are highlighted); keeping ours, taking theirs or keeping both is again one
undoable edit per conflict. Nothing is overwritten without a choice.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.store.merge import MergeResult, merge_into, open_conflicts, resolve_conflict
from annotator.ui.common.plain import plain_label
from annotator.ui.editing.session import Session

_HIDDEN = {"id", "created"}
_LABEL_FIELDS = ("headline", "name", "text", "title", "tag", "quote")


def merge_file(session: Session, path: Path) -> MergeResult:
    """Plan the merge, then apply it as one undoable edit."""
    result = merge_into(session.project, path, apply=False)
    if result.changeset:
        session.run(result.changeset)
    return result


def _label(conflict: dict) -> str:
    row = conflict["ours"] or conflict["theirs"]
    text = next((str(row[f]) for f in _LABEL_FIELDS if row.get(f)), conflict["row_id"])
    kind = conflict["table_name"].rstrip("s")
    return f"{kind}: {text[:60]}"


class MergeReview(QDialog):
    """Side-by-side review of open merge conflicts."""

    resolved = Signal(str, str)  # conflict id, choice

    def __init__(self, session: Session, parent: QWidget | None = None, agreement: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Review merge conflicts")
        self.resize(960, 560)
        self._session = session
        self._list = QListWidget()
        self._list.currentRowChanged.connect(self._show)
        self._table = QTableWidget(0, 3)
        self._table.setHorizontalHeaderLabels(["Field", "Ours (kept until you choose)", "Theirs"])
        self._table.verticalHeader().hide()
        self._table.setWordWrap(True)
        self._table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._who = plain_label()
        self._who.setWordWrap(True)

        self.keep_ours = QPushButton("Keep &ours")
        self.take_theirs = QPushButton("Take &theirs")
        self.keep_both = QPushButton("Keep &both")
        self.keep_ours.clicked.connect(lambda: self._resolve("ours"))
        self.take_theirs.clicked.connect(lambda: self._resolve("theirs"))
        self.keep_both.clicked.connect(lambda: self._resolve("both"))
        buttons = QHBoxLayout()
        for b in (self.keep_ours, self.take_theirs, self.keep_both):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self._who)
        rl.addWidget(self._table, 1)
        splitter = QSplitter()
        splitter.addWidget(self._list)
        splitter.addWidget(right)
        splitter.setSizes([280, 680])
        layout = QVBoxLayout(self)
        # How far the two analysts tagged alike: read before deciding whose version wins.
        self.agreement = plain_label(agreement)
        self.agreement.setWordWrap(True)
        self.agreement.setVisible(bool(agreement))
        layout.addWidget(self.agreement)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        session.changed.connect(lambda _touched: self.reload())
        self.reload()

    def reload(self) -> None:
        current = self.current_id()
        self._conflicts = open_conflicts(self._session.project)
        self._list.clear()
        for c in self._conflicts:
            item = QListWidgetItem(_label(c))
            item.setData(Qt.ItemDataRole.UserRole, c["id"])
            self._list.addItem(item)
        ids = [c["id"] for c in self._conflicts]
        self._list.setCurrentRow(ids.index(current) if current in ids else 0 if ids else -1)
        empty = not self._conflicts
        for b in (self.keep_ours, self.take_theirs, self.keep_both):
            b.setEnabled(not empty)
        if empty:
            self._table.setRowCount(0)
            self._who.setText("No conflicts left to review.")

    def current_id(self) -> str | None:
        item = self._list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._conflicts):
            return
        c = self._conflicts[row]
        ours, theirs = c["ours"] or {}, c["theirs"]
        self._who.setText(
            f"Ours: last edited by {ours.get('analyst') or '?'} at {ours.get('modified', '?')}"
            f" — theirs: by {theirs.get('analyst') or '?'} at {theirs.get('modified', '?')}"
            f" (from {Path(c['source']).name})"
        )
        fields = [k for k in theirs if k not in _HIDDEN]
        self._table.setRowCount(len(fields))
        differ = QBrush(self.palette().color(QPalette.ColorRole.Highlight).lighter(170))
        if self.palette().color(QPalette.ColorRole.Window).lightness() < 128:
            differ = QBrush(QColor(90, 70, 20))
        for i, key in enumerate(fields):
            a, b = ours.get(key), theirs.get(key)
            cells = [QTableWidgetItem(key), QTableWidgetItem(_text(a)), QTableWidgetItem(_text(b))]
            for col, cell in enumerate(cells):
                if a != b and col:
                    cell.setBackground(differ)
                self._table.setItem(i, col, cell)
        self._table.resizeRowsToContents()
        self.keep_both.setEnabled(c["table_name"] in ("events", "actors", "claims"))

    def _resolve(self, choice: str) -> None:
        cid = self.current_id()
        if cid is None:
            return
        if self._session.edit(lambda project: resolve_conflict(project, cid, choice)):
            self.resolved.emit(cid, choice)


def _text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, str) and value.startswith("["):
        try:
            return ", ".join(json.loads(value))
        except (ValueError, TypeError):
            return value
    return str(value)
