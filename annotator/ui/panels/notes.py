"""Every memo in the project, newest first, searched by the project's full-text index; a
memo opens what it is about (an item is selected, a passage or article shown in the reader)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.text import counted
from annotator.store.notes import NoteView, note_count
from annotator.store.search import search_notes
from annotator.ui.common.plain import plain_label, rich_escaped
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.widgets.memo_list import NOTE_ROLE, memo_line
from annotator.ui.widgets.panel import Panel

WATCHED = {"notes", "articles", "passages", "events", "actors", "claims"}


class NotesPanel(Panel):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search memos…")
        self.query.setClearButtonEnabled(True)
        self.summary = plain_label("", self)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self.reload)
        self.query.textChanged.connect(lambda _t: self._typing.start())
        self.results.itemActivated.connect(self.open_note)
        self.results.itemClicked.connect(self.open_note)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)
        # Read when seen, not at start or after every edit while behind its tab: the list
        # is every memo of the project, with what each is about.
        self._stale = True

    def notes(self) -> list[NoteView]:
        """The memos listed, brought up to date first (as DeferredPanel.panel() does)."""
        self.ensure_fresh()
        return [self.results.item(i).data(NOTE_ROLE) for i in range(self.results.count())]

    def set_query(self, text: str) -> None:
        self.query.setText(text)
        self.reload()

    def reload(self) -> None:
        self._stale = False
        self._typing.stop()
        if self.session.project.closed:
            return
        current = self.results.currentItem()
        keep = current.data(NOTE_ROLE).id if current is not None else None
        self.results.clear()
        text = self.query.text().strip()
        found = search_notes(self.session.project, text)
        for note in found:
            item = QListWidgetItem(memo_line(note, about=True))
            item.setData(NOTE_ROLE, note)
            item.setToolTip(rich_escaped(f"{note.about}\n\n{note.text}"))
            self.results.addItem(item)
            if note.id == keep:
                self.results.setCurrentItem(item)
        total = note_count(self.session.project)
        if text:
            self.summary.setText(
                f"{counted(len(found), 'memo')} found of {total:,}" if found else "No memo found"
            )
        else:
            self.summary.setText(
                f"{counted(total, 'memo')}; click one to open what it is about"
                if total
                else "No memos yet: write one in the inspector, or on a passage (Ctrl+Shift+N)"
            )

    def open_note(self, item: QListWidgetItem) -> None:
        note: NoteView = item.data(NOTE_ROLE)
        if note.kind in ("event", "actor", "claim"):
            self.itemSelected.emit(note.kind, note.target_id)
        elif note.article_id:
            self.showPassage.emit(note.article_id, note.start or 0, note.end or 0)

    def _on_changed(self, touched: Changes) -> None:
        if WATCHED & touched.keys():
            self._reload_or_wait()

    def _on_replaced(self, *_args: object) -> None:
        self._reload_or_wait()

    def _reload_or_wait(self) -> None:
        if self.shown_in_dock and self.isVisible():
            self.reload()
        else:
            self._stale = True

    def ensure_fresh(self) -> None:
        if self._stale:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self.shown_in_dock:
            self.ensure_fresh()
        super().showEvent(event)
