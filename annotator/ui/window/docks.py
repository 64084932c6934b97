"""The docks around the reader: which panel goes where, first-run sizes, saved layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QTabBar, QVBoxLayout, QWidget

from annotator.ui.common import settings as app_settings

STATE_VERSION = 1
Area = Qt.DockWidgetArea


class Docks:
    def __init__(self, window: QMainWindow):
        self.window = window
        self.by_key: dict[str, QDockWidget] = {}
        self.restored = False

    def __getitem__(self, key: str) -> QDockWidget:
        return self.by_key[key]

    def add(self, key: str, title: str, widget: QWidget, area: Area) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.window.addDockWidget(area, dock)
        self.by_key[key] = dock
        return dock

    def arrange(self, widgets: dict[str, tuple[str, QWidget]]) -> None:
        """Articles and search on the left; the table over the inspector on the right, with
        claims, actors and the codebook as tabs beside the table; the drawn timeline along
        the bottom."""
        w = self.window
        for key, area in (
            ("articles", Area.LeftDockWidgetArea),
            ("search", Area.LeftDockWidgetArea),
        ):
            self.add(key, *widgets[key], area)
        w.splitDockWidget(self["articles"], self["search"], Qt.Orientation.Vertical)
        self.add("worklists", *widgets["worklists"], Area.LeftDockWidgetArea)
        w.tabifyDockWidget(self["search"], self["worklists"])
        self.add("duplicates", *widgets["duplicates"], Area.LeftDockWidgetArea)
        w.tabifyDockWidget(self["worklists"], self["duplicates"])
        self.add("notes", *widgets["notes"], Area.LeftDockWidgetArea)
        w.tabifyDockWidget(self["worklists"], self["notes"])
        self["search"].raise_()
        # Split before tabifying: a dock split off a tabbed one would become another tab.
        for key in ("timeline_table", "inspector"):
            self.add(key, *widgets[key], Area.RightDockWidgetArea)
        w.splitDockWidget(self["timeline_table"], self["inspector"], Qt.Orientation.Vertical)
        # Add and tabify one at a time: tabifying two loose docks in a row leaves a stale
        # tab bar behind the central widget (seen with Qt 6.11).
        previous = "timeline_table"
        for key in ("claims", "actors", "codebook"):
            self.add(key, *widgets[key], Area.RightDockWidgetArea)
            w.tabifyDockWidget(self[previous], self[key])
            previous = key
        self.add("timeline_view", *widgets["timeline_view"], Area.BottomDockWidgetArea)
        self["timeline_table"].raise_()

    def toggle_actions(self) -> list:
        return [dock.toggleViewAction() for dock in self.by_key.values()]

    def show(self, key: str, focus: QWidget | None = None) -> None:
        self[key].show()
        self[key].raise_()
        if focus is not None:
            focus.setFocus()

    def default_sizes(self) -> None:
        """Proportions for a first run (a saved layout wins): reader in the middle, the
        timeline table wide enough for its columns, the drawn timeline along the bottom."""
        w, h = max(self.window.width(), 800), max(self.window.height(), 600)
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        resize = self.window.resizeDocks
        resize(
            [self["articles"], self["timeline_table"]], [int(w * 0.19), int(w * 0.45)], horizontal
        )
        # Room for a handful of lanes: 24% of a small window is one or two.
        resize([self["timeline_view"]], [max(int(h * 0.28), 230)], vertical)
        resize(
            [self["timeline_table"], self["inspector"]], [int(h * 0.40), int(h * 0.30)], vertical
        )
        resize([self["articles"], self["search"]], [int(h * 0.45), int(h * 0.25)], vertical)

    def restore(self) -> None:
        s = app_settings.settings()
        geometry, state = s.value("window/geometry"), s.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.window.restoreGeometry(QByteArray(geometry))
        else:
            self.window.resize(1280, 800)
        self.restored = isinstance(state, QByteArray | bytes) and self.window.restoreState(
            QByteArray(state), STATE_VERSION
        )

    def save(self) -> None:
        s = app_settings.settings()
        s.setValue("window/geometry", self.window.saveGeometry())
        s.setValue("window/state", self.window.saveState(STATE_VERSION))
        s.sync()

    def hide_stale_tab_bars(self) -> None:
        """Qt 6.11 leaves a spare dock tab bar visible when a second tab group forms (also on
        restoreState); it shows through the reader's margins. Ours never overlap the centre."""
        central = self.window.centralWidget()
        if central is None:
            return
        centre = central.geometry()
        for bar in self.window.findChildren(QTabBar):
            if (
                bar.parent() is self.window
                and bar.isVisible()
                and bar.geometry().intersects(centre)
            ):
                bar.hide()


def scrolling(widget: QWidget, parent: QWidget) -> QScrollArea:
    """A tall panel scrolls instead of forcing the window taller than the screen."""
    area = QScrollArea(parent)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setFocusProxy(widget)
    return area


def stacked(top: QWidget, main: QWidget, parent: QWidget) -> QWidget:
    """The filter bar above the table it filters."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(top)
    layout.addWidget(main, 1)
    return box
