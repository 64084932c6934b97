"""The open project as the UI sees it: one store, one undo stack, one change signal.

Every edit goes through :meth:`Session.run`, which applies a ChangeSet in one store
transaction and pushes it on the undo stack. Views never write; they listen to
``changed`` (with the tables and ids an edit touched) and refresh what it names.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.store.changes import ChangeSet
from annotator.store.project import Project
from annotator.ui.plain import action_text


class EditCommand(QUndoCommand):
    """One user-level edit. redo/undo apply the ChangeSet or its exact inverse."""

    def __init__(self, session: Session, changeset: ChangeSet):
        super().__init__(action_text(changeset.label))  # shown in the Edit menu
        self._session = session
        self._changeset = changeset

    def redo(self) -> None:
        self._apply(self._changeset)

    def undo(self) -> None:
        self._apply(self._changeset.inverse())

    def _apply(self, changeset: ChangeSet) -> None:
        try:
            self._session.project.apply(changeset)
        except AnnotatorError as exc:
            # A failed command must not stay on the stack.
            self._session.last_error = exc
            self.setObsolete(True)
            self._session.failed.emit(exc)
            return
        self._session.changed.emit(changeset.touched())
        self._session.articlesChanged.emit(changeset.article_ids())


class Session(QObject):
    changed = Signal(object)  # dict[str, set[str]]: table -> ids touched
    failed = Signal(object)  # AnnotatorError the user should see
    projectReplaced = Signal()
    articlesChanged = Signal(object)  # set[str]: articles whose passages an edit touched

    def __init__(self, project: Project, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.day_first = True
        self.last_error: AnnotatorError | None = None

    @property
    def readonly(self) -> bool:
        return self.project.readonly

    def run(self, changeset: ChangeSet) -> bool:
        """Apply an edit and make it undoable. False (and ``failed`` emitted) if it failed."""
        if not changeset:
            return True
        self.last_error = None
        self.undo_stack.push(EditCommand(self, changeset))  # push() calls redo()
        return self.last_error is None

    def replace_project(self, project: Project) -> None:
        old = self.project
        self.project = project
        self.undo_stack.clear()
        old.close()
        self.projectReplaced.emit()
