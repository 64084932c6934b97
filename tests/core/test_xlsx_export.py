"""The XLSX export read back with openpyxl: sheets, frozen headers, typed cells, no formulas."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from annotator.core.errors import InputError
from annotator.core.export import csv_export
from annotator.core.export.render import render_bytes, render_export
from annotator.core.export.xlsx_export import MAX_WIDTH, to_xlsx
from tests.core.test_csv_tools import TRICKY, tricky_doc
from tests.helpers.chronology_fixture import FORMULA, make_doc

SHEETS = ["Events", "Claims", "Actors", "Citations", "Memos", "Sources"]


def _book(doc: dict):
    return load_workbook(io.BytesIO(to_xlsx(doc)))


def _records(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_sheets_headers_and_row_counts():
    doc = make_doc()
    wb = _book(doc)
    assert wb.sheetnames == SHEETS
    expected = {
        "Events": len(doc["events"]),
        "Claims": len(doc["claims"]),
        "Actors": len(doc["actors"]),
        "Citations": sum(
            len(x["citations"]) for k in ("events", "claims", "actors") for x in doc[k]
        ),
        "Memos": len(doc.get("notes") or []),
        "Sources": len(doc["articles"]),
    }
    for name in SHEETS:
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        assert ws.max_row - 1 == expected[name], name
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(
            len(str(c.value)) < w <= MAX_WIDTH + 2 for c, w in zip(ws[1], widths, strict=True)
        )
    assert [c.value for c in wb["Events"][1]] == csv_export.EVENT_COLUMNS


def test_one_day_dates_are_date_cells_and_other_dates_text():
    wb = _book(tricky_doc())
    ws = wb["Events"]
    header = [c.value for c in ws[1]]
    col = header.index("date_edtf")
    seen = {}
    for row in ws.iter_rows(min_row=2):
        cell = row[col]
        if cell.value is None:
            continue
        if isinstance(cell.value, datetime):
            assert cell.is_date and cell.number_format == "yyyy-mm-dd"
            seen[cell.value.date().isoformat()] = "date"
        else:
            assert cell.data_type == "s"
            seen[cell.value] = "text"
    assert seen["2025-03-04"] == "date"
    for value in TRICKY:
        if value != "2025-03-04":
            assert seen[value] == "text", value
    earliest = header.index("earliest")
    assert all(
        isinstance(r[earliest].value, str) for r in ws.iter_rows(min_row=2) if r[earliest].value
    )


def test_no_cell_is_ever_a_formula_and_text_keeps_its_first_character():
    doc = make_doc()
    wb = _book(doc)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    events = _records(wb["Events"])
    assert events[0]["headline"] == FORMULA  # as written, not with the CSV's leading '


@settings(max_examples=60, deadline=None)
@given(st.tuples(st.sampled_from(["=", "+", "-", "@", "a", ""]), st.text(max_size=30)).map("".join))
def test_any_headline_reads_back_as_text(text):
    doc = make_doc()
    doc["events"][0]["headline"] = text
    wb = _book(doc)
    ws = wb["Events"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("headline") + 1)
    if not text:  # nothing to write: an empty cell (the app never stores an empty headline)
        assert cell.value in (None, "")
        return
    assert cell.data_type == "s"
    assert isinstance(cell.value, str) and len(cell.value) == len(text)
    assert cell.value[:1] == text[:1] or cell.value[:1] == "\ufffd"


def test_source_urls_are_hyperlinks():
    doc = make_doc()
    wb = _book(doc)
    for title in ("Sources", "Citations"):
        ws = wb[title]
        header = [c.value for c in ws[1]]
        col = header.index("url") + 1
        links = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
        with_url = [c for c in links if c.value]
        assert with_url, title
        for cell in with_url:
            assert cell.hyperlink is not None and cell.hyperlink.target == cell.value
            assert cell.value.startswith(("http://", "https://"))


def test_xlsx_is_binary_and_other_formats_are_utf8():
    doc = make_doc()
    assert render_bytes(doc, "xlsx").startswith(b"PK")
    assert render_bytes(doc, "csv") == render_export(doc, "csv").encode("utf-8")
    with pytest.raises(InputError, match="binary"):
        render_export(doc, "xlsx")
