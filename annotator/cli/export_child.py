"""The window's large exports, in a process of their own.

``python -m annotator.cli.export_child PROJECT TARGET``, the ExportRequest as JSON on standard
input. Prints JSON lines: ``{"written": BYTES}`` now and then, then ``{"left_out": TEXT}``
or ``{"error": MESSAGE, "where": ..., "hint": ...}``. Run in the window's own process, the
export held the GIL (event-loop blocks of 400+ ms at 100,000 events) and added 120 MB to the
window's peak; here it costs the window neither. SIGTERM (the dialog's Cancel) stops it and
the temp file goes with it: the target is written whole or not at all.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import threading
from pathlib import Path
from typing import IO, Any, NoReturn

import annotator.cli.lean_start  # noqa: F401  (first: sqlite-utils without pandas, 0.5 s)
from annotator.core.errors import AnnotatorError
from annotator.store.export_file import Written, write_file
from annotator.store.exporting import request_from_json
from annotator.store.project import Project

REPORT_EVERY = 0.25  # seconds between two sizes of the file being written
_say_lock = threading.Lock()


def say(**message: Any) -> None:
    with _say_lock:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()


def _interrupt(_signum: int, _frame: object) -> NoReturn:
    raise KeyboardInterrupt  # unwinds through output_file, which removes its temp file


def _follow(out: IO[bytes], stop: threading.Event) -> None:
    fd = out.fileno()
    while not stop.wait(REPORT_EVERY):
        try:
            say(written=os.fstat(fd).st_size)
        except (OSError, ValueError):  # closed meanwhile: the export is ending
            return


def export(path: Path, target: Path, request_text: str) -> Written:
    from annotator.store.file_checks import _check_failed

    stop = threading.Event()

    def opened(out: IO[bytes]) -> None:
        threading.Thread(target=_follow, args=(out, stop), daemon=True).start()

    try:
        request = request_from_json(request_text)
        # One snapshot: the file holds one state even if the analyst goes on editing.
        with Project.open(path, readonly=True) as reader, reader.snapshot():
            return write_file(reader, request, target, opened)
    except AnnotatorError as exc:
        return Written(target, error=exc)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.ProgrammingError):
            raise  # our SQL is wrong, never the file
        return Written(target, error=_check_failed(path, exc))
    finally:
        stop.set()


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        written = export(Path(argv[0]), Path(argv[1]), sys.stdin.read())
    except KeyboardInterrupt:
        return 130
    if written.error is not None:
        err = written.error
        say(error=err.message, where=err.where, hint=err.hint, kind=type(err).__name__)
        return 2
    say(left_out=written.left_out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
