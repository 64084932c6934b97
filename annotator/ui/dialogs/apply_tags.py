"""Tag the items cited at the reader's selection: which items, and the tags to add."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted
from annotator.store.project import Project
from annotator.ui.common.plain import plain_label
from annotator.ui.widgets.tag_field import TagLineEdit

SHOWN_ITEMS = 6  # more are counted, not listed


class ApplyTagsDialog(QDialog):
    def __init__(
        self, project: Project, items: list[tuple[str, str, str]], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.items = items
        self.setWindowTitle("Tag items at the selection")
        lines = [f"{kind}: {label[:90]}" for kind, _id, label in items[:SHOWN_ITEMS]]
        if len(items) > SHOWN_ITEMS:
            lines.append(f"and {counted(len(items) - SHOWN_ITEMS, 'more item')}")
        intro = plain_label(
            f"The selection is cited for {counted(len(items), 'item')}:\n" + "\n".join(lines), self
        )
        intro.setWordWrap(True)
        self.tags_edit = TagLineEdit(project, "", self)
        form = QFormLayout()
        form.addRow("Ta&gs to add", self.tags_edit)
        self.error = QLabel(self)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        if not self.tags_edit.tags():
            self.error.setText("Type a tag (or several, separated by commas), or Cancel.")
            self.error.show()
            return
        super().accept()
