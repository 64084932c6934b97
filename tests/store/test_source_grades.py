"""Graded sources, contested claims and event assessments in the store and everything that
copies a whole project: the edits and their exact undo, bad input, the filters, the JSON
document (round trip, schema, older files), the merge of two files, the CSV (document and
fast paths alike), the report and the file checks."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError, ProjectError
from annotator.core.export.csv_export import write_csv
from annotator.core.export.json_export import dumps, read_document, validate
from annotator.core.export.report import to_html, to_markdown
from annotator.store import grades
from annotator.store import operations as ops
from annotator.store.chronology import build_document, load_document
from annotator.store.csv_fast import write_events_csv
from annotator.store.merge import merge_into
from annotator.store.panel_queries import claim_rows
from annotator.store.project import Project
from annotator.store.queries import TimelineFilter, event_ids
from tests.helpers.projects import add_article

TEXT = "Troops crossed the river on Monday. The ministry denied it."
TABLES = ("articles", "citations", "events", "claims", "outlet_grades")


def _contents(project: Project) -> dict[str, list]:
    return {t: project.rows(f"SELECT * FROM {t} ORDER BY id") for t in TABLES}


@pytest.fixture
def project():
    with Project.memory(analyst="ana") as p:
        yield p


def _sample(project: Project) -> dict[str, str]:
    """One event reported by two outlets, claimed and denied."""
    wire = add_article(project, TEXT, outlet="Wire", source="a.txt")
    daily = add_article(project, TEXT + " Later.", outlet="Daily", source="b.txt", title="B")
    cs, eid = ops.create_event(project, headline="Troops cross", span=(wire, 0, 34))
    project.apply(cs)
    project.apply(ops.cite(project, "event", eid, (daily, 0, 34)))
    cs, yes = ops.create_actor(project, name="Army", kind="organisation")
    project.apply(cs)
    cs, no = ops.create_actor(project, name="Ministry", kind="organisation")
    project.apply(cs)
    cs, for_id = ops.create_claim(
        project, text="We crossed", claimant_id=yes, stance="asserts", event_id=eid
    )
    project.apply(cs)
    cs, against_id = ops.create_claim(
        project,
        text="Nobody crossed",
        claimant_id=no,
        stance="denies",
        event_id=eid,
        span=(daily, 36, 58),
    )
    project.apply(cs)
    citation = project.scalar("SELECT id FROM citations WHERE event_id = ? ORDER BY rowid", [eid])
    return {
        "wire": wire,
        "daily": daily,
        "event": eid,
        "for": for_id,
        "against": against_id,
        "citation": citation,
    }


def _grade(project: Project, ids: dict[str, str]) -> None:
    project.apply(grades.set_outlet_grade(project, "Wire", "B"))
    project.apply(grades.set_outlet_grade(project, "Daily", "D"))
    project.apply(grades.set_article_reliability(project, ids["daily"], "C"))
    project.apply(grades.set_citation_credibility(project, ids["citation"], "2"))
    project.apply(grades.set_event_assessment(project, ids["event"], "disputed"))


# -- edits -------------------------------------------------------------------------------


def test_each_grade_is_stored_and_undone_exactly(project):
    ids = _sample(project)
    for build, check in (
        (
            lambda: grades.set_outlet_grade(project, "Wire", "B"),
            lambda: grades.outlet_grades(project) == {"Wire": "B"},
        ),
        (
            lambda: grades.set_outlet_grade(project, "Wire", "A"),
            lambda: grades.outlet_grade(project, "Wire") == "A",
        ),
        (
            lambda: grades.set_outlet_grade(project, "Wire", None),
            lambda: grades.outlet_grades(project) == {},
        ),
        (
            lambda: grades.set_article_reliability(project, ids["wire"], "E"),
            lambda: project.row("articles", ids["wire"])["reliability"] == "E",
        ),
        (
            lambda: grades.set_citation_credibility(project, ids["citation"], "4"),
            lambda: project.row("citations", ids["citation"])["credibility"] == "4",
        ),
        (
            lambda: grades.set_event_assessment(project, ids["event"], "corroborated"),
            lambda: project.row("events", ids["event"])["assessment"] == "corroborated",
        ),
    ):
        before = _contents(project)
        cs = build()
        project.apply(cs)
        assert check()
        after = _contents(project)
        project.apply(cs.inverse())
        assert _contents(project) == before
        project.apply(cs)
        assert _contents(project) == after


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda p, i: grades.set_outlet_grade(p, "Wire", "G"), "'G' is not a reliability"),
        (lambda p, i: grades.set_outlet_grade(p, "  ", "A"), "names no outlet"),
        (lambda p, i: grades.set_article_reliability(p, "nope", "A"), "no such article"),
        (lambda p, i: grades.set_citation_credibility(p, i["citation"], "7"), "credibility"),
        (lambda p, i: grades.set_event_assessment(p, i["event"], "false"), "not a assessment"),
    ],
)
def test_bad_input_is_one_clear_message_and_changes_nothing(project, build, message):
    ids = _sample(project)
    before = _contents(project)
    with pytest.raises(InputError) as err:
        build(project, ids)
    assert message in str(err.value)
    assert _contents(project) == before


# -- reads and filters ------------------------------------------------------------------


def test_the_suggestion_and_the_contest_read_the_projects_claims_and_grades(project):
    ids = _sample(project)
    contest = grades.event_contest(project, ids["event"])
    assert [(c.claimant, c.text) for c in contest.for_] == [("Army", "We crossed")]
    assert [(c.claimant, c.source) for c in contest.against] == [("Ministry", "Daily — B")]
    assert grades.suggested_assessment(project, ids["event"]).assessment == "disputed"
    assert grades.contested_claim_ids(project) == {ids["for"], ids["against"]}
    assert {r["id"] for r in claim_rows(project) if r["contested"]} == {ids["for"], ids["against"]}
    project.apply(ops.delete_item(project, "claim", ids["against"]))
    assert grades.suggested_assessment(project, ids["event"]).assessment == "corroborated"
    project.apply(grades.set_outlet_grade(project, "Daily", "E"))  # discredited: no longer
    suggestion = grades.suggested_assessment(project, ids["event"])
    assert suggestion.assessment == "unverified"
    assert "discounted" in suggestion.reason


def test_the_filters_let_through_graded_sources_credible_citations_and_assessments(project):
    ids = _sample(project)
    cs, other = ops.create_event(project, headline="Other", span=(ids["wire"], 36, 58))
    project.apply(cs)
    both = {ids["event"], other}
    assert set(event_ids(project, TimelineFilter(worst_reliability="C"))) == set()
    project.apply(grades.set_outlet_grade(project, "Daily", "B"))  # only the event cites Daily
    assert set(event_ids(project, TimelineFilter(worst_reliability="C"))) == {ids["event"]}
    assert set(event_ids(project, TimelineFilter(worst_reliability="A"))) == set()
    project.apply(grades.set_article_reliability(project, ids["wire"], "A"))  # both cite Wire
    assert set(event_ids(project, TimelineFilter(worst_reliability="A"))) == both
    assert set(event_ids(project, TimelineFilter(worst_credibility="2"))) == set()
    project.apply(grades.set_citation_credibility(project, ids["citation"], "2"))
    assert set(event_ids(project, TimelineFilter(worst_credibility="2"))) == {ids["event"]}
    project.apply(grades.set_event_assessment(project, ids["event"], "disputed"))
    assert set(event_ids(project, TimelineFilter(assessments=("disputed",)))) == {ids["event"]}
    assert set(event_ids(project, TimelineFilter(assessments=("",)))) == {other}
    assert TimelineFilter().is_empty()
    assert not TimelineFilter(assessments=("",)).is_empty()
    assert not TimelineFilter(worst_reliability="C").is_empty()


# -- the JSON document ------------------------------------------------------------------


def test_the_json_document_carries_every_grade_and_loads_back_the_same(project, tmp_path):
    ids = _sample(project)
    _grade(project, ids)
    doc = build_document(project)
    validate(doc)
    assert {g["outlet"]: g["grade"] for g in doc["outlet_grades"]} == {"Wire": "B", "Daily": "D"}
    assert {a["id"]: a["reliability"] for a in doc["articles"]}[ids["daily"]] == "C"
    (event,) = doc["events"]
    assert event["assessment"] == "disputed"
    assert sorted(str(c["credibility"]) for c in event["citations"]) == ["2", "None"]
    path = tmp_path / "c.json"
    path.write_text(dumps(doc), encoding="utf-8")
    with Project.memory() as other:
        other.apply(load_document(other, read_document(path)))
        assert dumps(build_document(other)) == dumps(doc)


def test_an_older_document_without_grades_still_loads(project, tmp_path):
    ids = _sample(project)
    _grade(project, ids)
    doc = json.loads(dumps(build_document(project)))
    del doc["outlet_grades"]
    for a in doc["articles"]:
        del a["reliability"]
    for e in doc["events"]:
        del e["assessment"]
        for c in e["citations"]:
            del c["credibility"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Project.memory() as other:
        other.apply(load_document(other, read_document(path)))
        assert other.scalar("SELECT count(*) FROM events WHERE assessment IS NULL") == 1
        assert other.scalar("SELECT count(*) FROM outlet_grades") == 0


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["articles"][0].update(reliability="G"), "articles[0].reliability"),
        (lambda d: d["events"][0].update(assessment="false"), "events[0].assessment"),
        (
            lambda d: d["events"][0]["citations"][0].update(credibility=2),
            "events[0].citations[0].credibility",
        ),
        (lambda d: d["outlet_grades"][0].update(grade="Z"), "outlet_grades[0].grade"),
    ],
)
def test_a_bad_grade_in_a_json_file_names_the_field(project, tmp_path: Path, change, where):
    ids = _sample(project)
    _grade(project, ids)
    doc = json.loads(dumps(build_document(project)))
    change(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_document(path)
    assert f"{path}: {where}" in str(err.value)


# -- merge ------------------------------------------------------------------------------


def test_a_merge_brings_their_grades_and_assessment(tmp_path):
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    with Project.open(ours, create=True, analyst="ana") as p:
        ids = _sample(p)
    theirs.write_bytes(ours.read_bytes())
    with Project.open(theirs, analyst="bo") as p:
        _grade(p, ids)
    with Project.open(ours, analyst="ana") as p:
        result = merge_into(p, theirs)
        assert grades.outlet_grades(p) == {"Wire": "B", "Daily": "D"}
        assert p.row("articles", ids["daily"])["reliability"] == "C"
        assert p.row("citations", ids["citation"])["credibility"] == "2"
        assert p.row("events", ids["event"])["assessment"] == "disputed"
        p.apply(result.changeset.inverse())
        assert grades.outlet_grades(p) == {}
        assert p.row("events", ids["event"])["assessment"] is None


def test_two_analysts_grading_one_outlet_differently_is_a_conflict_to_review(tmp_path):
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    with Project.open(ours, create=True, analyst="ana") as p:
        _sample(p)
    theirs.write_bytes(ours.read_bytes())
    with Project.open(theirs, analyst="bo") as p:
        p.apply(grades.set_outlet_grade(p, "Wire", "E"))
    with Project.open(ours, analyst="ana") as p:
        p.apply(grades.set_outlet_grade(p, "Wire", "A"))
        result = merge_into(p, theirs)
        assert grades.outlet_grade(p, "Wire") == "A"  # ours stays until the analyst chooses
        assert len(result.conflicts) == 1


# -- exports ----------------------------------------------------------------------------


def test_csv_has_grades_per_event_claim_and_citation_and_both_paths_agree(project):
    ids = _sample(project)
    _grade(project, ids)
    doc = build_document(project, include_text=False)
    out = io.StringIO()
    write_csv(doc, out, "events")
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["assessment"] == "disputed"
    assert row["suggested_assessment"] == "disputed"
    assert row["contested"] == "yes"
    assert row["best_reliability"] == "B"
    # one code per citation, in the order of the sources (two made in one instant: any order)
    paired = dict(zip(row["sources"].split(" | "), row["grades"].split(" | "), strict=True))
    assert {source.split(" — ")[0]: code for source, code in paired.items()} == {
        "Wire": "B2",
        "Daily": "C-",
    }
    fast = io.StringIO(newline="")
    write_events_csv(project, fast)
    assert fast.getvalue() == out.getvalue()
    out = io.StringIO()
    write_csv(doc, out, "claims")
    assert {r["text"]: r["contested"] for r in csv.DictReader(io.StringIO(out.getvalue()))} == {
        "We crossed": "yes",
        "Nobody crossed": "yes",
    }
    out = io.StringIO()
    write_csv(doc, out, "citations")
    cites = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {(c["outlet"], c["reliability"], c["credibility"]) for c in cites[:2]} == {
        ("Wire", "B", "2"),
        ("Daily", "C", ""),
    }


def test_reports_say_the_assessment_the_contest_and_each_sources_grade(project):
    ids = _sample(project)
    _grade(project, ids)
    doc = build_document(project)
    md = to_markdown(doc)
    assert "assessed disputed · contested claims · best source graded B" in md
    assert "(graded B2)" in md and "(graded C-)" in md
    html = to_html(doc)
    assert "contested claims" in html and "(graded B2)" in html


# -- file checks ---------------------------------------------------------------------------


def test_a_grade_outside_the_scale_cannot_be_written_to_the_file(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as p:
        ids = _sample(p)
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE articles SET reliability = 'Z' WHERE id = ?", [ids["wire"]])
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO outlet_grades VALUES ('x', 'Wire', 'G', '', '', '')")
    con.close()


def test_a_damaged_grade_is_caught_when_the_file_opens(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as p:
        ids = _sample(p)
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute("UPDATE citations SET credibility = x'41' WHERE id = ?", [ids["citation"]])
    con.commit()
    con.close()
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    assert "a value in citations breaks the project's rules" in str(err.value)


def test_the_json_schema_lists_the_same_grades_as_the_vocabulary() -> None:
    from annotator.core import vocabulary as v
    from annotator.core.export.json_export import load_schema

    defs = load_schema()["$defs"]
    enums = {
        "reliability": defs["article"]["properties"]["reliability"]["enum"],
        "grade": defs["outletGrade"]["properties"]["grade"]["enum"],
        "credibility": defs["citation"]["properties"]["credibility"]["enum"],
        "assessment": defs["event"]["properties"]["assessment"]["enum"],
    }
    assert [g for g in enums["reliability"] if g] == list(v.RELIABILITIES) == enums["grade"]
    assert [g for g in enums["credibility"] if g] == list(v.CREDIBILITIES)
    assert [a for a in enums["assessment"] if a] == list(v.EVENT_ASSESSMENTS)


def test_an_outlet_graded_twice_in_a_json_file_is_refused_by_name(project, tmp_path):
    ids = _sample(project)
    _grade(project, ids)
    doc = json.loads(dumps(build_document(project)))
    doc["outlet_grades"].append({**doc["outlet_grades"][0], "id": "0" * 32, "grade": "E"})
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Project.memory() as other, pytest.raises(InputError) as err:
        load_document(other, read_document(path))
    assert "is graded twice" in str(err.value)


def test_a_merge_recognises_an_outlets_grade_under_another_id(tmp_path):
    ours = tmp_path / "ours.db"
    with Project.open(ours, create=True, analyst="ana") as p:
        _sample(p)
        p.apply(grades.set_outlet_grade(p, "Wire", "A"))
        doc = json.loads(dumps(build_document(p)))
    doc["outlet_grades"][0]["id"] = "0" * 32
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(doc), encoding="utf-8")
    with Project.open(ours, analyst="ana") as p:
        result = merge_into(p, theirs)
        assert result.recognised >= 1
        assert grades.outlet_grades(p) == {"Wire": "A"}


def test_timelinejs_slides_say_the_assessment_and_the_contest(project):
    from annotator.core.export.timelinejs import to_timelinejs

    ids = _sample(project)
    _grade(project, ids)
    project.apply(ops.update_item(project, "event", ids["event"], date="2025-03-03"))
    (slide,) = to_timelinejs(build_document(project))["events"]
    assert "assessed disputed · contested claims · best source graded B" in slide["text"]["text"]
