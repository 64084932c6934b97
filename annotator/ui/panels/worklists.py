"""Worklists: suggested dates to check, items without a citation, undated events, orphaned
passages. Pick a list, then F8 takes the next item (Shift+F8 the one before) wherever the
focus is, so a list is worked through from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.text import counted
from annotator.store.worklists import LIMIT, WORKLISTS, WorkItem, worklist
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.widgets.panel import Panel

ITEM_ROLE = Qt.ItemDataRole.UserRole


class WorklistsPanel(Panel):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.lists = QComboBox(self)
        for name, (title, _sql) in WORKLISTS.items():
            self.lists.addItem(title, name)
        self.count = QLabel(self)
        self.items = QListWidget(self)
        self.items.setWordWrap(True)
        self.items.setUniformItemSizes(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.lists)
        layout.addWidget(self.count)
        layout.addWidget(self.items, 1)
        self.lists.currentIndexChanged.connect(lambda _i: self.reload())
        self.items.currentItemChanged.connect(self._current_changed)
        self.items.itemActivated.connect(self._open)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_changed)
        self.setFocusProxy(self.items)
        # Read when seen, not at start or after each edit while behind its tab: "items
        # without a citation" looks at every event, which grows with the project.
        self._stale = True

    def reload(self) -> None:
        self._stale = False
        current = self._current_id()
        name = str(self.lists.currentData())
        rows = worklist(self.session.project, name)
        self.items.blockSignals(True)
        self.items.clear()
        for row in rows:
            item = QListWidgetItem(f"{row['label']}\n{row['detail']}")
            item.setData(ITEM_ROLE, row)
            item.setToolTip(row["label"])
            self.items.addItem(item)
            if row["id"] == current:
                self.items.setCurrentItem(item)
        self.items.blockSignals(False)
        more = f" (the first {LIMIT})" if len(rows) >= LIMIT else ""
        self.count.setText(f"{counted(len(rows), 'item')} to look at{more}" if rows else "Done.")

    def _current_id(self) -> str | None:
        item = self.items.currentItem()
        return item.data(ITEM_ROLE)["id"] if item is not None else None

    def _on_changed(self, *_changes: Changes) -> None:
        if self.isVisible():
            self.reload()  # a few hundred rows at most: cheaper than working out what moved
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        row: WorkItem = item.data(ITEM_ROLE)
        if row["kind"] == "passage":
            passage = self.session.project.row("passages", row["id"])
            if passage is not None:
                self.showPassage.emit(passage["article_id"], passage["start"], passage["end"])
            return
        self.itemSelected.emit(row["kind"], row["id"])

    def step(self, by: int) -> bool:
        """The next (or previous) item of the list; False at its end."""
        count = self.items.count()
        if not count:
            return False
        row = self.items.currentRow()
        target = (0 if by > 0 else count - 1) if row < 0 else row + by
        if not 0 <= target < count:
            return False
        self.items.setCurrentRow(target)
        return True

    def next(self) -> None:
        self._step_or_say(1)

    def previous(self) -> None:
        self._step_or_say(-1)

    def _step_or_say(self, by: int) -> None:
        self.reload()  # what was done meanwhile has left the list
        if not self.step(by):
            self.count.setText(self.count.text().rstrip(".") + ": no more.")

    def select_item(self, kind: str, item_id: str) -> None:
        """Follow the selection when it is on the list (not a new pick)."""
        for i in range(self.items.count()):
            row = self.items.item(i).data(ITEM_ROLE)
            if row["id"] == item_id and row["kind"] == kind:
                self.items.blockSignals(True)
                self.items.setCurrentRow(i)
                self.items.blockSignals(False)
                return
