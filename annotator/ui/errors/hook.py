"""The last line of defence: uncaught exceptions become one clear dialog and a log entry.

* ``sys.excepthook`` and ``threading.excepthook`` both land here; worker-thread errors are
  handed to the GUI thread through a queued signal.
* A burst of errors (a broken paint handler fires many times) shows one dialog, not fifty.
* Disk, permission, lock and damaged-file problems are told apart from bugs, in plain words.
* Nothing here touches the project: every committed edit is already on disk (each edit is its
  own transaction), so the dialog can say so truthfully.
* A re-entry guard keeps an error raised while reporting an error from recursing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.store.project import plain_database_error
from annotator.ui.common.settings import config_dir

LOG_NAME = "errors.log"
BURST_MS = 300
SAFE = "Every edit you made before this is saved in the project file."
_ENV_ERRNOS = {
    errno.ENOSPC: "The disk is full.",
    errno.EACCES: "Permission was denied.",
    errno.EPERM: "Permission was denied.",
    errno.EROFS: "The disk is read-only.",
    errno.EDQUOT: "The disk quota is used up.",
}


def classify(exc: BaseException) -> tuple[str, str]:
    """(category, plain words): category is "input", "environment" or "bug"."""
    if isinstance(exc, AnnotatorError):
        return "input", str(exc)
    if isinstance(exc, OSError) and exc.errno in _ENV_ERRNOS:
        where = f" ({exc.filename})" if exc.filename else ""
        return "environment", _ENV_ERRNOS[exc.errno] + where
    plain = plain_database_error(exc)
    if plain is not None:
        return "environment", plain
    if isinstance(exc, MemoryError):
        return "environment", "The computer ran out of memory."
    return "bug", f"{type(exc).__name__}: {exc}"


class ErrorHook(QObject):
    """Install once per application; ``uninstall`` restores the previous hooks (tests)."""

    _fromThread = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None, *, log_path: Path | None = None):
        super().__init__(parent)
        self.log_path = log_path or config_dir() / LOG_NAME
        self.pending: list[tuple[str, str, str]] = []  # (category, words, traceback)
        self.shown = 0
        self._busy = False
        self._timer = QTimer(self, singleShot=True, interval=BURST_MS)
        self._timer.timeout.connect(self._show)
        self._fromThread.connect(self.handle, Qt.ConnectionType.QueuedConnection)
        self._old_sys = sys.excepthook
        self._old_thread = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook = self._old_sys
        threading.excepthook = self._old_thread

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._fromThread.emit(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if self._busy:  # an error while reporting an error: log it, do not recurse
            self._log("".join(traceback.format_exception(exc_type, exc, tb)))
            return
        self._busy = True
        try:
            category, words = classify(exc)
            trace = "".join(traceback.format_exception(exc_type, exc, tb))
            self._log(trace)
            self.pending.append((category, words, trace))
            if not self._timer.isActive():
                self._timer.start()
        finally:
            self._busy = False

    def _log(self, text: str) -> None:
        with contextlib.suppress(OSError):
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            stamp = dt.datetime.now().isoformat(timespec="seconds")
            with self.log_path.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {stamp}\n{text}\n")

    def message(self) -> tuple[str, str, str]:
        """(title, text, details) for the pending burst."""
        errors, self.pending = self.pending, []
        kinds = {c for c, _, _ in errors}
        words = list(dict.fromkeys(w for _, w, _ in errors))
        more = (
            f"\n\n({len(errors)} errors in a row; the first is shown.)" if len(errors) > 1 else ""
        )
        details = "\n".join(t for _, _, t in errors[:5])
        if kinds == {"input"}:
            return "Cannot do that", f"{words[0]}{more}", details
        if "bug" not in kinds:
            return (
                "A problem with the computer, not the project",
                f"{words[0]}\n\n{SAFE} Fix the problem and try again.{more}",
                details,
            )
        return (
            "Something went wrong in Timeline Annotator",
            f"This is a bug in the app: {words[0]}\n\n{SAFE} "
            f"Details were written to {self.log_path}.{more}",
            details,
        )

    def _show(self) -> None:
        if not self.pending or self._busy:
            return
        self._busy = True
        try:
            title, text, details = self.message()
            self.shown += 1
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                title,
                text,
                QMessageBox.StandardButton.Ok,
                QApplication.activeWindow(),
            )
            box.setTextFormat(Qt.TextFormat.PlainText)  # an error may quote item text
            box.setDetailedText(details)
            box.exec()
        finally:
            self._busy = False
