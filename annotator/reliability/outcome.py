"""What one fuzz case came to, and the fingerprints that tell whether a file changed."""

from __future__ import annotations

import hashlib
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError


@dataclass
class Outcome:
    kind: str  # "accepted", "rejected" (the clear error) or "escape" (any other exception)
    detail: str = ""
    modified: str = ""  # what rejected input changed, if anything (must stay empty)
    broken: str = ""  # an accepted result that breaks a promise (offsets, bounds...)


# SQLite's own words, which mean nothing to an analyst: in a message, an escape.
RAW_SQLITE = re.compile(
    r"sqlite3\.|OperationalError|DatabaseError|IntegrityError|"
    r"ProgrammingError|disk image is malformed|no such (table|column)|"
    r"SQL logic error|fts5:|unable to open database|constraint failed|"
    r"datatype mismatch|string or blob too big"
)


def guarded(action: Callable[[], Any]) -> Outcome:
    """Run one case: the clear error is a rejection, anything else an escape (and so is a
    clear error that only passes on SQLite's own message)."""
    try:
        action()
    except AnnotatorError as exc:
        raw = RAW_SQLITE.search(str(exc))
        if raw:
            return Outcome(
                "escape", f"raw SQLite error ({raw[0]}) in the message: {str(exc)[:200]}"
            )
        return Outcome("rejected", str(exc)[:200])
    except Exception as exc:  # the point: every other exception type is a bug to count
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        return Outcome("escape", f"{type(exc).__name__} at {where}: {str(exc)[:200]}")
    return Outcome("accepted")


def file_print(path: Path) -> tuple[str, ...]:
    """The file's bytes (hashed) and the names of its sidecars (-wal, -shm, -journal)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"
    sidecars = sorted(p.name for p in path.parent.glob(f"{path.name}-*"))
    return (digest, *sidecars)


def content_print(db: Any, tables: list[str]) -> str:
    """A hash of every row of the given tables (a project's content, not its bytes)."""
    h = hashlib.sha256()
    for table in tables:
        for row in db.execute(f"SELECT * FROM [{table}] ORDER BY 1"):
            h.update(repr(row).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class TargetStats:
    name: str
    cases: int = 0
    accepted: int = 0
    rejected: int = 0
    escapes: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    skipped: str = ""
    notes: dict[str, Any] = field(default_factory=dict)  # target-specific figures (coverage)

    def add(self, out: Outcome) -> None:
        self.cases += 1
        if out.kind == "accepted":
            self.accepted += 1
        elif out.kind == "rejected":
            self.rejected += 1
        else:
            self.escapes.append(out.detail)
        if out.modified:
            self.modified.append(out.modified)
        if out.broken:
            self.broken.append(out.broken)
