"""From a selection in the reader to a new, cited item: the steps around the new-item form.

* Event in an article without a publication date: ask for the date first (metadata dialog),
  so relative phrases ("on Tuesday") can be resolved; cancelling goes on without it.
* Actor whose text names a known actor: offer to add it as an alias (and cite the passage);
  text that *is* a known actor's name: offer to cite the passage for that actor.
* Cite: the selection becomes further evidence for the selected item.

Dialogs are opened with ``open()`` (window-modal, not a nested event loop), so the window
stays scriptable in tests; the dialog being shown is ``self.dialog``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from annotator.core.errors import InputError
from annotator.core.item_text import actor_name, snap_to_words
from annotator.store import operations
from annotator.store.actor_index import actor_index
from annotator.ui.common.plain import rich_escaped
from annotator.ui.dialogs.forms import ArticleMetadataDialog, offer_alias
from annotator.ui.editing import edits
from annotator.ui.editing.selection import Selection
from annotator.ui.editing.session import Session
from annotator.ui.new_item.form import NewItemDialog
from annotator.ui.new_item.tag_items import tag_items_at_selection

# Longer than a long paragraph: probably not one passage (a stray Ctrl+A, a slipped drag).
LONG_PASSAGE = 1500
# Longer than this, a selection is a phrase about an actor, never another name of it.
ALIAS_WORDS = 6

NO_DATE_REASON = (
    "This article has no publication date. Give it one first, so that phrases "
    "like “on Tuesday” can be resolved (or Cancel to go on without)."
)


class PassageSource(Protocol):
    """What the flow needs of the reader: the open article and the selected span."""

    article_id: str | None
    text: str

    def selection_span(self) -> tuple[int, int] | None: ...

    def select_span(self, start: int, end: int) -> None: ...

    def setFocus(self) -> None: ...


class TaggingController(QObject):
    itemCreated = Signal(str, str)  # kind, id
    error = Signal(object)  # an AnnotatorError to show
    message = Signal(str)  # a short status-bar note

    def __init__(
        self, session: Session, selection: Selection, reader: PassageSource, window: QWidget
    ):
        super().__init__(window)
        self.session = session
        self.selection = selection
        self.reader = reader
        self.window = window
        self.dialog: QDialog | None = None

    @property
    def selected(self) -> tuple[str, str] | None:
        """The item selected in the window: what R cites the passage for."""
        return self.selection.current

    def tag_event(self) -> None:
        self.tag("event")

    def tag_actor(self) -> None:
        self.tag("actor")

    def tag_claim(self) -> None:
        self.tag("claim")

    def tag_items(self) -> None:
        """Tag the items the selected passage is cited for (new_item.tag_items)."""
        tag_items_at_selection(self)

    # -- tagging -------------------------------------------------------------------------

    def passage(self, what: str) -> tuple[int, int] | None:
        """The selection snapped to whole words (and shown so); a long one only if the
        analyst confirms it: a stray Ctrl+A must not cite a whole article."""
        span = self.reader.selection_span()
        if span is None:
            return None
        start, end = snap_to_words(self.reader.text, *span)
        if (start, end) != span:
            self.reader.select_span(start, end)
        if end - start > LONG_PASSAGE:
            answer = QMessageBox.question(
                self.window,
                "A long passage",
                f"The selection is {end - start:,} characters long. {what} with all of it?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        return start, end

    def tag(self, kind: str) -> None:
        if self.session.readonly:
            self.error.emit(InputError("the project is open read-only", where="tagging"))
            return
        span = self.passage(f"Make the {kind}")
        if span is None or self.reader.article_id is None:
            self.message.emit("Select a passage in the article first.")
            return
        article = self.session.project.row("articles", self.reader.article_id)
        if article is None:
            return
        start, end = span
        if kind == "actor" and not self._actor_shortcuts(article, start, end):
            return
        if kind == "event" and not article.get("published"):
            self._ask_published(article, lambda: self._open_form(kind, start, end))
            return
        self._open_form(kind, start, end)

    def _ask_published(self, article: dict, then) -> None:
        dialog = ArticleMetadataDialog(
            article, day_first=self.session.day_first, reason=NO_DATE_REASON, parent=self.window
        )
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted and not self.session.edit(
                # values() is read inside the edit: a date it cannot read is reported there
                lambda project: operations.update_article(project, article["id"], **dialog.values())
            ):
                return
            dialog.deleteLater()
            then()

        dialog.finished.connect(done)
        dialog.open()
        dialog.activateWindow()

    def open_form_for(
        self, kind: str, start: int, end: int, prepare: Callable[[NewItemDialog], None]
    ) -> None:
        """The new-item form for ``text[start:end]``, prefilled by ``prepare`` (a reader's
        suggestion), after the publication date is asked for as tagging asks for it."""
        if self.session.readonly:
            self.error.emit(InputError("the project is open read-only", where="suggestion"))
            return
        article = (
            self.session.project.row("articles", self.reader.article_id)
            if self.reader.article_id
            else None
        )
        if article is None:
            return
        if kind == "event" and not article.get("published"):
            self._ask_published(article, lambda: self._open_form(kind, start, end, prepare))
            return
        self._open_form(kind, start, end, prepare)

    def _open_form(
        self,
        kind: str,
        start: int,
        end: int,
        prepare: Callable[[NewItemDialog], None] | None = None,
    ) -> None:
        article_id = self.reader.article_id
        if article_id is None:
            return
        article = self.session.project.row("articles", article_id)
        if article is None:
            return
        dialog = NewItemDialog(
            self.session.project,
            kind,
            article,
            start,
            end,
            day_first=self.session.day_first,
            parent=self.window,
        )
        if prepare is not None:
            prepare(dialog)
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            event_id = dialog.cite_instead
            if result == QDialog.DialogCode.Accepted and event_id is not None:
                if edits.cite(self.session, "event", event_id, (article["id"], start, end)):
                    self.itemCreated.emit("event", event_id)  # selected: the evidence grew
                self._back_to_reader()
                return
            if result != QDialog.DialogCode.Accepted or dialog.changeset is None:
                self._back_to_reader()
                return
            if self.session.run(dialog.changeset) and dialog.item_id:
                self.itemCreated.emit(kind, dialog.item_id)
            self._back_to_reader()

        dialog.finished.connect(done)
        dialog.open()
        dialog.activateWindow()

    def back_to_reader(self) -> None:
        self._back_to_reader()

    def _back_to_reader(self) -> None:
        """Keyboard all the way: after the form, the reader has the keys again."""
        self.window.activateWindow()
        self.reader.setFocus()

    def _actor_shortcuts(self, article: dict, start: int, end: int) -> bool:
        """Handle a selection that names a known actor. True: go on to the new-actor form."""
        name = actor_name(article["text"][start:end])
        actors = actor_index(self.session.project)
        names = actors.name_of
        span = (article["id"], start, end)
        same = actors.exact_actor(name)
        if same:
            answer = QMessageBox.question(
                self.window,
                "Known actor",
                rich_escaped(f"“{name}” is {names[same]}. Cite this passage for {names[same]}?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._run_cite("actor", same, span)
            return False
        if len(name.split()) > ALIAS_WORDS:  # a sentence that mentions an actor, not a name
            return True
        matched = actors.matching(name)
        if not matched:
            return True
        choice = offer_alias(self.window, name, names[matched[0]])
        if choice == "new":
            return True
        if choice == "alias":
            self._add_alias(matched[0], name, span)
        return False

    def _add_alias(self, actor_id: str, alias: str, span: tuple[str, int, int]) -> None:
        if edits.add_alias(self.session, actor_id, alias, span):
            self.itemCreated.emit("actor", actor_id)

    # -- citing --------------------------------------------------------------------------

    def cite_selection(self) -> None:
        """The selection as further evidence for the selected item."""
        span = self.passage("Cite it") if self.selected is not None else None
        if self.selected is None:
            self.message.emit(
                "Select the item to cite this passage for (timeline, actors, claims) first."
            )
            return
        if span is None or self.reader.article_id is None:
            self.message.emit("Select a passage to cite.")
            return
        kind, item_id = self.selected
        self._run_cite(kind, item_id, (self.reader.article_id, *span))

    def _run_cite(self, kind: str, item_id: str, span: tuple[str, int, int]) -> None:
        if edits.cite(self.session, kind, item_id, span):
            self.message.emit(f"Passage cited for the {kind}.")
