"""Edit Selected: several events (or claims) changed at once.

Every field starts at "(keep)", with what the items hold now beside it (one value, or the
mix of values, counted); a field left at "(keep)" changes nothing. Tags and actors are
added or removed, never replaced wholesale. The dialog only collects the changes
(``changes()``); the caller runs them as one edit.

The fields are a table (``BULK_FIELDS``): a new column an analyst should be able to set on
many items at once is one more entry there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import InputError
from annotator.core.text import counted
from annotator.core.vocabulary import (
    ASSESSMENTS,
    CONFIDENCES,
    FACT_STATUS_WORDS,
    FACT_STATUSES,
    STANCES,
)
from annotator.store.actor_links import split_actor_text
from annotator.store.bulk_edits import BulkChanges, BulkSummary
from annotator.ui.common.plain import plain_label
from annotator.ui.dialogs.forms import error_label

KEEP = object()  # a combo's "(keep)" entry


@dataclass(frozen=True)
class BulkField:
    name: str  # the column, as ``operations.update_item`` takes it
    label: str  # with its & mnemonic
    kinds: tuple[str, ...]  # "event", "claim"
    choices: tuple[str | None, ...] | None = None  # None: free text
    none_word: str = "none"  # how an empty value reads
    words: Mapping[str, str] | None = None  # how a stored value reads, where it is a code


BULK_FIELDS: tuple[BulkField, ...] = (
    BulkField("type", "&Type", ("event",), none_word="no type"),
    BulkField("confidence", "C&onfidence", ("event",), (*CONFIDENCES, None), "not stated"),
    BulkField("stance", "&Stance", ("claim",), STANCES),
    BulkField("assessment", "A&ssessment", ("claim",), ASSESSMENTS),
    BulkField(
        "fact_status",
        "&Fact status",
        ("event", "claim"),
        (*FACT_STATUSES, None),
        "not judged",
        FACT_STATUS_WORDS,
    ),
)


def fields_for(kind: str) -> list[BulkField]:
    return [f for f in BULK_FIELDS if kind in f.kinds]


def now_words(values: Counter[Any], none_word: str, words: Mapping[str, str] | None = None) -> str:
    """ "all high", "mixed: high 2, low 1" """

    def word(v: Any) -> str:
        return (words or {}).get(str(v), str(v)) if v not in (None, "") else none_word

    if len(values) == 1:
        (only,) = values
        return f"all {word(only)}"
    parts = ", ".join(f"{word(v)} {n}" for v, n in values.most_common())
    return f"mixed: {parts}"


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class BulkEditDialog(QDialog):
    def __init__(
        self,
        kind: str,
        summary: BulkSummary,
        *,
        tag_names: Sequence[str] = (),
        actor_names: Sequence[str] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.kind = kind
        self.summary = summary
        noun = counted(summary.count, kind)
        self.setWindowTitle(f"Edit {noun}")
        form = QFormLayout()
        self.field_widgets: dict[str, QComboBox | QLineEdit] = {}
        for spec in fields_for(kind):
            now = now_words(summary.fields.get(spec.name, Counter()), spec.none_word, spec.words)
            if spec.choices is None:
                edit = QLineEdit(self)
                edit.setPlaceholderText(f"(keep) {now}")
                self.field_widgets[spec.name] = edit
                form.addRow(spec.label, edit)
                continue
            combo = QComboBox(self)
            combo.addItem(f"(keep) {now}", KEEP)
            for choice in spec.choices:
                shown = (spec.words or {}).get(choice, choice) if choice is not None else None
                combo.addItem(shown if shown is not None else spec.none_word, choice)
            self.field_widgets[spec.name] = combo
            form.addRow(spec.label, combo)
        self.add_tags = QLineEdit(self)
        self.add_tags.setPlaceholderText("tags to add, separated by commas")
        tag_completer = QCompleter(list(tag_names), self)
        tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.add_tags.setCompleter(tag_completer)
        form.addRow("&Add tags", self.add_tags)
        self.remove_tags = self._checklist(
            [(t, t, n) for t, n in sorted(summary.tags.items(), key=lambda t: (-t[1], t[0]))],
            "(none of them has a tag)",
        )
        form.addRow("&Remove tags", self.remove_tags)
        self.add_actors: QLineEdit | None = None
        self.remove_actors: QListWidget | None = None
        if kind == "event":
            self.add_actors = QLineEdit(self)
            self.add_actors.setPlaceholderText("Name: role; Other name")
            actor_completer = QCompleter(list(actor_names), self)
            actor_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            actor_completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.add_actors.setCompleter(actor_completer)
            form.addRow("Add a&ctors", self.add_actors)
            self.remove_actors = self._checklist(
                [(a, name, n) for a, name, n in summary.actors], "(none of them has an actor)"
            )
            form.addRow("Remo&ve actors", self.remove_actors)
        head = plain_label(
            f"{noun} selected. Fields left at “(keep)” stay as they are on each of them.", self
        )
        head.setWordWrap(True)
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._changes: BulkChanges | None = None

    def _checklist(self, entries: list[tuple[str, str, int]], empty: str) -> QListWidget:
        """Tick what to take away; each entry says on how many of the items it is."""
        box = QListWidget(self)
        for key, text, n in entries:
            item = QListWidgetItem(f"{text} ({n} of {self.summary.count})", box)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if not entries:
            box.addItem(empty)
            box.setEnabled(False)
        box.setMaximumHeight(96)
        return box

    @staticmethod
    def _ticked(box: QListWidget | None) -> list[str]:
        if box is None:
            return []
        return [
            box.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(box.count())
            if box.item(i).checkState() == Qt.CheckState.Checked
        ]

    def changes(self) -> BulkChanges:
        """What the analyst asked for; raises InputError naming a field it cannot use."""
        fields: dict[str, Any] = {}
        for name, widget in self.field_widgets.items():
            if isinstance(widget, QLineEdit):
                if widget.text().strip():
                    fields[name] = widget.text().strip()
            elif widget.currentData() is not KEEP:
                fields[name] = widget.currentData()
        text = self.add_actors.text() if self.add_actors else ""
        for part in text.split(";"):
            if part.strip() and not part.partition(":")[0].strip():
                raise InputError(
                    f"“{part.strip()}” names no actor",
                    where="Add actors",
                    hint="write the name before the role: Name: role",
                )
        actors = split_actor_text(text)
        return BulkChanges(
            fields=fields,
            add_tags=split_tags(self.add_tags.text()),
            remove_tags=self._ticked(self.remove_tags),
            add_actors=actors,
            remove_actors=self._ticked(self.remove_actors),
        )

    def accept(self) -> None:
        try:
            self._changes = self.changes()
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

    @property
    def result_changes(self) -> BulkChanges | None:
        return self._changes
