"""The new-event form's "add an actor" field: a known actor, or a new one made with the event.

Typing completes from the actors' names and aliases; a name nobody has yet is offered as
"New actor 'X'…", with its kind guessed from the name (``core.item_text.actor_kind``) in a
combo beside the field, which the analyst may change before adding. Enter or the button
adds what is typed. The form makes the new actors in the same edit as the event.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QPushButton, QWidget

from annotator.core.actor_matching import ActorNames
from annotator.core.item_text import actor_kind
from annotator.core.vocabulary import ACTOR_KINDS

NEW_PREFIX = "New actor "


def new_offer(name: str) -> str:
    return f"{NEW_PREFIX}'{name}'…"


class ActorAdder(QWidget):
    # actor id ("" for a new actor), name, kind (for a new actor; "" for a known one)
    added = Signal(str, str, str)

    def __init__(self, actors: ActorNames, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = actors  # the project's, kept between forms (store.actor_index)
        self.actors = self.index.actors
        self._names = self.index.display_names
        self._kind_chosen = False  # the analyst picked a kind: the guess no longer follows
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("type a name: a known actor, or a new one")
        self.edit.setObjectName("actor_adder")
        self.model = QStringListModel(self._names, self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setWidget(self.edit)
        self.completer.activated.connect(self._chosen)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItems(ACTOR_KINDS)
        self.kind_combo.setToolTip("The new actor's kind")
        self.kind_combo.activated.connect(self._kind_picked)
        self.button = QPushButton("Add", self)
        self.button.setAutoDefault(False)  # Enter in the form still accepts it
        self.button.clicked.connect(self.commit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.kind_combo)
        row.addWidget(self.button)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        self._show_state("")

    def name(self) -> str:
        return " ".join(self.edit.text().split())

    def known(self, name: str) -> str | None:
        return self.index.exact_actor(name) if name else None

    def _typed(self, text: str) -> None:
        name = self.name()
        self._show_state(name)
        if not name:
            self._hide_popup()
            return
        offers = list(self._names)
        if self.known(name) is None:
            offers.append(new_offer(name))
        self.model.setStringList(offers)
        self.completer.setCompletionPrefix(name)
        self.completer.complete()

    def _hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def _show_state(self, name: str) -> None:
        is_new = bool(name) and self.known(name) is None
        self.kind_combo.setVisible(is_new)
        self.button.setEnabled(bool(name))
        self.button.setText("Add new actor" if is_new else "Add")
        if is_new and not self._kind_chosen:
            self.kind_combo.setCurrentText(actor_kind(name))

    def _kind_picked(self, _index: int) -> None:
        self._kind_chosen = True

    def _chosen(self, text: str) -> None:
        """A completion picked: a known name, or the offer of a new actor."""
        if not text.startswith(NEW_PREFIX) or text in self._names:
            self.edit.setText(text)
        self.commit()

    def commit(self) -> None:
        name = self.name()
        if not name:
            return
        actor_id = self.known(name)
        if actor_id is not None:
            self.added.emit(actor_id, "", "")
        else:
            self.added.emit("", name, self.kind_combo.currentText())
        self.edit.clear()
        self._kind_chosen = False
        self._show_state("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter with a name typed adds it, instead of accepting the whole form."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.name():
                self._hide_popup()
                self.commit()
                return True
        return super().eventFilter(watched, event)
