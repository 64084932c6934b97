"""The codebook: every tag as a tree, with its colour, description and how often it is used.

Tags are made, renamed, merged, recoloured, described, moved (drag one onto another, or
"Move under…") and deleted here; each is one edit through the session, undoable. A tag
applied somewhere but never described is listed too (store.codebook).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QDropEvent, QIcon, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.tag_colours import tag_colour
from annotator.core.text import counted
from annotator.store.codebook import CodeEntry, codebook, find_name
from annotator.ui.common.plain import rich_escaped
from annotator.ui.editing import edits
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.widgets.panel import Panel

if TYPE_CHECKING:
    from annotator.ui.dialogs.tag_passages import TagPassagesDialog

WATCHED = {"codes", "tags", "citations"}
HEADERS = ("Tag", "Items", "Passages", "Description")
NAME_ROLE = Qt.ItemDataRole.UserRole


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class CodeTree(QTreeWidget):
    """The tree; a drop asks the panel to move the tag instead of moving the row itself."""

    moved = Signal(str, object)  # tag name, new parent name (None: top level)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the refresh redraws the tree
        event.accept()
        if dragged is None:
            return
        self.moved.emit(dragged.data(0, NAME_ROLE), target.data(0, NAME_ROLE) if target else None)

    def drop_on(self, target: QTreeWidgetItem | None) -> QPoint:
        """Where to drop to land on ``target`` (the empty space below for None)."""
        if target is None:
            return self.viewport().rect().bottomLeft() - QPoint(-4, 4)
        return self.visualItemRect(target).center()


class CodebookPanel(Panel):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.entries: dict[str, CodeEntry] = {}
        self._stale = False
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Type to find a tag…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.tree = CodeTree(self)
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels(HEADERS)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.resizeSection(0, 190)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.moved.connect(self.move_to)
        self.tree.itemDoubleClicked.connect(lambda *_a: self.show_passages())
        self.tree.itemSelectionChanged.connect(self._update_actions)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.actions_: dict[str, QAction] = {}
        buttons = QHBoxLayout()
        for key, text, tip, slot in (
            ("new", "New…", "Add a tag to the codebook", self.new_tag),
            ("rename", "Rename…", "Rename the tag on every item that carries it", self.rename),
            ("merge", "Merge…", "Fold the selected tags into one", self.merge),
            ("colour", "Colour…", "Choose the tag's colour", self.recolour),
            ("describe", "Describe…", "Say what the tag means and when to use it", self.describe),
            ("move", "Move under…", "Put the tag under another (or at the top)", self.move_under),
            ("delete", "Delete…", "Remove the tag from the codebook and every item", self.delete),
            (
                "passages",
                "Passages…",
                "Every passage cited by items with this tag",
                self.show_passages,
            ),
        ):
            action = QAction(text, self)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            self.actions_[key] = action
            self.tree.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)
        self.passages_dialog: TagPassagesDialog | None = None
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.refresh)
        self.refresh()

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = set(self.selected_names())
        self.entries = {e.name: e for e in codebook(self.session.project)}
        word = self.search.text().strip().casefold()
        self.tree.clear()
        nodes: dict[str, QTreeWidgetItem] = {}
        for entry in self.entries.values():
            node = QTreeWidgetItem(
                [entry.name, str(entry.items), str(entry.passages), entry.description]
            )
            node.setData(0, NAME_ROLE, entry.name)
            node.setIcon(0, swatch(tag_colour(entry.name, entry.color)))
            node.setToolTip(
                0,
                f"{counted(entry.items, 'item')}, {counted(entry.passages, 'passage')}"
                + (f"\n{entry.description}" if entry.description else ""),
            )
            for col in (1, 2):
                node.setTextAlignment(
                    col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            node.setFlags(
                node.flags() | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
            )
            nodes[entry.name] = node
        for name, node in nodes.items():
            parent = self.entries[name].parent
            if parent in nodes and parent != name:
                nodes[parent].addChild(node)
            else:
                self.tree.addTopLevelItem(node)
        self.tree.expandAll()
        if word:
            for name, node in nodes.items():
                node.setHidden(word not in name.casefold() and not self._has_match(node, word))
        for name in selected & nodes.keys():
            nodes[name].setSelected(True)
        self._update_actions()

    def _has_match(self, node: QTreeWidgetItem, word: str) -> bool:
        children = [c for c in (node.child(i) for i in range(node.childCount())) if c]
        return any(word in c.text(0).casefold() or self._has_match(c, word) for c in children)

    def node(self, name: str) -> QTreeWidgetItem | None:
        found = self.tree.findItems(
            name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0
        )
        return found[0] if found else None

    def select_names(self, *names: str) -> None:
        self.tree.clearSelection()
        for name in names:
            node = self.node(name)
            if node is not None:
                node.setSelected(True)
                self.tree.setCurrentItem(node, 0, self.tree.selectionModel().SelectionFlag.Select)

    def selected_names(self) -> list[str]:
        return [str(n.data(0, NAME_ROLE)) for n in self.tree.selectedItems()]

    def current_name(self) -> str | None:
        names = self.selected_names()
        return names[0] if len(names) == 1 else None

    def _update_actions(self) -> None:
        n = len(self.selected_names())
        writable = not self.session.readonly
        for key in ("rename", "colour", "describe", "move", "delete"):
            self.actions_[key].setEnabled(writable and n == 1)
        self.actions_["new"].setEnabled(writable)
        self.actions_["merge"].setEnabled(writable and n >= 2)
        self.actions_["passages"].setEnabled(n == 1)

    def _on_changed(self, touched: Changes) -> None:
        if not WATCHED & touched.keys():
            return
        if self.defer_when_hidden and not self.shown_in_dock:
            self._stale = True  # behind another tab: read again when seen
            return
        self.refresh()

    def ensure_fresh(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_fresh()
        super().showEvent(event)

    # -- asking (one place each, so tests can answer) -------------------------------------

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def ask_item(self, title: str, label: str, choices: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(self, title, label, choices, 0, False)
        return value if ok else None

    def ask_colour(self, current: str) -> str | None:
        colour = QColorDialog.getColor(QColor(current), self, "Tag colour")
        return colour.name() if colour.isValid() else None

    def ask_yes(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, rich_escaped(text))
        return answer == QMessageBox.StandardButton.Yes

    # -- edits --------------------------------------------------------------------------

    def new_tag(self) -> None:
        name = self.ask_text("New tag", "Name of the new tag:")
        if name is None:
            return
        same = find_name(self.session.project, name)
        if same is not None:
            self.ask_yes_only(
                f"A tag named “{same}” is already in the codebook; it is selected now."
            )
            self.select_names(same)
            return
        if edits.create_code(self.session, name):
            self.select_names(name.strip())

    def ask_yes_only(self, text: str) -> None:
        QMessageBox.information(self, "Codebook", rich_escaped(text))

    def rename(self) -> None:
        old = self.current_name()
        if old is None:
            return
        new = self.ask_text(
            "Rename tag", f"New name for “{old}” (on every item that carries it):", old
        )
        if new is None or new.strip() == old:
            return
        same = find_name(self.session.project, new)
        if same is not None and same.casefold() != old.casefold():
            entry = self.entries.get(old)
            used = counted(entry.items, "item") if entry else "its items"
            merge = self.ask_yes(
                "Tag exists",
                f"A tag named “{same}” is already in the codebook. Merge “{old}” into it? "
                f"“{old}” ({used}) then becomes “{same}”. You can undo this.",
            )
            if merge and edits.merge_codes(self.session, [old, same], same):
                self.select_names(same)
            return
        if edits.rename_code(self.session, old, new):
            self.select_names(new.strip())

    def merge(self) -> None:
        names = self.selected_names()
        if len(names) < 2:
            return
        by_use = sorted(names, key=lambda n: (-self.entries[n].items, n.casefold()))
        into = self.ask_item(
            "Merge tags",
            f"Merge {counted(len(names), 'tag')} into one; keep the name:",
            by_use,
        )
        if into is not None and edits.merge_codes(self.session, names, into):
            self.select_names(into)

    def recolour(self) -> None:
        name = self.current_name()
        if name is None:
            return
        entry = self.entries[name]
        colour = self.ask_colour(tag_colour(name, entry.color))
        if colour is not None:
            edits.edit_code(self.session, name, color=colour)

    def describe(self) -> None:
        name = self.current_name()
        if name is None:
            return
        text = self.ask_text(
            "Describe tag", f"What “{name}” means:", self.entries[name].description
        )
        if text is not None:
            edits.edit_code(self.session, name, description=text)

    def move_under(self) -> None:
        name = self.current_name()
        if name is None:
            return
        top = "(top level)"
        choices = [top, *(n for n in self.entries if n != name)]
        parent = self.ask_item("Move tag", f"Put “{name}” under:", choices)
        if parent is not None:
            self.move_to(name, None if parent == top else parent)

    def move_to(self, name: str, parent: str | None) -> None:
        if self.entries.get(name) and self.entries[name].parent == parent:
            return
        if edits.move_code(self.session, name, parent):
            self.select_names(name)

    def delete(self) -> None:
        name = self.current_name()
        if name is None:
            return
        entry = self.entries[name]
        loses = (
            f"{counted(entry.items, 'item')} will lose it."
            if entry.items
            else "No item carries it."
        )
        if self.ask_yes("Delete tag", f"Delete the tag “{name}”? {loses} You can undo this."):
            edits.delete_code(self.session, name)

    def show_passages(self) -> None:
        name = self.current_name()
        if name is None:
            return
        # Loaded when first asked for: it brings the exports' writers (0.1 s at the start).
        from annotator.ui.dialogs.tag_passages import TagPassagesDialog

        dialog = TagPassagesDialog(self.session, tag=name, parent=self)
        dialog.showPassage.connect(self.showPassage.emit)
        dialog.failed.connect(self.session.failed.emit)
        self.passages_dialog = dialog
        dialog.show()
