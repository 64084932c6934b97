"""The CSV exports as other tools read them: pandas keeps every date as text or as the right
date, never a wrong one; sources, quotes and URLs pair up; one row per citation."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pandas as pd
import pytest

from annotator.core.dates.value import DateValue
from annotator.core.export import csv_export
from tests.helpers.chronology_fixture import make_doc

# EDTF a spreadsheet or pandas could take for something else: a range, an ISO week, a
# season (21 = spring), an unspecified decade, a bare year, an open range, a month.
TRICKY = [
    "2025-02-21/2025-03-07",
    "2025-W10",
    "2025-21",
    "198X",
    "2025",
    "../2025-03",
    "2025-03",
    "2025-03-04",
]
ISO_COLUMNS = {
    "events": ["earliest", "latest", "created", "modified"],
    "claims": ["claimed_earliest", "claimed_latest", "created", "modified"],
    "actors": ["created", "modified"],
    "citations": [],
    "relations": ["created", "modified"],
    "notes": ["created", "modified"],
}
TEXT_DATE_COLUMNS = {
    "events": ["date_edtf", "date_display"],
    "claims": ["claimed_edtf", "claimed_display"],
    "actors": [],
    "citations": ["published"],
    "relations": [],
    "notes": [],
}


def _date(value: str) -> dict[str, object]:
    dv = DateValue.from_edtf(value)
    return {
        "value": value,
        "earliest": dv.earliest.isoformat(timespec="seconds"),
        "latest": dv.latest.isoformat(timespec="seconds"),
        "precision": dv.precision,
        "phrase": None,
        "anchor": None,
        "status": "confirmed",
    }


def tricky_doc() -> dict:
    doc = make_doc()
    template = doc["events"][0]
    doc["events"] = [
        {**template, "id": f"ev-{i}", "date": _date(v), "citations": []}
        for i, v in enumerate(TRICKY)
    ] + doc["events"]
    for claim, value in zip(doc["claims"], TRICKY, strict=False):
        claim["claimed"] = _date(value)
    return doc


def _text(doc: dict, what: str) -> str:
    buf = io.StringIO(newline="")
    csv_export.write_csv(doc, buf, what)
    return buf.getvalue()


@pytest.mark.parametrize("what", csv_export.TABLE_NAMES)
def test_pandas_parses_every_date_column_right_or_keeps_it_as_text(what: str) -> None:
    doc = tricky_doc()
    text = _text(doc, what)
    written = list(csv.DictReader(io.StringIO(text, newline="")))
    frame = pd.read_csv(io.StringIO(text), parse_dates=ISO_COLUMNS[what], keep_default_na=False)
    assert len(frame) == len(written)
    for column in ISO_COLUMNS[what] + TEXT_DATE_COLUMNS[what]:
        for value, cell in zip(frame[column], written, strict=True):
            raw = cell[column]
            if raw == "":
                assert value is pd.NaT or value == "", (column, value)
            elif isinstance(value, datetime):  # pd.Timestamp is one
                assert value.to_pydatetime() == datetime.fromisoformat(raw.replace("Z", "+00:00"))
            else:
                assert isinstance(value, str) and value == raw, (column, value, raw)


def test_the_edtf_forms_stay_text_in_pandas() -> None:
    frame = pd.read_csv(io.StringIO(_text(tricky_doc(), "events")), keep_default_na=False)
    by_id = dict(zip(frame["id"], frame["date_edtf"], strict=True))
    assert [by_id[f"ev-{i}"] for i in range(len(TRICKY))] == TRICKY
    assert frame["date_edtf"].dtype == object or str(frame["date_edtf"].dtype).startswith("str")


def test_a_column_of_bare_years_stays_text_when_read_as_the_readme_says() -> None:
    doc = make_doc()
    for ev in doc["events"]:
        ev["date"] = _date("2025")
    text = _text(doc, "events")
    frame = pd.read_csv(io.StringIO(text), dtype={"date_edtf": str}, keep_default_na=False)
    assert set(frame["date_edtf"]) == {"2025"}


def test_sources_quotes_and_urls_pair_up_one_entry_per_citation() -> None:
    doc = make_doc()
    rows = list(csv.DictReader(io.StringIO(_text(doc, "events"), newline="")))
    by_id = {ev["id"]: ev for ev in doc["events"]}
    for row in rows:
        n = len(by_id[row["id"]]["citations"])
        for column in ("sources", "quotes", "url"):
            entries = row[column].split(csv_export.SOURCE_SEPARATOR) if n else []
            assert len(entries) == n, (column, row[column])
    cited = next(r for r in rows if len(by_id[r["id"]]["citations"]) > 1)
    citations = [
        c
        for c in _rows(doc, "citations")
        if c["item_id"] == cited["id"] and c["item_kind"] == "event"
    ]
    assert [c["quote"] for c in citations] == cited["quotes"].split(" | ")


def _rows(doc: dict, what: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_text(doc, what), newline="")))


def test_citations_table_has_one_row_per_citation_with_its_item() -> None:
    doc = make_doc()
    rows = _rows(doc, "citations")
    assert list(rows[0]) == csv_export.CITATION_COLUMNS
    expected = sum(len(x["citations"]) for k in ("events", "claims", "actors") for x in doc[k])
    assert len(rows) == expected and len({r["citation_id"] for r in rows}) == expected
    passages = {p["id"]: p for p in doc["passages"]}
    articles = {a["id"]: a for a in doc["articles"]}
    heads = {e["id"]: e["headline"] for e in doc["events"]}
    for row in rows:
        passage = passages[row["passage_id"]]
        text = articles[passage["article_id"]]["text"]
        quote = csv_export.neutralise(text[int(row["start"]) : int(row["end"])])
        assert quote == row["quote"]
        assert row["article_title"] == csv_export.neutralise(
            articles[passage["article_id"]]["title"]
        )
        if row["item_kind"] == "event":
            assert row["item"] == csv_export.neutralise(heads[row["item_id"]])
    assert {r["item_kind"] for r in rows} == {"event", "claim", "actor"}
