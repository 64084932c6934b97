"""The JSON export of a whole project, written as it is read and checked as it is written.

The same bytes as ``json_export.dumps(build_document(...))`` after ``validate`` (a test
compares the two), in bounded memory: each record is checked against its part of the
schema and written before the next is read (``core.export.json_check``,
``core.export.json_writer``). A problem found anywhere is raised at the end, before the
caller puts the file in place, so a bad project never leaves a half-written export.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from annotator.core.export.json_check import StreamCheck
from annotator.core.export.json_writer import DocumentWriter, dumps_element, element
from annotator.store import chronology_stream as stream
from annotator.store.chronology import checking_stored, has_table
from annotator.store.codebook import codebook_rows
from annotator.store.export_references import references_resolve
from annotator.store.project import Project
from annotator.store.rows import missing_column


def _lists(project: Project) -> Iterator[tuple[str, Any]]:
    yield "articles", stream.articles(project)
    yield "passages", stream.passages(project)
    yield "events", stream.events(project)
    yield "actors", stream.actors(project)
    yield "claims", stream.claims(project)
    yield "relations", stream.relations(project, has_table(project, "event_relations"))
    yield "notes", stream.notes(project)


def write_json(project: Project, out: IO[bytes]) -> None:
    """Write the project's chronology document to ``out``; raise the InputError ``validate``
    would raise for it (after writing: the caller discards the file) or the damaged-file
    error."""
    with checking_stored(project):
        _write_document(project, out)


def _write_document(project: Project, out: IO[bytes]) -> None:
    check = StreamCheck(ids_checked=references_resolve(project))
    # Optional lists, written only by a project that has some (as build_document does).
    extra = {
        "outlet_grades": stream.outlet_grades(project),
        "codebook": codebook_rows(project),
        "suggestion_dismissals": stream.suggestion_dismissals(project),
    }
    extra = {name: records for name, records in extra.items() if records}
    lists = ["articles", "passages", "events", "actors", "claims", "relations", "notes"]
    shape: dict[str, Any] = {**stream.head(), **{key: [] for key in [*lists, *extra]}}
    check.head(shape)
    writer = DocumentWriter(out)
    for key, value in stream.head().items():
        writer.field(key, value)
    try:
        for name, records in _lists(project):
            _write_list(writer, check, name, records)
    except (IndexError, KeyError) as exc:  # a column missing: the schema itself is damaged
        raise missing_column(exc, str(project.path or "")) from None
    for name, records in extra.items():
        _write_list(writer, check, name, records)
    writer.close()
    check.finish()


def _write_list(writer: DocumentWriter, check: StreamCheck, name: str, records: Any) -> None:
    writer.begin_list(name)
    checked = check.checker(name)
    for i, record in enumerate(records):
        checked(i, record)
        try:
            data = element(record)
        except TypeError:  # a lone surrogate, a huge number: named by the value checks
            check.unwritable(name, i, record)
            try:
                data = dumps_element(record)
            except UnicodeEncodeError:
                continue  # not written: the export fails with the value's problem
        writer.element(data)
    writer.end_list()
    check.end(name)
