"""The filter bar's graded-source filters: how reliable an event's best source must be
("A–C only"), how credible its best citation, and which assessments to show."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from annotator.core.vocabulary import CREDIBILITIES, EVENT_ASSESSMENTS, RELIABILITIES
from annotator.store.queries import TimelineFilter

# Up to E: "A–F" would be every graded source, the same as any grade but the ungraded.
RELIABILITY_LIMITS = RELIABILITIES[:-1]
CREDIBILITY_LIMITS = CREDIBILITIES[:-1]


def _limit_combo(parent: QWidget, anyone: str, grades: tuple[str, ...], tip: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(anyone, "")
    first = grades[0]
    for grade in grades:
        combo.addItem(f"{first} only" if grade == first else f"{first}–{grade} only", grade)
    combo.setToolTip(tip)
    return combo


class GradeFilters(QObject):
    changed = Signal()

    def __init__(self, bar: QWidget, assessments: Any):
        """``assessments`` is the bar's own kind of pick-many button (its ChoiceButton)."""
        super().__init__(bar)
        self.reliability = _limit_combo(
            bar,
            "Sources: any grade",
            RELIABILITY_LIMITS,
            "Only events reported by a source graded at least this reliable "
            "(A completely reliable … E unreliable; ungraded sources do not count)",
        )
        self.credibility = _limit_combo(
            bar,
            "Information: any grade",
            CREDIBILITY_LIMITS,
            "Only events with a citation graded at least this credible "
            "(1 confirmed by other sources … 5 improbable)",
        )
        self.assessments = assessments
        self.assessments.set_choices([(a, a) for a in EVENT_ASSESSMENTS] + [("", "not assessed")])
        self.assessments.setToolTip("Corroborated, disputed or unverified events (any checked)")
        self.row = QHBoxLayout()
        for widget in (self.reliability, self.credibility, self.assessments):
            self.row.addWidget(widget)
        self.row.addStretch(1)
        self.reliability.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.credibility.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.assessments.changed.connect(self.changed.emit)

    def fields(self) -> dict[str, Any]:
        return {
            "worst_reliability": self.reliability.currentData() or "",
            "worst_credibility": self.credibility.currentData() or "",
            "assessments": self.assessments.selected(),
        }

    def set_fields(self, flt: TimelineFilter) -> None:
        for combo, value in (
            (self.reliability, flt.worst_reliability),
            (self.credibility, flt.worst_credibility),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.assessments.set_selected(flt.assessments)


def grade_filter_words(flt: TimelineFilter) -> list[str]:
    """The grade filters in words, for the Export dialog's "filtered by …"."""
    bits = []
    if flt.worst_reliability:
        bits.append(f"sources graded A–{flt.worst_reliability}")
    if flt.worst_credibility:
        bits.append(f"information graded 1–{flt.worst_credibility}")
    if flt.assessments:
        bits.append("assessed " + ", ".join(a or "not assessed" for a in flt.assessments))
    return bits
