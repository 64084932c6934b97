"""The source grades under the article's header: its outlet's reliability (the default for
all the outlet's articles) and the article's own, which overrides it. A-F of the Admiralty
system, each with its standard meaning; each choice is one undoable edit."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from annotator.core.grades import reliability_words
from annotator.core.vocabulary import RELIABILITIES
from annotator.store.grades import outlet_grade
from annotator.ui.common.plain import plain_label
from annotator.ui.editing import edits
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session


class SourceGrades(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.article_id: str | None = None
        self.outlet = ""
        self.outlet_label: QLabel = plain_label("Outlet", self)
        self.outlet_grade = QComboBox(self)
        self.outlet_grade.addItem("not graded", "")
        self.article_grade = QComboBox(self)
        self.article_grade.addItem("as its outlet", "")
        for grade in RELIABILITIES:
            self.outlet_grade.addItem(reliability_words(grade), grade)
            self.article_grade.addItem(reliability_words(grade), grade)
        self.outlet_grade.setToolTip("The outlet's reliability: the grade of all its articles")
        self.article_grade.setToolTip("This article's own reliability, over its outlet's")
        self.outlet_grade.activated.connect(lambda _i: self._grade_outlet())
        self.article_grade.activated.connect(lambda _i: self._grade_article())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.addWidget(self.outlet_label)
        layout.addWidget(self.outlet_grade)
        layout.addSpacing(12)
        layout.addWidget(plain_label("This article:", self))
        layout.addWidget(self.article_grade)
        layout.addStretch(1)
        session.changed.connect(self._on_changed)

    def show_article(self, article_id: str | None) -> None:
        self.article_id = article_id
        row = self.session.project.row("articles", article_id) if article_id else None
        self.setVisible(row is not None)
        if row is None:
            return
        self.outlet = (row["outlet"] or "").strip()
        self.outlet_label.setText(f"Outlet: {self.outlet}" if self.outlet else "No outlet to grade")
        grade = outlet_grade(self.session.project, self.outlet)
        self.outlet_grade.setCurrentIndex(max(0, self.outlet_grade.findData(grade or "")))
        self.outlet_grade.setEnabled(bool(self.outlet) and not self.session.readonly)
        self.article_grade.setCurrentIndex(
            max(0, self.article_grade.findData(row["reliability"] or ""))
        )
        self.article_grade.setEnabled(not self.session.readonly)

    def _grade_outlet(self) -> None:
        if self.article_id is None or self.session.readonly or not self.outlet:
            return
        grade = self.outlet_grade.currentData() or None
        if not edits.set_outlet_grade(self.session, self.outlet, grade, source=self):
            self.show_article(self.article_id)

    def _grade_article(self) -> None:
        if self.article_id is None or self.session.readonly:
            return
        grade = self.article_grade.currentData() or None
        if not edits.set_article_reliability(self.session, self.article_id, grade, source=self):
            self.show_article(self.article_id)

    def _on_changed(self, changes: Changes) -> None:
        if self.session.project.closed:
            return
        if self.article_id and changes.keys() & {"articles", "outlet_grades"}:
            self.show_article(self.article_id)
