"""Importing article files: read in a worker thread, stored as one undoable edit.

The worker only reads and parses files (``core.importers.import_articles``: no database), so
the window stays responsive and a cancel stops between files. An encrypted PDF's password
is asked for once every file is read (Cancel there cancels the import). The store write
happens back in the GUI thread as one ChangeSet through ``session.run``: one Undo removes
the whole import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.text import counted
from annotator.store.changes import ChangeSet
from annotator.store.versions import VersionImport, import_or_update
from annotator.ui.common.plain import rich_escaped
from annotator.ui.editing.session import Session

PROGRESS_FROM = 3  # files; fewer finish before a progress dialog would be worth showing


def password_dialog(parent: QWidget | None, name: str, *, wrong: bool) -> QInputDialog:
    """The question for one encrypted PDF's password (typed hidden)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Password needed")
    dialog.setLabelText(
        f"That password does not open “{name}”. Try again:"
        if wrong
        else f"“{name}” is an encrypted PDF. Its password:"
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText("Open")
    return dialog


def finish_worker(worker: QThread | None, dialog: QProgressDialog | None) -> None:
    """A worker that has said it is done, and its progress dialog, put away."""
    if worker is not None:
        worker.wait()
        worker.deleteLater()
    if dialog is not None:
        dialog.reset()
        dialog.deleteLater()


class ImportWorker(QThread):
    progress = Signal(int, str)  # files done, name of the one being read
    done = Signal(list, list)  # [ImportedArticle], [(path, message)]

    def __init__(self, paths: list[Path], parent: QObject | None = None):
        super().__init__(parent)
        self.paths = list(paths)
        self.locked: list[Path] = []  # encrypted PDFs: their passwords are asked for after
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        # The importers load with the first import, not at the app's start (30-40 ms).
        from annotator.core.importers import import_articles
        from annotator.core.importers.pdf import PdfPasswordError

        articles, errors = [], []
        for i, path in enumerate(self.paths):
            if self._cancel:
                break
            self.progress.emit(i, Path(path).name)
            try:
                articles.extend(import_articles(path))  # a feed gives one per entry
            except PdfPasswordError:
                self.locked.append(Path(path))  # asked for in the GUI thread when all are read
            except AnnotatorError as exc:
                errors.append((str(path), str(exc)))
            except OSError as exc:
                errors.append((str(path), exc.strerror or str(exc)))
        self.progress.emit(len(self.paths), "")
        self.done.emit(articles, errors)


class ImportController(QObject):
    """Runs one import at a time; ``finished`` carries the ids of the articles added."""

    finished = Signal(list)  # article ids (empty when cancelled or nothing was readable)

    def __init__(self, session: Session, window: QWidget):
        super().__init__(window)
        self.session = session
        self.window = window
        self.worker: ImportWorker | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.password_dialog: QInputDialog | None = None
        self.cancelled = False
        # Read so far while a password is being asked for: articles, errors, PDFs still locked.
        self._pending: tuple[list, list, list[Path]] | None = None
        self.new_version_of: str | None = None  # the article the file updates, if any
        self.versions: list[VersionImport] = []  # what the last import did to old versions

    def busy(self) -> bool:
        return self.worker is not None or self._pending is not None

    def start(self, paths: list[Path], *, new_version_of: str | None = None) -> bool:
        """Read ``paths`` and import them; as the new version of ``new_version_of`` if given
        (a file from an address already imported is a new version of that article anyway)."""
        if self.worker is not None or not paths:
            return False
        self.cancelled = False
        self.new_version_of = new_version_of
        self.worker = ImportWorker(paths, self)
        if len(paths) >= PROGRESS_FROM:
            dialog = QProgressDialog("Reading articles…", "Cancel", 0, len(paths), self.window)
            dialog.setWindowTitle("Import")
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.canceled.connect(self.cancel)

            def show_progress(n: int, name: str) -> None:
                dialog.setValue(n)
                dialog.setLabelText(f"Reading {name}…")

            self.worker.progress.connect(show_progress)
            self.progress_dialog = dialog
        self.worker.done.connect(self._done)
        self.worker.start()
        return True

    def cancel(self) -> None:
        self.cancelled = True
        if self.worker:
            self.worker.cancel()

    def _done(self, articles: list, errors: list) -> None:
        worker, self.worker = self.worker, None
        finish_worker(worker, self.progress_dialog)
        self.progress_dialog = None
        if self.cancelled:
            self.finished.emit([])
            return
        locked = worker.locked if worker is not None else []
        if locked:
            self._pending = (articles, errors, list(locked))
            self._ask_password(wrong=False)
            return
        self._finish(articles, errors)

    def _ask_password(self, *, wrong: bool) -> None:
        """One encrypted PDF's password; Cancel cancels the whole import."""
        assert self._pending is not None
        dialog = password_dialog(self.window, self._pending[2][0].name, wrong=wrong)
        self.password_dialog = dialog
        dialog.finished.connect(lambda result: self._password_given(dialog, result))
        dialog.open()

    def _password_given(self, dialog: QInputDialog, result: int) -> None:
        self.password_dialog = None
        dialog.deleteLater()
        if self._pending is None:
            return
        articles, errors, locked = self._pending
        if result != QInputDialog.DialogCode.Accepted:
            self._pending = None
            self.cancelled = True  # nothing is stored: the project stays as it was
            self.finished.emit([])
            return
        from annotator.core.importers import import_articles
        from annotator.core.importers.pdf import PdfPasswordError

        path = locked[0]
        try:
            articles.extend(import_articles(path, password=dialog.textValue()))
        except PdfPasswordError:
            self._ask_password(wrong=True)
            return
        except AnnotatorError as exc:
            errors.append((str(path), str(exc)))
        except OSError as exc:
            errors.append((str(path), exc.strerror or str(exc)))
        locked.pop(0)
        if locked:
            self._ask_password(wrong=False)
            return
        self._pending = None
        self._finish(articles, errors)

    def _finish(self, articles: list, errors: list) -> None:
        ids = self._store(articles, errors)
        if errors:
            lines = "\n".join(f"• {Path(p).name}: {m}" for p, m in errors[:12])
            more = f"\n… and {len(errors) - 12} more" if len(errors) > 12 else ""
            QMessageBox.warning(
                self.window,
                "Some files were not imported",
                rich_escaped(f"{counted(len(ids), 'article')} imported.\n\n{lines}{more}"),
            )
        self.finished.emit(ids)

    def _store(self, articles: list, errors: list) -> list[str]:
        project = self.session.project
        label = articles[0].title[:40] if len(articles) == 1 else f"{len(articles)} articles"
        cs = ChangeSet(f"Import {label}")
        seen: set[str] = set()
        ids = []
        versions = []
        if self.new_version_of and len(articles) > 1:
            errors.extend(
                (a.source, "one file is the new version of one article") for a in articles
            )
            articles = []
        for art in articles:
            try:
                done = import_or_update(
                    project, art, cs, seen_hashes=seen, new_version_of=self.new_version_of
                )
                ids.append(done.article_id)
                if done.version is not None:
                    versions.append(done.version)
            except AnnotatorError as exc:
                errors.append((art.source, exc.message))
        self.versions = []
        if not cs or not self.session.run(cs):
            return []
        self.versions = versions
        return ids
