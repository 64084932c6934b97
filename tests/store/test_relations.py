"""Relations between events in the store: made, refused, removed, carried through deletes,
event merges, the JSON document, the CSV and report writers and a merge of two files; each
edit undone exactly, read back by a connection of its own."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from annotator.core.dates.parse import parse_user_date
from annotator.core.errors import InputError, ProjectError
from annotator.core.export.csv_export import write_csv
from annotator.core.export.json_export import validate
from annotator.core.export.report import to_html, to_markdown
from annotator.core.export.timelinejs import to_timelinejs
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet
from annotator.store.chronology import build_document, check_stored, has_table, load_document
from annotator.store.csv_fast import write_events_csv
from annotator.store.merge import merge_into
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.relations import (
    find_events,
    relate,
    relation_count,
    relations_among,
    relations_of,
    repoint_relations,
    set_relation_note,
    unrelate,
)
from tests.helpers.db import db_dump_all

HEADLINES = {
    "clash": ("Oval Office clash", "2025-02-28"),
    "london": ("London summit", "2025-03-02"),
    "plan": ("EU defence plan", "2025-03-04"),
    "summit": ("Emergency EU summit", "2025-03-06"),
    "crisis": ("Transatlantic crisis", "2025-02/2025-03"),
}


def readings(project: Project, event_id: str) -> list[tuple[str, str]]:
    return sorted((r["words"], r["other_headline"]) for r in relations_of(project, event_id))


def content(path: Path) -> dict:
    return {t: rows for t, rows in db_dump_all(path).items() if t != "row_history"}


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    ids: dict[str, str] = {}
    with Project.open(path) as project:
        for key, (headline, date) in HEADLINES.items():
            cs, ids[key] = ops.create_event(project, headline=headline, date=parse_user_date(date))
            project.apply(cs)
    return path, ids


def test_a_relation_reaches_the_file_and_its_undo_restores_it(made) -> None:
    path, ids = made
    before = content(path)
    with Project.open(path) as project:
        cs = relate(project, ids["london"], "caused_by", ids["clash"], "  called in answer ")
        project.apply(cs)
    stored = content(path)["event_relations"]  # read by a connection of its own
    assert [row[1:5] for row in stored] == [
        (ids["london"], "caused_by", ids["clash"], "called in answer")
    ]
    with Project.open(path) as project:
        read = relations_of(project, ids["clash"])
        assert [(r["words"], r["other_headline"], r["note"]) for r in read] == [
            ("causes", "London summit", "called in answer")
        ]
        assert [r["words"] for r in relations_of(project, ids["london"])] == ["caused by"]
        project.apply(cs.inverse())
    assert content(path) == before


def test_note_edit_and_removal_undo_exactly(made) -> None:
    path, ids = made
    with Project.open(path) as project:
        cs = relate(project, ids["clash"], "precedes", ids["london"])
        project.apply(cs)
        rid = cs.changes[0].id
    before = content(path)
    with Project.open(path) as project:
        note = set_relation_note(project, rid, "two days later")
        project.apply(note)
        assert project.row("event_relations", rid)["note"] == "two days later"
        gone = unrelate(project, rid)
        project.apply(gone)
        assert relation_count(project, ids["clash"]) == 0
        project.apply(gone.inverse())
        project.apply(note.inverse())
    assert content(path) == before


@pytest.mark.parametrize(
    ("edges", "last", "message"),
    [
        ([], ("clash", "precedes", "clash"), "cannot be related to itself"),
        ([("clash", "precedes", "london")], ("clash", "precedes", "london"), "already recorded"),
        ([("clash", "precedes", "london")], ("london", "precedes", "clash"), "cannot precede"),
        (
            [("clash", "precedes", "london"), ("london", "precedes", "plan")],
            ("plan", "precedes", "clash"),
            "directly or through other events",
        ),
        (
            [("london", "part_of", "crisis"), ("crisis", "part_of", "summit")],
            ("summit", "part_of", "london"),
            "cannot be part of",
        ),
        ([], ("clash", "leads_to", "london"), "unknown relation"),
    ],
)
def test_refusals_name_the_events_and_write_nothing(made, edges, last, message) -> None:
    path, ids = made
    with Project.open(path) as project:
        for a, kind, b in edges:
            project.apply(relate(project, ids[a], kind, ids[b]))
    before = content(path)
    with Project.open(path) as project, pytest.raises(InputError) as err:
        a, kind, b = last
        relate(project, ids[a], kind, ids[b])
    assert message in str(err.value)
    assert "Traceback" not in str(err.value)
    assert content(path) == before


def test_loops_of_other_kinds_and_mixed_kinds_are_allowed(made) -> None:
    path, ids = made
    with Project.open(path) as project:
        project.apply(relate(project, ids["london"], "caused_by", ids["clash"]))
        project.apply(relate(project, ids["clash"], "caused_by", ids["london"]))  # mutual causes
        project.apply(relate(project, ids["clash"], "precedes", ids["london"]))
        project.apply(relate(project, ids["london"], "part_of", ids["clash"]))
        assert relation_count(project, ids["clash"]) == 4


def test_a_deleted_event_takes_its_relations_and_undo_brings_them_back(made) -> None:
    path, ids = made
    with Project.open(path) as project:
        project.apply(relate(project, ids["clash"], "precedes", ids["london"]))
        project.apply(relate(project, ids["plan"], "caused_by", ids["clash"]))
        project.apply(relate(project, ids["london"], "precedes", ids["plan"]))
    before = content(path)
    with Project.open(path) as project:
        cs = ops.delete_item(project, "event", ids["clash"])
        project.apply(cs)
    after = content(path)
    assert [r[1:4] for r in after["event_relations"]] == [(ids["london"], "precedes", ids["plan"])]
    with Project.open(path) as project:
        project.apply(cs.inverse())
    assert content(path) == before


def test_two_events_made_one_keep_every_relation_but_self_and_repeats(made) -> None:
    path, ids = made
    with Project.open(path) as project:
        for a, kind, b in (
            ("clash", "precedes", "plan"),
            ("london", "precedes", "plan"),  # the same once re-pointed: dropped
            ("london", "part_of", "crisis"),
            ("clash", "caused_by", "london"),  # becomes the kept event to itself: dropped
        ):
            project.apply(relate(project, ids[a], kind, ids[b]))
        before = content(path)
        cs = ChangeSet("Merge events")
        repoint_relations(project, cs, ids["london"], ids["clash"])
        project.apply(cs)
        assert readings(project, ids["clash"]) == [
            ("part of", "Transatlantic crisis"),
            ("precedes", "EU defence plan"),
        ]
        assert relation_count(project, ids["london"]) == 0
        project.apply(cs.inverse())
    assert content(path) == before


def test_the_picker_finds_by_words_and_by_date_and_never_the_event_itself(made) -> None:
    path, ids = made
    with Project.open(path) as project:
        assert {r["headline"] for r in find_events(project, "summ")} == {
            "London summit", "Emergency EU summit"
        }  # fmt: skip
        assert [r["headline"] for r in find_events(project, "2025-03-0")] == [
            "London summit", "EU defence plan", "Emergency EU summit"
        ]  # fmt: skip
        assert ids["london"] not in {
            r["id"] for r in find_events(project, "summit", exclude=ids["london"])
        }
        assert len(find_events(project, "", limit=2)) == 2
        assert find_events(project, '"AND NEAR(') == []  # FTS syntax typed is only words


def test_json_round_trip_carries_relations_and_the_schema_accepts_them(made, tmp_path) -> None:
    path, ids = made
    with Project.open(path) as project:
        project.apply(relate(project, ids["london"], "caused_by", ids["clash"], "answer"))
        project.apply(relate(project, ids["clash"], "precedes", ids["plan"]))
        doc = build_document(project)
    validate(doc)
    # both made within one millisecond: their order between equal stamps is the ids'
    assert sorted((r["kind"], r["note"]) for r in doc["relations"]) == [
        ("caused_by", "answer"), ("precedes", "")
    ]  # fmt: skip
    copy = Project.memory()
    copy.apply(load_document(copy, doc))
    again = build_document(copy)
    assert again["relations"] == doc["relations"]
    assert relations_among(copy, ids.values()) == relations_among(
        Project.open(path, readonly=True), ids.values()
    )
    older = {k: v for k, v in doc.items() if k != "relations"}  # a file from before relations
    validate(older)
    fresh = Project.memory()
    fresh.apply(load_document(fresh, older))
    assert build_document(fresh)["relations"] == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r, ids: r.update(target_id="no-such-event"), "is not the id of one of the events"),
        (lambda r, ids: r.update(target_id=r["source_id"]), "relates an event to itself"),
        (lambda r, ids: r.update(kind="leads_to"), "relations[0].kind"),
    ],
)
def test_a_bad_relation_in_a_json_file_is_named(made, change, message) -> None:
    path, ids = made
    with Project.open(path) as project:
        project.apply(relate(project, ids["clash"], "precedes", ids["plan"]))
        doc = build_document(project)
    change(doc["relations"][0], ids)
    with pytest.raises(InputError) as err:
        validate(doc)
    assert message in str(err.value)


def test_a_json_file_with_a_loop_or_a_repeat_is_refused(made) -> None:
    path, ids = made
    with Project.open(path) as project:
        project.apply(relate(project, ids["clash"], "precedes", ids["plan"]))
        doc = build_document(project)
    looped = json.loads(json.dumps(doc))
    looped["relations"].append(
        {**looped["relations"][0], "id": "x1", "source_id": ids["plan"], "target_id": ids["clash"]}
    )
    with pytest.raises(InputError, match="closes a loop"):
        validate(looped)
    repeated = json.loads(json.dumps(doc))
    repeated["relations"].append({**repeated["relations"][0], "id": "x2"})
    with pytest.raises(InputError, match="repeats an earlier relation"):
        validate(repeated)


def test_csv_report_and_timelinejs_say_each_relation(made) -> None:
    path, ids = made
    with Project.open(path) as project:
        project.apply(relate(project, ids["london"], "caused_by", ids["clash"], "answer"))
        doc = build_document(project)
        fast = io.StringIO()
        write_events_csv(project, fast)
    table = io.StringIO()
    assert write_csv(doc, table, "relations") == 1
    lines = table.getvalue().splitlines()
    assert lines[0].startswith("id,source_id,source,relation,kind,target_id,target,note")
    assert (
        ",London summit,caused by,caused_by," in lines[1]
        and ",Oval Office clash,answer," in lines[1]
    )
    events = io.StringIO()
    write_csv(doc, events, "events")
    assert events.getvalue() == fast.getvalue()  # the fast path says the same, byte for byte
    assert "caused by: Oval Office clash" in events.getvalue()
    assert "causes: London summit" in events.getvalue()
    assert "**Relations:** caused by “Oval Office clash”" in to_markdown(doc)
    assert f'causes <a href="#event-{ids["london"]}">“London summit”</a>' in to_html(doc)
    slides = json.dumps(to_timelinejs(doc), ensure_ascii=False)
    assert "<em>Relations:</em> causes “London summit”" in slides


def test_a_filtered_export_keeps_a_relation_only_with_both_events(made) -> None:
    from annotator.core.export.filters import filter_chronology

    path, ids = made
    with Project.open(path) as project:
        project.apply(relate(project, ids["london"], "caused_by", ids["clash"]))
        project.apply(relate(project, ids["plan"], "precedes", ids["summit"]))
        doc = build_document(project)
    kept = filter_chronology(doc, date_from="2025-03-03")
    assert [(r["source_id"], r["target_id"]) for r in kept["relations"]] == [
        (ids["plan"], ids["summit"])
    ]


def test_merge_brings_their_relations_and_leaves_out_one_that_would_close_a_loop(
    made, tmp_path
) -> None:
    import shutil

    path, ids = made
    theirs = tmp_path / "theirs.db"
    shutil.copy(path, theirs)
    with Project.open(theirs) as other:
        other.apply(relate(other, ids["plan"], "precedes", ids["clash"]))  # ours says the reverse
        other.apply(relate(other, ids["london"], "caused_by", ids["clash"], "their note"))
    with Project.open(path) as project:
        project.apply(relate(project, ids["clash"], "precedes", ids["plan"]))
        before = content(path)
        result = merge_into(project, theirs)
        assert result.changeset is not None
        assert (
            len(result.loops) == 1
            and "EU defence plan” precedes “Oval Office clash" in result.loops[0]
        )
        assert "would close a loop" in result.summary()
        assert readings(project, ids["clash"]) == [
            ("causes", "London summit"),
            ("precedes", "EU defence plan"),
        ]
        project.apply(result.changeset.inverse())
    assert content(path) == before
    # merged twice: nothing new
    with Project.open(path) as project:
        merge_into(project, theirs)
        again = merge_into(project, theirs)
        assert again.changeset is not None and not [
            c for c in again.changeset.changes if c.table == "event_relations"
        ]


def test_a_merge_brings_back_an_event_we_deleted_when_they_related_it(made, tmp_path) -> None:
    import shutil

    path, ids = made
    theirs = tmp_path / "theirs.db"
    shutil.copy(path, theirs)
    with Project.open(path) as project:
        project.apply(ops.delete_item(project, "event", ids["summit"]))
    with Project.open(theirs) as other:
        other.apply(relate(other, ids["plan"], "precedes", ids["summit"]))
    with Project.open(path) as project:
        merge_into(project, theirs)
        assert project.row("events", ids["summit"]) is not None
        assert relation_count(project, ids["summit"]) == 1


def test_file_checks_name_a_damaged_relations_table(made) -> None:
    import sqlite3

    path, ids = made
    with Project.open(path) as project:
        project.apply(relate(project, ids["clash"], "precedes", ids["plan"]))
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute("UPDATE event_relations SET note = x'00ff'")
    con.commit()
    con.close()
    with Project.open(path, readonly=True) as project, pytest.raises(ProjectError) as err:
        check_stored(project)
    assert "event_relations.note holds bytes where text belongs" in str(err.value)


def test_a_file_from_before_relations_is_read_exported_and_merged(made, tmp_path) -> None:
    import sqlite3

    path, ids = made
    older = tmp_path / "older.db"
    create_project(older, seed=False)
    con = sqlite3.connect(older)
    con.execute("DROP TABLE event_relations")
    con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_event_relations'")
    con.commit()
    con.close()
    with Project.open(older, readonly=True) as project:  # read as it is: no migration
        assert build_document(project)["relations"] == []
    with Project.open(path) as project:
        project.apply(relate(project, ids["clash"], "precedes", ids["plan"]))
        result = merge_into(project, older)
        assert "conflict" in result.summary()
        assert relation_count(project, ids["clash"]) == 1
    with Project.open(older) as project:  # opened for writing: migrated, relations possible
        assert has_table(project, "event_relations")
    # the table gone from a file that has the migration: damaged, and said so
    con = sqlite3.connect(older)
    con.execute("DROP TABLE event_relations")
    con.commit()
    con.close()
    with Project.open(older, readonly=True) as project, pytest.raises(ProjectError) as err:
        check_stored(project)
    assert "table event_relations is missing" in str(err.value)
