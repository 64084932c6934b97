"""An export written to its file, every failure an AnnotatorError naming the file: the same
for the window's small exports (in its thread) and its large ones (``cli.export_child``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.files import output_file
from annotator.store.project import Project

if TYPE_CHECKING:  # the writers load with the first export, not at the app's start
    from annotator.store.exporting import ExportRequest


@dataclass(frozen=True)
class Written:
    target: Path
    left_out: str = ""  # what the format could not hold, in words
    error: AnnotatorError | None = None
    cancelled: bool = False  # the analyst stopped it: nothing was written


def write_file(
    project: Project,
    request: ExportRequest,
    target: Path,
    opened: Callable[[IO[bytes]], None] | None = None,
) -> Written:
    """Export and write (``opened`` is told the file being written, to follow its size)."""
    from annotator.store.exporting import write_export

    try:
        with output_file(target) as out:  # written as it is read, never held whole
            if opened is not None:
                opened(out)
            left_out = write_export(project, request, out)
    except AnnotatorError as exc:
        return Written(target, error=exc)
    except OSError as exc:
        error = InputError(
            exc.strerror or str(exc), where=str(target), hint="choose another folder"
        )
        return Written(target, error=error)
    return Written(target, left_out)
