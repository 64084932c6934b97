"""Actors: name, kind, aliases and how often each is mentioned; search, edit, merge.

Mentions count citations of the actor, the events it takes part in and the claims it makes,
each aggregated once per query (GROUP BY over an index), not per row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted
from annotator.core.vocabulary import ACTOR_KINDS
from annotator.store.panel_queries import actor_rows
from annotator.store.rows import DAMAGED_ALIASES, aliases_or_none
from annotator.ui.common.plain import action_text, plain, rich_escaped
from annotator.ui.editing import edits
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.widgets.delegates import ComboDelegate
from annotator.ui.widgets.id_rows_model import IdRowsModel
from annotator.ui.widgets.panel import Panel
from annotator.ui.widgets.refresh_when_shown import RefreshWhenShown

if TYPE_CHECKING:
    from annotator.ui.dialogs.tag_passages import TagPassagesDialog

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Name", "Kind", "Aliases", "Mentions")
KEYS = ("name", "kind", "aliases", "mentions")
ID_ROLE = Qt.ItemDataRole.UserRole
WATCHED = {"actors", "citations", "event_actors", "claims"}


class ActorsModel(IdRowsModel):
    HEADERS = HEADERS

    def __init__(self, session: Session, parent: Any = None):
        super().__init__(session, parent)
        self._search = ""
        self.reload()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and KEYS[section] == "mentions":
                return "citations + events taking part in + claims made"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if KEYS[index.column()] != "mentions" and not self.session.readonly:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = KEYS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "aliases":
                aliases = aliases_or_none(row)
                return DAMAGED_ALIASES if aliases is None else "; ".join(aliases)
            return row[key]
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.ToolTipRole and key == "mentions":
            return (
                f"{counted(row['citations'], 'citation')}, {counted(row['events'], 'event')}, "
                f"{counted(row['claims'], 'claim')}"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "mentions":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = KEYS[index.column()]
        if key == "mentions":
            return False
        actor_id = self._rows[index.row()]["id"]
        if key == "aliases":
            value = [a.strip() for a in str(value).split(";") if a.strip()]
        return edits.update_item(self.session, "actor", actor_id, **{key: value})

    def set_search(self, text: str) -> None:
        self._search = text.strip()
        self.reload()

    def _read(self) -> list[dict[str, Any]]:
        return list(actor_rows(self.session.project, self._search))  # type: ignore[arg-type]

    def actor_id(self, row: int) -> str | None:
        return self.row_id(row)

    def actor_row(self, actor_id: str) -> dict[str, Any] | None:
        return next((r for r in self._rows if r["id"] == actor_id), None)

    def _sort_rows(self) -> None:
        column, descending = self._sort
        key = KEYS[column] if 0 <= column < len(KEYS) else "name"
        if key == "mentions":
            self._rows.sort(key=lambda r: (r["mentions"], r["name"].casefold()), reverse=descending)
        else:
            self._rows.sort(
                key=lambda r: (str(r[key] or "").casefold(), r["id"]), reverse=descending
            )


class ActorsPanel(RefreshWhenShown, Panel):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.session = session
        self.model = ActorsModel(session, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Type to find an actor or alias…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_search)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.kind_delegate = ComboDelegate(ACTOR_KINDS, self.view)
        self.view.setItemDelegateForColumn(KEYS.index("kind"), self.kind_delegate)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 100)
        header.resizeSection(2, 200)
        header.resizeSection(3, 80)
        self.merge_button = QPushButton("Merge selected…", self)
        self.merge_button.setToolTip(
            "Select two or more actors (Ctrl+click, Shift+click) to fold them into one"
        )
        self.merge_button.clicked.connect(self.merge_selected)
        self.passages_button = QPushButton("Passages…", self)
        self.passages_button.setToolTip(
            "Every passage cited for the actor, its events and its claims, in one list"
        )
        self.passages_button.clicked.connect(self.show_passages)
        self.passages_dialog: TagPassagesDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        row.addWidget(self.passages_button)
        row.addStretch(1)
        row.addWidget(self.merge_button)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.model.reload)
        self._selection_changed()

    def select_item(self, kind: str, id: str) -> None:
        if not id:  # nothing selected anywhere: no row stays highlighted here
            self.view.clearSelection()
            return
        if kind != "actor":
            return
        row = self.model.row_of(id)
        if row is None and self.search.text():
            self.search.clear()  # the actor may be hidden by the search
            row = self.model.row_of(id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [i for i in (self.model.actor_id(r) for r in rows) if i]

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) < 2 or self.session.readonly:
            return
        rows = [r for r in (self.model.actor_row(i) for i in ids) if r is not None]
        # Keep the one mentioned most by default: fewer links move.
        rows.sort(key=lambda r: (-r["mentions"], r["name"].casefold()))
        keep = self.ask_merge(rows[0], rows[1]) if len(rows) == 2 else self.ask_merge_many(rows)
        if keep is None:
            return
        gone = [r["id"] for r in rows if r["id"] != keep]
        edits.merge_actors_into(self.session, keep, gone)

    def ask_merge_many(self, rows: list[dict[str, Any]]) -> str | None:
        """Several actors into the most mentioned one; the id kept, or None to cancel."""
        names = ", ".join(f"“{r['name']}”" for r in rows[1:])
        answer = QMessageBox.question(
            self,
            "Merge actors",
            rich_escaped(
                f"Merge {names} into “{rows[0]['name']}”? Their names become aliases and "
                "their events, claims, citations and tags move over. You can undo this."
            ),
        )
        return rows[0]["id"] if answer == QMessageBox.StandardButton.Yes else None

    def merge(self, keep_id: str, merge_id: str) -> bool:
        return edits.merge_actors(self.session, keep_id, merge_id)

    def ask_merge(self, a: dict[str, Any], b: dict[str, Any]) -> str | None:
        """Ask which actor to keep; names both. Returns the id kept, or None to cancel."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Merge actors")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the names are shown as typed
        box.setText(f"Merge “{b['name']}” into “{a['name']}”?")
        box.setInformativeText(
            f"“{b['name']}” ({counted(b['mentions'], 'mention')}) and its aliases become "
            f"aliases of “{a['name']}” ({counted(a['mentions'], 'mention')}); its events, "
            "claims, citations and tags move over. You can undo this."
        )
        info = box.findChild(QLabel, "qt_msgbox_informativelabel")
        if info is not None:  # Qt gives the informative line a format of its own
            plain(info)
        keep_a = box.addButton(
            action_text(f"Keep “{a['name']}”"), QMessageBox.ButtonRole.AcceptRole
        )
        keep_b = box.addButton(
            action_text(f"Keep “{b['name']}”"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep_a)
        box.exec()
        clicked = box.clickedButton()
        if clicked is keep_a:
            return a["id"]
        if clicked is keep_b:
            return b["id"]
        return None

    def _selection_changed(self, *_args: object) -> None:
        self.merge_button.setEnabled(len(self.selected_ids()) >= 2 and not self.session.readonly)
        self.passages_button.setEnabled(len(self.selected_ids()) == 1)

    def show_passages(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        # Loaded when first asked for: it brings the exports' writers (0.1 s at the start).
        from annotator.ui.dialogs.tag_passages import TagPassagesDialog

        dialog = TagPassagesDialog(self.session, actor_id=ids[0], parent=self)
        dialog.showPassage.connect(self.showPassage.emit)
        dialog.failed.connect(self.session.failed.emit)
        self.passages_dialog = dialog
        dialog.show()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        actor_id = self.model.actor_id(current.row())
        if actor_id:
            self.itemSelected.emit("actor", actor_id)

    def _on_changed(self, touched: Changes) -> None:
        if WATCHED & touched.keys():
            self.refresh_or_defer()
