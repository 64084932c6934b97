"""Writing an export off the event loop: the window stays usable while a large chronology
is written (a JSON export of 100,000 events took 43 s, all of it blocking the window).

The worker opens its own read-only connection and reads inside one transaction, so the file
is one consistent snapshot even if the analyst goes on editing meanwhile. A small project is
written at once, in the window's thread: a progress dialog would only flicker.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.files import output_file
from annotator.store.project import Project

if TYPE_CHECKING:  # the writers load with the first export, not at the app's start
    from annotator.store.exporting import ExportRequest

# Events from which an export goes to a worker (the seed and small projects take < 0.2 s).
IN_BACKGROUND_FROM = 5_000


@dataclass(frozen=True)
class Written:
    target: Path
    left_out: str = ""  # what the format could not hold, in words
    error: AnnotatorError | None = None


def write_file(project: Project, request: ExportRequest, target: Path) -> Written:
    """Export and write; every failure comes back as an AnnotatorError naming the file."""
    from annotator.store.exporting import write_export

    try:
        with output_file(target) as out:  # written as it is read, never held whole
            left_out = write_export(project, request, out)
    except AnnotatorError as exc:
        return Written(target, error=exc)
    except OSError as exc:
        error = InputError(
            exc.strerror or str(exc), where=str(target), hint="choose another folder"
        )
        return Written(target, error=error)
    return Written(target, left_out)


class ExportRunner(QObject):
    """One export at a time; ``done`` carries its Written."""

    done = Signal(object)

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.busy = False
        self.progress: QProgressDialog | None = None
        self.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)

    def start(self, path: Path, request: ExportRequest, target: Path) -> None:
        self.busy = True
        progress = QProgressDialog(f"Writing {target.name}…", "", 0, 0, self.window)
        progress.setWindowTitle("Export")
        progress.setCancelButton(None)  # the file is written whole or not at all
        progress.setWindowModality(Qt.WindowModality.NonModal)
        progress.setMinimumDuration(400)
        self.progress = progress
        import annotator.store.exporting  # noqa: F401  (loaded here, not in the worker)

        threading.Thread(
            target=self._run, args=(path, request, target), daemon=True, name="export"
        ).start()

    def _run(self, path: Path, request: ExportRequest, target: Path) -> None:
        try:
            with Project.open(path, readonly=True) as reader, reader.snapshot():
                written = write_file(reader, request, target)
        except AnnotatorError as exc:
            written = Written(target, error=exc)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.done.emit(written)

    def _finished(self, _written: object) -> None:
        self.busy = False
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
