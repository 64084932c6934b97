"""Web addresses for the articles an export needs them for (Hypothesis annotates live pages):
one field per article, checked as http(s) addresses; a field left blank leaves that
article's citations out. The dialog only collects them: the caller saves them as one edit."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted
from annotator.ui.common.plain import plain_label
from annotator.ui.dialogs.forms import error_label


def url_problem(text: str) -> str | None:
    """Why ``text`` is not a web address Hypothesis can annotate, or None when it is one."""
    if any(ch.isspace() for ch in text):
        return "has a space in it"
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        return "does not start with http:// or https://"
    if not parts.hostname or "." not in parts.hostname.strip("."):
        return "names no web site (such as www.example.org)"
    return None


class ArticleUrlsDialog(QDialog):
    def __init__(self, missing: dict[str, tuple[str, int]], parent: QWidget | None = None):
        """``missing``: article id -> (title, citations that need its address)."""
        super().__init__(parent)
        self.setWindowTitle("Web addresses for Hypothesis")
        self.titles = {article_id: title for article_id, (title, _n) in missing.items()}
        n = len(missing)
        these = "This article has" if n == 1 else f"These {counted(n, 'article')} have"
        intro = plain_label(
            "Hypothesis annotates pages on the web, so it needs each cited article's address."
            f" {these} none. Give the addresses you have; an article left blank is left out"
            " of the export.",
            self,
        )
        intro.setWordWrap(True)
        self.error = error_label(self)
        form = QVBoxLayout()
        self.edits: dict[str, QLineEdit] = {}
        for article_id, (title, cited) in missing.items():
            edit = QLineEdit(self)
            edit.setPlaceholderText("https://…")
            edit.setObjectName(f"url-{article_id}")
            edit.textEdited.connect(lambda _text: self.error.hide())
            shown = title if len(title) <= 90 else title[:89] + "…"
            label = plain_label(f"{shown} ({counted(cited, 'citation')})", self)
            label.setToolTip(title)
            label.setBuddy(edit)
            form.addWidget(label)
            form.addWidget(edit)
            form.addSpacing(6)
            self.edits[article_id] = edit
        form.addStretch(1)
        fields = QWidget(self)
        fields.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(min(400, 20 + 62 * n))
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setMinimumWidth(620)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            "Save and Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def urls(self) -> dict[str, str]:
        """The addresses given (blank fields are not in it)."""
        return {i: e.text().strip() for i, e in self.edits.items() if e.text().strip()}

    def left_blank(self) -> list[str]:
        return [self.titles[i] for i, e in self.edits.items() if not e.text().strip()]

    def accept(self) -> None:
        for article_id, text in self.urls().items():
            problem = url_problem(text)
            if problem:
                title = self.titles[article_id]
                self.error.setText(
                    f"“{title[:60]}”: “{text[:80]}” {problem}. Give its web address, such as"
                    " https://www.example.org/news/story, or leave the field blank to leave"
                    " the article out."
                )
                self.error.show()
                self.edits[article_id].setFocus()
                self.edits[article_id].selectAll()
                return
        super().accept()
