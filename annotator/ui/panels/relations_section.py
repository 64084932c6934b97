"""The inspector's Relations section: how the shown event relates to others, both ways,
each a link (double-click or Enter) that selects the other event; a click picks one to note
or remove; "Relate to…"; and a mark where the dates contradict a relation or an actor is in
two places on one day.

It refreshes itself after edits of relations or events (the rest of the inspector's form
is not rebuilt, so a field being typed in keeps its focus).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted
from annotator.store.relation_checks import event_warnings
from annotator.store.relations import RelationView, relations_of
from annotator.ui.common.plain import plain_label
from annotator.ui.dialogs.relate import RelateDialog, shown_date
from annotator.ui.editing import edits
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session

RELATION_ROLE = Qt.ItemDataRole.UserRole
_WATCHED = frozenset({"event_relations", "events", "event_actors", "actors"})


class RelationsSection(QWidget):
    eventChosen = Signal(str)  # the other event of a relation, to select it

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.event_id: str | None = None
        self.label = plain_label("Relations", self)
        self.warnings = plain_label("", self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b45309;")
        self.warnings.setToolTip(
            "Dates that contradict a relation, or an actor in two places on one day: "
            "see also the worklists"
        )
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.list.setMaximumHeight(140)
        # A click picks a relation (to note or remove it); a double-click or Enter follows it.
        self.list.itemActivated.connect(self._choose)
        self.relate = QPushButton("Relate to…", self)
        self.relate.setToolTip(
            "Say this event is caused by, part of, or precedes another (Ctrl+Shift+L)"
        )
        self.relate.clicked.connect(self.ask_relate)
        self.remove = QPushButton("Remove relation", self)
        self.remove.clicked.connect(self._remove)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("note on the chosen relation (why you say so)")
        self.note.editingFinished.connect(self._commit_note)
        self.list.currentItemChanged.connect(lambda *_a: self._show_note())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.warnings)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.relate)
        buttons.addWidget(self.remove)
        layout.addLayout(buttons)
        self.dialog: RelateDialog | None = None
        session.changed.connect(self._on_changed)

    def show_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.setVisible(event_id is not None)
        self.reload()

    def reload(self) -> None:
        current = self.list.currentItem()
        keep = current.data(RELATION_ROLE)["id"] if current is not None else None
        self.list.clear()
        if self.event_id is None or self.session.project.closed:
            return
        project = self.session.project
        rows = relations_of(project, self.event_id)
        self.label.setText(
            f"Relations ({len(rows)}) — double-click one to go to that event"
            if rows
            else "Relations: none yet"
        )
        for r in rows:
            when = shown_date(r["other_date"], self.session.day_first)
            text = f"{r['words'].capitalize()} “{r['other_headline']}” ({when})"
            if r["note"]:
                text += f"\n    note: {r['note']}"
            item = QListWidgetItem(text)
            item.setData(RELATION_ROLE, r)
            item.setToolTip("Double-click (or Enter) to go to this event")
            item.setForeground(self.palette().link())
            self.list.addItem(item)
            if r["id"] == keep:
                self.list.setCurrentItem(item)
        self.list.setVisible(bool(rows))
        self.note.setVisible(bool(rows))
        self._show_note()
        found = event_warnings(project, self.event_id, day_first=self.session.day_first)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in found))
        self.warnings.setVisible(bool(found))
        self.warnings.setAccessibleName(counted(len(found), "warning"))
        readonly = self.session.readonly
        self.relate.setEnabled(not readonly)
        self.remove.setEnabled(not readonly and bool(rows))
        self.note.setEnabled(not readonly and bool(rows))

    def rows(self) -> list[RelationView]:
        return [self.list.item(i).data(RELATION_ROLE) for i in range(self.list.count())]

    def _on_changed(self, changes: Changes) -> None:
        if self.event_id is not None and changes.touches(_WATCHED):
            if self.session.project.row("events", self.event_id) is None:
                return  # deleted: the inspector clears itself
            self.reload()

    def _choose(self, item: QListWidgetItem) -> None:
        self.eventChosen.emit(item.data(RELATION_ROLE)["other_id"])

    def ask_relate(self) -> None:
        """Open the picker; the relation is written when it is accepted (one undo step)."""
        if self.event_id is None or self.session.readonly:
            return
        row = self.session.project.row("events", self.event_id)
        if row is None:
            return
        dialog = RelateDialog(
            self.session.project, row, parent=self.window(), day_first=self.session.day_first
        )
        self.dialog = dialog

        def done(result: int) -> None:
            relation = dialog.relation() if result else None
            dialog.deleteLater()
            self.dialog = None
            if relation is not None:
                edits.relate_events(self.session, *relation, source=self)

        dialog.finished.connect(done)
        dialog.open()

    def _show_note(self) -> None:
        item = self.list.currentItem()
        self.note.setText(item.data(RELATION_ROLE)["note"] if item is not None else "")
        self.note.setEnabled(item is not None and not self.session.readonly)

    def _commit_note(self) -> None:
        item = self.list.currentItem()
        if item is None or self.session.readonly or self.session.project.closed:
            return
        relation: RelationView = item.data(RELATION_ROLE)
        if self.note.text().strip() != relation["note"]:
            edits.set_relation_note(self.session, relation["id"], self.note.text(), source=self)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        relation: RelationView = item.data(RELATION_ROLE)
        edits.unrelate_events(self.session, relation["id"], source=self)


def warnings_shown(section: RelationsSection) -> list[str]:
    text = section.warnings.text()
    return [line.removeprefix("⚠ ") for line in text.splitlines()] if text else []
