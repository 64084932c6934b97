"""The claim form's offer of a speaker nobody has made yet as a new actor.

"Claimed by" gets an entry "New actor: <name>", chosen at once, and a row to correct the
new actor's name and kind; accepting the form makes the actor and the claim in one edit
(``store.new_actors.create_claim_with_new_claimant``), so one undo takes both away.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from annotator.core.vocabulary import ACTOR_KINDS
from annotator.store.operations import Span
from annotator.ui.new_item.choices import ChoiceModel

NEW = "new-claimant"  # the combo entry's data: no actor id can look like it


class NewClaimant(QWidget):
    def __init__(self, combo: QComboBox, name: str, kind: str, span: Span | None, parent: QWidget):
        super().__init__(parent)
        self.combo = combo
        self.span = span
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setToolTip("The new actor's name")
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItems(ACTOR_KINDS)
        self.kind_combo.setCurrentText(kind if kind in ACTOR_KINDS else "person")
        self.kind_combo.setToolTip("The new actor's kind")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.kind_combo)
        # The form's lazy list of actors takes the offer as an entry of its own.
        model = combo.model()
        assert isinstance(model, ChoiceModel)
        entry = model.insert_extra(self._label(), NEW)
        combo.setCurrentIndex(entry)
        combo.currentIndexChanged.connect(self._chosen_changed)
        self.name_edit.textEdited.connect(lambda _t: model.set_extra_label(entry, self._label()))

    def _label(self) -> str:
        return f"New actor: {' '.join(self.name_edit.text().split()) or '…'}"

    def _chosen_changed(self, _index: int) -> None:
        self.setEnabled(self.chosen() is not None)

    def chosen(self) -> tuple[str, str, Span | None] | None:
        """(name, kind, where the text names it) when the new actor is the claimant."""
        if self.combo.currentData() != NEW:
            return None
        name = self.name_edit.text()
        span = self.span if self.span is not None and name.strip() else None
        return name, self.kind_combo.currentText(), span
