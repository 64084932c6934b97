"""Finding the panels other modules provide, with a placeholder while one is missing.

Each panel is a QWidget taking ``(session)`` with signals ``itemSelected(kind, id)`` and
``showPassage(article_id, start, end)`` and a ``select_item(kind, id)`` slot. The window
composes them by module name, so a panel can be replaced without touching the window.
"""

from __future__ import annotations

import importlib
import inspect
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.ui.session import Session

log = logging.getLogger(__name__)

# dock key -> (module, preferred class names, title)
PANELS = {
    "timeline_table": (
        "annotator.ui.timeline_table",
        ("TimelinePanel", "TimelineTable", "TimelineTableWidget"),
        "Timeline",
    ),
    "inspector": ("annotator.ui.inspector", ("Inspector", "InspectorPanel"), "Inspector"),
    "actors": ("annotator.ui.actors_panel", ("ActorsPanel",), "Actors"),
    "claims": ("annotator.ui.claims_view", ("ClaimsView", "ClaimsPanel"), "Claims"),
    "search": ("annotator.ui.search_panel", ("SearchPanel",), "Search"),
    "filter_bar": ("annotator.ui.filter_bar", ("FilterBar",), "Filter"),
}


def find_panel_class(module_name: str, preferred: tuple[str, ...]) -> type[QWidget] | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        if exc.name != module_name:  # the module exists but something inside it is broken
            log.warning("panel %s not loaded: %s", module_name, exc)
        return None
    for name in preferred:
        cls = getattr(module, name, None)
        if inspect.isclass(cls) and issubclass(cls, QWidget):
            return cls
    # Otherwise: the first widget class defined there that takes a session.
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if (
            cls.__module__ == module_name
            and issubclass(cls, QWidget)
            and hasattr(cls, "select_item")
        ):
            return cls
    return None


class Placeholder(QLabel):
    """Stands in for a panel not built yet; has the panel's interface, does nothing."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(f"{title}\n(not available in this build)", parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setEnabled(False)

    def select_item(self, kind: str, item_id: str) -> None:
        pass


class LazyPanel(QWidget):
    """Builds its panel the first time it is shown: the panels behind tabs (actors, claims)
    cost seconds to load at 100,000 events and are not needed for the first paint."""

    itemSelected = Signal(str, str)
    showPassage = Signal(str, int, int)

    def __init__(self, key: str, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._key, self._session = key, session
        self.panel: QWidget | None = None
        self.armed = True  # the window disarms it until its first paint
        self._selection: tuple[str, str] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:
        if self.panel is None and self.armed and self.dock_visible:
            self.build()
        super().showEvent(event)

    dock_visible = True

    def on_dock_visibility(self, visible: bool) -> None:
        """A tabbed dock behind another stays 'visible' to Qt: its dock says the truth."""
        self.dock_visible = visible
        if self.panel is not None and hasattr(self.panel, "shown_in_dock"):
            self.panel.shown_in_dock = visible
        if visible and self.armed:
            panel = self.build()
            fresh = getattr(panel, "ensure_fresh", None)
            if callable(fresh):
                fresh()

    def build(self) -> QWidget:
        if self.panel is None:
            self.panel = make_panel(self._key, self._session, self)
            if hasattr(self.panel, "defer_when_hidden"):
                self.panel.defer_when_hidden = True  # behind a tab: refresh when shown
                self.panel.shown_in_dock = self.dock_visible
            self.layout().addWidget(self.panel)
            for name in ("itemSelected", "showPassage"):
                signal = getattr(self.panel, name, None)
                if signal is not None:
                    signal.connect(getattr(self, name).emit)
            if self._selection:
                self.panel.select_item(*self._selection)
        return self.panel

    def select_item(self, kind: str, item_id: str) -> None:
        self._selection = (kind, item_id)
        if self.panel is not None:
            self.panel.select_item(kind, item_id)

    def __getattr__(self, name: str):
        # Anything else the window or a test asks of the panel: build it and ask it.
        if name.startswith("_") or name in ("panel", "armed", "dock_visible"):
            raise AttributeError(name)
        panel = self.build()
        fresh = getattr(panel, "ensure_fresh", None)
        if callable(fresh):
            fresh()
        return getattr(panel, name)


def make_panel(
    key: str, session: Session, parent: QWidget | None = None, *, lazy: bool = False
) -> QWidget:
    if lazy:
        return LazyPanel(key, session, parent)
    module_name, preferred, title = PANELS[key]
    cls = find_panel_class(module_name, preferred)
    if cls is None:
        return Placeholder(title, parent)
    try:
        widget = cls(session)
    except TypeError:  # a panel that also wants its parent
        widget = cls(session, parent)
    return widget
