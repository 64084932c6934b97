"""The reader's suggestions, taken or left by key: N / Shift+N move to the next or previous
one, Y accepts it, D dismisses it; View > Show Suggestions turns the marks off and on.

Accepting creates nothing by itself, except citing a known actor's mention (what R does
with a selection, one undoable edit): a new actor, a claim and an event each open their
form, prefilled from the suggestion, and are made only when the analyst accepts the form.

A known actor's *mention* is cited, not its sentence: the same span as selecting the name
and pressing A on it (the flow offers to cite a known actor's name), and a passage that
names the actor exactly; its sentence is still shown around it wherever the citation is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from annotator.core.suggestions.candidate import Candidate
from annotator.core.suggestions.speakers import PRONOUNS, UNRESOLVED
from annotator.ui.common.plain import plain_label
from annotator.ui.common.settings import set_suggestions_shown, suggestions_shown
from annotator.ui.editing import edits
from annotator.ui.new_item.flow import TaggingController
from annotator.ui.new_item.form import NewItemDialog, select_from_start
from annotator.ui.reader.suggestion_marks import MAX_TEXT
from annotator.ui.reader.view import ReaderView


class SuggestionController(QObject):
    def __init__(self, tagging: TaggingController, reader: ReaderView):
        super().__init__(tagging)
        self.tagging = tagging
        self.session = tagging.session
        self.reader = reader
        reader.suggestions.enabled = suggestions_shown()
        reader.suggestions.reached = self._reached

    @property
    def shown(self) -> bool:
        return self.reader.suggestions.enabled

    # -- moving ---------------------------------------------------------------------------

    def next_suggestion(self) -> None:
        self._step(True)

    def previous_suggestion(self) -> None:
        self._step(False)

    def _step(self, forward: bool) -> None:
        marks = self.reader.suggestions
        if not marks.enabled:
            self.tagging.message.emit("Suggestions are hidden (View ▸ Show Suggestions).")
            return
        current = marks.current
        if current is not None:
            where = current.start
        else:
            cursor = self.reader.textCursor()
            where = self.reader.map.from_utf16(cursor.selectionStart()) - (1 if forward else 0)
        found = marks.step(forward, where)
        if found is None:
            if marks.seeking:
                message = "Looking further on for the next suggestion: a moment."
            elif marks.pending:
                message = "Still finding suggestions in this long article: a moment."
            elif len(self.reader.text) > MAX_TEXT:
                message = f"No suggestions for an article over {MAX_TEXT:,} characters."
            else:
                message = "No suggestions in this article."
            self.tagging.message.emit(message)
            return
        self.reader.select_suggestion(found)
        self.reader.setFocus()

    def _reached(self, found: Candidate | None) -> None:
        """N's walk through a very long text, ended in the worker."""
        if found is None:
            self.tagging.message.emit("No suggestions in this article.")
        else:
            self.reader.select_suggestion(found)

    # -- taking or leaving ----------------------------------------------------------------

    def _current(self) -> Candidate | None:
        current = self.reader.suggestions.current
        if current is None or self.reader.article_id is None:
            self.tagging.message.emit("Select a suggestion first: N, or click a faint mark.")
            return None
        return current

    def accept_suggestion(self) -> None:
        c = self._current()
        if c is None or self.reader.article_id is None:
            return
        article_id = self.reader.article_id
        if c.kind == "known_actor" and c.actor_id:
            if edits.cite(self.session, "actor", c.actor_id, (article_id, c.start, c.end)):
                self.tagging.selection.select("actor", c.actor_id)  # the evidence grew
                self.tagging.message.emit(f"Passage cited for {c.actor_name}. Ctrl+Z undoes it.")
            return
        if c.kind == "new_actor":
            self.tagging.open_form_for("actor", c.start, c.end, lambda d: _new_actor(d, c))
        elif c.kind == "claim":
            self.reader.select_span(c.passage_start, c.passage_end)
            self.tagging.open_form_for(
                "claim", c.passage_start, c.passage_end, lambda d: _claim(d, c)
            )
        else:
            from annotator.core.suggestions.sentences import sentence_spans

            # the sentences of the text the date was found in: a very long text's chunk
            # (its whole 2 MB took 45 ms)
            at, end = self.reader.suggestions.context(c.start)
            lo, hi = next(
                (
                    (at + a, at + b)
                    for a, b in sentence_spans(self.reader.text[at:end])
                    if at + a <= c.start < at + b
                ),
                (c.start, c.end),
            )
            self.reader.select_span(lo, hi)
            self.tagging.open_form_for("event", lo, hi, lambda d: _event(d, c))

    def dismiss_suggestion(self) -> None:
        c = self._current()
        if c is None or self.reader.article_id is None:
            return
        if edits.dismiss_suggestion(self.session, self.reader.article_id, c.key):
            self.tagging.message.emit("Suggestion dismissed. Ctrl+Z brings it back.")
            self._step(True)

    def toggle_suggestions(self) -> None:
        """View > Show Suggestions: the marks off or on, remembered for the next start."""
        marks = self.reader.suggestions
        marks.enabled = not marks.enabled
        set_suggestions_shown(marks.enabled)
        if not marks.enabled:
            self.reader.select_suggestion(None)
        marks.refresh()


def _new_actor(dialog: NewItemDialog, c: Candidate) -> None:
    dialog.name_edit.setText(c.text)  # the mark: the name without its title ("Dr.")
    dialog.kind_combo.setCurrentText(c.actor_kind)
    dialog.name_edit.selectAll()


def _claim(dialog: NewItemDialog, c: Candidate) -> None:
    if c.claimed:
        dialog.text_edit.setText(" ".join(c.claimed.split()))
    note = ""
    if c.actor_id:
        index = dialog.claimant_combo.findData(c.actor_id)
        if index >= 0:
            dialog.claimant_combo.setCurrentIndex(index)
        if c.speaker_said:
            note = f"“{c.speaker_said}” read as {c.actor_name}, named just before: check it."
    elif c.speaker_kind:  # a speaker nobody has made yet: offered, made with the claim
        # the words that name the speaker are the new actor's evidence ("he" is not)
        span = None if _pronoun(c) else (dialog.span[0], c.speaker_start, c.speaker_end)
        dialog.offer_new_claimant(c.speaker, c.speaker_kind, span)
        if _pronoun(c):
            note = f"“{c.speaker_said}” read as {c.speaker}, named just before: check it."
        else:
            note = f"Said by “{c.speaker}”, not an actor yet: made with the claim."
    else:  # who spoke, for the analyst to pick or make
        dialog.claimant_combo.setCurrentIndex(0)
        note = (
            f"Said by “{c.speaker}”: no one named just before. Choose the claimant."
            if _pronoun(c)
            else f"Said by “{c.speaker}”, not a known actor: choose the claimant, or make "
            "the actor first (a name has a mark of its own)."
        )
    if note:
        label = plain_label(note, dialog)
        label.setWordWrap(True)
        row = dialog.claimant_row() + 1 + (dialog.new_claimant is not None)
        dialog.form.insertRow(row, "", label)
    if c.stance:
        dialog.stance_combo.setCurrentText(c.stance)
    select_from_start(dialog.text_edit)  # a long claim shows its start


def _pronoun(c: Candidate) -> bool:
    return c.speaker_said.casefold() in PRONOUNS | UNRESOLVED


def _event(dialog: NewItemDialog, c: Candidate) -> None:
    for i, s in enumerate(dialog.suggestions):
        if s.start == c.start and s.end == c.end:
            dialog.phrase_combo.setCurrentIndex(i)
            break
