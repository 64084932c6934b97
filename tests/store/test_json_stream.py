"""The JSON export written as it is read: the bytes of the whole-document path, the same
verdict and words for bad data, no file left behind when it fails, and the writer and the
per-record checks held to the standard library and jsonschema."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.export import json_export
from annotator.core.export.json_check import RECORD_DEFS, _record_schema, _record_validator
from annotator.core.export.json_writer import element
from annotator.core.files import output_file
from annotator.store import operations as ops
from annotator.store.chronology import build_document
from annotator.store.exporting import ExportRequest, write_export
from annotator.store.json_stream import write_json
from annotator.store.lock import write_marker
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project
from tests.helpers.projects import random_project

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _streamed(project: Project) -> bytes:
    out = io.BytesIO()
    write_json(project, out)
    return out.getvalue()


def _whole(project: Project) -> bytes:
    doc = build_document(project)
    json_export.validate(doc)
    return json_export.dumps(doc).encode("utf-8")


@SETTINGS
@given(data=st.data())
def test_streamed_json_is_the_whole_document_byte_for_byte(data: st.DataObject) -> None:
    project = Project.memory(analyst="tester")
    try:
        random_project(project, data)
        assert _streamed(project) == _whole(project)
    finally:
        project.close()


def test_the_seed_project_streams_as_it_is_built(tmp_path: Path) -> None:
    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)  # relations, memos, a codebook
        assert _streamed(project) == _whole(project)
        request = ExportRequest("json")
        with output_file(tmp_path / "out.json") as out:
            assert write_export(project, request, out) == ""
        assert (tmp_path / "out.json").read_bytes() == _whole(project)


def _damaged(tmp_path: Path, sql: str, params: list[object]) -> Path:
    path = tmp_path / "bad.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        cs, _event = ops.create_event(project, headline="Talks")
        project.apply(cs)
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute(sql, params)
    con.commit()
    con.close()
    write_marker(path, clean=True)
    return path


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        # the schema: an id this app never makes
        ("UPDATE events SET id = 'bad id' WHERE headline = ?", ["Talks"]),
        # what the schema cannot say: a passage that ends before it starts
        ('UPDATE passages SET "end" = start - 1 WHERE rowid = 1', []),
        # a date that is not EDTF
        (
            "UPDATE events SET date = 'soon' WHERE date IS NOT NULL AND rowid = "
            "(SELECT min(rowid) FROM events WHERE date IS NOT NULL)",
            [],
        ),
        # references the checks word only when they do not resolve: a citation's passage,
        # a claim's event, an earlier version
        (
            "UPDATE citations SET passage_id = 'gone' WHERE rowid = "
            "(SELECT max(rowid) FROM citations WHERE event_id IS NOT NULL)",
            [],
        ),
        ("UPDATE claims SET event_id = 'gone' WHERE rowid = (SELECT max(rowid) FROM claims)", []),
        ("UPDATE articles SET previous_version = 'gone' WHERE rowid = 1", []),
    ],
)
def test_bad_data_gets_the_whole_documents_words_and_no_file(
    tmp_path: Path, sql: str, params: list[object]
) -> None:
    path = _damaged(tmp_path, sql, params)
    target = tmp_path / "out.json"
    target.write_text("the old export\n", encoding="utf-8")
    with Project.open(path, readonly=True) as project:
        with pytest.raises(InputError) as whole:
            json_export.validate(build_document(project))
        with pytest.raises(InputError) as streamed, output_file(target) as out:
            write_export(project, ExportRequest("json"), out)
    assert str(streamed.value) == str(whole.value)
    assert target.read_text(encoding="utf-8") == "the old export\n"  # left as it was
    assert [p.name for p in tmp_path.iterdir() if "annotator-tmp" in p.name] == []


_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(record=st.dictionaries(_TEXT, _VALUES, max_size=6))
def test_a_record_is_written_as_the_standard_library_writes_it(record: dict) -> None:
    doc = {"list": [record]}
    whole = json.dumps(doc, indent=2, ensure_ascii=False)
    assert whole == '{\n  "list": [\n    ' + element(record).decode("utf-8") + "\n  ]\n}"


def test_the_record_checks_agree_with_jsonschema(tmp_path: Path) -> None:
    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        doc = build_document(project)
    broken = {
        "events": [("id", "bad id"), ("confidence", "certain"), ("tags", ["a", "a"])],
        "passages": [("status", "lost"), ("text_hash", "md5:1")],
        "articles": [("title", None), ("fetched_from", [])],
        "actors": [("kind", "alien"), ("name", "")],
        "claims": [("stance", "shouts"), ("claimed", {"value": "x"})],
    }
    for coll, changes in broken.items():
        record = doc[coll][0]
        assert _record_validator(RECORD_DEFS[coll]).is_valid(record)
        for key, value in changes:
            bad = {**record, key: value}
            validator = jsonschema.Draft202012Validator(_record_schema(RECORD_DEFS[coll]))
            assert not validator.is_valid(bad)
            assert not _record_validator(RECORD_DEFS[coll]).is_valid(bad), (coll, key)


def test_an_event_listed_but_not_found_by_its_id_is_a_damaged_file_not_a_crash(
    tmp_path: Path,
) -> None:
    # A flipped byte in the id index lists an event the index then cannot find (fuzzer).
    from annotator.core.errors import ProjectError
    from annotator.store import chronology_stream as stream
    from annotator.store.project_setup import create_project

    path = tmp_path / "p.db"
    create_project(path, seed=True)
    with Project.open(path, readonly=True) as project:
        order = [*stream.event_order(project), "not-an-event-id"]
        with pytest.raises(ProjectError, match=r"damaged.*not-an-event-id"):
            list(stream.events_in_order(project, order))


def test_references_waiting_for_a_later_list_get_the_whole_documents_words(
    tmp_path: Path,
) -> None:
    """The events' actors are read before the actors: links to actors that never come,
    more of them than are named, and a citation id twice, worded as ``validate`` words them."""
    from annotator.core.export.json_check import StreamCheck
    from annotator.store import chronology_stream as stream

    path = tmp_path / "p.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        doc = build_document(project)
    linked = [e for e in doc["events"] if e["actors"]]
    assert len(linked) > 5
    for event in linked:
        event["actors"][0]["actor_id"] = "nobody"
    cited = [e for e in doc["events"] if e["citations"]]
    cited[-1]["citations"][0]["id"] = cited[0]["citations"][0]["id"]
    with pytest.raises(InputError) as whole:
        json_export.validate(doc)
    check = StreamCheck()
    lists = ["articles", "passages", "events", "actors", "claims", "relations", "notes"]
    check.head({**stream.head(), **{key: [] for key in doc if isinstance(doc[key], list)}})
    for name in [*lists, *(key for key in doc if isinstance(doc[key], list) and key not in lists)]:
        checked = check.checker(name)
        for i, record in enumerate(doc[name]):
            checked(i, record)
        check.end(name)
    with pytest.raises(InputError) as streamed:
        check.finish()
    assert str(streamed.value) == str(whole.value)
    assert "events[" in str(streamed.value) and "nobody" in str(streamed.value)


def test_a_reader_left_half_read_closes_quietly_after_the_project(tmp_path: Path) -> None:
    """An export that fails half-way (the disk full) leaves its readers suspended; they are
    closed after the project is: no error, so no traceback printed as they are collected."""
    from annotator.store import chronology_stream as stream

    path = tmp_path / "p.db"
    create_project(path, seed=True)
    project = Project.open(path, readonly=True)
    readers = [
        stream._query(project, "SELECT id FROM articles"),
        stream._tuples(project, "SELECT id FROM articles"),
    ]
    for reader in readers:
        next(reader)
    project.close()
    for reader in readers:
        reader.close()
