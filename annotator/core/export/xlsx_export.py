"""An Excel workbook of a chronology: Events, Claims, Actors, Citations and Sources sheets.

The sheets hold the CSV tables' rows (``csv_export``) with typed cells, so a spreadsheet has
nothing to guess: a date that is one whole day is a real date cell, every other EDTF value
(``2025-03``, ``2025-W10``, ``2025-02-21/2025-03-07``, ``198X``) and every bound stays text;
counts and offsets are numbers; text is always a string cell, never a formula, whatever it
starts with (openpyxl would store ``=...`` as a formula: the cell type is set back to string).
Headers are frozen and filterable, columns sized to their text, source URLs are hyperlinks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from annotator.core.export import csv_export
from annotator.core.export.common import format_date, safe_url

ONE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DAY_COLUMNS = {"date_edtf", "claimed_edtf", "published_edtf"}
NUMBER_COLUMNS = {"day_seq", "events", "claims", "start", "end"}
URL_COLUMNS = {"url"}
MAX_CELL = 32767  # Excel's limit on the characters of one cell
MAX_WIDTH = 60
DATE_FORMAT = "yyyy-mm-dd"
SOURCE_COLUMNS = [
    "id",
    "title",
    "outlet",
    "author",
    "url",
    "published_edtf",
    "published_display",
    "language",
    "created",
    "modified",
    "analyst",
]


def source_rows(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for article in doc["articles"]:
        published = article.get("published") or {}
        yield {
            "id": article["id"],
            "title": article.get("title"),
            "outlet": article.get("outlet"),
            "author": article.get("author"),
            "url": safe_url(article.get("url")),
            "published_edtf": published.get("value"),
            "published_display": format_date(published or None),
            "language": article.get("language"),
            "created": article.get("created"),
            "modified": article.get("modified"),
            "analyst": article.get("analyst"),
        }


def day_of(value: str) -> date | None:
    """The date of an EDTF value that is exactly one day (``2025-03-04``), else None."""
    m = ONE_DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def cell_text(value: object) -> str:
    """Text a cell can hold: characters XML 1.0 forbids become U+FFFD, and the length is cut
    to Excel's limit (with an ellipsis) rather than refused."""
    text: str = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _put(ws: Worksheet, row: int, col: int, column: str, value: Any) -> int:
    """Write one typed cell; returns the width its text needs."""
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return 0
    if column in NUMBER_COLUMNS and isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
        return len(str(value))
    text = cell_text(value)
    day = day_of(text) if column in DAY_COLUMNS else None
    if day is not None:
        cell.value = day
        cell.number_format = DATE_FORMAT
        return len(DATE_FORMAT)
    cell.value = text
    cell.data_type = "s"  # openpyxl reads a leading "=" as a formula: this is text
    if column in URL_COLUMNS:
        first = safe_url(text.split(csv_export.SOURCE_SEPARATOR)[0])
        if first:
            cell.hyperlink = first
            cell.style = "Hyperlink"
    return max((len(line) for line in text.splitlines()), default=0)


def _sheet(wb: Workbook, title: str, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    ws = wb.create_sheet(title)
    widths = [len(c) for c in columns]
    bold = Font(bold=True)
    for col, name in enumerate(columns, 1):
        ws.cell(row=1, column=col, value=name).font = bold
    n = 1
    for n, row in enumerate(rows, 2):
        for col, name in enumerate(columns, 1):
            widths[col - 1] = max(widths[col - 1], _put(ws, n, col, name, row.get(name)))
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(n, 1)}"


def to_xlsx(doc: dict[str, Any]) -> bytes:
    """The workbook's bytes (an .xlsx file)."""
    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)  # the default empty sheet
    for title, what in (
        ("Events", "events"),
        ("Claims", "claims"),
        ("Actors", "actors"),
        ("Citations", "citations"),
        ("Memos", "notes"),
    ):
        columns, rows = csv_export.TABLES[what]
        _sheet(wb, title, columns, rows(doc))
    _sheet(wb, "Sources", SOURCE_COLUMNS, source_rows(doc))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
