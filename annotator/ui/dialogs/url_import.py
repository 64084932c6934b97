"""File > Import from URL: the web addresses to fetch, one per line, checked as typed.

An address that can never be fetched (not http or https, no host, a space in it) is named
under the box and Import stays off, so nothing is sent for it; everything that can only
be found out by fetching (a 404, a time-out, a video) is said after the fetch.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import InputError
from annotator.core.files import describe_size
from annotator.core.importers.web import MAX_BYTES, TIMEOUT, check_address
from annotator.ui.dialogs.forms import error_label

PLACEHOLDER = "https://www.example.org/news/2025/03/04/bridge-plan-delayed"


class UrlImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import from URL")
        self.setMinimumWidth(560)
        intro = QLabel(
            "Web addresses of pages, PDF files, RSS or Atom feeds, or plain text, one per line:"
        )
        intro.setWordWrap(True)
        self.addresses = QPlainTextEdit()
        self.addresses.setPlaceholderText(PLACEHOLDER)
        self.addresses.setTabChangesFocus(True)
        self.addresses.setMinimumHeight(110)
        intro.setBuddy(self.addresses)
        self.problem = error_label(self)
        note = QLabel(
            f"Each address is fetched with a {TIMEOUT:g}-second time-out and a "
            f"{describe_size(MAX_BYTES)} limit; redirects are followed and recorded, and "
            "the time it was fetched is kept with the article. A feed gives one article per "
            "entry. An address already in the project is not imported again. "
            "The whole import is one step: Undo removes it."
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.addresses)
        layout.addWidget(self.problem)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.addresses.textChanged.connect(self._check)
        self._check()

    def urls(self) -> list[str]:
        """The addresses typed, in order, each once."""
        seen: dict[str, None] = {}
        for line in self.addresses.toPlainText().splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
        return list(seen)

    def _check(self) -> None:
        urls = self.urls()
        problems = []
        for url in urls:
            try:
                check_address(url)
            except InputError as exc:
                problems.append(str(exc))
        self.problem.setText("\n".join(problems[:3]))
        self.problem.setVisible(bool(problems))
        self.import_button.setEnabled(bool(urls) and not problems)

    def accept(self) -> None:
        if self.import_button.isEnabled():
            super().accept()
