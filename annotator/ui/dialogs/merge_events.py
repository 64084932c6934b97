"""Which of several duplicate events to keep when they are merged.

The dialog only asks; the caller builds the merge (operations.merge_events) and runs it
through the session, so it is one undoable edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted


@dataclass(frozen=True)
class MergeCandidate:
    event_id: str
    headline: str
    date: str  # as the analyst reads it; "" when undated
    citations: int
    outlets: int


class MergeEventsDialog(QDialog):
    def __init__(self, candidates: list[MergeCandidate], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Merge {counted(len(candidates), 'event')}")
        self.candidates = candidates
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Keep which event? The others' citations, actors, claims and tags move to it, and "
            "it takes a date and details it lacks. Edit ▸ Undo brings them back."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        best = max(range(len(candidates)), key=lambda i: (candidates[i].citations, -i))
        for i, c in enumerate(candidates):
            button = QRadioButton(self._elided(c.headline))
            button.setToolTip(c.headline)
            self.group.addButton(button, i)
            layout.addWidget(button)
            when = c.date or "undated"
            details = QLabel(
                f"{when} · {counted(c.citations, 'citation')}, {counted(c.outlets, 'outlet')}"
            )
            details.setTextFormat(Qt.TextFormat.PlainText)
            details.setContentsMargins(24, 0, 0, 6)  # under the button's text, not its circle
            details.setEnabled(False)  # the secondary line, drawn greyed
            layout.addWidget(details)
            if i == best:
                button.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _elided(self, headline: str) -> str:
        """One line per event, at most as wide as a screen-friendly dialog."""
        return self.fontMetrics().elidedText(headline, Qt.TextElideMode.ElideRight, 520)

    def kept(self) -> str:
        return self.candidates[max(0, self.group.checkedId())].event_id

    def merged(self) -> list[str]:
        keep = self.kept()
        return [c.event_id for c in self.candidates if c.event_id != keep]
