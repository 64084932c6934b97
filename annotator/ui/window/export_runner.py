"""Writing a large export in a process of its own (``annotator.cli.export_child``): the
window stays usable, its event loop unblocked and its memory untouched, while a chronology
of 100,000 events is written.

Written in a thread of the window's process, the export held the GIL (event-loop blocks of
427 ms for the CSV, 471 ms for the JSON) and added 120 MB to the window's peak. The child
reads its own snapshot of the file, so the export is one consistent state even if the
analyst goes on editing; it says how far it has got, and Cancel stops it with nothing
written. A small project is written at once, in the window's thread: a process and a
progress dialog would take longer than the export.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.core.files import remove_leftover_temps
from annotator.store.export_file import Written as Written
from annotator.store.export_file import write_file as write_file
from annotator.ui.common.worker_signal import emit_if_alive

if TYPE_CHECKING:  # the writers load with the first export, not at the app's start
    from annotator.store.exporting import ExportRequest

# Events from which an export goes to a child process (the seed and small projects take
# < 0.2 s in the window's thread; a process starts in about 0.5 s).
IN_BACKGROUND_FROM = 5_000
CHILD = [sys.executable, "-m", "annotator.cli.export_child"]
# The child imports the window's own code, wherever it was loaded from (a checkout too).
CODE_ROOT = str(Path(__file__).resolve().parents[3])
KINDS: dict[str, type[AnnotatorError]] = {"InputError": InputError, "ProjectError": ProjectError}


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    rest = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != CODE_ROOT]
    env["PYTHONPATH"] = os.pathsep.join([CODE_ROOT, *rest])
    return env


def _error(message: dict[str, Any]) -> AnnotatorError:
    kind = KINDS.get(str(message.get("kind")), AnnotatorError)
    return kind(str(message["error"]), where=message.get("where"), hint=message.get("hint"))


def _stopped(target: Path, code: int, stderr: str) -> AnnotatorError:
    """A child that ended without a word (killed, out of memory, a bug): its last line."""
    last = next((ln.strip() for ln in reversed(stderr.splitlines()) if ln.strip()), "")
    said = f": {last[:200]}" if last else ""
    why = f"the export stopped unexpectedly (exit status {code}{said})"
    return AnnotatorError(why, where=str(target), hint="nothing was written; try again")


class ExportRunner(QObject):
    """One export at a time; ``done`` carries its Written, ``progressed`` the bytes so far."""

    done = Signal(object)
    progressed = Signal(int)

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.busy = False
        self.progress: QProgressDialog | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._cancelled = False
        self._label = ""
        self.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    def start(self, path: Path, request: ExportRequest, target: Path) -> None:
        from annotator.store.exporting import request_to_json

        self.busy, self._cancelled = True, False
        self._label = f"Writing {target.name}…"
        progress = QProgressDialog(self._label, "Cancel", 0, 0, self.window)
        progress.setWindowTitle("Export")
        progress.setWindowModality(Qt.WindowModality.NonModal)
        progress.setMinimumDuration(400)
        progress.canceled.connect(self.cancel)
        self.progress = progress
        # A file, not a pipe: a chatty child never stalls; closed by the thread that reads it.
        errors = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._child = subprocess.Popen(
                [*CHILD, str(path), str(target)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=_child_env(),
            )
        except OSError as exc:
            errors.close()
            error = AnnotatorError(
                f"the export could not start ({exc.strerror or exc})",
                where=str(target),
                hint="nothing was written; try again",
            )
            self.done.emit(Written(target, error=error))
            return
        threading.Thread(
            target=self._run,
            args=(self._child, request_to_json(request), target, errors),
            daemon=True,
            name="export",
        ).start()

    def cancel(self) -> None:
        """Stop the child; it removes its temp file, and the old file (if any) stays."""
        child = self._child
        if child is not None and child.poll() is None:
            self._cancelled = True
            with contextlib.suppress(OSError):
                child.terminate()

    def _run(self, child: subprocess.Popen[bytes], request: str, target: Path, errors: Any) -> None:
        # Only waits on the child's pipes, so this thread holds the GIL for microseconds.
        assert child.stdin is not None and child.stdout is not None
        with contextlib.suppress(OSError):  # a child that died at once: said below
            child.stdin.write(request.encode("utf-8"))
            child.stdin.close()
        last: dict[str, Any] = {}
        for line in child.stdout:
            with contextlib.suppress(ValueError):
                message = json.loads(line)
                if "written" in message:
                    emit_if_alive(self, self.progressed, int(message["written"]))
                else:
                    last = message
        child.stdout.close()
        code = child.wait()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", errors="replace")
        errors.close()
        if "error" in last:
            written = Written(target, error=_error(last))
        elif "left_out" in last and code == 0:
            written = Written(target, str(last["left_out"] or ""))
        else:
            remove_leftover_temps(target)  # a killed child could not remove its own
            if self._cancelled:
                written = Written(target, cancelled=True)
            else:
                written = Written(target, error=_stopped(target, code, stderr))
        emit_if_alive(self, self.done, written)  # the window may have closed meanwhile

    def _progressed(self, size: int) -> None:
        if self.progress is not None and self.busy:
            self.progress.setLabelText(f"{self._label} {size / 1e6:.0f} MB")

    def _finished(self, _written: object) -> None:
        self.busy = False
        self._child = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
