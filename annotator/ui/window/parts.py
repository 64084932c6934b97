"""The parts of the main window that its command objects work with.

The commands get these, never the window itself, so each command module says exactly what
it touches and none of them can reach into the window's private state.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox

from annotator import APP_NAME
from annotator.core.errors import AnnotatorError
from annotator.store.article_head import article_head
from annotator.ui.common.plain import rich_escaped, window_title
from annotator.ui.editing.selection import Selection
from annotator.ui.editing.session import Session
from annotator.ui.panels.articles import ArticleList
from annotator.ui.panels.search import SearchPanel
from annotator.ui.panels.worklists import WorklistsPanel
from annotator.ui.reader.view import ReaderView
from annotator.ui.table.panel import TimelineTable
from annotator.ui.timeline import TimelineView
from annotator.ui.widgets.panel import Panel
from annotator.ui.window.docks import Docks
from annotator.ui.window.import_worker import ImportController


@dataclass
class WindowParts:
    window: QMainWindow
    session: Session
    selection: Selection
    reader: ReaderView
    articles: ArticleList
    table: TimelineTable
    search: SearchPanel
    docks: Docks
    importer: ImportController
    panels: dict[str, Panel]  # by dock key
    worklists: WorklistsPanel
    closed: bool = False  # set once the window closes: queued work then reads nothing
    chart: TimelineView | None = None  # the drawn timeline, for its print export

    def status(self, text: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def show_error(self, exc: object) -> None:
        text = str(exc)
        self.status(text, 10000)
        title = "Cannot do that" if isinstance(exc, AnnotatorError) else "Error"
        QMessageBox.warning(self.window, title, rich_escaped(text))

    def title(self) -> str:
        """The window's title: the open article, the project file, the app."""
        path = self.session.project.path
        name = Path(path).name if path else "(in memory)"
        title = ""
        if self.reader.article_id:
            row = article_head(self.session.project, self.reader.article_id)
            title = f"{row['title'][:60]} — " if row else ""
        mode = " (read-only)" if self.session.readonly else ""
        return window_title(f"{title}{name}{mode} — {APP_NAME}")

    def show_passage(self, article_id: str, start: int, end: int) -> None:
        if article_id != self.reader.article_id:
            self.articles.select_article(article_id)
            self.open_article(article_id)
        self.reader.show_passage(start, end)

    def open_article(self, article_id: str) -> None:
        if article_id == (self.reader.article_id or ""):
            return
        self.reader.load_article(article_id or None)
        if self.selection.current:
            self.reader.select_item(*self.selection.current)
