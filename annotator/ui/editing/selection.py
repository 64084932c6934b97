"""The one selected item, which every view follows.

A view that selects something calls :meth:`Selection.select` with itself as the source;
every other view hears ``changed`` and shows the same item. Selecting what is already
selected does nothing, so a view that echoes the selection back ends the round at once.
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

    def select(self, kind: str, item_id: str, source: object | None = None) -> None:
        new = (kind, item_id) if item_id else None
        if new == self.current:
            return
        self.current = new
        self.changed.emit(Selected(kind if item_id else "", item_id, source))

    def clear(self, source: object | None = None) -> None:
        self.select("", "", source)
