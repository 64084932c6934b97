"""Editors fit for each kind of cell: dates that say what they understood, actor pickers.

The editors are plain widgets (the inspector uses them in its form too); the delegates put
them into table cells. Actor text is ``Name: role; Other name`` — names resolve to actors by
name or alias, and a name nobody has yet becomes a new actor in the same undoable edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from annotator.core.dates.parse import parse_user_date
from annotator.core.dates.value import DateValue
from annotator.core.errors import DateError
from annotator.core.text import counted
from annotator.core.vocabulary import precision_words
from annotator.store.actor_links import (
    ActorEntry,
    actor_completions,
    actor_index,
    split_actor_text,
)
from annotator.store.project import Project

AnyIndex = QModelIndex | QPersistentModelIndex
CREATE_PREFIX = "New actor "  # as the new-event form offers it


# -- date --------------------------------------------------------------------------------


def understood(text: str, *, day_first: bool) -> tuple[DateValue | None, str, bool]:
    """(value, message, ok) for what the user typed so far; empty text means no date."""
    if not text.strip():
        return None, "no date", True
    try:
        value = parse_user_date(text, day_first=day_first)
    except DateError as exc:
        return None, str(exc), False
    return (
        value,
        f"understood: {value.display(day_first)} ({precision_words(value.precision)})",
        True,
    )


# Dates as the table and the inspector show them, one of each shape the reader tells apart.
_SHOWN_DATES = (
    "4 Mar 2025", "Mar 2025", "~2024", "4–6 Mar 2025", "week 10, 2025", "early Mar 2025",
)  # fmt: skip


def warm_date_reading() -> None:
    """Read a date of each shape once, as the date editors do: the reader compiles its
    patterns (and the free-text parser behind them its tables) on first use, 5-10 ms of the
    first Enter in a window (the inspector's date editor, profiled). The window calls this
    once it is idle after opening."""
    for text in _SHOWN_DATES:
        for day_first in (True, False):
            understood(text, day_first=day_first)


class LineWithStatus(QWidget):
    """A line edit with a live plain-text line under it (the cell editors' shared shape)."""

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        self.setAutoFillBackground(True)  # drawn over the table rows below the cell
        self.setFocusProxy(self.edit)


class DateEditor(LineWithStatus):
    """A line edit with a live line under it: what was understood, or what was not."""

    textChanged = Signal(str)

    def __init__(self, day_first: bool = True, parent: QWidget | None = None):
        super().__init__("e.g. 4 March 2025, March 2025, 2025-W10", parent)
        self.day_first = day_first
        self.edit.textChanged.connect(self._update)
        self._value: DateValue | None = None
        self._ok = True
        self._color = ""  # the status line's colour, as last set
        self._update("")

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        if self.edit.text() == text:
            self._update(text)  # no change for the line edit to signal: said again here
        else:
            self.edit.setText(text)  # its textChanged says what was understood, once

    def is_valid(self) -> bool:
        return self._ok

    def value(self) -> DateValue | None:
        """The parsed date (None when empty); raises DateError when it cannot be read."""
        return (
            parse_user_date(self.text(), day_first=self.day_first) if self.text().strip() else None
        )

    def message(self) -> str:
        return self.status.text()

    def _update(self, text: str) -> None:
        self._value, message, self._ok = understood(text, day_first=self.day_first)
        self.status.setText(message)
        color = (
            "palette(mid)"
            if self._value is None and self._ok
            else ("#1a7f37" if self._ok else "#c62828")
        )
        if color != self._color:  # a style sheet set restyles the line: only when it changes
            self._color = color
            self.status.setStyleSheet(f"color: {color};")
        self._fit()
        self.textChanged.emit(text)

    def _fit(self) -> None:
        """Grow or shrink to the status line when living in a table cell (no layout above)."""
        parent = self.parentWidget()
        if parent is not None and parent.layout() is None:
            layout = self.layout()
            if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
                self.resize(self.width(), layout.heightForWidth(self.width()))


# -- actors ------------------------------------------------------------------------------


class ActorPicker(LineWithStatus):
    """Several actors separated by ';', each with an optional ': role'; completes names and
    aliases anywhere in the word and offers to create an actor nobody has yet.

    ``committed`` fires once when the analyst is done (Enter, leaving the field, or a name
    picked from the popup), never from inside the completer's own key handling: Qt hands the
    popup's Enter to the line edit (``editingFinished`` with the typed prefix) before it
    inserts the completion, and a listener that rebuilt its form there would delete the line
    edit the completer is still working on.
    """

    committed = Signal()

    def __init__(self, project: Callable[[], Project], parent: QWidget | None = None):
        super().__init__("Name: role; Other name", parent)
        self._project = project
        self._names: dict[str, str] = {}  # completion text -> canonical name
        self._index: dict[str, str] = {}
        # Read when first needed (the field focused, a name typed), not when made: every
        # actor and alias parsed and case-folded, 60-140 ms at 5,000 actors.
        self._loaded = False
        self._stored = ""  # the text last set from the project: Escape goes back to it
        self._commit_pending = False
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setWidget(self.edit)
        self.completer.activated.connect(self._insert_completion)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._on_editing_finished)
        self.edit.textChanged.connect(self._update_status)
        self.edit.installEventFilter(self)
        self.reload()

    def reload(self) -> None:
        """The actors changed: read them again when next needed."""
        self._loaded = False
        self._update_status(self.edit.text())

    def loaded(self) -> bool:
        return self._loaded

    def _load(self) -> None:
        if not self._loaded:
            self._names = actor_completions(self._project())  # shared: read, never changed
            self._index = actor_index(self._project())
            self._loaded = True

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self._stored = text
        self.edit.setText(text)

    def popup(self) -> QAbstractItemView:
        """The completer's list (Qt makes one on first use, so there always is one)."""
        popup = self.completer.popup()
        assert popup is not None
        return popup

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in the field (the popup closed) drops what was typed. The popup's own
        Escape only closes the popup: Qt hands it to the line edit past this filter."""
        if watched is self.edit and event.type() == QEvent.Type.FocusIn:
            self._load()  # before the first letter typed
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape and self.edit.text() != self._stored:
                self.edit.setText(self._stored)
                return True
        return super().eventFilter(watched, event)

    def entries(self) -> list[ActorEntry]:
        self._load()
        return [
            ActorEntry(n, r, self._index.get(n.casefold()))
            for n, r in split_actor_text(self.edit.text())
        ]

    def new_names(self) -> list[str]:
        return [e.name for e in self.entries() if e.actor_id is None]

    def _segment(self) -> tuple[int, int, str]:
        """Start and end of the name under the cursor, and the name typed so far."""
        text, cursor = self.edit.text(), self.edit.cursorPosition()
        start = text.rfind(";", 0, cursor) + 1
        end = text.find(";", cursor)
        end = len(text) if end < 0 else end
        name_end = text.find(":", start, end)
        name_end = end if name_end < 0 else name_end
        return start, name_end, text[start:name_end].strip()

    def _on_edited(self, _text: str) -> None:
        _, _, prefix = self._segment()
        if not prefix:
            self.popup().hide()
            return
        self._load()
        items = list(self._names)
        if prefix.casefold() not in self._index:
            items.append(f"{CREATE_PREFIX}'{prefix}'…")
        model = self.completer.model()
        model.setStringList(items)  # type: ignore[attr-defined]
        self.completer.setCompletionPrefix(prefix)
        self.completer.complete()

    def _insert_completion(self, chosen: str) -> None:
        if chosen.startswith(CREATE_PREFIX):
            name = chosen[len(CREATE_PREFIX) :].removesuffix("…")[1:-1]
        else:
            self._load()
            name = self._names.get(chosen, chosen)
        start, name_end, _ = self._segment()
        text = self.edit.text()
        lead = " " if start > 0 else ""
        self.edit.setText(text[:start] + lead + name + text[name_end:])
        self.edit.setCursorPosition(start + len(lead) + len(name))
        self._request_commit()

    def _on_editing_finished(self) -> None:
        if self.popup().isVisible():
            self._request_commit()  # the popup's Enter: its completion comes next
        else:
            self._emit_commit()  # Enter or leaving the field: now, while the project is open

    def _request_commit(self) -> None:
        """Commit once, after the event being handled (the popup's Enter) is over."""
        if not self._commit_pending:
            self._commit_pending = True
            QTimer.singleShot(0, self, self._deferred_commit)  # dropped if the picker is gone

    def drop_pending_commit(self) -> None:
        """The field is about to show another item: a commit still waiting is not for it."""
        self._commit_pending = False

    def _deferred_commit(self) -> None:
        if isValid(self) and self._commit_pending:
            self._emit_commit()

    def _emit_commit(self) -> None:
        self._commit_pending = False
        popup = self.popup()
        if popup.isVisible():
            # Enter reached the line edit without passing through the popup (which hides
            # itself on Enter): the analyst is done all the same.
            popup.hide()
        self.committed.emit()

    def _update_status(self, text: str) -> None:
        # As set from the project every name is an actor's: nothing to read to say so.
        new = [] if not self._loaded and text == self._stored else self.new_names()
        if new:
            self.status.setText("will create: " + ", ".join(f"'{n}'" for n in new))
            self.status.setStyleSheet("color: #9a6700;")
        else:
            known = len(split_actor_text(text))
            self.status.setText(f"{counted(known, 'actor')}" if known else "no actors")
            self.status.setStyleSheet("color: palette(mid);")


# -- delegates ---------------------------------------------------------------------------


# Set on an editor once it is committed and closed: the view deletes it later, and a
# focus-out in between must not commit it again (Qt warns the editor is not its own).
_CLOSED = "annotator_closed"


class TwoLineEditorDelegate(QStyledItemDelegate):
    """Opens DateEditor / ActorPicker in chosen columns (their status line overlaps the row
    below), a plain line edit elsewhere. Invalid dates are not written."""

    def __init__(
        self,
        project: Callable[[], Project],
        day_first: Callable[[], bool],
        *,
        date_columns: Sequence[int] = (),
        actor_columns: Sequence[int] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._project = project
        self._day_first = day_first
        self.date_columns = set(date_columns)
        self.actor_columns = set(actor_columns)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor: DateEditor | ActorPicker
        if index.column() in self.date_columns:
            editor = DateEditor(self._day_first(), parent)
        elif index.column() in self.actor_columns:
            editor = ActorPicker(self._project, parent)
        else:
            return super().createEditor(parent, option, index)
        editor.edit.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, DateEditor | ActorPicker):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, DateEditor):
            if editor.is_valid():
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, ActorPicker):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys and focus reach the line edit inside our two-line editors, not the editor
        the view knows; act for it. Enter on an unreadable date keeps the editor open."""
        parent = watched.parent() if isinstance(watched, QLineEdit) else None
        if not isinstance(parent, DateEditor | ActorPicker):
            return super().eventFilter(watched, event)
        hint = QAbstractItemDelegate.EndEditHint
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                if isinstance(parent, ActorPicker) and parent.popup().isVisible():
                    return False  # the completer takes this Enter
                if isinstance(parent, DateEditor) and not parent.is_valid():
                    return True
                self.commitData.emit(parent)
                parent.setProperty(_CLOSED, True)  # its focus-out must not commit it again
                self.closeEditor.emit(
                    parent,
                    hint.EditNextItem
                    if key == Qt.Key.Key_Tab
                    else hint.EditPreviousItem
                    if key == Qt.Key.Key_Backtab
                    else hint.SubmitModelCache,
                )
                return True
            if key == Qt.Key.Key_Escape:
                parent.setProperty(_CLOSED, True)
                self.closeEditor.emit(parent, hint.RevertModelCache)
                return True
        if event.type() == QEvent.Type.FocusOut and not parent.property(_CLOSED):
            focus = QApplication.focusWidget()
            popup = parent.completer.popup() if isinstance(parent, ActorPicker) else None
            if focus is not None and (parent.isAncestorOf(focus) or focus is popup):
                return False
            if not (isinstance(parent, DateEditor) and not parent.is_valid()):
                self.commitData.emit(parent)
            parent.setProperty(_CLOSED, True)
            self.closeEditor.emit(parent, hint.NoHint)
        return False

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        if isinstance(editor, DateEditor | ActorPicker):
            # Wider than a narrow column, and tall enough for a wrapped status line.
            rect.setWidth(max(rect.width(), 380))
            layout = editor.layout()
            assert layout is not None  # both editors lay out their field and status line
            height = (
                layout.heightForWidth(rect.width())
                if layout.hasHeightForWidth()
                else editor.sizeHint().height()
            )
            rect.setHeight(max(rect.height(), height))
            editor.setGeometry(rect)
            return
        super().updateEditorGeometry(editor, option, index)


class ComboDelegate(QStyledItemDelegate):
    """A fixed list of values (stance, assessment, kind) in a combo box."""

    def __init__(self, choices: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.choices = list(choices)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(self.choices)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(0, editor.findText(value)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
