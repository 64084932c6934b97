"""Running an export: which path builds it, for the command line and the window alike.

The events CSV of a whole project is written straight from SQL (``csv_fast``, the same
bytes as the document path, about 10x sooner); everything else goes through the
chronology document, filtered, then rendered by ``core.export.render``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import IO, Any

from annotator.core.errors import InputError
from annotator.core.export.filters import filter_chronology
from annotator.core.export.hypothesis_export import cited_without_url
from annotator.core.export.render import (
    BINARY_FORMATS,
    NOTED,
    WITH_TEXT,
    left_out,
    render_bytes,
    render_export,
)
from annotator.core.export.render import FORMATS as FORMATS  # what the window offers
from annotator.store.chronology import build_document
from annotator.store.csv_fast import write_events_csv
from annotator.store.json_stream import write_json
from annotator.store.project import Project
from annotator.store.tag_passages import passages_csv

PASSAGES = "passages"  # CSV only: every passage of the tags and actors asked for

BOM = "\ufeff"  # written as EF BB BF: Excel then reads the CSV as UTF-8, not the local code page


@dataclass(frozen=True)
class ExportRequest:
    """What to export. Empty filters mean everything; ``event_ids`` keeps only those
    events (the window's word filter: exactly the rows the table shows)."""

    fmt: str
    what: str = "events"  # CSV only: events, claims, actors, citations or notes
    group_by: str = "type"  # TimelineJS only: each event's lane
    actors: Sequence[str] = ()
    tags: Sequence[str] = ()
    types: Sequence[str] = ()
    articles: Sequence[str] = ()
    date_from: date | datetime | str | None = None
    date_to: date | datetime | str | None = None
    event_ids: Collection[str] | None = None
    excel: bool = False  # CSV only: UTF-8 with a byte order mark, so Excel reads it as UTF-8
    group: str = "__world__"  # Hypothesis only: the group id the annotations are posted to

    @property
    def filtered(self) -> bool:
        return bool(
            self.actors
            or self.tags
            or self.types
            or self.articles
            or self.date_from
            or self.date_to
            or self.event_ids is not None
        )


def request_to_json(request: ExportRequest) -> str:
    """The request for another process (the window's exports run in one): dates as ISO
    text, which the filters read as the same bounds."""
    data: dict[str, Any] = {}
    for f in fields(request):
        value = getattr(request, f.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, (set, frozenset)):
            value = sorted(value)
        elif isinstance(value, tuple):
            value = list(value)
        data[f.name] = value
    return json.dumps(data)


def request_from_json(text: str) -> ExportRequest:
    data = json.loads(text)
    for name in ("actors", "tags", "types", "articles"):
        data[name] = tuple(data[name])
    if data["event_ids"] is not None:
        data["event_ids"] = frozenset(data["event_ids"])
    return ExportRequest(**data)


def export_document(project: Project, request: ExportRequest) -> dict[str, Any]:
    """The chronology document the request selects (article texts only for the formats
    that carry them)."""
    doc = build_document(project, include_text=request.fmt in WITH_TEXT)
    if not request.filtered:
        return doc
    doc = filter_chronology(
        doc,
        actors=request.actors or None,
        tags=request.tags or None,
        types=request.types or None,
        articles=request.articles or None,
        date_from=request.date_from,
        date_to=request.date_to,
        event_ids=None if request.event_ids is None else set(request.event_ids),
    )
    return doc


def export_text(project: Project, request: ExportRequest) -> str:
    """The export's whole text, by the fastest path that gives the same bytes."""
    bom = BOM if request.fmt == "csv" and request.excel else ""
    if request.what == PASSAGES:
        return bom + passages_export(project, request)
    if request.fmt == "csv" and request.what == "events" and not request.filtered:
        buf = io.StringIO(newline="")
        buf.write(bom)
        write_events_csv(project, buf)
        return buf.getvalue()
    return bom + render_export(
        export_document(project, request),
        request.fmt,
        what=request.what,
        group_by=request.group_by,
        group=request.group,
    )


def export_bytes(project: Project, request: ExportRequest) -> bytes:
    """The export's file: the text as UTF-8, or a binary format (XLSX, QDPX) as it is."""
    if request.fmt in BINARY_FORMATS:
        return render_bytes(export_document(project, request), request.fmt, what=request.what)
    return export_text(project, request).encode("utf-8")


def write_export(project: Project, request: ExportRequest, out: IO[bytes]) -> str:
    """Write the export to ``out`` (see ``core.files.output_file``); returns the line on
    what it had to leave out, as ``export_with_note``. The whole project's events CSV and
    JSON document are written as they are read (a JSON export of 100,000 events held 3 GB
    when built whole); the others are built whole, then written."""
    if not request.filtered and request.what == "events":
        if request.fmt == "json":
            write_json(project, out)
            return ""
        if request.fmt == "csv":
            text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
            try:
                if request.excel:
                    text.write(BOM)
                write_events_csv(project, text)
                text.flush()
            finally:
                text.detach()  # the caller closes ``out``
            return ""
    result, left_out = export_with_note(project, request)
    out.write(result if isinstance(result, bytes) else result.encode("utf-8"))
    return left_out


def export_with_note(project: Project, request: ExportRequest) -> tuple[str | bytes, str]:
    """The export (bytes for a binary format) and one line on what it had to leave out,
    from one build of the document: the command line prints the line, the window shows it."""
    if request.fmt not in NOTED:
        if request.fmt in BINARY_FORMATS:
            return export_bytes(project, request), ""
        return export_text(project, request), ""
    doc = export_document(project, request)
    text = render_export(
        doc, request.fmt, what=request.what, group_by=request.group_by, group=request.group
    )
    return text, left_out(doc, request.fmt)


def passages_export(project: Project, request: ExportRequest) -> str:
    """All passages for the request's tags and actors, with their context, as CSV."""
    if request.fmt != "csv":
        raise InputError(
            "the passages of a tag or actor are written as CSV",
            where="--what passages",
            hint="add --format csv",
        )
    return passages_csv(project, tags=list(request.tags), actors=list(request.actors))


def articles_without_url(project: Project, request: ExportRequest) -> dict[str, tuple[str, int]]:
    """Articles the Hypothesis export would leave out for want of a web address: id ->
    (title, citations of the exported items in it), so the window can ask for them first."""
    return cited_without_url(export_document(project, replace(request, fmt="hypothesis")))
