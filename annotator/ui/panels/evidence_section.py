"""The inspector's Evidence section for an event: the analyst's assessment beside the one
its claims and graded citations suggest (``core.grades`` says the rule), and its claims for
and against side by side, each with its claimant and where it is cited.

Also the credibility picker the inspector puts under its citations: the information
credibility (1-6) of the chosen citation. Each choice is one undoable edit.

It refreshes itself after edits of what it shows, like the Relations section.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.grades import ClaimSide, credibility_words
from annotator.core.vocabulary import CREDIBILITIES, EVENT_ASSESSMENTS
from annotator.store.grades import event_contest, suggested_assessment
from annotator.ui.common.plain import plain_label
from annotator.ui.editing import edits
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session

_WATCHED = frozenset(
    {"events", "claims", "citations", "passages", "articles", "outlet_grades", "actors"}
)
NOT_ASSESSED = "(not assessed)"


class EvidenceSection(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.event_id: str | None = None
        self.assessment = QComboBox(self)
        self.assessment.addItem(NOT_ASSESSED, "")
        for value in EVENT_ASSESSMENTS:
            self.assessment.addItem(value, value)
        self.assessment.setToolTip(
            "Your verdict on the evidence: corroborated, disputed or unverified "
            "(not the fact status, which says whether the parties dispute it)"
        )
        self.assessment.activated.connect(lambda _i: self._set(self.assessment.currentData()))
        self.suggestion = plain_label("", self)
        self.suggestion.setWordWrap(True)
        self.use_suggestion = QPushButton("Use", self)
        self.use_suggestion.setToolTip("Set the suggested assessment")
        self.use_suggestion.clicked.connect(self._use_suggestion)
        self._suggested = ""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(plain_label("Assessment", self))
        row.addWidget(self.assessment)
        row.addWidget(self.use_suggestion)
        row.addStretch(1)
        # Claims for and against, side by side.
        self.contest_title = plain_label("", self)
        self.contest = QFrame(self)
        self.contest.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.contest)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(12)
        self.for_title = plain_label("For (asserts)", self.contest)
        self.against_title = plain_label("Against (denies or disputes)", self.contest)
        for title in (self.for_title, self.against_title):
            title.setStyleSheet("font-weight: bold;")
        self.for_claims = self._column()
        self.against_claims = self._column()
        grid.addWidget(self.for_title, 0, 0)
        grid.addWidget(self.against_title, 0, 1)
        grid.addWidget(self.for_claims, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.against_claims, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 4, 9, 4)  # in line with the form above
        layout.addLayout(row)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.contest_title)
        layout.addWidget(self.contest)
        session.changed.connect(self._on_changed)
        self.show_event(None)

    def _column(self) -> QLabel:
        label = QLabel(self.contest)
        label.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts only
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    def show_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        row = self.session.project.row("events", event_id) if event_id else None
        self.setVisible(row is not None)
        if row is None:
            return
        self.assessment.setCurrentIndex(max(0, self.assessment.findData(row["assessment"] or "")))
        self.assessment.setEnabled(not self.session.readonly)
        suggestion = suggested_assessment(self.session.project, row["id"])
        self._suggested = suggestion.assessment
        self.suggestion.setText(f"Suggested: {suggestion.assessment} — {suggestion.reason}")
        self.use_suggestion.setVisible(
            not self.session.readonly and row["assessment"] != suggestion.assessment
        )
        contest = event_contest(self.session.project, row["id"])
        shown = bool(contest.for_ or contest.against)
        self.contest.setVisible(shown)
        self.contest_title.setVisible(shown)
        if contest.contested:
            self.contest_title.setText("Contested: claims about this event disagree")
            self.contest_title.setStyleSheet("color: #b91c1c; font-weight: bold;")
        else:
            self.contest_title.setText("Claims about this event")
            self.contest_title.setStyleSheet("")
        self.for_claims.setText(_claims_html(contest.for_))
        self.against_claims.setText(_claims_html(contest.against))

    def for_texts(self) -> list[str]:
        """The claims shown in the For column (for tests and screen readers)."""
        return [c.text for c in event_contest(self.session.project, self.event_id or "").for_]

    def _set(self, value: str | None) -> None:
        if self.event_id is None or self.session.readonly or self.session.project.closed:
            return
        if not edits.set_event_assessment(self.session, self.event_id, value or None, source=self):
            self.show_event(self.event_id)

    def _use_suggestion(self) -> None:
        if self._suggested:
            self._set(self._suggested)

    def _on_changed(self, touched: Changes) -> None:
        if self.event_id and _WATCHED & touched.keys() and not self.session.project.closed:
            self.show_event(self.event_id)


def _claims_html(claims: tuple[ClaimSide, ...]) -> str:
    if not claims:
        return '<span style="color: #777;">none</span>'
    items = []
    for c in claims:
        who = escape(c.claimant or "Unattributed")
        where = f'<br><span style="color: #555;">{escape(c.source)}</span>' if c.source else ""
        claimant = f'<span style="font-weight: bold;">{who}</span>'
        items.append(f"<p>{claimant} ({escape(c.stance)}): “{escape(c.text)}”{where}</p>")
    return "".join(items)


class CredibilityPicker(QComboBox):
    """The chosen citation's information credibility, 1-6 with its standard meaning."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.citation_id: str | None = None
        self.addItem("Credibility: not graded", "")
        for grade in CREDIBILITIES:
            self.addItem(f"Credibility {credibility_words(grade)}", grade)
        self.setToolTip(
            "How credible the chosen citation's information is (1 confirmed by other "
            "sources … 6 truth cannot be judged)"
        )
        self.activated.connect(lambda _i: self._commit())
        self.show_citation(None, None)

    def show_citation(self, citation_id: str | None, grade: str | None) -> None:
        self.citation_id = citation_id
        self.setCurrentIndex(max(0, self.findData(grade or "")))
        self.setEnabled(citation_id is not None and not self.session.readonly)

    def _commit(self) -> None:
        if self.citation_id is None or self.session.readonly:
            return
        edits.set_citation_credibility(
            self.session, self.citation_id, self.currentData() or None, source=self
        )
