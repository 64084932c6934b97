"""The line above the article: its title, outlet, author, publication date and address, so
the analyst always knows what they are reading (and can open the original)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.core.text import counted
from annotator.store.notes import notes_on
from annotator.ui.common.plain import link
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.reader.view import ReaderView


def published_text(published: str | None, day_first: bool) -> str:
    if not published:
        return "no publication date (Ctrl+D sets one)"
    try:
        return DateValue.from_edtf(published).display(day_first)
    except AnnotatorError:
        return published


class ArticleHeader(QWidget):
    def __init__(self, session: Session, reader: ReaderView, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.reader = session, reader
        self.memo_dialog: QDialog | None = None  # while open (tests drive it)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts only
        self.details.setOpenExternalLinks(True)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 4)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        # The article's own memos: how many, and a link that opens them to read or write.
        self.memos = QLabel(self)
        self.memos.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts only
        self.memos.linkActivated.connect(lambda _href: self.open_memos())
        layout.addWidget(self.memos)
        reader.articleLoaded.connect(self.refresh)
        session.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self.reader.article_id and (
            self.reader.article_id in changes.ids("articles") or "notes" in changes
        ):
            self.refresh()

    def refresh(self, *_loaded: object) -> None:
        article_id = self.reader.article_id
        row = self.session.project.row("articles", article_id) if article_id else None
        self.setVisible(row is not None)
        if row is None:
            return
        self.title.setText(row["title"] or "(untitled)")
        self.details.setText(self.details_html(row))
        n = len(notes_on(self.session.project, "article", row["id"]))
        if n:
            self.memos.setText(link(f"{counted(n, 'memo')} on this article", "memos"))
        elif self.session.readonly:
            self.memos.setText("")
        else:
            self.memos.setText(link("Write a memo on this article…", "memos"))

    def open_memos(self) -> None:
        from annotator.ui.dialogs.memo import MemosDialog

        article_id = self.reader.article_id
        row = self.session.project.row("articles", article_id) if article_id else None
        if row is None:
            return
        dialog = MemosDialog(
            self.session, "article", row["id"], f"the article “{row['title'][:80]}”", self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.memo_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "memo_dialog", None))
        dialog.open()

    def details_html(self, row: dict[str, Any]) -> str:
        parts = [escape(x) for x in (row.get("outlet"), row.get("author")) if x]
        parts.append(escape(published_text(row.get("published"), self.session.day_first)))
        url = row.get("url") or ""
        if url.lower().startswith(("http://", "https://")):  # never another scheme as a link
            parts.append(link(url, url))
        elif url:
            parts.append(escape(url))
        return " · ".join(parts)


class ReaderPane(QWidget):
    """The header over the reader: the window's central widget."""

    def __init__(self, session: Session, reader: ReaderView, parent: QWidget | None = None):
        super().__init__(parent)
        self.header = ArticleHeader(session, reader, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(reader, 1)
        self.setFocusProxy(reader)
