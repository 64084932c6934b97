"""File > Import from URL: fetched in a worker thread, stored as one undoable edit, all or nothing.

The worker fetches and reads (``core.importers.url``: no database), reporting each
address and the bytes read; Cancel stops it between chunks. The addresses the project
already holds are read in the GUI thread before it starts (the worker must not use the
project's connection). When every address was read, the articles are stored in the GUI
thread as one ChangeSet; when any address failed, nothing is stored and a message names
each address and its problem.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.files import describe_size
from annotator.core.text import counted
from annotator.store.changes import ChangeSet
from annotator.store.known_addresses import known_addresses
from annotator.store.versions import import_or_update

if TYPE_CHECKING:
    from annotator.core.importers.url import UrlImport
from annotator.ui.common.plain import rich_escaped
from annotator.ui.editing.session import Session
from annotator.ui.window.import_worker import finish_worker


class UrlImportWorker(QThread):
    fetching = Signal(int, str)  # index of the address being fetched, the address
    progress = Signal(str, int, int)  # address, bytes read, bytes expected (0: not said)
    done = Signal(list, list)  # [UrlImport], [(address, message)]

    def __init__(self, urls: list[str], known: dict[str, str], parent: QObject | None = None):
        super().__init__(parent)
        self.urls = list(urls)
        self.known = dict(known)
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def cancelled(self) -> bool:
        return self._cancel

    def run(self) -> None:
        # The importers load with the first fetch, not at the app's start (30-40 ms).
        from annotator.core.importers.pdf import PdfPasswordError
        from annotator.core.importers.url import import_url
        from annotator.core.importers.web import Cancelled, fetch

        results: list[UrlImport] = []
        errors: list[tuple[str, str]] = []
        for i, url in enumerate(self.urls):
            if self._cancel:
                break
            self.fetching.emit(i, url)

            def report(n: int, total: int | None, url: str = url) -> None:
                self.progress.emit(url, n, total or 0)

            fetcher = functools.partial(fetch, cancelled=self.cancelled, progress=report)
            try:
                got = import_url(url, known=self.known, fetcher=fetcher)
            except Cancelled:
                break
            except PdfPasswordError as exc:
                errors.append(
                    (url, f"{exc.where}: is an encrypted PDF (download it and import the file "
                     "with File > Import Articles, which asks for its password)")
                )  # fmt: skip
                continue
            except AnnotatorError as exc:
                errors.append((url, str(exc)))
                continue
            results.append(got)
            for art in got.articles:  # a second address for the same page is a note, not a copy
                self.known.update(dict.fromkeys(art.fetched_from or [], art.title))
        self.done.emit(results, errors)


class UrlImportController(QObject):
    """Runs one URL import at a time; ``finished`` carries the ids of the articles added."""

    finished = Signal(list)

    def __init__(self, session: Session, window: QWidget):
        super().__init__(window)
        self.session = session
        self.window = window
        self.worker: UrlImportWorker | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.cancelled = False
        self.notes: list[str] = []  # what the last import said besides its articles

    def busy(self) -> bool:
        return self.worker is not None

    def start(self, urls: list[str]) -> bool:
        if self.worker is not None or not urls:
            return False
        self.cancelled = False
        self.notes = []
        import annotator.core.importers.url  # noqa: F401  (loaded here, not in the worker)

        self.worker = UrlImportWorker(urls, known_addresses(self.session.project), self)
        dialog = QProgressDialog("Fetching…", "Cancel", 0, 0, self.window)
        dialog.setWindowTitle("Import from URL")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a quick page does not flash a dialog
        dialog.setMinimumWidth(480)
        dialog.canceled.connect(self.cancel)
        count = len(urls)

        def fetching(i: int, url: str) -> None:
            which = f" {i + 1} of {count}" if count > 1 else ""
            dialog.setLabelText(f"Fetching{which}: {url[:90]}")

        def progress(url: str, n: int, total: int) -> None:
            dialog.setMaximum(total if total else 0)  # 0: a busy bar when the size is unknown
            if total:
                dialog.setValue(min(n, total))
            size = f"{describe_size(n)} of {describe_size(total)}" if total else describe_size(n)
            dialog.setLabelText(f"Fetching: {url[:90]}\n{size}")

        self.worker.fetching.connect(fetching)
        self.worker.progress.connect(progress)
        self.worker.done.connect(self._done)
        self.progress_dialog = dialog
        dialog.setValue(0)  # starts the clock of its minimum duration
        self.worker.start()
        return True

    def cancel(self) -> None:
        self.cancelled = True
        if self.worker:
            self.worker.cancel()

    def stop(self) -> None:
        """The window is closing: cancel, and wait for the worker briefly."""
        worker = self.worker
        if worker is not None:
            self.cancel()
            worker.wait(5000)

    def _done(self, results: list[UrlImport], errors: list[tuple[str, str]]) -> None:
        worker, self.worker = self.worker, None
        finish_worker(worker, self.progress_dialog)
        self.progress_dialog = None
        if self.cancelled:
            self.finished.emit([])
            return
        if errors:  # all or nothing: the project stays as it was
            lines = "\n".join(f"• {message}" for _url, message in errors[:12])
            failed = counted(len(errors), "address", "addresses")
            more = f"\n… and {len(errors) - 12} more" if len(errors) > 12 else ""
            QMessageBox.warning(
                self.window,
                "Nothing was imported",
                rich_escaped(
                    f"{failed} could not be imported, so nothing was imported:\n\n{lines}{more}"
                ),
            )
            self.finished.emit([])
            return
        self.notes = [note for got in results for note in got.notes]
        ids = self._store([art for got in results for art in got.articles])
        if self.notes:
            QMessageBox.information(
                self.window,
                "Imported from the web",
                rich_escaped(
                    f"{counted(len(ids), 'article')} imported.\n\n"
                    + "\n".join(f"• {n}" for n in self.notes[:12])
                ),
            )
        self.finished.emit(ids)

    def _store(self, articles: list) -> list[str]:
        if not articles:
            return []
        project = self.session.project
        label = articles[0].title[:40] if len(articles) == 1 else f"{len(articles)} articles"
        cs = ChangeSet(f"Import {label}")
        seen: set[str] = set()
        ids = []
        for art in articles:
            try:
                # A page imported before whose text changed comes in as its new version.
                done = import_or_update(project, art, cs, seen_hashes=seen)
            except AnnotatorError as exc:  # the same text, from a file or another address
                self.notes.append(f"{art.source}: {exc.message}; not imported again")
                continue
            ids.append(done.article_id)
            if done.version is not None:
                self.notes.append(
                    f"{art.source}: changed since it was imported; now version "
                    f"{done.version.number}, its citations moved to the new text"
                )
        if not cs or not self.session.run(cs):
            return []
        return ids
