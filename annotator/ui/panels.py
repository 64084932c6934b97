"""Finding the panels other modules provide, with a placeholder while one is missing.

Each panel is a QWidget taking ``(session)`` with signals ``itemSelected(kind, id)`` and
``showPassage(article_id, start, end)`` and a ``select_item(kind, id)`` slot. The window
composes them by module name, so a panel can be replaced without touching the window.
"""

from __future__ import annotations

import importlib
import inspect
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from annotator.ui.session import Session

log = logging.getLogger(__name__)

# dock key -> (module, preferred class names, title)
PANELS = {
    "timeline_table": ("annotator.ui.timeline_table", ("TimelinePanel", "TimelineTable",
                                                      "TimelineTableWidget"), "Timeline"),
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
        if cls.__module__ == module_name and issubclass(cls, QWidget) and \
                hasattr(cls, "select_item"):
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


def make_panel(key: str, session: Session, parent: QWidget | None = None) -> QWidget:
    module_name, preferred, title = PANELS[key]
    cls = find_panel_class(module_name, preferred)
    if cls is None:
        return Placeholder(title, parent)
    try:
        widget = cls(session)
    except TypeError:  # a panel that also wants its parent
        widget = cls(session, parent)
    return widget
