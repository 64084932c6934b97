"""Small dialogs: an article's metadata, preferences, and the offer to add an alias.

Each dialog only collects values; the caller turns them into one ChangeSet (operations) and
runs it through the session, so every change here is undoable.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates.parse import parse_user_date
from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError, DateError
from annotator.core.text import counted
from annotator.ui.common.plain import plain_label, rich_escaped
from annotator.ui.common.settings import Preferences


def error_label(parent: QWidget) -> QLabel:
    label = plain_label("", parent)  # an error may quote what was typed
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    return label


class ArticleMetadataDialog(QDialog):
    """Title, outlet, author, URL and publication date of one article."""

    def __init__(
        self,
        article: dict[str, Any],
        *,
        day_first: bool = True,
        reason: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Article details")
        self.day_first = day_first
        self.article = article
        self.title_edit = QLineEdit(article.get("title") or "", self)
        self.outlet_edit = QLineEdit(article.get("outlet") or "", self)
        self.author_edit = QLineEdit(article.get("author") or "", self)
        self.url_edit = QLineEdit(article.get("url") or "", self)
        published = article.get("published")
        shown = ""
        if published:
            try:
                shown = DateValue.from_edtf(published).display(day_first)
            except AnnotatorError:
                shown = published
        self.published_edit = QLineEdit(shown, self)
        self.published_edit.setPlaceholderText("e.g. 4 March 2025")
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Outlet", self.outlet_edit)
        form.addRow("&Author", self.author_edit)
        form.addRow("&URL", self.url_edit)
        form.addRow("&Published", self.published_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if reason:
            note = plain_label(reason, self)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        if reason and not published:
            self.published_edit.setFocus()

    def published_value(self) -> DateValue | None:
        text = self.published_edit.text().strip()
        return parse_user_date(text, day_first=self.day_first) if text else None

    def values(self) -> dict[str, Any]:
        """Fields for ``operations.update_article``; raises DateError for a bad date."""
        return {
            "title": self.title_edit.text(),
            "outlet": self.outlet_edit.text(),
            "author": self.author_edit.text(),
            "url": self.url_edit.text(),
            "published": self.published_value(),
        }

    def accept(self) -> None:
        if not self.title_edit.text().strip():
            self._fail("A title cannot be empty.", self.title_edit)
            return
        try:
            self.published_value()
        except DateError as exc:
            self._fail(str(exc), self.published_edit)
            return
        super().accept()

    def _fail(self, text: str, widget: QWidget) -> None:
        self.error.setText(text)
        self.error.show()
        widget.setFocus()


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.analyst_edit = QLineEdit(prefs.analyst, self)
        self.analyst_edit.setPlaceholderText("your name, recorded on every edit")
        self.day_first_check = QCheckBox("Day before month in dates (4/3/2025 is 4 March)", self)
        self.day_first_check.setChecked(prefs.day_first)
        self.theme_combo = QComboBox(self)
        for value, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            self.theme_combo.addItem(label, value)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(prefs.theme)))
        self.text_size_spin = QDoubleSpinBox(self)
        self.text_size_spin.setRange(0, 40)
        self.text_size_spin.setSingleStep(0.5)
        self.text_size_spin.setDecimals(1)
        self.text_size_spin.setSuffix(" pt")
        self.text_size_spin.setSpecialValueText("automatic")  # 0: suits the screen
        self.text_size_spin.setValue(prefs.text_size)
        form = QFormLayout()
        form.addRow("&Analyst name", self.analyst_edit)
        form.addRow("", self.day_first_check)
        form.addRow("&Theme", self.theme_combo)
        form.addRow("Article &text size", self.text_size_spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def preferences(self) -> Preferences:
        return Preferences(
            analyst=self.analyst_edit.text().strip(),
            day_first=self.day_first_check.isChecked(),
            theme=str(self.theme_combo.currentData()),
            text_size=self.text_size_spin.value(),
        )


def offer_alias(parent: QWidget | None, selected: str, actor_name: str) -> str:
    """Ask whether ``selected`` is another name of an existing actor.

    Returns "alias" (add it as an alias and cite the passage), "new" (make a new actor) or
    "cancel". Uses the static QMessageBox.question, which tests patch.
    """
    answer = QMessageBox.question(
        parent,
        "Add an alias?",
        rich_escaped(
            f"“{selected}” looks like {actor_name}.\n\nAdd it as another name of {actor_name} "
            f"(and cite this passage for {actor_name})?\nChoose No to make a new actor."
        ),
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Yes,
    )
    if answer == QMessageBox.StandardButton.Yes:
        return "alias"
    if answer == QMessageBox.StandardButton.No:
        return "new"
    return "cancel"


class OrphansDialog(QDialog):
    """Passages that could not be found again in their article: kept, listed, never deleted."""

    def __init__(self, orphans: list[dict[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Orphaned passages")
        self.resize(640, 360)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)  # title over quote, wrapped: nothing hidden sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(3)
        for o in orphans:
            self.list.addItem(f"{o['article_title']}\n“{o['quote'][:300]}”")
        note = QLabel(
            f"{counted(len(orphans), 'passage')} no longer match their article's text and could "
            "not be found again. Their items keep them as evidence; nothing was deleted."
            if orphans
            else "Every passage is anchored in its article.",
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
