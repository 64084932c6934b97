"""The memos on one thing, and a box to write, change or delete them.

Shown in the inspector for the selected item (with the memos on the passages that support
it) and in the memo dialog. Every change is one undoable edit through ``editing.edits``;
a refused one (an empty or over-long memo) is reported by the session and the text stays in
the box, so nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.store.notes import NoteView, notes_on, notes_on_item_passages
from annotator.ui.common.plain import plain_label, rich_escaped
from annotator.ui.editing import edits
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session

NOTE_ROLE = Qt.ItemDataRole.UserRole
WATCHED = {"notes", "passages", "citations"}


def memo_line(note: NoteView, *, about: bool = False) -> str:
    """A memo as listed: its text, then who wrote it when (and what about, if asked)."""
    text = " ".join(note.text.split())
    shown = text if len(text) <= 240 else text[:237] + "…"
    by = " · ".join(x for x in (note.analyst, note.modified[:10]) if x)
    what = ""
    if about:
        what = f"{note.about[:90]}" + (" · " if by else "")
    elif note.kind == "passage":
        quote = note.target_label if len(note.target_label) <= 60 else note.target_label[:57] + "…"
        what = f"on the passage “{quote}”" + (" · " if by else "")
    return f"{shown}\n— {what}{by}"


class MemoList(QWidget):
    passageRequested = Signal(str, int, int)  # article id, start, end: a passage's memo

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.kind: str | None = None
        self.target_id: str | None = None
        # A memo typed but not added waits here while another item is shown (not lost).
        self.drafts: dict[tuple[str, str], str] = {}
        self.label = plain_label("Memos", self)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(140)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText("Write a memo: a question, a doubt, what to check…")
        self.editor.setMaximumHeight(70)
        self.editor.setTabChangesFocus(True)
        self.add_button = QPushButton("Add Memo", self)
        self.save_button = QPushButton("Save Memo", self)
        self.delete_button = QPushButton("Delete Memo", self)
        self.add_button.setToolTip("Add what is typed as a new memo")
        self.save_button.setToolTip("Replace the chosen memo with what is typed")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.list)
        layout.addWidget(self.editor)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.itemActivated.connect(self._open)
        self.editor.textChanged.connect(self._update_buttons)
        session.changed.connect(self._on_changed)
        self._update_buttons()

    # -- what is shown -------------------------------------------------------------------

    def show_for(self, kind: str | None, target_id: str | None) -> None:
        if (kind, target_id) != (self.kind, self.target_id):
            typed = self.editor.toPlainText()
            if self.kind and self.target_id and typed.strip() and self.current() is None:
                self.drafts[(self.kind, self.target_id)] = typed
            self.list.setCurrentRow(-1)
            draft = self.drafts.pop((kind, target_id), "") if kind and target_id else ""
            self.kind, self.target_id = kind, target_id
            self.editor.setPlainText(draft)
        self.reload()

    def notes(self) -> list[NoteView]:
        return [self.list.item(i).data(NOTE_ROLE) for i in range(self.list.count())]

    def reload(self) -> None:
        current = self.current()
        self.list.blockSignals(True)
        self.list.clear()
        found: list[NoteView] = []
        if self.kind and self.target_id and not self.session.project.closed:
            project = self.session.project
            found = notes_on(project, self.kind, self.target_id)
            found += notes_on_item_passages(project, self.kind, self.target_id)
        for note in found:
            item = QListWidgetItem(memo_line(note))
            item.setData(NOTE_ROLE, note)
            item.setToolTip(rich_escaped(note.text))
            self.list.addItem(item)
            if current is not None and note.id == current.id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.label.setText(f"Memos ({len(found)})" if found else "Memos: none yet")
        self._update_buttons()

    def current(self) -> NoteView | None:
        item = self.list.currentItem()
        return item.data(NOTE_ROLE) if item is not None else None

    # -- writing -------------------------------------------------------------------------

    def add(self) -> None:
        if not self.kind or not self.target_id or self.session.readonly:
            return
        if edits.add_note(
            self.session, self.kind, self.target_id, self.editor.toPlainText(), source=self
        ):
            self.editor.clear()
            self.list.setCurrentRow(-1)
            self.reload()

    def save(self) -> None:
        note = self.current()
        if note is None or self.session.readonly:
            return
        if edits.update_note(self.session, note.id, self.editor.toPlainText(), source=self):
            self.reload()

    def delete(self) -> None:
        note = self.current()
        if note is None or self.session.readonly:
            return
        if edits.delete_note(self.session, note.id, source=self):
            self.editor.clear()
            self.reload()

    # -- internals -----------------------------------------------------------------------

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.editor.setPlainText(item.data(NOTE_ROLE).text)
        self._update_buttons()

    def _open(self, item: QListWidgetItem) -> None:
        note: NoteView = item.data(NOTE_ROLE)
        if note.article_id and note.start is not None and note.end is not None:
            self.passageRequested.emit(note.article_id, note.start, note.end)

    def _update_buttons(self) -> None:
        writable = not self.session.readonly and bool(self.target_id)
        typed = bool(self.editor.toPlainText().strip())
        chosen = self.current()
        self.editor.setEnabled(writable)
        self.add_button.setEnabled(writable and typed)
        self.save_button.setEnabled(
            writable and chosen is not None and typed and self.editor.toPlainText() != chosen.text
        )
        self.delete_button.setEnabled(writable and chosen is not None)

    def _on_changed(self, touched: Changes) -> None:
        if self.target_id and WATCHED & touched.keys() and not touched.made_by(self):
            self.reload()
