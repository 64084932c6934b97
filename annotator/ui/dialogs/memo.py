"""Memo dialogs: one to write a new memo (on the reader's selection or the selected item),
one holding every memo on an article (opened from the reader's header).

The writing goes through the caller's edit function (``editing.edits``), one undoable edit;
a refused memo (empty, too long) keeps the dialog open with the text as typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.vocabulary import NOTE_MAX_CHARS
from annotator.ui.common.plain import plain_label
from annotator.ui.editing.session import Session
from annotator.ui.widgets.memo_list import MemoList


class NewMemoDialog(QDialog):
    """A box for one memo about ``about`` (words naming the passage or item)."""

    def __init__(self, about: str, write: Callable[[str], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New memo")
        self.write = write
        self.heading = heading = plain_label(f"Memo on {about}", self)
        heading.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText("A question, a doubt, what to check…")
        self.editor.setTabChangesFocus(True)
        self.count = plain_label("", self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add Memo")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(self._count)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(460, 260)
        self._count()

    def _count(self) -> None:
        n = len(self.editor.toPlainText().strip())
        self.count.setText(
            f"{n:,} of at most {NOTE_MAX_CHARS:,} characters" if n > NOTE_MAX_CHARS else ""
        )
        self.count.setStyleSheet("color: #c62828;" if n > NOTE_MAX_CHARS else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(n))

    def accept(self) -> None:
        if self.write(self.editor.toPlainText()):
            super().accept()  # refused: the session said why; the text stays to fix


class MemosDialog(QDialog):
    """Every memo on one thing (an article), to read, add, change or delete."""

    def __init__(
        self, session: Session, kind: str, target_id: str, about: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Memos")
        heading = plain_label(f"Memos on {about}", self)
        heading.setWordWrap(True)
        self.memos = MemoList(session, self)
        self.memos.list.setMaximumHeight(16777215)
        self.memos.show_for(kind, target_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.memos, 1)
        layout.addWidget(buttons)
        self.resize(520, 400)
