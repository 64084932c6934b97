"""Is a project file still whole? The checks run after every fuzz case and every kill.

Opening is not enough: a damaged file can open and still be broken. A file is healthy when

* ``PRAGMA integrity_check`` is ok and ``foreign_key_check`` finds nothing;
* every FTS5 index passes its own ``'integrity-check'`` command against its table
  (SQLite 3.40's ``integrity_check`` says "ok" over a broken FTS index);
* every export format still works (a refusal with the clear error is allowed only where it
  is a fact about the project, e.g. TimelineJS without a dated event), and search works.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.store.project import Project
from annotator.store.schema import FTS_COLUMNS

_NULL_IN = re.compile(r"NULL value in (\w+)\.(\w+)$")

# Set to the name of a check (e.g. "export:markdown") to make it fail: for the tests that
# prove a broken file is counted, without having to break a real exporter.
HEALTH_FAULT_ENV = "ANNOTATOR_RELIABILITY_HEALTH_FAULT"

EXPORTS = [
    ("json", "events"),
    ("csv", "events"),
    ("csv", "claims"),
    ("csv", "actors"),
    ("timelinejs", "events"),
    ("webannotation", "events"),
    ("markdown", "events"),
    ("html", "events"),
]
# Refusals that describe the project, not a broken file.
# Refusals that follow from the content, not from a broken file: TimelineJS needs a dated
# event (a project of undated or no events is told so) and ids it can link to.
ALLOWED_REFUSALS = {
    "timelinejs": (
        "cannot be exported as TimelineJS",
        "has nothing dated to put on a TimelineJS timeline",
    )
}


def fts_problems(path: Path) -> list[str]:
    """FTS5's own check of each full-text index against its table, on a fresh connection.

    The check is an INSERT in form, so it needs a writable connection; it writes nothing, and
    the transaction it opens is rolled back."""
    problems = []
    con = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10)
    try:
        for table in FTS_COLUMNS:
            fts = f"{table}_fts"
            try:
                # rank 1: also compare the index with the content table it indexes
                con.execute(f"INSERT INTO [{fts}]([{fts}], rank) VALUES('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                problems.append(f"{fts}: {exc}")
    finally:
        con.rollback()
        con.close()
    return problems


def export_problems(project: Project) -> list[str]:
    """Each export format, as the command line builds it; what failed, one line each."""
    from annotator.core.export import render
    from annotator.store.exporting import ExportRequest, export_document, export_text

    fault = os.environ.get(HEALTH_FAULT_ENV, "")
    problems = []
    for fmt, what in EXPORTS:
        name = f"export:{fmt}" + (f"/{what}" if fmt == "csv" else "")
        try:
            if fault and name.startswith(fault):
                raise RuntimeError(f"injected fault ({HEALTH_FAULT_ENV})")
            request = ExportRequest(fmt=fmt, what=what)
            render.render_export(export_document(project, request), fmt, what=what)
            if fmt == "csv" and what == "events":
                export_text(project, request)  # the fast path the CLI and the window take
        except AnnotatorError as exc:
            if not any(words in str(exc) for words in ALLOWED_REFUSALS.get(fmt, ())):
                problems.append(f"{name} refused: {str(exc)[:160]}")
        except Exception as exc:  # the point: an export that breaks on a file that opened
            problems.append(f"{name}: {type(exc).__name__}: {str(exc)[:160]}")
    return problems


def search_problems(project: Project) -> list[str]:
    from annotator.store.search import search

    try:
        if os.environ.get(HEALTH_FAULT_ENV) == "search":
            raise RuntimeError(f"injected fault ({HEALTH_FAULT_ENV})")
        search(project, "talks")
    except AnnotatorError:
        return []  # a clear refusal of the query is not a broken file
    except Exception as exc:
        return [f"search: {type(exc).__name__}: {str(exc)[:160]}"]
    return []


def health_problems(path: Path, *, exports: bool = True) -> list[str]:
    """Everything wrong with the project file at ``path`` (empty: healthy)."""
    try:
        project = Project.open(path, readonly=True, analyst="health")
    except AnnotatorError as exc:
        return [f"does not open: {str(exc)[:160]}"]
    except Exception as exc:
        return [f"does not open: {type(exc).__name__}: {str(exc)[:160]}"]
    try:
        problems = file_check_failures(project)
        if exports:
            problems += export_problems(project) + search_problems(project)
    except Exception as exc:  # e.g. integrity_check itself stopped by a malformed page
        return [f"integrity_check: {type(exc).__name__}: {str(exc)[:160]}"]
    finally:
        project.close()
    try:
        fts = fts_problems(path)
    except sqlite3.Error as exc:
        fts = [f"fts check: {type(exc).__name__}: {exc}"]
    if fts:
        problems.append(f"fts integrity-check: {fts[:3]}")
    return problems


def integrity_problems(project: Project) -> list[str]:
    """``PRAGMA integrity_check`` lines, less SQLite 3.40's false "NULL value in" reports.

    SQLite 3.40 (Debian 12) reports a NULL in a NOT NULL column of a WITHOUT ROWID table
    whose primary key columns are not declared first, when there is none. Such a line is
    dropped only if a plain query confirms the column holds no NULL.
    """
    problems = []
    for (line,) in project.db.execute("PRAGMA integrity_check"):
        if line == "ok":
            continue
        match = _NULL_IN.match(line)
        if match and not project.scalar(
            f"SELECT count(*) FROM [{match[1]}] WHERE [{match[2]}] IS NULL"
        ):
            continue
        problems.append(line)
    return problems


def file_check_failures(project: Project) -> list[str]:
    """What SQLite's own checks say is wrong with a file after a kill (empty: nothing)."""
    failures = []
    problems = integrity_problems(project)
    if problems:
        failures.append(f"integrity_check: {problems[:3]}")
    bad_keys = project.rows("PRAGMA foreign_key_check")
    if bad_keys:
        failures.append(f"foreign_key_check: {bad_keys[:3]}")
    return failures
