"""The line above the article: its title, outlet, author, publication date and address, so
the analyst always knows what they are reading (and can open the original)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from annotator.core.dates.value import edtf_shown
from annotator.core.text import counted
from annotator.store.article_head import article_head
from annotator.store.notes import notes_on
from annotator.store.project import Project
from annotator.store.versions import version_infos
from annotator.ui.common.plain import link
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.reader.grades import SourceGrades
from annotator.ui.reader.view import ReaderView


def published_text(published: str | None, day_first: bool) -> str:
    if not published:
        return "no publication date (Ctrl+D sets one)"
    return edtf_shown(published, day_first)


class ArticleHeader(QWidget):
    openVersion = Signal(str)  # another version's article id, from the version line
    showChanges = Signal()  # "what changed" asked from the version line

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
        # Which version this is, when the article has others: links open them or the diff.
        self.versions = QLabel(self)
        self.versions.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts only
        self.versions.setWordWrap(True)
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.versions.linkActivated.connect(self._version_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 4)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        self.grades = SourceGrades(session, self)  # the outlet's and the article's grades
        layout.addWidget(self.grades)
        layout.addWidget(self.versions)
        # The article's own memos: how many, and a link that opens them to read or write.
        self.memos = QLabel(self)
        self.memos.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts only
        self.memos.linkActivated.connect(lambda _href: self.open_memos())
        layout.addWidget(self.memos)
        reader.articleLoaded.connect(self.refresh)
        session.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        # any article: a new version added (or undone) changes the open one's version line;
        # a memo written on this article changes its memo line
        if self.reader.article_id and ("articles" in changes or "notes" in changes):
            self.refresh()

    def refresh(self, *_loaded: object) -> None:
        article_id = self.reader.article_id
        row = article_head(self.session.project, article_id) if article_id else None
        self.setVisible(row is not None)
        if row is None:
            return
        self.title.setText(row["title"] or "(untitled)")
        self.details.setText(self.details_html(row))
        self.grades.show_article(row["id"])
        # version_infos is kept per project until the articles change (store.versions)
        line = version_line(self.session.project, row["id"])
        self.versions.setText(line)
        self.versions.setVisible(bool(line))
        n = len(notes_on(self.session.project, "article", row["id"]))
        if n:
            self.memos.setText(link(f"{counted(n, 'memo')} on this article", "memos"))
        elif self.session.readonly:
            self.memos.setText("")
        else:
            self.memos.setText(link("Write a memo on this article…", "memos"))

    def _version_link(self, href: str) -> None:
        if href == "changes":
            self.showChanges.emit()
        elif href.startswith("open:"):
            self.openVersion.emit(href.removeprefix("open:"))

    def open_memos(self) -> None:
        from annotator.ui.dialogs.memo import MemosDialog

        article_id = self.reader.article_id
        row = article_head(self.session.project, article_id) if article_id else None
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


def version_line(project: Project, article_id: str) -> str:
    """ "Version 1 of 2, superseded by version 2 · Show what changed" (links), or ""."""
    infos = version_infos(project)
    info = infos.get(article_id)
    if info is None:
        return ""
    parts = [escape(f"Version {info.number} of {info.total}")]
    if info.newer:
        newer = infos[info.newer].number
        parts[0] += f", superseded by {link(f'version {newer}', f'open:{info.newer}')}"
    elif info.number < info.total:  # a side branch (two files merged): name the newest
        parts[0] += ", not the newest"
    parts.append(link("Show what changed", "changes"))
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
