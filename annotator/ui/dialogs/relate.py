"""Relate two events: which relation, read from the first event, and an optional note.

The other event is either given (two events selected in the table) or picked here by words
of its headline or by its date; each search is one bounded read (``find_events``), so the
picker opens as fast at 100,000 events as at ten. The dialog only collects values; the
caller runs the edit (one undo step).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.core.text import counted
from annotator.core.vocabulary import RELATION_KINDS, relation_words
from annotator.store.project import Project
from annotator.store.relations import find_events
from annotator.ui.common.plain import plain_label
from annotator.ui.dialogs.forms import error_label

EVENT_ROLE = Qt.ItemDataRole.UserRole
PICK_LIMIT = 50


class Relation(NamedTuple):
    """A relation in its stored direction."""

    source_id: str
    kind: str
    target_id: str
    note: str


# Each reading offered: (words, stored kind, read from the other end).
READINGS = [
    (relation_words(kind, reverse=reverse), kind, reverse)
    for kind in RELATION_KINDS
    for reverse in (False, True)
]


def _short(headline: str, size: int = 70) -> str:
    return headline if len(headline) <= size else headline[: size - 1] + "…"


def shown_date(edtf: object, day_first: bool = True) -> str:
    """An event's date as the rest of the window shows it ("2 Mar 2025"); "undated"."""
    if not edtf:
        return "undated"
    try:
        return DateValue.from_edtf(str(edtf)).display(day_first)
    except AnnotatorError:
        return str(edtf)


class RelateDialog(QDialog):
    def __init__(
        self,
        project: Project,
        event: dict[str, object],
        other: dict[str, object] | None = None,
        parent: QWidget | None = None,
        *,
        day_first: bool = True,
    ):
        super().__init__(parent)
        self.setWindowTitle("Relate events")
        self.project = project
        self.event_id = str(event["id"])
        self.other = other
        self.day_first = day_first
        self.kind = QComboBox(self)
        for words, kind, reverse in READINGS:
            self.kind.addItem(words, (kind, reverse))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("why you say so (optional)")
        self.error = error_label(self)
        form = QFormLayout()
        first = plain_label(
            f"“{_short(str(event['headline']))}” ({shown_date(event.get('date'), day_first)})"
        )
        form.addRow("This event", first)
        form.addRow("&is", self.kind)
        self.search = QLineEdit(self)
        self.matches = QListWidget(self)
        self.found = plain_label("", self)
        if other is None:
            self.search.setPlaceholderText("words of its headline, or a date: 2025-03-02")
            self.search.textChanged.connect(self._find)
            self.search.returnPressed.connect(self._take_first)
            form.addRow("the &event", self.search)
            form.addRow("", self.matches)
            form.addRow("", self.found)
            self.matches.itemDoubleClicked.connect(lambda _i: self.accept())
            self._find("")
        else:
            self.search.hide()
            self.matches.hide()
            self.found.hide()
            when = shown_date(other.get("date"), day_first)
            form.addRow("the event", plain_label(f"“{_short(str(other['headline']))}” ({when})"))
        form.addRow("&Note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Relate")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 420 if other is None else 160)
        (self.search if other is None else self.kind).setFocus()

    def _find(self, text: str) -> None:
        rows = find_events(self.project, text, exclude=self.event_id, limit=PICK_LIMIT)
        self.matches.clear()
        for r in rows:
            item = QListWidgetItem(f"{shown_date(r['date'], self.day_first)} · {r['headline']}")
            item.setData(EVENT_ROLE, r["id"])
            item.setToolTip(r["headline"])
            self.matches.addItem(item)
        if rows:
            self.matches.setCurrentRow(0)
        more = f" (the first {PICK_LIMIT}: type more to narrow)" if len(rows) >= PICK_LIMIT else ""
        self.found.setText(
            f"{counted(len(rows), 'event')} found{more}" if rows else "No event found."
        )

    def _take_first(self) -> None:
        if self.matches.currentItem() is not None:
            self.accept()

    def choose_kind(self, words: str) -> None:
        """Pick the relation by its words ("follows", "caused by"...)."""
        self.kind.setCurrentIndex(self.kind.findText(words))

    def other_id(self) -> str | None:
        if self.other is not None:
            return str(self.other["id"])
        item = self.matches.currentItem()
        return None if item is None else str(item.data(EVENT_ROLE))

    def relation(self) -> Relation | None:
        """What was chosen, in its stored direction ("A follows B" is "B precedes A")."""
        other = self.other_id()
        if other is None:
            return None
        kind, reverse = self.kind.currentData()
        note = self.note.text().strip()
        if reverse:
            return Relation(other, kind, self.event_id, note)
        return Relation(self.event_id, kind, other, note)

    def accept(self) -> None:
        if self.other_id() is None:
            self.error.setText("Pick the other event from the list first.")
            self.error.show()
            return
        super().accept()
