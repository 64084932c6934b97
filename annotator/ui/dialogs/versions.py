"""Versions of an article: the form that imports a new one, and the view of what changed."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted
from annotator.core.text_diff import summary, word_diff
from annotator.ui.common.plain import action_text

IMPORT_FILTER = (
    "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.docx *.eml);;All files (*)"
)


def article_choice(row: dict[str, Any]) -> str:
    bits = [row["title"][:80], row.get("outlet") or "", row.get("version") or ""]
    return " — ".join(b for b in bits if b)


class NewVersionDialog(QDialog):
    """Which article a file updates, and the file. The import itself is the caller's."""

    def __init__(
        self, articles: list[dict[str, Any]], current: str | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Import New Version")
        self.article = QComboBox(self)
        # long titles are elided in the box, not allowed to widen the dialog
        self.article.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.article.setMinimumContentsLength(40)
        for row in articles:
            self.article.addItem(article_choice(row), row["id"])
        if current is not None and (i := self.article.findData(current)) >= 0:
            self.article.setCurrentIndex(i)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText("the updated article's file")
        browse = QPushButton(action_text("Browse…"), self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Updates:", self.article)
        file_label = QLabel("&File:", self)
        file_label.setBuddy(self.path)  # a row of a layout gets no buddy by itself
        form.addRow(file_label, file_row)
        note = QLabel(
            "The article is kept as it is. Every passage cited in it is looked for in the new "
            "text and its citations move there; a passage that is no longer there stays cited "
            "on the old version and is listed under Orphaned passages. One Undo removes it all.",
            self,
        )
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.resize(560, 220)  # room for the wrapped note (its height follows its width)
        self._update()

    def values(self) -> tuple[str, Path]:
        return str(self.article.currentData()), Path(self.path.text().strip()).expanduser()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "New version of the article", "", IMPORT_FILTER)
        if path:
            self.path.setText(path)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path.text().strip()) and self.article.count() > 0)
        self.error.hide()

    def _accept(self) -> None:
        _, path = self.values()
        if not path.is_file():
            self.error.setText(f"{path}: no such file. Choose the file with Browse….")
            self.error.show()
            return
        self.accept()


# Inserted words on green, deleted ones struck through on red: the colours of every diff tool.
_STYLE = {
    "inserted": "background-color:#c9f2c9; color:#0b3d0b;",
    "deleted": "background-color:#f6caca; color:#5c0a0a; text-decoration:line-through;",
}


def diff_html(old: str, new: str) -> tuple[str, str]:
    """The new text with the changes marked, and a one-line summary of them."""
    runs = word_diff(old, new)
    parts = []
    for run in runs:
        text = escape(run.text, quote=False)
        style = _STYLE.get(run.kind)
        parts.append(f'<span style="{style}">{text}</span>' if style else text)
    s = summary(runs)
    if not s.places:
        words = "The two versions have the same text."
    else:
        words = (
            f"{counted(s.places, 'change')}: {counted(s.inserted, 'word')} added, "
            f"{counted(s.deleted, 'word')} removed."
        )
    body = "".join(parts)
    return f'<div style="white-space: pre-wrap;">{body}</div>', words


class VersionDiffDialog(QDialog):
    """Two versions of an article side by side in one text: what the newer one added and
    what it removed."""

    def __init__(
        self,
        versions: list[dict[str, Any]],
        old_id: str,
        new_id: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"What changed — {versions[-1]['title'][:60]}")
        self._texts = {v["id"]: v["text"] for v in versions}
        self.old = QComboBox(self)
        self.new = QComboBox(self)
        for v in versions:
            name = v.get("version") or v["title"]
            for combo in (self.old, self.new):
                combo.addItem(name, v["id"])
        self.old.setCurrentIndex(max(0, self.old.findData(old_id)))
        self.new.setCurrentIndex(max(0, self.new.findData(new_id)))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        pick = QHBoxLayout()
        for text, combo in (("&From:", self.old), ("&To:", self.new)):
            name = QLabel(text, self)
            name.setBuddy(combo)
            pick.addWidget(name)
            pick.addWidget(combo, 1)
        key = QLabel(
            f'<span style="{_STYLE["inserted"]}">added</span> · '
            f'<span style="{_STYLE["deleted"]}">removed</span>',
            self,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(key)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.old.currentIndexChanged.connect(self.show_diff)
        self.new.currentIndexChanged.connect(self.show_diff)
        self.resize(760, 560)
        self.show_diff()

    def show_diff(self, *_index: int) -> None:
        old = self._texts[self.old.currentData()]
        new = self._texts[self.new.currentData()]
        html, words = diff_html(old, new)
        self.text.setHtml(html)
        self.summary.setText(words)
