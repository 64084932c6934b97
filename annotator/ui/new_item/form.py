"""The new-item form: a small dialog prefilled from the selected passage.

Keyboard all the way: fields in Tab order, Enter accepts, Escape cancels. For an event it
shows the suggested date, the phrase it came from and what it was resolved against, with a
combo of the other phrases found in the sentence; typing a date replaces the suggestion.
A suggested date stays "suggested" until the analyst ticks "Confirm date" (or types one).
On accept the dialog builds one ChangeSet (``changeset``); the caller runs it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates.parse import parse_user_date
from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError, DateError
from annotator.core.item_text import actor_kind, actor_name
from annotator.core.suggest import (
    Suggestion,
    headline_from,
    resolve_from_event,
    suggest_dates,
)
from annotator.core.vocabulary import ACTOR_KINDS, STANCES, offset_words, precision_words
from annotator.store import operations
from annotator.store.actor_index import actor_index
from annotator.store.changes import ChangeSet
from annotator.store.codebook import tag_new_item
from annotator.store.new_actors import (
    create_claim_with_new_claimant,
    create_event_with_new_actors,
)
from annotator.store.panel_queries import EventChoice, event_choices, events_near
from annotator.store.project import Project
from annotator.store.same_event import Match, similar_events
from annotator.ui.common.plain import plain_label
from annotator.ui.dialogs.forms import error_label
from annotator.ui.new_item.actor_adder import ActorAdder
from annotator.ui.new_item.choices import ChoiceModel, choice_combo
from annotator.ui.new_item.new_claimant import NewClaimant
from annotator.ui.widgets.tag_field import TagLineEdit

NEW_ACTOR_ROLE = Qt.ItemDataRole.UserRole + 1  # (name, kind) of an actor made with the event

TITLES = {"event": "New event", "actor": "New actor", "claim": "New claim"}


def published_of(article: dict[str, Any]) -> DateValue | None:
    try:
        return DateValue.from_edtf(article["published"]) if article.get("published") else None
    except AnnotatorError:
        return None


def select_from_start(edit: QLineEdit) -> None:
    """All selected, the start in view: typing replaces it, and a long text shows its start."""
    n = len(edit.text())
    edit.setSelection(n, -n)


class NewItemDialog(QDialog):
    def __init__(
        self,
        project: Project,
        kind: str,
        article: dict[str, Any],
        start: int,
        end: int,
        *,
        day_first: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.project = project
        self.kind = kind
        self.article = article
        self.span = (article["id"], start, end)
        self.day_first = day_first
        self.published = published_of(article)
        text = article["text"]
        self.passage = " ".join(text[start:end].split())
        self.actor_names = actor_index(project)  # kept between forms until actors change
        self.actors = self.actor_names.actors
        self.matched = self.actor_names.matching(text[start:end])
        self.item_id: str | None = None
        self.cite_instead: str | None = None  # an event already there, to cite instead
        self.changeset: ChangeSet | None = None
        self.setWindowTitle(TITLES[kind])
        self.form = QFormLayout()
        shown = self.passage[:220] + ("…" if len(self.passage) > 220 else "")
        # A passage that is itself a quotation keeps its own marks, not doubled ones.
        quoted = shown[:1] in '“"' and shown[-1:] in '”"'
        quote = plain_label(shown if quoted else f"“{shown}”", self)
        quote.setWordWrap(True)
        quote.setStyleSheet("font-style: italic;")
        self.error = error_label(self)
        getattr(self, f"_build_{kind}")(text, start, end)
        self.tags_edit = TagLineEdit(project, "", self)  # tags for the new item, as it is made
        self.form.addRow("Ta&gs", self.tags_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        if kind == "event":  # a similar event already there is offered before the form
            layout.addWidget(self.same_box)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    # -- building the form ---------------------------------------------------------------

    def _build_event(self, text: str, start: int, end: int) -> None:
        self.headline_edit = QLineEdit(headline_from(text, start, end), self)
        self.form.addRow("&Headline", self.headline_edit)
        try:
            self.suggestions = suggest_dates(
                text, start, end, self.published, day_first=self.day_first
            )
        except AnnotatorError:
            self.suggestions = []
        self.phrase_combo = QComboBox(self)
        for s in self.suggestions:
            shown = (
                s.value.display(self.day_first)
                if s.value
                else "relative to another event"
                if s.anchor == "event"
                else "cannot be resolved"
            )
            self.phrase_combo.addItem(f"“{s.phrase}” → {shown}")
        self.phrase_combo.addItem("no date phrase: type a date")
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText("e.g. 4 March 2025, March 2025, 2025-W10")
        self.date_note = plain_label("", self)  # quotes the article's date phrase
        self.date_note.setWordWrap(True)
        self.confirm_check = QCheckBox("C&onfirm this date", self)
        # "Two days after the argument": which event it hangs on is the analyst's call.
        self.anchor_combo = QComboBox(self)
        day_first = self.day_first

        def anchor_label(e: EventChoice) -> str:
            assert e["date"] is not None  # dated_only: the query skips undated events
            shown = DateValue.from_edtf(e["date"]).display(day_first)
            return f"{e['headline'][:70]} ({shown})"

        anchors = ChoiceModel(
            "choose the event it is relative to…",
            event_choices(self.project, dated_only=True, limit=500),
            anchor_label,
            lambda e: (e["id"], e["date"]),
            self,
        )
        choice_combo(self.anchor_combo, anchors, 40)
        self.anchor_combo.currentIndexChanged.connect(self._choose_anchor)
        self.form.addRow("Date &phrase", self.phrase_combo)
        self.form.addRow("Relative &to", self.anchor_combo)
        self.form.addRow("&Date", self.date_edit)
        self.form.addRow("", self.date_note)
        self.form.addRow("", self.confirm_check)
        self._chosen: Suggestion | None = None
        self.phrase_combo.currentIndexChanged.connect(self._choose_phrase)
        self.date_edit.textEdited.connect(self._date_typed)
        self._choose_phrase(0)
        self.type_edit = QLineEdit(self)
        self.type_edit.setPlaceholderText("meeting, statement, policy…")
        self.form.addRow("&Type", self.type_edit)
        self._add_actor_list("Actors &named")
        self.actor_adder = ActorAdder(self.actor_names, self)
        self.actor_adder.added.connect(self._actor_added)
        self.form.addRow("Add an a&ctor", self.actor_adder)
        # Already in the chronology, from another article? Offered first, above the form,
        # before a duplicate is made: the event, what matched, and one button to cite it.
        self.same_box = QFrame(self)
        self.same_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.same_box.setObjectName("sameEvent")
        self.same_box.setStyleSheet("#sameEvent { background: rgba(37, 99, 235, 0.08); }")
        self.same_note = plain_label("", self.same_box)
        self.same_note.setWordWrap(True)
        self.same_button = QPushButton("Cite as further &evidence for it", self.same_box)
        self.same_button.clicked.connect(self._cite_same)
        box = QVBoxLayout(self.same_box)
        box.setContentsMargins(8, 6, 8, 6)
        box.addWidget(self.same_note)
        box.addWidget(self.same_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.same_box.hide()
        self._same: list[Match] = []
        self.headline_edit.editingFinished.connect(self.refresh_same)
        self.phrase_combo.currentIndexChanged.connect(lambda _i: self.refresh_same())
        self.date_edit.editingFinished.connect(self.refresh_same)
        self.refresh_same()
        self.headline_edit.setFocus()
        select_from_start(self.headline_edit)

    def refresh_same(self) -> None:
        try:
            value = self.event_date()[0]
        except AnnotatorError:
            value = None
        self._same = similar_events(
            self.project, self.headline_edit.text(), value, self.checked_actors()
        )
        if not self._same:
            self.same_box.hide()
            return
        best = self._same[0]
        when = DateValue.from_edtf(best.date).display(self.day_first) if best.date else "undated"
        self.same_note.setText(
            f"Already in the chronology? “{best.headline}” ({when}). "
            f"Matched: {'; '.join(best.reasons)}."
        )
        short = best.headline if len(best.headline) <= 40 else best.headline[:39] + "…"
        self.same_button.setText(f"Cite as further &evidence for “{short.replace('&', '&&')}”")
        self.same_box.show()
        layout = self.layout()
        if layout is not None:  # the wrapped note's height, not a squeezed line
            layout.activate()
            self.adjustSize()

    def _cite_same(self) -> None:
        """The passage as further evidence for the event already there: no new event."""
        if self._same:
            self.cite_instead = self._same[0].event_id
            self.changeset, self.item_id = None, self.cite_instead
            QDialog.accept(self)

    def _add_actor_list(self, label: str) -> None:
        self.actor_list = QListWidget(self)
        names = self.actor_names.name_of
        for actor_id in self.matched:
            item = QListWidgetItem(names[actor_id], self.actor_list)
            item.setData(Qt.ItemDataRole.UserRole, actor_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.actor_list.setMaximumHeight(90)
        if not self.matched:
            self.actor_list.addItem("(no known actor is named here)")
            self.actor_list.setEnabled(False)
        self.form.addRow(label, self.actor_list)

    def _actor_added(self, actor_id: str, name: str, kind: str) -> None:
        """A known actor ticked (added if not listed), or a new one listed to be made."""
        if not self.actor_list.isEnabled():  # only the "no known actor" line so far
            self.actor_list.clear()
            self.actor_list.setEnabled(True)
        for i in range(self.actor_list.count()):
            item = self.actor_list.item(i)
            new = item.data(NEW_ACTOR_ROLE)
            same_new = new is not None and not actor_id and new[0].casefold() == name.casefold()
            if (actor_id and item.data(Qt.ItemDataRole.UserRole) == actor_id) or same_new:
                if same_new:
                    item.setData(NEW_ACTOR_ROLE, (name, kind))
                    item.setText(f"{name} (new {kind})")
                item.setCheckState(Qt.CheckState.Checked)
                self.actor_list.setCurrentItem(item)
                return
        names = self.actor_names.name_of
        item = QListWidgetItem(names.get(actor_id, name) if actor_id else f"{name} (new {kind})")
        item.setData(Qt.ItemDataRole.UserRole, actor_id or None)
        if not actor_id:
            item.setData(NEW_ACTOR_ROLE, (name, kind))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.actor_list.addItem(item)
        self.actor_list.setCurrentItem(item)
        self.refresh_same()

    def checked_new_actors(self) -> list[tuple[str, str]]:
        """(name, kind) of each ticked actor to be made with the event."""
        out = []
        for i in range(self.actor_list.count()):
            item = self.actor_list.item(i)
            new = item.data(NEW_ACTOR_ROLE)
            if new is not None and item.checkState() == Qt.CheckState.Checked:
                out.append((new[0], new[1]))
        return out

    def _build_actor(self, text: str, start: int, end: int) -> None:
        name = actor_name(self.passage)
        self.name_edit = QLineEdit(name, self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItems(ACTOR_KINDS)
        self.kind_combo.setCurrentText(actor_kind(name))
        self.aliases_edit = QLineEdit(self)
        self.aliases_edit.setPlaceholderText("other names, separated by commas")
        self.form.addRow("&Name", self.name_edit)
        self.form.addRow("&Kind", self.kind_combo)
        self.form.addRow("&Aliases", self.aliases_edit)
        self.name_edit.setFocus()
        select_from_start(self.name_edit)

    def _build_claim(self, text: str, start: int, end: int) -> None:
        self.text_edit = QLineEdit(self.passage, self)  # one line: Enter accepts the form
        self.claimant_combo = QComboBox(self)
        self.new_claimant: NewClaimant | None = None
        claimants = ChoiceModel(
            "(unknown)", self.actors, lambda a: a["name"], lambda a: a["id"], self
        )
        choice_combo(self.claimant_combo, claimants)
        if self.matched:
            rows = {a["id"]: i + 1 for i, a in enumerate(self.actors)}
            self.claimant_combo.setCurrentIndex(rows.get(self.matched[0], 0))
        self.stance_combo = QComboBox(self)
        self.stance_combo.addItems(STANCES)
        self._claimed_default = self.published.display(self.day_first) if self.published else ""
        self.claimed_edit = QLineEdit(self._claimed_default, self)
        self.claimed_edit.setPlaceholderText("when it was claimed (defaults to the article date)")
        self.event_combo = QComboBox(self)
        self.event_combo.addItem("(none)", None)
        around = self.published.earliest.date().isoformat() if self.published else None
        for e in events_near(self.project, self.article["id"], around):
            self.event_combo.addItem(e["headline"][:80], e["id"])
        self.form.addRow("&Claim", self.text_edit)
        self.form.addRow("Claimed &by", self.claimant_combo)
        self.form.addRow("&Stance", self.stance_combo)
        self.form.addRow("Claimed &on", self.claimed_edit)
        self.form.addRow("About &event", self.event_combo)
        self.text_edit.setFocus()
        select_from_start(self.text_edit)

    # -- event dates ---------------------------------------------------------------------

    def _choose_phrase(self, index: int) -> None:
        chosen = self.suggestions[index] if 0 <= index < len(self.suggestions) else None
        self._chosen = chosen if chosen and chosen.value else None
        self._event_phrase = chosen if chosen and chosen.anchor == "event" else None
        self.anchor_combo.setVisible(self._event_phrase is not None)
        label = self.form.labelForField(self.anchor_combo)
        if label is not None:
            label.setVisible(self._event_phrase is not None)
        if self._event_phrase is not None and self.anchor_combo.currentIndex() > 0:
            self._choose_anchor(self.anchor_combo.currentIndex())
            return
        if chosen is None:
            self.date_edit.clear()
            self.date_note.setText("Type the date, as precisely as it is known.")
        elif chosen.value is None:
            self.date_edit.clear()
            self.date_note.setText(
                f"Suggested from “{chosen.phrase}”, {chosen.anchor_note}; type the date."
            )
        else:
            self.date_edit.setText(chosen.value.display(self.day_first))
            self.date_note.setText(f"Suggested from “{chosen.phrase}”, {chosen.anchor_note}.")
        self.confirm_check.setChecked(False)
        self.confirm_check.setEnabled(self._chosen is not None)

    def _choose_anchor(self, index: int) -> None:
        phrase = self._event_phrase
        data = self.anchor_combo.itemData(index)
        if phrase is None or not data:
            return
        event_id, edtf = data
        value = resolve_from_event(DateValue.from_edtf(edtf), phrase.offset or "")
        if value is None:
            self.date_note.setText(
                f"“{phrase.phrase}” cannot be counted from that event; type the date."
            )
            return
        self._chosen = replace(phrase, value=value, anchor=f"event:{event_id}")
        self.date_edit.setText(value.display(self.day_first))
        self.date_note.setText(
            f"“{phrase.phrase}”: {offset_words(phrase.offset)} {self.anchor_combo.itemText(index)}."
        )
        self.confirm_check.setChecked(False)
        self.confirm_check.setEnabled(True)

    def _date_typed(self, text: str) -> None:
        """Say at once what a typed date is understood as, as the inspector does."""
        self._chosen = None  # typed by the analyst: confirmed by definition
        self.confirm_check.setEnabled(False)
        if not text.strip():
            self.date_note.setText("No date: the event stays undated.")
            return
        reference = self.published.earliest.date() if self.published else date.today()
        try:
            value = parse_user_date(text, day_first=self.day_first, reference=reference)
        except DateError as exc:
            self.date_note.setText(f"Not a date yet: {exc}")
            return
        shown = f"{value.display(self.day_first)} ({precision_words(value.precision)})"
        self.date_note.setText(f"Typed; understood: {shown}.")

    def event_date(self) -> tuple[DateValue | None, str | None, str | None, str | None]:
        """(value, phrase, anchor, status); raises DateError for a date it cannot read."""
        if self._chosen is not None:
            s = self._chosen
            status = "confirmed" if self.confirm_check.isChecked() else "suggested"
            return s.value, s.phrase, s.anchor, status
        text = self.date_edit.text().strip()
        if not text:
            return None, None, None, None
        reference = self.published.earliest.date() if self.published else date.today()
        value = parse_user_date(text, day_first=self.day_first, reference=reference)
        return value, None, "typed", "confirmed"

    # -- accepting -----------------------------------------------------------------------

    def checked_actors(self) -> list[str]:
        out = []
        for i in range(self.actor_list.count()):
            item = self.actor_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def build(self) -> tuple[ChangeSet, str]:
        if self.kind == "event":
            value, phrase, anchor, status = self.event_date()
            return create_event_with_new_actors(
                self.project,
                [(name, kind, "participant") for name, kind in self.checked_new_actors()],
                headline=self.headline_edit.text(),
                span=self.span,
                date=value,
                date_phrase=phrase,
                date_anchor=anchor,
                date_status=status,
                type=self.type_edit.text().strip(),
                actors=[(a, "participant") for a in self.checked_actors()],
            )
        if self.kind == "actor":
            aliases = [a.strip() for a in self.aliases_edit.text().split(",") if a.strip()]
            return operations.create_actor(
                self.project,
                name=self.name_edit.text(),
                kind=self.kind_combo.currentText(),
                aliases=aliases,
                span=self.span,
            )
        claimed_text = self.claimed_edit.text().strip()
        reference = self.published.earliest.date() if self.published else date.today()
        if claimed_text and claimed_text == self._claimed_default:
            claimed = self.published  # the article's date as stored, not re-read from display
        else:
            claimed = (
                parse_user_date(claimed_text, day_first=self.day_first, reference=reference)
                if claimed_text
                else None
            )
        claim: dict[str, Any] = dict(
            text=self.text_edit.text(),
            stance=self.stance_combo.currentText(),
            claimed=claimed,
            event_id=self.event_combo.currentData(),
            span=self.span,
        )
        new = self.new_claimant.chosen() if self.new_claimant is not None else None
        if new is not None:  # the speaker made with the claim: one edit, one undo
            return create_claim_with_new_claimant(self.project, *new, **claim)
        return operations.create_claim(
            self.project, claimant_id=self.claimant_combo.currentData(), **claim
        )

    def offer_new_claimant(self, name: str, kind: str, span: tuple[str, int, int] | None) -> None:
        """Offer a speaker nobody has made yet as the claimant, made with the claim."""
        self.new_claimant = NewClaimant(self.claimant_combo, name, kind, span, self)
        self.form.insertRow(self.claimant_row() + 1, "New actor's na&me", self.new_claimant)

    def claimant_row(self) -> int:
        """The form row of "Claimed by", to put what is said about the claimant under it."""
        where = cast(tuple[int, Any], self.form.getWidgetPosition(self.claimant_combo))
        return where[0]

    def accept(self) -> None:
        try:
            self.changeset, self.item_id = self.build()
            tag_new_item(
                self.project, self.changeset, self.kind, self.item_id, self.tags_edit.tags()
            )
        except AnnotatorError as exc:  # stay open, say what to fix
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
