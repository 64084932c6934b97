"""The base of every dock's content, and the holder that builds a costly one when first seen.

A panel shows the selected item (``select_item``), offers items (``itemSelected``) and
passages (``showPassage``). :meth:`Panel.follow` ties it to the window's selection: what it
selects becomes the selection, and it shows whatever another view selects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.ui.editing.selection import Selected, Selection
from annotator.ui.editing.session import Session


class Panel(QWidget):
    itemSelected = Signal(str, str)  # kind, id ("" for none)
    showPassage = Signal(str, int, int)  # article id, start, end (code points)

    # Behind a dock tab a panel may skip refreshes until it is seen (see RefreshWhenShown).
    defer_when_hidden = False
    shown_in_dock = True

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session

    def ensure_fresh(self) -> None:
        """Catch up on refreshes skipped while hidden."""

    def on_dock_visibility(self, visible: bool) -> None:
        """Its dock came to the front, or went behind another tab (where Qt still calls
        the panel visible)."""
        self.shown_in_dock = visible
        if visible:
            self.ensure_fresh()

    def select_item(self, kind: str, item_id: str) -> None:
        """Show this item, or nothing for an empty id. Must not emit ``itemSelected``."""

    def follow(self, selection: Selection) -> None:
        self.itemSelected.connect(lambda kind, item_id: selection.select(kind, item_id, self))
        selection.changed.connect(self._selection_changed)

    def _selection_changed(self, selected: Selected) -> None:
        if selected.source is not self:
            self.select_item(selected.kind, selected.item_id)


P = TypeVar("P", bound=Panel)


class DeferredPanel(Panel, Generic[P]):
    """Holds a panel that is built the first time its dock is seen.

    The panels behind tabs (actors, claims) cost seconds to load at 100,000 events and are
    not needed for the first paint; until then this keeps the selection to hand over.
    """

    def __init__(
        self, make: Callable[[Session, QWidget], P], session: Session, parent: QWidget | None = None
    ):
        super().__init__(session, parent)
        self._make = make
        self._panel: P | None = None
        self.armed = True  # the window holds building back until its first paint
        self.dock_visible = True  # a tabbed dock behind another is still 'visible' to Qt
        self._selection: tuple[str, str] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._panel is not None

    def panel(self) -> P:
        """The panel, built now if it was not yet, and brought up to date."""
        if self._panel is None:
            panel = self._make(self.session, self)
            self._panel = panel
            layout = self.layout()
            assert layout is not None
            layout.addWidget(panel)
            panel.defer_when_hidden = True
            panel.itemSelected.connect(self.itemSelected.emit)
            panel.showPassage.connect(self.showPassage.emit)
            if self._selection:
                panel.select_item(*self._selection)
        self._panel.shown_in_dock = self.dock_visible
        self._panel.ensure_fresh()
        return self._panel

    def showEvent(self, event: QShowEvent) -> None:
        if self._panel is None and self.armed and self.dock_visible:
            self.panel()
        super().showEvent(event)

    def on_dock_visibility(self, visible: bool) -> None:
        self.dock_visible = visible
        if visible and self.armed:
            self.panel()
        elif self._panel is not None:
            self._panel.shown_in_dock = visible

    def select_item(self, kind: str, item_id: str) -> None:
        self._selection = (kind, item_id)
        if self._panel is not None:
            self._panel.select_item(kind, item_id)


def release_key(widget: QWidget, key: str) -> None:
    """Take a key off the widget's own actions: a window-wide action bound to it too would
    make the key ambiguous (and then Qt runs neither). The widget keeps its other keys."""
    seq = QKeySequence(key)
    for action in widget.findChildren(QAction):
        keys = action.shortcuts()
        if seq in keys:
            action.setShortcuts([k for k in keys if k != seq])
