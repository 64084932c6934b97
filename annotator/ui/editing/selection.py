"""The one selected item, which every view follows.

A view that selects something calls :meth:`Selection.select` with itself as the source;
every other view hears ``changed`` and shows the same item. Selecting what is already
selected does nothing, and what a view selects while it follows a change (a table whose
current row moves, say) is its reaction, not a new pick: both end an echo at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Selected:
    kind: str  # "event", "actor", "claim"; "" when nothing is selected
    item_id: str
    source: object | None = None

    @property
    def empty(self) -> bool:
        return not self.item_id


class Selection(QObject):
    changed = Signal(object)  # Selected

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.current: tuple[str, str] | None = None
        self._following = False  # while the views follow a change

    def select(self, kind: str, item_id: str, source: object | None = None) -> None:
        new = (kind, item_id) if item_id else None
        if new == self.current or self._following:
            return
        self.current = new
        self._following = True
        try:
            self.changed.emit(Selected(kind if item_id else "", item_id, source))
        finally:
            self._following = False

    def clear(self, source: object | None = None) -> None:
        self.select("", "", source)
