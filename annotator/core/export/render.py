"""One export's text from a chronology document, for every format the app writes."""

from __future__ import annotations

import io
import json
from typing import Any

from annotator.core.errors import InputError
from annotator.core.export import json_export, report
from annotator.core.export.csv_export import write_csv
from annotator.core.export.hypothesis_export import PUBLIC_GROUP, to_hypothesis
from annotator.core.export.names import FORMATS as FORMATS
from annotator.core.export.timelinejs import select_events, to_timelinejs, validate_timelinejs
from annotator.core.export.webannotation import to_webannotations

BINARY_FORMATS = ("xlsx", "qdpx")
WITH_TEXT = ("json", "qdpx")  # formats that carry the articles' whole texts
TIMELINE_TITLE = "Chronology"  # the title slide, which says what was left out


def render_bytes(
    doc: dict[str, Any],
    fmt: str,
    *,
    what: str = "events",
    group_by: str = "type",
    group: str = PUBLIC_GROUP,
) -> bytes:
    """The file of one export: UTF-8 text, a workbook for ``xlsx``, a zip for ``qdpx``."""
    if fmt == "xlsx":
        from annotator.core.export.xlsx_export import to_xlsx  # openpyxl only when asked

        return to_xlsx(doc)
    if fmt == "qdpx":
        from annotator.core.export.qdpx import to_qdpx

        return to_qdpx(doc)
    return render_export(doc, fmt, what=what, group_by=group_by, group=group).encode("utf-8")


def render_export(
    doc: dict[str, Any],
    fmt: str,
    *,
    what: str = "events",
    group_by: str = "type",
    group: str = PUBLIC_GROUP,
) -> str:
    """The text of one export of ``doc`` in ``fmt`` (one of :data:`FORMATS`); ``group`` is
    the Hypothesis group the ``hypothesis`` export posts to."""
    if fmt == "json":
        json_export.validate(doc)
        return json_export.dumps(doc)
    if fmt == "csv":
        buf = io.StringIO(newline="")
        write_csv(doc, buf, what=what)
        return buf.getvalue()
    if fmt == "timelinejs":
        try:
            obj = to_timelinejs(doc, group_by=group_by, title=TIMELINE_TITLE)
            validate_timelinejs(obj)
        except ValueError as exc:  # e.g. no dated event: a fact about the project, not a bug
            raise InputError(
                f"cannot be exported as TimelineJS: {exc}",
                where="the chronology",
                hint="add dated events, loosen the filters or choose another format",
            ) from None
        return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    if fmt == "webannotation":
        return json.dumps(to_webannotations(doc), ensure_ascii=False, indent=2) + "\n"
    if fmt == "hypothesis":
        bodies = to_hypothesis(doc, group=group).annotations
        return json.dumps(bodies, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return report.to_markdown(doc)
    if fmt == "html":
        return report.to_html(doc)
    if fmt in BINARY_FORMATS:
        raise InputError(
            f"{fmt} is a binary file, not text", where="format", hint="write it to a file"
        )
    raise InputError(
        f"unknown export format {fmt!r}", where="format", hint=f"use one of {', '.join(FORMATS)}"
    )


# Formats that cannot hold everything, and say so: undated or far-off events for
# TimelineJS, articles without a web address for Hypothesis.
NOTED = ("timelinejs", "hypothesis")


def left_out(doc: dict[str, Any], fmt: str) -> str:
    """One line on what an export of ``doc`` in ``fmt`` leaves out; "" when nothing."""
    if fmt == "timelinejs":
        return select_events(doc).left_out()
    if fmt == "hypothesis":
        return to_hypothesis(doc).left_out()
    return ""
