"""The open project as the ui sees it: one store, one undo stack, one change signal.

Every edit goes through :meth:`Session.edit` (or :meth:`Session.run` for a ChangeSet built
elsewhere, such as an import made on a worker thread): it is applied in one store
transaction and pushed on the undo stack; a refusal is reported once, through ``failed``.
Views never write; they listen to ``changed`` (a :class:`Changes`) and refresh what it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.store.changes import ChangeSet
from annotator.store.project import Project
from annotator.store.touched import articles_touched
from annotator.ui.common.plain import action_text
from annotator.ui.editing.changes import Changes


class EditCommand(QUndoCommand):
    """One user-level edit. redo/undo apply the ChangeSet or its exact inverse."""

    def __init__(self, session: Session, changeset: ChangeSet, source: object | None):
        super().__init__(action_text(changeset.label))  # shown in the Edit menu
        self._session = session
        self._changeset = changeset
        self._source = source

    def redo(self) -> None:
        source, self._source = self._source, None  # only the first run is the view's echo
        self._apply(self._changeset, source)

    def undo(self) -> None:
        self._apply(self._changeset.inverse(), None)

    def _apply(self, changeset: ChangeSet, source: object | None) -> None:
        try:
            self._session.project.apply(changeset)
        except AnnotatorError as exc:
            # A failed command must not stay on the stack.
            self._session.last_error = exc
            self.setObsolete(True)
            self._session.failed.emit(exc)
            return
        articles = articles_touched(self._session.project, changeset)
        self._session.changed.emit(Changes.of(changeset, source, articles))


class Session(QObject):
    changed = Signal(object)  # Changes
    failed = Signal(object)  # AnnotatorError the user should see
    projectReplaced = Signal()

    def __init__(self, project: Project, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.day_first = True
        self.last_error: AnnotatorError | None = None

    @property
    def readonly(self) -> bool:
        return self.project.readonly

    def edit(self, build: Callable[[Project], ChangeSet], *, source: object | None = None) -> bool:
        """Build an edit from the project as it is now, apply it and make it undoable.

        False when it was refused (while building or applying); the reason has then been
        emitted on ``failed``, once.
        """
        try:
            changeset = build(self.project)
        except AnnotatorError as exc:
            self.last_error = exc
            self.failed.emit(exc)
            return False
        return self.run(changeset, source=source)

    def run(self, changeset: ChangeSet, *, source: object | None = None) -> bool:
        """Apply a ready-made edit and make it undoable (see :meth:`edit`)."""
        if not changeset:
            return True
        self.last_error = None
        self.undo_stack.push(EditCommand(self, changeset, source))  # push() calls redo()
        return self.last_error is None

    @contextmanager
    def macro(self, label: str) -> Iterator[None]:
        """Edits made inside are one undo step. One that fails stops the rest, and what
        the macro did before it is undone, so a refused step leaves nothing half done."""
        self.undo_stack.beginMacro(action_text(label))
        self.last_error = None
        failed = False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            failed = failed or self.last_error is not None
            self.undo_stack.endMacro()
            if failed and self.undo_stack.canUndo():
                self.undo_stack.undo()  # what the macro did before the refusal

    def replace_project(self, project: Project) -> None:
        old = self.project
        self.project = project
        self.undo_stack.clear()
        old.close()
        self.projectReplaced.emit()
