"""Exports of projects built by the store's own edits, with awkward text in every field.

The fast events CSV (straight from SQL) and the document path write the same bytes; a JSON
export loaded into an empty project exports again to the same document (and so to the same
files in every format); the CSV reads back to the document's values; TimelineJS slides carry
only known date parts and ids TimelineJS keeps; every Web Annotation selector finds its quote
in the article text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.export import csv_export, json_export, report, timelinejs, webannotation
from annotator.core.export.common import Index, format_date
from annotator.core.export.render import BINARY_FORMATS, FORMATS, render_bytes, render_export
from annotator.store import operations as ops
from annotator.store.chronology import build_document, load_document
from annotator.store.csv_fast import write_events_csv
from annotator.store.exporting import ExportRequest, export_document, export_text
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.rows import parse_edtf_field
from tests.helpers.projects import add_article, random_project

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


DATE_COLUMN = "date_edtf"


def _fresh() -> Project:
    return Project.memory(analyst="tester")


# -- the fast events CSV --------------------------------------------------------------------


@SETTINGS
@given(data=st.data())
def test_fast_events_csv_is_the_document_path_byte_for_byte(data: st.DataObject) -> None:
    project = _fresh()
    try:
        random_project(project, data)
        fast = io.StringIO(newline="")
        count = write_events_csv(project, fast)
        slow = render_export(build_document(project, include_text=False), "csv")
        assert fast.getvalue() == slow
        assert count == project.scalar("SELECT count(*) FROM events")
        assert export_text(project, ExportRequest("csv")) == slow
    finally:
        project.close()


def test_the_fast_path_comparison_sees_a_changed_cell() -> None:
    """The byte comparison above is not vacuous: one edit shows in one path's output."""
    project = _fresh()
    try:
        aid = add_article(project, "Talks began in Paris on 4 March 2025.")
        cs, event = ops.create_event(project, headline="Talks", span=(aid, 0, 5))
        project.apply(cs)
        before = export_text(project, ExportRequest("csv"))
        project.apply(ops.update_item(project, "event", event, location="Paris"))
        after = export_text(project, ExportRequest("csv", types=()))
        assert before != after
        assert after == render_export(build_document(project), "csv")
        assert next(csv.DictReader(io.StringIO(after)))["location"] == "Paris"
    finally:
        project.close()


# -- JSON: export, load, export --------------------------------------------------------------


@SETTINGS
@given(data=st.data())
def test_json_export_loaded_into_an_empty_project_exports_the_same(data: st.DataObject) -> None:
    first, second = _fresh(), _fresh()
    try:
        random_project(first, data)
        doc = build_document(first)
        text = render_export(doc, "json")
        loaded = json.loads(text)
        json_export.validate(loaded)
        second.apply(load_document(second, loaded, source="round-trip.json"))
        again = build_document(second)
        assert render_export(again, "json") == text
        for fmt in ("csv", "markdown", "html", "webannotation"):
            assert render_export(again, fmt) == render_export(doc, fmt), fmt
        for what in ("claims", "actors"):
            assert render_export(again, "csv", what=what) == render_export(doc, "csv", what=what)
        assert not second.db.conn.in_transaction
    finally:
        first.close()
        second.close()


def test_loading_the_same_export_twice_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    source = _fresh()
    aid = add_article(source, "Ministers met in Rome on 9 March 2025.")
    source.apply(ops.create_event(source, headline="Rome", span=(aid, 10, 14))[0])
    doc = json.loads(render_export(build_document(source), "json"))
    source.close()
    with Project.open(path) as project:
        project.apply(load_document(project, doc))
        rows = {t: project.scalar(f"SELECT count(*) FROM [{t}]") for t in ("events", "passages")}
        with pytest.raises(InputError, match="already in this project") as err:
            load_document(project, doc, source="again.json")
        assert err.value.where == "again.json"
        assert {t: project.scalar(f"SELECT count(*) FROM [{t}]") for t in rows} == rows
        assert rows == {"events": 1, "passages": 1}


def test_only_the_json_document_carries_the_article_texts() -> None:
    """Only the JSON export carries the texts; the others leave them empty on purpose."""
    project = _fresh()
    try:
        aid = add_article(project, "Talks began in Paris.")
        project.apply(ops.create_event(project, headline="Talks", span=(aid, 0, 5))[0])
        request = ExportRequest("json")
        assert export_document(project, request)["articles"][0]["text"] == "Talks began in Paris."
        assert export_document(project, ExportRequest("csv"))["articles"][0]["text"] == ""
    finally:
        project.close()


# -- CSV: columns, quoting, values ----------------------------------------------------------


@SETTINGS
@given(data=st.data())
def test_csv_reads_back_to_the_document_values(data: st.DataObject) -> None:
    project = _fresh()
    try:
        random_project(project, data)
        doc = build_document(project)
    finally:
        project.close()
    text = render_export(doc, "csv")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == csv_export.EVENT_COLUMNS
    assert all(len(r) == len(csv_export.EVENT_COLUMNS) for r in rows)
    expected = list(csv_export.event_rows(doc))
    assert len(rows) - 1 == len(expected) == len(doc["events"])
    for row, want in zip(rows[1:], expected, strict=True):
        for column, cell in zip(csv_export.EVENT_COLUMNS, row, strict=True):
            assert cell == csv_export.neutralise(want[column]), column
    index = Index(doc)
    by_id = {ev["id"]: ev for ev in doc["events"]}
    for cells in rows[1:]:
        row = dict(zip(csv_export.EVENT_COLUMNS, cells, strict=True))
        ev = by_id[row["id"]]
        assert row[DATE_COLUMN] == ((ev["date"] or {}).get("value") or "")
        cited = {c["passage_id"] for c in ev["citations"]}
        assert set(filter(None, row["passage_ids"].split("; "))) == cited
        for link in ev["actors"]:
            assert index.actor_name(link["actor_id"]) in row["actors"]


@SETTINGS
@given(data=st.data())
def test_claims_and_actors_csv_have_their_columns_and_one_row_each(data: st.DataObject) -> None:
    project = _fresh()
    try:
        random_project(project, data)
        doc = build_document(project, include_text=False)
    finally:
        project.close()
    for what, columns, items in (
        ("claims", csv_export.CLAIM_COLUMNS, doc["claims"]),
        ("actors", csv_export.ACTOR_COLUMNS, doc["actors"]),
    ):
        rows = list(csv.DictReader(io.StringIO(render_export(doc, "csv", what=what), newline="")))
        assert [r["id"] for r in rows] == [i["id"] for i in items]
        assert all(list(r) == columns for r in rows)
    events_of = {a["id"]: 0 for a in doc["actors"]}
    for ev in doc["events"]:
        for actor in {link["actor_id"] for link in ev["actors"]}:
            events_of[actor] += 1
    actor_rows = csv.DictReader(io.StringIO(render_export(doc, "csv", what="actors"), newline=""))
    assert {r["id"]: int(r["events"]) for r in actor_rows} == events_of


def test_csv_quotes_separators_quotes_and_newlines() -> None:
    project = _fresh()
    try:
        aid = add_article(project, 'A text, with "quotes"; and a\nsecond line.')
        cs, _ = ops.create_event(
            project,
            headline='Say "hello", then leave',
            description="line one\nline two",
            location="Paris; France | EU",
            span=(aid, 0, 24),
            date=parse_edtf_field("2025-03-04", "date"),
        )
        project.apply(cs)
        text = export_text(project, ExportRequest("csv"))
    finally:
        project.close()
    assert '"Say ""hello"", then leave"' in text
    assert '"line one\nline two"' in text
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert row["headline"] == 'Say "hello", then leave'
    assert row["description"] == "line one\nline two"
    assert row["location"] == "Paris; France | EU"
    assert row["quotes"] == 'A text, with "quotes"; a'
    assert row["precision"] == "day" and row["earliest"] == "2025-03-04T00:00:00"


def test_an_unfiltered_request_and_a_filter_that_keeps_everything_agree() -> None:
    project = _fresh()
    try:
        aid = add_article(project, "One. Two. Three.")
        ids = []
        for i, word in enumerate(("One", "Two", "Three")):
            cs, eid = ops.create_event(
                project,
                headline=word,
                span=(aid, i * 5, i * 5 + 3),
                date=parse_edtf_field(f"2025-03-0{i + 1}", "date"),
            )
            project.apply(cs)
            ids.append(eid)
        whole = export_text(project, ExportRequest("csv"))
        kept = export_text(project, ExportRequest("csv", event_ids=ids))
        assert kept == whole
        two = export_text(project, ExportRequest("csv", event_ids=[ids[1]]))
        assert [r["headline"] for r in csv.DictReader(io.StringIO(two, newline=""))] == ["Two"]
        late = export_text(project, ExportRequest("csv", date_from="2025-03-02"))
        got = [r["headline"] for r in csv.DictReader(io.StringIO(late, newline=""))]
        assert got == ["Two", "Three"]
    finally:
        project.close()


# -- TimelineJS -----------------------------------------------------------------------------


def _date_objects(slide: dict) -> list[dict]:
    return [slide[k] for k in ("start_date", "end_date") if k in slide]


@SETTINGS
@given(data=st.data(), group_by=st.sampled_from(timelinejs.GROUP_BY))
def test_timelinejs_slides_hold_only_known_parts_and_unique_ids(
    data: st.DataObject, group_by: str
) -> None:
    project = _fresh()
    try:
        random_project(project, data)
        doc = build_document(project, include_text=False)
    finally:
        project.close()
    dated = [ev for ev in doc["events"] if ev["date"]]
    if not dated:
        with pytest.raises(InputError, match="nothing dated"):
            render_export(doc, "timelinejs", group_by=group_by)
        return
    out = json.loads(render_export(doc, "timelinejs", group_by=group_by))
    slides = out["events"]
    selection = timelinejs.select_events(doc)  # far-off context events are left out
    assert len(selection.shown) + len(selection.context) == len(dated)
    dated = selection.shown
    assert len(slides) == len(dated)
    ids = [s["unique_id"] for s in slides]
    assert len(set(ids)) == len(ids)
    assert all(timelinejs.timelinejs_slugify(uid) == uid for uid in ids)
    for slide, ev in zip(slides, dated, strict=True):
        for d in _date_objects(slide):
            parts = {k: v for k, v in d.items() if k != "display_date"}
            assert set(parts) <= set(timelinejs.DATE_PARTS)
            assert all(type(v) is int for v in parts.values()), d
            assert "year" in parts
            # no part finer than the date is known to
            if ev["date"]["precision"] in ("year", "decade", "century"):
                assert "month" not in parts
        if ev["date"]["precision"] == "day":
            y, m, day = (int(x) for x in ev["date"]["value"][:10].split("-"))
            shown = {k: v for k, v in slide["start_date"].items() if k != "display_date"}
            assert shown == {"year": y, "month": m, "day": day}
            assert ("display_date" in slide) == ev["date"]["value"].endswith(("~", "?", "%"))
        if group_by == "none":
            assert "group" not in slide
        else:
            assert isinstance(slide["group"], str) and slide["group"]


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2025", {"year": 2025}, None),
        ("2025-03", {"year": 2025, "month": 3}, None),
        ("2025-03-04", {"year": 2025, "month": 3, "day": 4}, None),
        ("2025-03-04/2025-03-09", {"year": 2025, "month": 3, "day": 4}, {"day": 9}),
        ("2025-W10", {"year": 2025, "month": 3, "day": 3}, {"day": 9}),
        ("2025-33", {"year": 2025, "month": 1}, {"month": 3}),
        ("202X", {"year": 2020}, {"year": 2029}),
        ("../2025-03", {"year": 2025, "month": 3}, None),
    ],
)
def test_timelinejs_dates_of_stored_events(value: str, start: dict, end: dict | None) -> None:
    project = _fresh()
    try:
        aid = add_article(project, "Something happened.")
        project.apply(
            ops.create_event(
                project,
                headline="It",
                span=(aid, 0, 9),
                date=parse_edtf_field(value, "date"),
            )[0]
        )
        slide = json.loads(export_text(project, ExportRequest("timelinejs")))["events"][0]
    finally:
        project.close()
    got = {k: v for k, v in slide["start_date"].items() if k != "display_date"}
    assert got == start
    if end is None:
        assert "end_date" not in slide
    else:
        for key, number in end.items():
            assert slide["end_date"][key] == number


def test_timelinejs_of_a_project_with_only_undated_events_is_one_clear_error() -> None:
    project = _fresh()
    try:
        aid = add_article(project, "Undated talk.")
        project.apply(ops.create_event(project, headline="Talk", span=(aid, 0, 7))[0])
        with pytest.raises(InputError, match="its one event is undated") as err:
            export_text(project, ExportRequest("timelinejs"))
    finally:
        project.close()
    assert "\n" not in str(err.value)


# -- Web Annotation -------------------------------------------------------------------------


@SETTINGS
@given(data=st.data())
def test_web_annotation_selectors_find_their_quote_in_the_article(data: st.DataObject) -> None:
    project = _fresh()
    try:
        random_project(project, data)
        doc = build_document(project)
    finally:
        project.close()
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    urls = {a["id"]: a["url"] for a in doc["articles"]}
    passages = {p["id"]: p for p in doc["passages"]}
    out = json.loads(render_export(doc, "webannotation"))
    items = out["first"]["items"]
    n_citations = sum(len(i["citations"]) for k in ("events", "actors", "claims") for i in doc[k])
    assert out["total"] == len(items) == n_citations
    assert len({a["id"] for a in items}) == len(items)
    by_iri = {
        webannotation.iri("citation", c["id"]): c["passage_id"]
        for kind in ("events", "actors", "claims")
        for item in doc[kind]
        for c in item["citations"]
    }
    for anno in items:
        passage = passages[by_iri[anno["id"]]]
        text = texts[passage["article_id"]]
        selectors = {s["type"]: s for s in anno["target"]["selector"]}
        pos, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        assert text[pos["start"] : pos["end"]] == quote["exact"]
        assert text[: pos["start"]].endswith(quote["prefix"])
        assert text[pos["end"] :].startswith(quote["suffix"])
        source = anno["target"]["source"]
        url = urls[passage["article_id"]]
        if url and url.startswith("https://"):
            assert source == url
        else:
            assert source.startswith("urn:uuid:") and "javascript" not in source


def test_web_annotation_offsets_count_code_points_not_utf16_units() -> None:
    text = "😀😀 Paris 𝔘 talks"
    project = _fresh()
    try:
        aid = add_article(project, text)
        start = text.index("Paris")
        project.apply(ops.create_event(project, headline="Paris", span=(aid, start, start + 5))[0])
        doc = build_document(project)
    finally:
        project.close()
    anno = json.loads(render_export(doc, "webannotation"))["first"]["items"][0]
    pos = anno["target"]["selector"][0]
    assert (pos["start"], pos["end"]) == (3, 8)  # UTF-16 would say 5 and 10
    assert anno["target"]["selector"][1]["prefix"] == "😀😀 "


# -- reports --------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "section",
    "ul", "ol", "li", "b", "cite", "q", "a", "span",
}  # fmt: skip


@SETTINGS
@given(data=st.data())
def test_html_report_has_only_its_own_markup_and_every_headline_as_text(
    data: st.DataObject,
) -> None:
    project = _fresh()
    try:
        random_project(project, data)
        doc = build_document(project, include_text=False)
    finally:
        project.close()
    page = render_export(doc, "html")
    parser = _Tags()
    parser.feed(page)
    assert set(parser.tags) <= ALLOWED_TAGS
    assert "script" not in parser.tags
    shown = "".join(parser.text)
    for ev in doc["events"]:
        assert ev["headline"] in shown
    assert 'href="javascript' not in page


@SETTINGS
@given(data=st.data())
def test_markdown_report_escapes_markup_in_every_value(data: st.DataObject) -> None:
    project = _fresh()
    try:
        random_project(project, data)
        doc = build_document(project, include_text=False)
    finally:
        project.close()
    text = render_export(doc, "markdown")
    for line in text.splitlines():
        # the report's own markup: citation numbers, and autolinks of safe URLs
        body = re.sub(r" \[\d+\]", "", line).replace("<https://e.org/x>", "")
        for i, ch in enumerate(body):
            if ch in "<>[]`|":
                assert i > 0 and body[i - 1] == "\\", (ch, line)
    headings = {line for line in text.splitlines() if line.startswith("#### ")}
    for ev in doc["events"]:
        assert any(h.startswith(f"#### {report.md(ev['headline'])}") for h in headings)
    labels = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    assert labels == list(
        dict.fromkeys(report.md(format_date(ev["date"]) or "Undated") for ev in doc["events"])
    )


def test_every_format_of_an_empty_project() -> None:
    project = _fresh()
    try:
        doc = build_document(project)
        for fmt in FORMATS:
            if fmt == "timelinejs":
                with pytest.raises(InputError, match="it has no events"):
                    render_export(doc, fmt)
                continue
            if fmt in BINARY_FORMATS:  # a workbook or a zip: a file, never text
                assert render_bytes(doc, fmt).startswith(b"PK\x03\x04"), fmt
                with pytest.raises(InputError, match="binary"):
                    render_export(doc, fmt)
                continue
            out = render_export(doc, fmt)
            assert out.endswith("\n"), fmt
        assert render_export(doc, "csv") == ",".join(csv_export.EVENT_COLUMNS) + "\r\n"
        assert json.loads(render_export(doc, "webannotation"))["total"] == 0
    finally:
        project.close()


def test_a_date_heading_appears_once_when_same_bounds_interleave() -> None:
    project = _fresh()
    try:
        for headline, date in (("a", "2025-03-04"), ("b", "2025-03-04~"), ("c", "2025-03-04")):
            cs, _ = ops.create_event(
                project, headline=headline, date=parse_edtf_field(date, "date")
            )
            project.apply(cs)
        doc = build_document(project, include_text=False)
    finally:
        project.close()
    text = render_export(doc, "markdown")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == ["### 4 Mar 2025", "### \\~4 Mar 2025"]
    assert text.index("#### a") < text.index("#### c") < text.index("#### b")
    html_text = render_export(doc, "html")
    assert html_text.count("<h3>4 Mar 2025</h3>") == 1


def test_every_event_row_says_how_well_it_is_sourced() -> None:
    project = _fresh()
    try:
        daily = add_article(project, "Ministers met in Brussels on Tuesday.", outlet="Daily")
        other = add_article(project, "The ministers met again, in Brussels.", outlet="Daily")
        weekly = add_article(project, "Brussels: ministers meet.", outlet="Weekly")
        bare = add_article(project, "A page with no outlet: ministers met.")
        made = {}
        for name, spans in (
            ("two outlets", [(daily, 0, 9), (weekly, 0, 8)]),
            ("one outlet, two articles", [(daily, 0, 9), (other, 4, 13)]),
            ("no outlet", [(bare, 0, 6)]),
            ("uncited", []),
        ):
            cs, made[name] = ops.create_event(
                project,
                headline=name,
                span=spans[0] if spans else None,
                date=parse_edtf_field("2025-03-04", "date"),
            )
            project.apply(cs)
            for span in spans[1:]:
                project.apply(ops.cite(project, "event", made[name], span))
        out = io.StringIO()
        write_events_csv(project, out)
        doc = build_document(project)
    finally:
        project.close()
    fast = {r["headline"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    slow = {r["headline"]: r for r in csv.DictReader(io.StringIO(render_export(doc, "csv")))}
    cells = {
        h: tuple(r[c] for c in ("citations", "articles", "outlets", "single_source"))
        for h, r in fast.items()
    }
    assert cells == {
        "two outlets": ("2", "2", "2", "no"),
        "one outlet, two articles": ("2", "2", "1", "yes"),
        "no outlet": ("1", "1", "1", "yes"),
        "uncited": ("0", "0", "0", ""),
    }
    assert {
        h: tuple(r[c] for c in ("citations", "articles", "outlets", "single_source"))
        for h, r in slow.items()
    } == cells
    report_md = render_export(doc, "markdown")
    marked = {
        h for h in fast if re.search(rf"#### {re.escape(h)}.*\n+\*[^\n]*single source", report_md)
    }
    assert marked == {"one outlet, two articles", "no outlet"}
    slides = json.loads(render_export(doc, "timelinejs"))["events"]
    single = {e["text"]["headline"] for e in slides if "single source" in e["text"]["text"]}
    assert single == {"one outlet, two articles", "no outlet"}


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(
        st.one_of(st.none(), st.integers(), st.text(), st.sampled_from(["_x", " | ", "=1", "-5"]))
    )
)
def test_a_row_the_fast_csv_writes_as_it_is_needs_no_neutralising(cells: list) -> None:
    """csv_fast writes a row without its per-cell pass when no text cell starts with other
    than a letter or a digit: then every cell is written as neutralise would write it
    (csv.writer writes None as "" and a number as its digits)."""
    from annotator.store.csv_fast import _NOT_PLAIN, _cell

    if _NOT_PLAIN.search("\x00" + "\x00".join(map(str, cells))) is None:
        written = io.StringIO(newline="")
        csv.writer(written).writerow(cells)
        neutralised = io.StringIO(newline="")
        csv.writer(neutralised).writerow([_cell(v) for v in cells])
        assert written.getvalue() == neutralised.getvalue()
