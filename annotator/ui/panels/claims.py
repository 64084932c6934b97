"""Who claims what: claimant, stance, claim, when claimed, assessment, about which event.

Stance and assessment are picked from their fixed lists, the claimed date is typed like any
date; each cell edit is one undoable edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from annotator.core.dates.parse import parse_user_date
from annotator.core.errors import AnnotatorError
from annotator.core.vocabulary import ASSESSMENTS, FACT_STATUS_WORDS, STANCES, fact_status_words
from annotator.store.panel_queries import claim_rows
from annotator.store.queries import citations_of
from annotator.ui.common.plain import rich_escaped
from annotator.ui.editing import edits
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.panels.inspector import date_text
from annotator.ui.widgets.delegates import ComboDelegate, TwoLineEditorDelegate
from annotator.ui.widgets.id_rows_model import IdRowsModel
from annotator.ui.widgets.panel import Panel
from annotator.ui.widgets.refresh_when_shown import RefreshWhenShown

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = (
    "Claimant",
    "Stance",
    "Claim",
    "Claimed",
    "Assessment",
    "About event",
    "Status",
    "Contested",
)
KEYS = ("claimant", "stance", "text", "claimed", "assessment", "event", "fact_status", "contested")
# A claim on either side of a contest about its event: asserted by one, denied by another.
CONTESTED_MARK = "⇄ contested"
EDITABLE = {"stance", "text", "claimed", "assessment", "fact_status"}
STATUS_CHOICES = ["(not set)", *FACT_STATUS_WORDS.values()]
_STATUS_BY_WORDS = {words: value for value, words in FACT_STATUS_WORDS.items()}
ID_ROLE = Qt.ItemDataRole.UserRole
WATCHED = {"claims", "actors", "events"}


class ClaimsModel(IdRowsModel):
    HEADERS = HEADERS

    def __init__(self, session: Session, parent: Any = None):
        super().__init__(session, parent)
        self.reload()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if KEYS[index.column()] in EDITABLE and not self.session.readonly:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = KEYS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "claimed":
                return date_text(row["claimed"], self.session.day_first)
            if key == "fact_status":
                return fact_status_words(row["fact_status"])
            if key == "contested":
                return CONTESTED_MARK if row["contested"] else ""
            return row[key] or ""
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.ToolTipRole and key == "contested" and row[key]:
            return "Another claim about the same event says the opposite"
        if role == Qt.ItemDataRole.ToolTipRole and key in ("text", "event") and row[key]:
            return rich_escaped(row[key])
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = KEYS[index.column()]
        if key not in EDITABLE:
            return False
        claim_id = self._rows[index.row()]["id"]
        if key == "claimed":
            text = str(value or "").strip()
            try:
                date = parse_user_date(text, day_first=self.session.day_first) if text else None
            except AnnotatorError as exc:
                self.session.failed.emit(exc)
                return False
            return edits.update_item(self.session, "claim", claim_id, claimed=date)
        if key == "fact_status":  # the combo's words; "(not set)" clears it
            words = str(value or "")
            status = (
                None if words.startswith("(") or not words else _STATUS_BY_WORDS.get(words, words)
            )
            return edits.set_fact_status(self.session, "claim", claim_id, status)
        return edits.update_item(self.session, "claim", claim_id, **{key: value})

    def _read(self) -> list[dict[str, Any]]:
        return list(claim_rows(self.session.project))  # type: ignore[arg-type]

    def claim_id(self, row: int) -> str | None:
        return self.row_id(row)

    def claim_row(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _sort_rows(self) -> None:
        column, descending = self._sort
        key = KEYS[column] if 0 <= column < len(KEYS) else "claimant"
        if key == "claimed":

            def sort_key(r: dict[str, Any]) -> tuple[Any, ...]:
                return (r["claimed_earliest"] or "9999", r["id"])
        else:

            def sort_key(r: dict[str, Any]) -> tuple[Any, ...]:
                return (str(r[key] or "").casefold(), r["claimed_earliest"] or "", r["id"])

        self._rows.sort(key=sort_key, reverse=descending)


class ClaimsView(RefreshWhenShown, Panel):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.session = session
        self.model = ClaimsModel(session, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several claims can be selected for Edit Selected (the current one is shown)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.stance_delegate = ComboDelegate(STANCES, self.view)
        self.assessment_delegate = ComboDelegate(ASSESSMENTS, self.view)
        self.date_delegate = TwoLineEditorDelegate(
            lambda: self.session.project,
            lambda: self.session.day_first,
            date_columns=[KEYS.index("claimed")],
            parent=self.view,
        )
        self.view.setItemDelegateForColumn(KEYS.index("stance"), self.stance_delegate)
        self.view.setItemDelegateForColumn(KEYS.index("assessment"), self.assessment_delegate)
        self.view.setItemDelegateForColumn(KEYS.index("claimed"), self.date_delegate)
        self.status_delegate = ComboDelegate(STATUS_CHOICES, self.view)
        self.view.setItemDelegateForColumn(KEYS.index("fact_status"), self.status_delegate)
        header = self.view.horizontalHeader()
        for key, width in {
            "claimant": 140,
            "stance": 80,
            "text": 340,
            "claimed": 100,
            "assessment": 100,
            "event": 220,
            "fact_status": 84,
            "contested": 90,
        }.items():
            header.resizeSection(KEYS.index(key), width)
        header.setSectionResizeMode(KEYS.index("text"), QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(self._double_clicked)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.model.reload)

    def select_item(self, kind: str, id: str) -> None:
        if not id:  # nothing selected anywhere: no row stays highlighted here
            self.view.clearSelection()
            return
        if kind != "claim":
            return
        row = self.model.row_of(id)
        if row is None:
            return
        index = self.model.index(row, KEYS.index("text"))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        claim_id = self.model.claim_id(current.row())
        if claim_id:
            self.itemSelected.emit("claim", claim_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        """Read-only columns jump: claimant and event select them, the rest show the source."""
        row = self.model.claim_row(index.row())
        if row is None:
            return
        key = KEYS[index.column()]
        if key == "claimant" and row["claimant_id"]:
            self.itemSelected.emit("actor", row["claimant_id"])
        elif key == "event" and row["event_id"]:
            self.itemSelected.emit("event", row["event_id"])
        elif key not in EDITABLE:
            cites = citations_of(self.session.project, "claim", row["id"])
            if cites:
                self.showPassage.emit(cites[0]["article_id"], cites[0]["start"], cites[0]["end"])

    def _on_changed(self, touched: Changes) -> None:
        if WATCHED & touched.keys():
            self.refresh_or_defer()
