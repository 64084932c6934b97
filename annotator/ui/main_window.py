"""The main window: article list, reader, timeline table and panels, in docks around the reader.

The window composes and routes; it never writes to the store itself. Every edit is an
operations ChangeSet run through ``session.run`` (one transaction, one undo step). Selection
flows both ways through ``select_item``: whatever a panel, the reader or the drawn timeline
selects, every other view follows without echoing back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTabBar,
    QWidget,
)

from annotator import APP_NAME
from annotator.core.errors import AnnotatorError
from annotator.store.drawn_rows import claims_about, count_dated_events
from annotator.ui import settings as app_settings
from annotator.ui.article_list import ArticleList
from annotator.ui.commands_menu import WindowActions
from annotator.ui.crash_notice import attach_notice
from annotator.ui.icons import clear_cache, icon
from annotator.ui.import_worker import ImportController
from annotator.ui.panels import make_panel
from annotator.ui.plain import rich_escaped, window_title
from annotator.ui.reader import ReaderView
from annotator.ui.session import Session
from annotator.ui.tagging_flow import TaggingController
from annotator.ui.timeline_feed import MAX_DRAWN, entries_from_project
from annotator.ui.timeline_feed import WATCHED as TIMELINE_WATCHED
from annotator.ui.window_commands import WindowCommandsMixin

STATE_VERSION = 1


class MainWindow(WindowCommandsMixin, QMainWindow):
    itemSelected = Signal(str, str)
    firstPainted = Signal(float)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.selected: tuple[str, str] | None = None
        self._routing = False
        self._closed = False
        self._jump_index = 0
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.reader = ReaderView(session, self)
        self.setCentralWidget(self.reader)
        self.articles = ArticleList(session, self)
        self.tagging = TaggingController(session, self.reader, self)
        self.importer = ImportController(session, self)
        self.actions_ = WindowActions(self)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.actions_.build_menus(self.recent_menu)
        self.addToolBar(self.actions_.build_toolbar())
        for action in self.actions_.tag_actions():
            self.reader.addAction(action)  # WidgetShortcut: E/A/C/R act in the reader only
        self.reader.set_context_actions(self.actions_.tag_actions())
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        self._connect()
        self._timeline_timer = QTimer(self, singleShot=True, interval=60)
        self._timeline_timer.timeout.connect(self.refresh_timeline)
        self._update_tag_actions(False)
        self._update_title()
        self.statusBar().showMessage("Select a passage, then press E, A or C.", 8000)
        self.restore_layout()
        self.crash_notice = attach_notice(self)  # what went wrong last time, once
        self._drawn: dict[str, object] = {}
        self._pending_patch: set[str] = set()
        self._patch_timer = QTimer(self, singleShot=True, interval=30)
        self._patch_timer.timeout.connect(self._apply_patch)
        # Work that can wait until the window is on screen (profiled at 100,000 events:
        # drawn timeline 2 s, article counts 1.8 s, tabbed panels 0.9 s).
        self.articles.model.armed = False
        for panel in self.panels.values():
            if hasattr(panel, "armed"):
                panel.armed = False
        self.firstPainted.connect(lambda _ms: QTimer.singleShot(0, self._after_first_paint))
        self._first_paint_done = False

    def _after_first_paint(self) -> None:
        if self._closed:
            return
        self.articles.model.armed = True
        self.articles.model.count_items()
        for panel in self.panels.values():
            if hasattr(panel, "armed"):
                panel.armed = True
                if panel.isVisible() and panel.dock_visible:
                    panel.build()
        self._timeline_timer.start()
        self.start_anchor_check()

    # -- building ------------------------------------------------------------------------

    def _dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        if hasattr(widget, "on_dock_visibility"):  # a LazyPanel: built and refreshed when seen
            dock.visibilityChanged.connect(widget.on_dock_visibility)
        self.actions_.view_menu.addAction(dock.toggleViewAction())
        return dock

    def _build_docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        for key in ("timeline_table", "inspector", "actors", "claims", "search", "filter_bar"):
            self.panels[key] = make_panel(key, self.session, self, lazy=key in ("actors", "claims"))
        self._dock("articles", "Articles", self.articles, left)
        self._dock("search", "Search", self.panels["search"], left)
        self.splitDockWidget(self.docks["articles"], self.docks["search"], Qt.Orientation.Vertical)
        # Split before tabifying: a dock split off a tabbed one would become another tab.
        self._dock("timeline_table", "Timeline", self._with_filter_bar(), right)
        self._dock("inspector", "Inspector", self._scrolling(self.panels["inspector"]), right)
        self.splitDockWidget(
            self.docks["timeline_table"], self.docks["inspector"], Qt.Orientation.Vertical
        )
        # Add and tabify one at a time: tabifying two loose docks in a row leaves a stale
        # tab bar behind the central widget (seen with Qt 6.11).
        previous = "timeline_table"
        for key, title in (("claims", "Claims"), ("actors", "Actors")):
            self._dock(key, title, self.panels[key], right)
            self.tabifyDockWidget(self.docks[previous], self.docks[key])
            previous = key
        self.timeline_view = self._make_timeline_view()
        self._dock("timeline_view", "Timeline (drawn)", self.timeline_view, bottom)
        self.docks["timeline_table"].raise_()

    def default_dock_sizes(self) -> None:
        """Proportions for a first run (a saved layout wins): reader in the middle, the
        timeline table wide enough for its columns, the drawn timeline along the bottom."""
        w, h = max(self.width(), 800), max(self.height(), 600)
        self.resizeDocks(
            [self.docks["articles"], self.docks["timeline_table"]],
            [int(w * 0.19), int(w * 0.45)],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks([self.docks["timeline_view"]], [int(h * 0.24)], Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.docks["timeline_table"], self.docks["inspector"]],
            [int(h * 0.40), int(h * 0.30)],
            Qt.Orientation.Vertical,
        )
        self.resizeDocks(
            [self.docks["articles"], self.docks["search"]],
            [int(h * 0.45), int(h * 0.25)],
            Qt.Orientation.Vertical,
        )

    def _scrolling(self, widget: QWidget) -> QWidget:
        """A tall panel scrolls instead of forcing the window taller than the screen."""
        area = QScrollArea(self)
        area.setWidget(widget)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setFocusProxy(widget)
        return area

    def _with_filter_bar(self) -> QWidget:
        from PySide6.QtWidgets import QVBoxLayout

        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = self.panels["filter_bar"]
        if not bar.isEnabled() and not hasattr(bar, "itemSelected"):  # placeholder: leave out
            bar.hide()
        else:
            layout.addWidget(bar)
        layout.addWidget(self.panels["timeline_table"], 1)
        table = self.panels["timeline_table"]
        if hasattr(bar, "filterChanged") and hasattr(table, "set_filter"):
            bar.filterChanged.connect(table.set_filter)
            bar.filterChanged.connect(lambda _f: self._timeline_timer.start())
        return box

    def _make_timeline_view(self) -> QWidget:
        try:
            from annotator.ui.timeline import TimelineView
        except ImportError:
            from annotator.ui.panels import Placeholder

            return Placeholder("Timeline (drawn)", self)
        view = TimelineView(self)
        view.selectionChanged.connect(self._timeline_selected)
        view.passageRequested.connect(lambda item_id: self._timeline_passage(item_id))
        view.activated.connect(self._timeline_activated)
        view.dateDragged.connect(self._timeline_dragged)
        return view

    def _connect(self) -> None:
        s = self.session
        s.failed.connect(self.show_error)
        s.changed.connect(self._on_changed)
        s.projectReplaced.connect(self._project_replaced)
        s.undo_stack.indexChanged.connect(self._stack_moved)
        self.articles.articleSelected.connect(self.open_article)
        self.reader.itemSelected.connect(self.select_item)
        self.reader.selectionSpanChanged.connect(self._update_tag_actions)
        self.tagging.itemCreated.connect(self._item_created)
        self.tagging.error.connect(self.show_error)
        self.tagging.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.importer.finished.connect(self._imported)
        for panel in self.panels.values():
            self._release_window_keys(panel)
            if hasattr(panel, "itemSelected"):
                panel.itemSelected.connect(self.select_item)
            if hasattr(panel, "showPassage"):
                panel.showPassage.connect(self.show_passage)
        app_hints = self._style_hints()
        if app_hints is not None:
            # After the application has switched its palette (connected first, in app.py).
            app_hints.colorSchemeChanged.connect(
                lambda _s: QTimer.singleShot(0, self.scheme_changed)
            )

    @staticmethod
    def _release_window_keys(panel: QWidget) -> None:
        """Ctrl+J is the window's jump key everywhere: a panel action bound to it too would make
        the key ambiguous (and then Qt runs neither); the panel keeps its other keys."""
        jump = QKeySequence("Ctrl+J")
        for action in panel.findChildren(QAction):
            keys = action.shortcuts()
            if jump in keys:
                action.setShortcuts([k for k in keys if k != jump])

    @staticmethod
    def _style_hints():
        from PySide6.QtGui import QGuiApplication

        return QGuiApplication.styleHints()

    # -- routing -------------------------------------------------------------------------

    def open_article(self, article_id: str) -> None:
        if article_id == (self.reader.article_id or ""):
            return
        self.reader.load_article(article_id or None)
        self._update_title()
        if self.selected:
            self.reader.select_item(*self.selected)

    def select_item(self, kind: str, item_id: str) -> None:
        """Make (kind, id) the selected item everywhere; callers' own views are not echoed."""
        if self._routing or (kind, item_id) == self.selected:
            return
        self._routing = True
        try:
            self.selected = (kind, item_id) if item_id else None
            self.tagging.selected = self.selected
            self._jump_index = 0
            self.reader.select_item(kind, item_id)
            for panel in self.panels.values():
                select = getattr(panel, "select_item", None)
                if callable(select):
                    select(kind, item_id)
            if hasattr(self.timeline_view, "set_selected_ids"):
                self.timeline_view.set_selected_ids({item_id} if item_id else set())
            self.itemSelected.emit(kind, item_id)
        finally:
            self._routing = False

    def show_passage(self, article_id: str, start: int, end: int) -> None:
        if article_id != self.reader.article_id:
            self.articles.select_article(article_id)
            self.open_article(article_id)
        self.reader.show_passage(start, end)

    def _timeline_selected(self, ids: list) -> None:
        if not ids:
            return
        item_id = ids[0]
        kind = "claim" if self.session.project.row("claims", item_id) else "event"
        self.select_item(kind, item_id)

    def _timeline_activated(self, item_id: str) -> None:
        """Double-click or Enter on the drawn timeline: edit the item in the inspector."""
        self._timeline_selected([item_id])
        self.docks["inspector"].show()
        self.docks["inspector"].raise_()
        self.panels["inspector"].setFocus()

    def _timeline_passage(self, item_id: str) -> None:
        kind = "claim" if self.session.project.row("claims", item_id) else "event"
        self.select_item(kind, item_id)
        self.jump_to_passage()

    def _item_created(self, kind: str, item_id: str) -> None:
        self.select_item(kind, item_id)
        self.statusBar().showMessage(f"New {kind} saved. Ctrl+Z undoes it.", 6000)

    _ITEM_TABLES = frozenset({"events", "claims", "passages", "citations", "tags", "event_actors"})

    def _on_changed(self, touched: dict[str, set[str]]) -> None:
        if TIMELINE_WATCHED & set(touched):
            items = touched.get("events", set()) | touched.get("claims", set())
            if (
                getattr(self, "_timeline_fed", False)
                and items
                and len(items) <= 500
                and set(touched) <= self._ITEM_TABLES
            ):
                # An edit re-reads its own items only, after the edit's own feedback is
                # drawn (relaying out 10,000 entries takes a few hundred ms).
                self._pending_patch |= items
                self._patch_timer.start()
            else:
                self._timeline_timer.start()
        if self.selected:
            kind, item_id = self.selected
            if self.session.project.row(f"{kind}s", item_id) is None:  # deleted or undone
                self.select_item("", "")

    def refresh_timeline(self) -> None:
        """Feed the drawn timeline what the table shows (its filter applies to both)."""
        if self._closed or not hasattr(self.timeline_view, "set_entries"):
            return
        project = self.session.project
        table = self.panels.get("timeline_table")
        current = getattr(table, "current_filter", None)
        if callable(current) and not current().is_empty():
            shown = set(table.visible_event_ids(limit=MAX_DRAWN))
            about = claims_about(project, shown)
            entries = entries_from_project(project, ids=shown | about)
        else:
            entries = entries_from_project(project)
        self._drawn = {e.id: e for e in entries}
        first = not getattr(self, "_timeline_fed", False)
        self.timeline_view.set_entries(entries)
        self._timeline_fed = True
        if first:
            self.timeline_view.fit_all()
        total = count_dated_events(project)
        if (
            total > len([e for e in entries if e.kind == "event"])
            and current is not None
            and current().is_empty()
        ):
            self.statusBar().showMessage(
                f"The drawn timeline shows the latest {MAX_DRAWN:,} of {total:,} dated events;"
                " filter the timeline to draw others.",
                10000,
            )

    def _apply_patch(self) -> None:
        ids, self._pending_patch = self._pending_patch, set()
        if ids and not self._closed:
            self._patch_timeline(ids)

    def _patch_timeline(self, ids: set[str]) -> None:
        fresh = {e.id: e for e in entries_from_project(self.session.project, ids=ids)}
        for item_id in ids:
            if item_id in fresh:
                self._drawn[item_id] = fresh[item_id]
            else:
                self._drawn.pop(item_id, None)  # deleted, undone, or no longer dated
        self.timeline_view.set_entries(list(self._drawn.values()))

    def _update_tag_actions(self, has_selection: bool) -> None:
        for name in ("tag_event", "tag_actor", "tag_claim"):
            self.actions_[name].setEnabled(has_selection)
        self.actions_["cite"].setEnabled(has_selection)

    def _stack_moved(self, _index: int) -> None:
        if not self._closed:
            self._update_title()

    def _update_title(self) -> None:
        path = self.session.project.path
        name = Path(path).name if path else "(in memory)"
        title = ""
        if self.reader.article_id:
            row = self.session.project.row("articles", self.reader.article_id)
            title = f"{row['title'][:60]} — " if row else ""
        self.setWindowTitle(window_title(f"{title}{name} — {APP_NAME}"))

    def _project_replaced(self) -> None:
        self.selected = None
        self.tagging.selected = None
        self.reader.load_article(None)
        self.refresh_timeline()
        self._update_title()
        self.select_first_article()

    def select_first_article(self) -> None:
        if self.articles.model.rowCount():
            first = self.articles.proxy.index(0, 0)
            self.articles.select_article(first.data(Qt.ItemDataRole.UserRole))

    def scheme_changed(self) -> None:
        clear_cache()
        self.actions_.refresh_icons()
        self.reader.highlighter.scheme_changed()

    # -- errors --------------------------------------------------------------------------

    def show_error(self, exc: object) -> None:
        text = str(exc)
        self.statusBar().showMessage(text, 10000)
        title = "Cannot do that" if isinstance(exc, AnnotatorError) else "Error"
        QMessageBox.warning(self, title, rich_escaped(text))

    # -- layout, drops, paint ------------------------------------------------------------

    def restore_layout(self) -> None:
        s = app_settings.settings()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1280, 800)
        self._layout_restored = isinstance(state, QByteArray | bytes) and self.restoreState(
            QByteArray(state), STATE_VERSION
        )

    def save_layout(self) -> None:
        s = app_settings.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(STATE_VERSION))
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.importer.busy():
            self.importer.cancel()
            if self.importer.worker is not None:
                self.importer.worker.wait(5000)
        self.save_layout()  # nothing else to save: every edit is already committed
        self._closed = True  # the project may be closed next; stop reading from it
        self._timeline_timer.stop()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if files:
            event.acceptProposedAction()
            self.import_paths(files)

    def hide_stale_tab_bars(self) -> None:
        """Qt 6.11 leaves a spare dock tab bar visible when a second tab group forms (also on
        restoreState); it shows through the reader's margins. Ours never overlap the centre."""
        centre = self.centralWidget().geometry()
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self and bar.isVisible() and bar.geometry().intersects(centre):
                bar.hide()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.hide_stale_tab_bars)
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            if not self._layout_restored:
                self.default_dock_sizes()
            # Fit once the drawn timeline has its real width.
            fit = getattr(self.timeline_view, "fit_all", None)
            if callable(fit):
                QTimer.singleShot(0, fit)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not getattr(self, "_first_paint_done", True):
            self._first_paint_done = True
            from annotator.ui.app import elapsed_ms

            QTimer.singleShot(0, lambda: self.firstPainted.emit(elapsed_ms()))
        return super().event(event)
