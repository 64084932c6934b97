"""Every field of the selected event, actor or claim, editable, with its citations.

A field is written when the user leaves it (or picks a value); each write is one undoable
edit. Citations are links: clicking one shows the passage in the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates.provenance import is_suggestion, of_row
from annotator.core.dates.value import edtf_shown
from annotator.core.grades import grade_code
from annotator.core.vocabulary import (
    ACTOR_KINDS,
    ASSESSMENTS,
    CONFIDENCES,
    FACT_STATUS_CHOICES,
    STANCES,
)
from annotator.store.codebook import codebook_names
from annotator.store.date_sources import date_source_text
from annotator.store.grades import citation_grades
from annotator.store.panel_queries import (
    event_actor_roles,
    event_choices,
    event_count,
    event_headline,
)
from annotator.store.queries import actor_choices, citations_of, tags_of
from annotator.store.rows import DAMAGED_ALIASES, aliases_or_none
from annotator.store.schema import ITEM_TABLES
from annotator.store.versions import version_labels
from annotator.ui.common.plain import link as html_link
from annotator.ui.common.plain import plain, plain_label, rich_escaped
from annotator.ui.editing import edits
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.panels.evidence_section import CredibilityPicker, EvidenceSection
from annotator.ui.panels.relations_section import RelationsSection
from annotator.ui.widgets.delegates import ActorPicker, DateEditor
from annotator.ui.widgets.memo_list import MemoList
from annotator.ui.widgets.panel import Panel
from annotator.ui.widgets.tag_field import TagChips, TagLineEdit, split_tags

CITATION_ROLE = Qt.ItemDataRole.UserRole
# Above this many events the "about event" field is shown, not offered as a list.
EVENT_CHOICE_LIMIT = 2000


class _TextBox(QPlainTextEdit):
    """A multi-line field that reports when the user leaves it."""

    editingFinished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


def date_text(edtf: str | None, day_first: bool) -> str:
    return edtf_shown(edtf, day_first) if edtf else ""


class Inspector(Panel):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.session = session
        self.kind: str | None = None
        self.item_id: str | None = None
        self.row: dict[str, Any] = {}
        self._clearing = False
        # One actor picker for every event shown: making one reads and case-folds every
        # actor and alias (65 ms at 500 actors, more at 5,000); it reads again when actors
        # change.
        self._picker: ActorPicker | None = None
        self._actors_stale = False
        # The kind and date order the form's widgets were made for: another event is shown
        # in them (their values set), not in a form made anew (10-20 ms of every Enter).
        self._form_for: tuple[str, bool] | None = None
        self.title = plain_label("Nothing selected", self)
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.form_host = QWidget(self)
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.citations = QListWidget(self)
        self.citations.setWordWrap(True)
        self.citations.setCursor(Qt.CursorShape.PointingHandCursor)
        self.citations.itemClicked.connect(self._show_citation)
        self.citations.itemActivated.connect(self._show_citation)
        self.citations.currentItemChanged.connect(self._citation_chosen)
        self._chosen_citation: str | None = None  # kept across a rebuild of the list
        self.evidence = EvidenceSection(session, self)
        self.credibility = CredibilityPicker(session, self)
        self.remove_citation = QPushButton("Remove citation", self)
        self.remove_citation.clicked.connect(self._remove_citation)
        self.citations_label = plain_label("Citations", self)
        self.memos = MemoList(session, self)
        self.memos.passageRequested.connect(self.showPassage.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.form_host)
        layout.addWidget(self.evidence)
        layout.addWidget(self.citations_label)
        layout.addWidget(self.citations, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.credibility)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_citation)
        layout.addLayout(buttons)
        self.relations = RelationsSection(session, self)
        self.relations.eventChosen.connect(self._go_to_event)
        layout.addWidget(self.relations)
        layout.addWidget(self.memos)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._project_replaced)
        self._show_nothing()

    # -- selection -------------------------------------------------------------------

    def select_item(self, kind: str, id: str) -> None:
        table = ITEM_TABLES.get(kind)
        row = self.session.project.row(table, id) if table else None
        if row is None:
            self.kind = self.item_id = None
            self._show_nothing()
            return
        other = (kind, id) != (self.kind, self.item_id)
        self.kind, self.item_id, self.row = kind, id, row
        self._build()
        self._fit_height()
        if other:
            self._scroll_to_top()

    def prepare_event_form(self, event_id: str | None) -> None:
        """Build the event form once, shown with this event and then hidden, while the
        window is idle and nothing is shown here: the first event selected is then filled
        into it, as every later one is (making it was a third of the first Enter in a
        window, profiled). Hidden, it is what an undone Enter leaves."""
        if self.kind is not None or self._form_for is not None or not event_id:
            return
        row = self.session.project.row("events", event_id)
        if row is None:
            return
        self.kind, self.item_id, self.row = "event", event_id, row
        try:
            self._build()
        finally:
            self.kind = self.item_id = None
            self.row = {}
            self._show_nothing()

    def _go_to_event(self, event_id: str) -> None:
        """A relation's link: show the other event here and select it everywhere. Later,
        not inside the click: showing it rebuilds the list that was clicked."""

        def go() -> None:
            self.select_item("event", event_id)
            self.itemSelected.emit("event", event_id)

        QTimer.singleShot(0, self, go)

    def _fit_height(self) -> None:
        """Take the height the new form needs now, not at the scroll area's next layout
        pass: until then every row is squeezed into the old height (buttons of no height)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        need = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
        if need > self.height():
            self.resize(self.width(), need)

    def _scroll_to_top(self) -> None:
        """Another item starts at its header, whatever the last one was scrolled to."""
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QAbstractScrollArea):
            widget = widget.parentWidget()
        if widget is not None:
            widget.verticalScrollBar().setValue(0)

    def _show_nothing(self) -> None:
        if self._form_for is not None and self._form_for[0] == "event":
            # Hidden and kept for the next event (an undo of Enter, a delete, then Enter).
            for picker in self.findChildren(ActorPicker):
                picker.popup().hide()
        else:
            self._clear_form()
        self.title.setText("Nothing selected")
        self.citations.clear()
        self.form_host.hide()
        self.citations_label.hide()
        self.citations.hide()
        self.remove_citation.hide()
        self.credibility.hide()
        self.evidence.show_event(None)
        self.relations.show_event(None)
        self.memos.show_for(None, None)
        self.memos.hide()

    def _project_replaced(self) -> None:
        self._actors_stale = True
        self.select_item("", "")

    def _on_changed(self, touched: Changes) -> None:
        if touched.touches(frozenset({"actors"})):
            self._actors_stale = True
        if self.kind is None or self.item_id is None:
            return
        table = ITEM_TABLES[self.kind]
        related = {"citations", "passages", "tags", "event_actors", "actors", "events"}
        related |= {"articles", "outlet_grades"}  # the source and grade each citation shows
        if self.item_id in touched.get(table, set()) or related & touched.keys():
            own = {table} | ({"event_actors", "actors"} if self.kind == "event" else set())
            if touched.made_by(self) and touched.only(own):
                # Our own field edit: the widgets already agree; rebuilding would steal focus.
                self.row = self.session.project.row(table, self.item_id) or {}
                if not self.row:
                    self.select_item("", "")
                    return
                if self.kind == "event":  # what set the date now, and whether to confirm it
                    self._show_date_source()
                picker = self.fields.get("actors")
                if isinstance(picker, ActorPicker) and touched.keys() & {"event_actors", "actors"}:
                    picker.reload()  # a new actor is known now
                    self._actors_stale = False
                    picker.setText(self._actors_text())
                self._load_citations()
                return
            self.select_item(self.kind, self.item_id)

    # -- building the form -----------------------------------------------------------

    def _clear_form(self) -> None:
        # Deleted later, not now: a rebuild can be asked for while one of these widgets
        # (or a completer popup working on it) is still handling an event. Hiding the
        # focused field makes it report "editing finished": what it holds is stale then.
        self._clearing = True
        try:
            while self.form.rowCount():
                taken = self.form.takeRow(0)
                for item in (taken.labelItem, taken.fieldItem):
                    widget = item.widget() if item is not None else None
                    if widget is not None:
                        widget.hide()
                        if widget is not self._picker:  # kept for the next event
                            widget.deleteLater()
            for picker in self.findChildren(ActorPicker):
                picker.popup().hide()
        finally:
            self._clearing = False
        self.fields = {}
        self._form_for = None

    def _focused_field(self) -> str | None:
        focus = QApplication.focusWidget()
        return next(
            (
                name
                for name, w in self.fields.items()
                if focus is not None and (w is focus or w.isAncestorOf(focus))
            ),
            None,
        )

    def _build(self) -> None:
        assert self.kind is not None  # select_item sets the kind before building
        focused = self._focused_field()  # an undo rebuilds the form: keep the analyst's place
        row = self.row
        day_first = self.session.day_first
        refill = self._form_for == (self.kind, day_first) and self.kind == "event"
        if not refill:
            self._clear_form()
        self.form_host.show()
        self.citations_label.show()
        self.citations.show()
        self.remove_citation.show()
        self.credibility.show()
        self.memos.show()
        self.memos.show_for(self.kind, self.row["id"])
        if refill:
            self._refill_event()
        elif self.kind == "event":
            self.title.setText(f"Event: {row['headline']}")
            self._line("headline", "Headline", row["headline"])
            date = DateEditor(day_first, self)
            date.setText(date_text(row["date"], day_first))
            date.edit.editingFinished.connect(lambda: self._commit_date(date))
            self._add("date", "Date", date)
            note = plain_label("")
            note.setWordWrap(True)
            self._add("date_source", "Date from", note)
            confirm = QPushButton("Confirm this date (F9)", self)
            confirm.setToolTip("The suggestion is right: keep it, with its phrase")
            confirm.clicked.connect(self._confirm_date)
            self._add("confirm_date", "", confirm)
            self._show_date_source(building=True)
            self._line("type", "Type", row["type"])
            self._line("location", "Location", row["location"])
            self._combo("confidence", "Confidence", ["", *CONFIDENCES], row["confidence"] or "")
            self._fact_status(row["fact_status"])
            actors = self._actor_picker()
            actors.setText(self._actors_text())
            self._add("actors", "Actors", actors)
            self._text("description", "Description", row["description"])
        elif self.kind == "actor":
            self.title.setText(f"Actor: {row['name']}")
            self._line("name", "Name", row["name"])
            self._combo("kind", "Kind", list(ACTOR_KINDS), row["kind"])
            aliases = aliases_or_none(row)
            self._line(
                "aliases", "Aliases", DAMAGED_ALIASES if aliases is None else "; ".join(aliases)
            )
            self._text("description", "Description", row["description"])
        else:
            self.title.setText(f"Claim: {row['text'][:80]}")
            self._text("text", "Claim", row["text"])
            claimants = actor_choices(self.session.project)
            self._combo(
                "claimant_id",
                "Claimant",
                [""] + [a["id"] for a in claimants],
                row["claimant_id"] or "",
                labels=["(nobody)"] + [a["name"] for a in claimants],
            )
            claimed = DateEditor(day_first, self)
            claimed.setText(date_text(row["claimed"], day_first))
            claimed.edit.editingFinished.connect(lambda: self._commit_date(claimed, "claimed"))
            self._add("claimed", "Claimed on", claimed)
            self._combo("stance", "Stance", list(STANCES), row["stance"])
            self._combo("assessment", "Assessment", list(ASSESSMENTS), row["assessment"])
            self._fact_status(row["fact_status"])
            self._about_event(row["event_id"])
        applied = tags_of(self.session.project, self.kind, row["id"])
        tags = self.fields.get("tags")
        if refill and isinstance(tags, TagLineEdit):
            tags.all_names = codebook_names(self.session.project)  # a tag made meanwhile
            tags.names.setStringList(tags.all_names)
            tags.setText(", ".join(applied))
        else:
            tags = TagLineEdit(self.session.project, ", ".join(applied), self)
            tags.editingFinished.connect(lambda: self._commit_tags(tags))
            self._add("tags", "Tags", tags)
            self.tag_chips = TagChips(self)
            self.form.addRow("", self.tag_chips)
        self.tag_chips.show_tags(self.session.project, applied)
        self._form_for = (self.kind, day_first)
        self._set_readonly(self.session.readonly)
        self._load_citations()
        self.relations.show_event(row["id"] if self.kind == "event" else None)
        self.evidence.show_event(row["id"] if self.kind == "event" else None)
        if focused in self.fields:
            self.fields[focused].setFocus()

    def _refill_event(self) -> None:
        """Another event in the event form already built: each widget given its value."""
        row, day_first = self.row, self.session.day_first
        self.title.setText(f"Event: {row['headline']}")
        for name in ("headline", "type", "location"):
            edit = self.fields[name]
            assert isinstance(edit, QLineEdit)
            edit.setText(row[name] or "")
            edit.setCursorPosition(0)
            edit.setToolTip(rich_escaped(row[name] or ""))
        date = self.fields["date"]
        assert isinstance(date, DateEditor)
        date.setText(date_text(row["date"], day_first))
        self._show_date_source()
        for name in ("confidence", "fact_status"):
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            combo.setCurrentIndex(max(0, combo.findData(row[name] or "")))
        self._actor_picker().setText(self._actors_text())
        box = self.fields["description"]
        assert isinstance(box, _TextBox)
        box.setPlainText(row["description"] or "")

    def _actor_picker(self) -> ActorPicker:
        picker = self._picker
        if picker is None:
            picker = self._picker = ActorPicker(lambda: self.session.project, self)
            picker.committed.connect(lambda: self._commit_actors(picker))
        else:
            picker.drop_pending_commit()  # what was typed for the event shown before
            if self._actors_stale:
                picker.reload()
            # Hidden when the last form was cleared: shown again by the form, as a new
            # field is (once the form is laid out), not at once.
            picker.setAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide, False)
        self._actors_stale = False
        return picker

    def _actors_text(self) -> str:
        return "; ".join(
            f"{r['name']}: {r['role']}" if r["role"] else r["name"]
            for r in event_actor_roles(self.session.project, self.row["id"])
        )

    def _show_date_source(self, *, building: bool = False) -> None:
        """Say what set the date; offer to confirm it only while it is a suggestion (a date
        typed or moved by hand has nothing to confirm). Kept up to date after the
        inspector's own edits, which do not rebuild the form."""
        note, confirm = self.fields.get("date_source"), self.fields.get("confirm_date")
        if not isinstance(note, QLabel) or confirm is None:
            return
        row = self.row
        words = date_source_text(self.session.project, row, day_first=self.session.day_first)
        note.setText(words)
        suggested = row["date_status"] == "suggested" and is_suggestion(of_row(row))
        for widget, wanted in ((note, bool(words)), (confirm, suggested)):
            wanted = wanted and (widget is note or not self.session.readonly)
            if not building or not wanted:  # a new row shows with the form, laid out
                self.form.setRowVisible(widget, wanted)

    def _confirm_date(self) -> None:
        if self.kind == "event" and self.item_id:
            edits.confirm_date(self.session, self.item_id)

    def _add(self, name: str, label: str, widget: QWidget) -> None:
        self.fields[name] = widget
        self.form.addRow(label, widget)

    def _line(self, name: str, label: str, value: str | None) -> None:
        edit = QLineEdit(value or "", self)
        edit.setCursorPosition(0)  # a long headline shows its start, not its end
        edit.setToolTip(rich_escaped(value or ""))
        edit.editingFinished.connect(lambda: self._commit(name, edit.text()))
        self._add(name, label, edit)

    def _text(self, name: str, label: str, value: str | None) -> None:
        box = _TextBox(self)
        box.setPlainText(value or "")
        box.setMaximumHeight(80)
        box.editingFinished.connect(lambda: self._commit(name, box.toPlainText()))
        self._add(name, label, box)

    def _combo(
        self,
        name: str,
        label: str,
        values: list[str],
        current: str,
        labels: list[str] | None = None,
    ) -> None:
        combo = QComboBox(self)
        for value, text in zip(values, labels or values, strict=True):
            combo.addItem(text or "(not set)", value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.activated.connect(lambda _i: self._commit(name, combo.currentData() or None))
        self._add(name, label, combo)

    def _fact_status(self, status: str | None) -> None:
        self._combo(
            "fact_status",
            "Fact status",
            ["", *(s.value for s in FACT_STATUS_CHOICES)],
            status or "",
            labels=["", *(s.words for s in FACT_STATUS_CHOICES)],
        )
        self.fields["fact_status"].setToolTip("Mark a key fact, or whether it is disputed (K)")

    def _about_event(self, event_id: str | None) -> None:
        project = self.session.project
        if event_count(project) <= EVENT_CHOICE_LIMIT:
            events = event_choices(project)
            self._combo(
                "event_id",
                "About event",
                [""] + [e["id"] for e in events],
                event_id or "",
                labels=["(none)"] + [e["headline"] for e in events],
            )
            return
        headline = event_headline(project, event_id)
        link = QLabel(self)
        if headline:  # a link to select it; the headline itself shown as text
            link.setTextFormat(Qt.TextFormat.RichText)
            link.setText(html_link(headline))
        else:
            plain(link).setText("(none)")
        link.linkActivated.connect(lambda _h: self.itemSelected.emit("event", event_id or ""))
        self._add("event_id", "About event", link)

    def _set_readonly(self, readonly: bool) -> None:
        for widget in self.fields.values():
            widget.setEnabled(not readonly)
        self.remove_citation.setEnabled(not readonly)
        self.credibility.setEnabled(not readonly and self.credibility.citation_id is not None)

    # -- writing ---------------------------------------------------------------------

    def _run(self, edit: Callable[[], bool]) -> None:
        """Run one of ``editing.edits`` for the item shown; a refusal shows what is stored."""
        if (
            self.kind is None
            or self.item_id is None
            or self._clearing
            or self.session.project.closed
            or self.session.readonly
        ):
            return
        if not edit() and self.kind is not None and self.item_id is not None:
            self.select_item(self.kind, self.item_id)

    def _commit(self, name: str, value: Any) -> None:
        if self.kind is None or self.item_id is None:
            return
        if name == "aliases":
            value = [a.strip() for a in str(value).split(";") if a.strip()]
            if value == aliases_or_none(self.row):
                return
        elif self.row.get(name) == value or (
            isinstance(value, str) and (self.row.get(name) or "") == value.strip()
        ):
            return
        kind, item_id = self.kind, self.item_id
        self._run(
            lambda: edits.update_item(self.session, kind, item_id, source=self, **{name: value})
        )

    def _commit_date(self, editor: DateEditor, name: str = "date") -> None:
        if not editor.is_valid() or self.kind is None or self.item_id is None:
            return
        current = self.row.get(name)
        value = editor.value()
        if (value.edtf if value else None) == current:
            return
        kind, item_id = self.kind, self.item_id
        self._run(
            lambda: edits.update_item(self.session, kind, item_id, source=self, **{name: value})
        )

    def _commit_actors(self, picker: ActorPicker) -> None:
        if self.item_id is None or self.kind != "event" or self.fields.get("actors") is not picker:
            return  # a picker of a form since replaced
        item_id = self.item_id
        self._run(lambda: edits.set_event_actors(self.session, item_id, picker.text(), source=self))

    def _commit_tags(self, edit: QLineEdit) -> None:
        if self.kind is None or self.item_id is None:
            return
        if isinstance(edit, TagLineEdit) and edit.completing():
            return
        tags = split_tags(edit.text())
        if sorted(tags) == sorted(tags_of(self.session.project, self.kind, self.item_id)):
            return
        kind, item_id = self.kind, self.item_id
        self._run(lambda: edits.set_tags(self.session, kind, item_id, tags, source=self))

    # -- citations -------------------------------------------------------------------

    def _load_citations(self) -> None:
        chosen = self._chosen_citation  # clearing the list forgets it
        self.citations.clear()
        if self.kind is None or self.item_id is None:
            return
        rows = citations_of(self.session.project, self.kind, self.item_id)
        self.citations_label.setText(f"Citations ({len(rows)}) — click one to read it")
        versions = version_labels(self.session.project)  # which version each quote is in
        grades = citation_grades(self.session.project, self.kind, self.item_id)
        for c in rows:
            quote = c["quote"] if len(c["quote"]) <= 160 else c["quote"][:157] + "…"
            source = " — ".join(x for x in (c["outlet"], c["title"]) if x)
            if c["article_id"] in versions:
                source += f" ({versions[c['article_id']]})"
            status = "" if c["status"] == "anchored" else f" [{c['status']}]"
            graded = grades.get(c["id"], {})
            c = {**c, "credibility": graded.get("credibility"), "grade": ""}
            c["grade"] = grade_code(graded.get("reliability"), c["credibility"])
            code = f" · graded {c['grade']}" if c["grade"] else ""
            item = QListWidgetItem(f"“{quote}”\n{source}{status}{code}")
            item.setData(CITATION_ROLE, c)
            item.setToolTip("Show this passage in the reader")
            item.setForeground(self.palette().link())
            self.citations.addItem(item)
            if c["id"] == chosen:
                self.citations.setCurrentItem(item)
        if self.citations.currentItem() is None:
            self.credibility.show_citation(None, None)

    def _citation_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        c = item.data(CITATION_ROLE) if item is not None else None
        self._chosen_citation = c["id"] if c else None
        self.credibility.show_citation(c["id"] if c else None, c["credibility"] if c else None)

    def citation_rows(self) -> list[dict[str, Any]]:
        return [self.citations.item(i).data(CITATION_ROLE) for i in range(self.citations.count())]

    def _show_citation(self, item: QListWidgetItem) -> None:
        c = item.data(CITATION_ROLE)
        self.showPassage.emit(c["article_id"], c["start"], c["end"])

    def _remove_citation(self) -> None:
        item = self.citations.currentItem()
        if item is None:
            return
        citation_id = item.data(CITATION_ROLE)["id"]
        self._run(lambda: edits.uncite(self.session, citation_id, source=self))
