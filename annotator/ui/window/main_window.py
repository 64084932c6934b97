"""The main window: the reader in the middle, the panels in docks around it.

The window only composes. The commands live in three command objects (projects, articles,
items), the edits in ``editing.edits``; every view follows one ``Selection`` and refreshes
from the ``Changes`` each edit reports.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from annotator.ui.common.clock import elapsed_ms
from annotator.ui.common.icons import clear_cache, icon
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.selection import Selected, Selection
from annotator.ui.editing.session import Session
from annotator.ui.errors.crash_notice import attach_notice
from annotator.ui.new_item.actor_warmup import ActorIndexWarmup
from annotator.ui.new_item.flow import TaggingController
from annotator.ui.panels.actors import ActorsPanel
from annotator.ui.panels.articles import ArticleList
from annotator.ui.panels.claims import ClaimsView
from annotator.ui.panels.codebook import CodebookPanel
from annotator.ui.panels.duplicates import DuplicatesPanel
from annotator.ui.panels.inspector import Inspector
from annotator.ui.panels.notes import NotesPanel
from annotator.ui.panels.search import SearchPanel
from annotator.ui.panels.worklists import WorklistsPanel
from annotator.ui.reader.header import ReaderPane
from annotator.ui.reader.view import ReaderView
from annotator.ui.table.filter_bar import FilterBar
from annotator.ui.table.panel import TimelineTable
from annotator.ui.timeline import TimelineView
from annotator.ui.widgets.delegates import warm_date_reading
from annotator.ui.widgets.panel import DeferredPanel, Panel, release_key
from annotator.ui.window.commands_articles import ArticleCommands
from annotator.ui.window.commands_items import ItemCommands
from annotator.ui.window.commands_project import ProjectCommands
from annotator.ui.window.commands_suggestions import SuggestionController
from annotator.ui.window.docks import Docks, scrolling, stacked
from annotator.ui.window.drawn import DrawnFeed
from annotator.ui.window.import_worker import ImportController
from annotator.ui.window.menus import WindowActions
from annotator.ui.window.parts import WindowParts

# The table's whole order is read once the start's own reads are done (at 1.5 s it still
# met them: the longest block after the first paint 40-160 ms, at 3 s 33-55, measured).
ORDER_AFTER_MS = 3000


class MainWindow(QMainWindow):
    firstPainted = Signal(float)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.selection = Selection(self)
        self.actor_warmup = ActorIndexWarmup(self)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.reader = ReaderView(session, self)
        self.reader_pane = ReaderPane(session, self.reader, self)
        self.setCentralWidget(self.reader_pane)
        self.articles = ArticleList(session, self)
        self.inspector = Inspector(session)
        self.table = TimelineTable(session)
        # A turn of the event loop of its own, after the order's read is taken in.
        self.table.model.orderRead.connect(lambda: QTimer.singleShot(0, self, self._prepare_forms))
        self.filter_bar = FilterBar(session)
        self.search = SearchPanel(session)
        self.worklists = WorklistsPanel(session)
        self.duplicates = DuplicatesPanel(session)
        self.notes = NotesPanel(session)
        # Behind tabs, built when first seen (seconds at 100,000 events).
        self.actors: DeferredPanel[ActorsPanel] = DeferredPanel(ActorsPanel, session, self)
        self.claims: DeferredPanel[ClaimsView] = DeferredPanel(ClaimsView, session, self)
        self.codebook: DeferredPanel[CodebookPanel] = DeferredPanel(CodebookPanel, session, self)
        self.timeline_view = TimelineView(self)
        self.panels: dict[str, Panel] = {
            "timeline_table": self.table, "inspector": self.inspector, "actors": self.actors,
            "claims": self.claims, "search": self.search, "filter_bar": self.filter_bar,
            "worklists": self.worklists, "duplicates": self.duplicates,
            "codebook": self.codebook, "notes": self.notes,
        }  # fmt: skip
        self.docks = Docks(self)
        self.docks.arrange({
            "articles": ("Articles", self.articles),
            "search": ("Search", self.search),
            "worklists": ("Worklists", self.worklists),
            "duplicates": ("Possible Duplicates", self.duplicates),
            "codebook": ("Codebook", self.codebook),
            "notes": ("Memos", self.notes),
            "timeline_table": ("Timeline", stacked(self.filter_bar, self.table, self)),
            "inspector": ("Inspector", scrolling(self.inspector, self)),
            "claims": ("Claims", self.claims),
            "actors": ("Actors", self.actors),
            "timeline_view": ("Timeline (drawn)", self.timeline_view),
        })  # fmt: skip
        self.importer = ImportController(session, self)
        self.parts = WindowParts(
            self, session, self.selection, self.reader, self.articles, self.table,
            self.search, self.docks, self.importer, self.panels, self.worklists,
            chart=self.timeline_view,
        )  # fmt: skip
        self.projects = ProjectCommands(self.parts)
        self.article_commands = ArticleCommands(self.parts)
        self.items = ItemCommands(self.parts)
        self.tagging = TaggingController(session, self.selection, self.reader, self)
        self.suggested = SuggestionController(self.tagging, self.reader)
        self.drawn = DrawnFeed(session, self.timeline_view, self.table, self.parts.status)
        self._build_actions()
        self.actions_.set_readonly(session.readonly)
        self._connect()
        self._update_tag_actions(False)
        self._update_title()
        self.statusBar().showMessage("Select a passage, then press E, A or C.", 8000)
        self.docks.restore()
        self.crash_notice = attach_notice(self)  # what went wrong last time, once
        # Work that can wait until the window is on screen (profiled at 100,000 events:
        # drawn timeline 2 s, article counts 1.8 s, tabbed panels 0.9 s).
        self.articles.model.armed = False
        self.reader.suggestions.armed = False  # found in a worker once the window is shown
        for deferred in (self.actors, self.claims, self.codebook):
            deferred.armed = False
        self._first_paint_done = False
        self._shown_once = False
        self.firstPainted.connect(lambda _ms: QTimer.singleShot(0, self._after_first_paint))

    def _build_actions(self) -> None:
        groups = {"projects": self.projects, "articles": self.article_commands}
        groups |= {"items": self.items, "tagging": self.tagging, "suggestions": self.suggested}
        self.actions_ = WindowActions(self, self.session.undo_stack, groups)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(lambda: self.projects.fill_recent(self.recent_menu))
        self.actions_.build_menus(self.recent_menu, self.docks.toggle_actions())
        self.addToolBar(self.actions_.build_toolbar())
        for action in self.actions_.reader_actions() + self.actions_.reader_key_actions():
            self.reader.addAction(action)  # WidgetShortcut: E/A/C/R, N/Y/D in the reader only
        self.actions_["show_suggestions"].setChecked(self.suggested.shown)
        suggestion = [self.actions_["accept_suggestion"], self.actions_["dismiss_suggestion"]]
        self.reader.set_context_actions(
            [*self.actions_.reader_actions(), self.actions_["memo"], *suggestion]
        )
        # the table's own menu offers relating the rows selected there
        self.table.view.addAction(self.actions_["relate_events"])

    def _connect(self) -> None:
        s = self.session
        # Bound methods, not lambdas: Qt drops them when the window goes, the session stays.
        s.failed.connect(self._show_error)
        s.changed.connect(self._on_changed)
        s.projectReplaced.connect(self._project_replaced)
        s.undo_stack.indexChanged.connect(self._update_title)
        self.selection.changed.connect(self._selection_changed)
        self.articles.articleSelected.connect(self.open_article)
        header = self.reader_pane.header
        header.openVersion.connect(self.articles.select_article)
        header.showChanges.connect(self.article_commands.show_changes)
        self.reader.itemSelected.connect(lambda k, i: self.selection.select(k, i, self.reader))
        self.reader.selectionSpanChanged.connect(self._update_tag_actions)
        self.reader.articleLoaded.connect(self._update_title)
        self.reader.suggestionSelected.connect(self._suggestion_selected)
        self.tagging.itemCreated.connect(self._created)
        self.tagging.error.connect(self.parts.show_error)
        self.tagging.message.connect(lambda text: self.parts.status(text, 6000))
        for key, panel in self.panels.items():
            panel.follow(self.selection)
            panel.showPassage.connect(self.parts.show_passage)
            release_key(panel, "Ctrl+J")  # the window's jump key, everywhere
            if key in self.docks.by_key:
                self.docks[key].visibilityChanged.connect(panel.on_dock_visibility)
        self.duplicates.mergeRequested.connect(self.items.merge_events)
        self.filter_bar.filterChanged.connect(self.table.set_filter)
        self.filter_bar.filterChanged.connect(lambda _f: self.drawn.follow_filter())
        self.drawn.link(
            self.selection, self.items, lambda: self.docks.show("inspector", self.inspector)
        )

    @property
    def first_paint_done(self) -> bool:
        return self._first_paint_done

    def _after_first_paint(self) -> None:
        if self.parts.closed:
            return
        self.articles.model.arm()
        self.reader.suggestions.arm()
        for deferred in (self.actors, self.claims, self.codebook):
            deferred.armed = True
            if deferred.isVisible() and deferred.dock_visible:
                deferred.panel()
        self.drawn.schedule()
        self.projects.start_anchor_check()
        self._warm_up()

    # -- following the selection and the edits -------------------------------------------

    @property
    def selected(self) -> tuple[str, str] | None:
        return self.selection.current

    def select_item(self, kind: str, item_id: str) -> None:
        self.selection.select(kind, item_id)

    def open_article(self, article_id: str) -> None:
        self.parts.open_article(article_id)

    def _selection_changed(self, selected: Selected) -> None:
        if selected.source is not self.reader:
            self.reader.select_item(selected.kind, selected.item_id)

    def _created(self, kind: str, item_id: str) -> None:
        self.selection.select(kind, item_id)
        self.parts.status(f"New {kind} saved. Ctrl+Z undoes it.", 6000)

    def _on_changed(self, changes: Changes) -> None:
        self.drawn.on_changed(changes)
        current = self.selection.current
        if current and self.session.project.row(f"{current[0]}s", current[1]) is None:
            self.selection.clear()  # deleted or undone

    def _suggestion_selected(self, text: str) -> None:
        if text:  # what it is and its keys, for a keyboard user (the mouse has a tooltip)
            self.parts.status(text, 10000)

    def _update_tag_actions(self, has_selection: bool) -> None:
        self.actions_.set_passage_selected(has_selection)

    def _show_error(self, exc: object) -> None:
        self.parts.show_error(exc)

    def _update_title(self, *_changed: object) -> None:
        if not self.parts.closed:
            self.setWindowTitle(self.parts.title())

    def _project_replaced(self) -> None:
        self.actions_.set_readonly(self.session.readonly)
        self.selection.clear()
        self.reader.load_article(None)
        self.drawn.forget_entries()
        self.drawn.refresh()
        self._update_title()
        self.articles.select_first()
        self._warm_up()

    def _warm_up(self) -> None:
        """Read ahead in workers what the first form and the first far seek need, and make
        what the first event selected shows. The order comes after the start's own reads:
        beside them it stretched the longest block after the first paint (the interpreter's
        lock shared)."""
        self.actor_warmup.start(self.session.project)
        QTimer.singleShot(ORDER_AFTER_MS, self, self.table.model.prefetch_order)

    def _prepare_forms(self) -> None:
        """What the first selection of an event builds, built once the table's order is
        read: beside that read (the interpreter's lock shared) it lengthened the start's
        longest block."""
        warm_date_reading()
        if not self.parts.closed:
            first = self.table.model.visible_event_ids(limit=1)
            self.inspector.prepare_event_form(first[0] if first else None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            QTimer.singleShot(0, self, self.scheme_changed)  # icons in the new text colour
        super().changeEvent(event)

    def scheme_changed(self) -> None:
        clear_cache()
        self.actions_.refresh_icons()
        self.reader.highlighter.scheme_changed()

    # -- window events -------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.importer.busy():
            self.importer.cancel()
            if self.importer.worker is not None:
                self.importer.worker.wait(5000)
        self.article_commands.url_importer.stop()
        self.docks.save()  # nothing else to save: every edit is already committed
        self.parts.closed = True  # the project may be closed next; stop reading from it
        self.drawn.stop()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.article_commands.drag_entered(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.article_commands.dropped(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.docks.hide_stale_tab_bars)
        if not self._shown_once:
            self._shown_once = True
            if not self.docks.restored:
                self.docks.default_sizes()
            QTimer.singleShot(0, self.timeline_view.fit_all)  # once it has its real width

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._first_paint_done:
            self._first_paint_done = True
            QTimer.singleShot(0, lambda: self.firstPainted.emit(elapsed_ms()))
        return super().event(event)
