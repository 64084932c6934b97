"""Date provenance through the store: the edits refuse a false account, a corrected
publication date re-reads only phrases, and the JSON round trip, the merge of another
analyst's file and the CSV and report exports carry what set each date."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from annotator.core.dates.value import DateValue
from annotator.core.errors import InputError
from annotator.core.export.csv_export import write_csv
from annotator.core.export.json_export import dumps, read_document
from annotator.core.export.report import to_markdown
from annotator.store import operations as ops
from annotator.store.chronology import build_document, load_document
from annotator.store.csv_fast import write_events_csv
from annotator.store.date_sources import date_source_text
from annotator.store.merge import merge_into
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from tests.helpers.db import read_file
from tests.helpers.projects import add_article

TEXT = "Talks began in Geneva on Monday. They failed on Friday."  # published Wed 5 Mar 2025
PROV = "SELECT date, date_phrase, date_anchor, date_status FROM events WHERE id = ?"


def _events(project: Project) -> dict[str, str]:
    """One event for each way a date can be set, all citing the first sentence."""
    aid = add_article(project, TEXT)
    span = (aid, 0, 32)
    ids: dict[str, str] = {}

    def event(name: str, **date: object) -> str:
        cs, ids[name] = ops.create_event(project, headline=name, span=span, **date)
        project.apply(cs)
        return ids[name]

    monday = DateValue.from_edtf("2025-03-03")
    phrase = {"date_phrase": "Monday", "date_anchor": "published"}
    event("suggested", date=monday, date_status="suggested", **phrase)
    event("confirmed", date=monday, date_status="suggested", **phrase)
    project.apply(ops.update_item(project, "event", ids["confirmed"], date_status="confirmed"))
    for anchor in ("typed", "table", "dragged", "bar_end"):
        event(anchor, date=monday, date_status="suggested", **phrase)
        project.apply(
            ops.update_item(project, "event", ids[anchor], date="2025-03-04", date_anchor=anchor)
        )
    event(
        "counted",
        date=monday,
        date_phrase="a day later",
        date_anchor=f"event:{ids['typed']}",
        date_status="suggested",
    )
    event("undated")
    return ids


@pytest.fixture
def project():
    with Project.memory(analyst="ana") as p:
        yield p


def _prov(project: Project, event_id: str) -> tuple:
    row = project.row("events", event_id) or {}
    return (row["date"], row["date_phrase"], row["date_anchor"], row["date_status"])


def test_each_edit_stores_what_set_the_date(project):
    ids = _events(project)
    assert _prov(project, ids["suggested"]) == ("2025-03-03", "Monday", "published", "suggested")
    assert _prov(project, ids["confirmed"]) == ("2025-03-03", "Monday", "published", "confirmed")
    for anchor in ("typed", "table", "dragged", "bar_end"):
        assert _prov(project, ids[anchor]) == ("2025-03-04", None, anchor, "confirmed")
    assert _prov(project, ids["undated"]) == (None, None, None, None)


@pytest.mark.parametrize("name", ["typed", "table", "dragged", "bar_end", "confirmed", "undated"])
def test_only_a_suggestion_can_be_confirmed(project, name):
    ids = _events(project)
    with pytest.raises(InputError) as err:
        ops.update_item(project, "event", ids[name], date_status="confirmed")
    assert str(err.value).startswith("date: there is no suggested date to confirm")


@pytest.mark.parametrize(
    ("field", "value"),
    [("date_phrase", "on Friday"), ("date_anchor", "typed"), ("date_status", "suggested")],
)
def test_a_provenance_field_alone_is_refused_with_its_name(project, field, value):
    ids = _events(project)
    with pytest.raises(InputError) as err:
        ops.update_item(project, "event", ids["typed"], **{field: value})
    assert str(err.value).startswith(f"{field}: ")


def test_a_corrected_publication_date_re_reads_only_phrases_and_undo_restores_it(project):
    ids = _events(project)
    aid = project.scalar("SELECT id FROM articles")
    before = {name: _prov(project, e) for name, e in ids.items()}
    rows_before = project.rows("SELECT * FROM events ORDER BY id")
    cs = ops.update_article(project, aid, published="2025-03-12")  # a week later
    assert "2 dates from the text worked out again" in cs.label
    project.apply(cs)
    monday = ("2025-03-10", "Monday", "published", "suggested")
    assert _prov(project, ids["suggested"]) == monday
    assert _prov(project, ids["confirmed"]) == monday  # to be checked again
    for name in ("typed", "table", "dragged", "bar_end", "counted", "undated"):
        assert _prov(project, ids[name]) == before[name]
    words = date_source_text(project, project.row("events", ids["confirmed"]) or {})
    assert "publication date (12 Mar 2025)" in words and "not yet confirmed" in words
    project.apply(cs.inverse())
    assert project.rows("SELECT * FROM events ORDER BY id") == rows_before


def test_words_name_the_event_a_phrase_was_counted_from(project):
    ids = _events(project)
    words = date_source_text(project, project.row("events", ids["counted"]) or {})
    assert (
        words == "suggested from “a day later”, counted from the date of “typed”; not yet confirmed"
    )


def test_the_json_round_trip_keeps_every_provenance(project, tmp_path: Path):
    _events(project)
    doc = build_document(project)
    path = tmp_path / "c.json"
    path.write_text(dumps(doc), encoding="utf-8")
    with Project.memory() as other:
        other.apply(load_document(other, read_document(path)))  # checked against the schema
        assert other.rows(
            "SELECT id, date, date_phrase, date_anchor, date_status FROM events ORDER BY id"
        ) == project.rows(
            "SELECT id, date, date_phrase, date_anchor, date_status FROM events ORDER BY id"
        )
        assert dumps(build_document(other)) == dumps(doc)


def test_merging_another_analysts_file_takes_their_date_and_what_set_it(tmp_path: Path):
    ours = tmp_path / "ours.db"
    create_project(ours, seed=False)
    with Project.open(ours, analyst="ana") as project:
        ids = _events(project)
    theirs = tmp_path / "theirs.db"
    shutil.copy(ours, theirs)
    with Project.open(theirs, analyst="bo") as other:
        other.apply(
            ops.update_item(
                other, "event", ids["suggested"], date="2025-03-06", date_anchor="dragged"
            )
        )
    with Project.open(ours, analyst="ana") as project:
        merge_into(project, theirs)
    assert read_file(ours, PROV, (ids["suggested"],)) == [
        ("2025-03-06", None, "dragged", "confirmed")
    ]
    assert read_file(ours, PROV, (ids["confirmed"],)) == [
        ("2025-03-03", "Monday", "published", "confirmed")
    ]


def test_csv_and_report_say_what_set_each_date(project):
    ids = _events(project)
    doc = build_document(project)
    out = io.StringIO()
    write_csv(doc, out)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    fast = io.StringIO()
    write_events_csv(project, fast)
    assert fast.getvalue() == out.getvalue()  # the fast path writes the same file
    source = {name: rows[e]["date_source"] for name, e in ids.items()}
    assert source["typed"] == "typed by the analyst"
    assert source["table"] == "edited in the table by the analyst"
    assert source["dragged"] == "moved on the drawn timeline by the analyst"
    assert source["bar_end"] == "an end of its bar dragged on the drawn timeline by the analyst"
    assert source["suggested"] == (
        "suggested from “Monday”, resolved against the publication date; not yet confirmed"
    )
    assert source["confirmed"].endswith("; confirmed by the analyst")
    assert source["counted"].startswith(
        "suggested from “a day later”, counted from the date of “typed”"
    )
    assert source["undated"] == ""
    report = to_markdown(doc)
    assert "suggested, not confirmed" in report
    assert "“a day later”" in report


def test_no_publication_date_is_named_that_the_phrase_does_not_read_against(project):
    ids = _events(project)
    words = date_source_text(project, project.row("events", ids["suggested"]) or {})
    assert "publication date (5 Mar 2025)" in words
    aid = project.scalar("SELECT id FROM articles")
    cs, eid = ops.create_event(
        project,
        headline="Stale",
        span=(aid, 0, 32),
        date=DateValue.from_edtf("2025-02-24"),  # a Monday, but not the one before 5 March
        date_phrase="Monday",
        date_anchor="published",
        date_status="suggested",
    )
    project.apply(cs)
    words = date_source_text(project, project.row("events", eid) or {})
    assert (
        words == "suggested from “Monday”, resolved against the publication date; not yet confirmed"
    )
