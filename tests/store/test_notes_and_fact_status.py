"""Memos and fact status in the store and everything that copies a whole project: the edits
and their exact undo, the JSON document (round trip, schema, bad values), the merge of two
files, search, the CSV and report exports, the REFI-QDA exchange and the worklist."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.export.csv_export import write_csv
from annotator.core.export.json_export import dumps, read_document, validate
from annotator.core.export.qdpx import to_qdpx
from annotator.core.export.report import to_html, to_markdown
from annotator.core.importers.qdpx import read_qdpx
from annotator.store import notes
from annotator.store import operations as ops
from annotator.store.chronology import build_document, load_document
from annotator.store.merge import merge_into
from annotator.store.project import Project
from annotator.store.qdpx_import import import_qdpx
from annotator.store.search import search, search_notes
from annotator.store.worklists import worklist
from tests.helpers.projects import add_article

TEXT = "Talks began in Geneva on Monday.\nThey failed by Friday."


def _contents(project: Project) -> dict[str, list]:
    tables = ("articles", "passages", "events", "claims", "citations", "notes")
    return {t: project.rows(f"SELECT * FROM {t} ORDER BY id") for t in tables}


@pytest.fixture
def project():
    with Project.memory(analyst="ana") as p:
        yield p


def _sample(project: Project) -> dict[str, str]:
    aid = add_article(project, TEXT)
    cs, eid = ops.create_event(project, headline="Talks", span=(aid, 0, 11))
    project.apply(cs)
    cs, cid = ops.create_claim(project, text="They will fail", event_id=eid)
    project.apply(cs)
    project.apply(ops.update_item(project, "event", eid, fact_status="key"))
    project.apply(ops.update_item(project, "claim", cid, fact_status="disputed"))
    ids = {"article": aid, "event": eid, "claim": cid}
    for kind, text in (("event", "Check the hour"), ("article", "Paywalled"), ("claim", "Who?")):
        cs, ids[f"{kind}_note"] = notes.add_note(project, kind, ids[kind], text)
        project.apply(cs)
    cs, ids["passage_note"] = notes.add_passage_note(project, (aid, 48, 54), "Which Friday?")
    project.apply(cs)
    return ids


# -- edits -------------------------------------------------------------------------------


def test_memo_edits_undo_exactly(project):
    ids = _sample(project)
    before = _contents(project)
    for build in (
        lambda: notes.update_note(project, ids["event_note"], "Hour confirmed"),
        lambda: notes.delete_note(project, ids["passage_note"]),
        lambda: ops.delete_item(project, "event", ids["event"]),
    ):
        cs = build()
        project.apply(cs)
        project.apply(cs.inverse())
        assert _contents(project) == before


def test_a_passage_kept_for_its_memo_goes_with_the_memo(project):
    ids = _sample(project)
    passage = project.row("notes", ids["passage_note"])["passage_id"]
    cs = notes.delete_note(project, ids["passage_note"])
    assert [c.table for c in cs.changes] == ["notes", "passages"]
    # A cited passage with a memo outlives its last citation.
    cited = project.rows("SELECT * FROM citations WHERE event_id = ?", [ids["event"]])[0]
    cs, _ = notes.add_note(project, "passage", cited["passage_id"], "Exact words?")
    project.apply(cs)
    project.apply(ops.uncite(project, cited["id"]))
    assert project.row("passages", cited["passage_id"]) is not None
    assert project.row("passages", passage) is not None


def test_deleting_an_item_or_article_takes_its_memos_and_undo_brings_them_back(project):
    ids = _sample(project)
    cs = ops.delete_item(project, "claim", ids["claim"])
    assert ("notes", ids["claim_note"]) in {(c.table, c.id) for c in cs.changes}
    project.apply(cs)
    assert project.row("notes", ids["claim_note"]) is None
    project.apply(cs.inverse())
    assert project.row("notes", ids["claim_note"])["text"] == "Who?"


def test_merging_actors_moves_their_memos(project):
    cs, keep = ops.create_actor(project, name="Emmanuel Macron")
    project.apply(cs)
    cs, gone = ops.create_actor(project, name="Macron")
    project.apply(cs)
    cs, note = notes.add_note(project, "actor", gone, "Same person")
    project.apply(cs)
    project.apply(ops.merge_actors(project, keep, gone))
    assert project.row("notes", note)["actor_id"] == keep


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda p, ids: notes.add_note(p, "event", ids["event"], "   "), "cannot be empty"),
        (lambda p, ids: notes.add_note(p, "event", ids["event"], "x" * 20_001), "at most 20,000"),
        (lambda p, ids: notes.add_note(p, "event", "nope", "A memo"), "no such event"),
        (lambda p, ids: notes.add_note(p, "tag", ids["event"], "A memo"), "cannot be about"),
        (
            lambda p, ids: ops.update_item(p, "event", ids["event"], fact_status="maybe"),
            "'maybe' is not a fact status (choose one of: key, undisputed, disputed)",
        ),
    ],
)
def test_bad_input_is_one_clear_message_and_changes_nothing(project, build, message):
    ids = _sample(project)
    before = _contents(project)
    with pytest.raises(InputError) as err:
        build(project, ids)
    assert message in str(err.value)
    assert _contents(project) == before


# -- search, worklist ----------------------------------------------------------------------


def test_search_finds_memos_and_says_what_they_are_about(project):
    ids = _sample(project)
    hits = [h for h in search(project, "friday") if h.kind == "note"]
    assert [(h.target_kind, h.id) for h in hits] == [("passage", ids["passage_note"])]
    assert hits[0].article_id == ids["article"] and hits[0].start == 48
    assert [n.id for n in search_notes(project, "paywall")] == [ids["article_note"]]
    assert len(search_notes(project, "")) == 4


def test_key_facts_without_a_confirmed_date_are_a_worklist(project):
    ids = _sample(project)
    assert [w["id"] for w in worklist(project, "key_facts_unconfirmed")] == [ids["event"]]
    project.apply(ops.update_item(project, "event", ids["event"], date="2025-03-03"))
    assert worklist(project, "key_facts_unconfirmed") == []


# -- the JSON document --------------------------------------------------------------------


def test_the_json_document_carries_memos_and_status_and_loads_back_the_same(project, tmp_path):
    ids = _sample(project)
    doc = build_document(project)
    validate(doc)
    assert {e["id"]: e["fact_status"] for e in doc["events"]} == {ids["event"]: "key"}
    assert {n["about"]["kind"] for n in doc["notes"]} == {"article", "passage", "event", "claim"}
    path = tmp_path / "c.json"
    path.write_text(dumps(doc), encoding="utf-8")
    with Project.memory() as other:
        other.apply(load_document(other, read_document(path)))
        again = build_document(other)
    assert dumps(again) == dumps(doc)


def test_an_older_document_without_memos_or_status_still_loads(project, tmp_path):
    _sample(project)
    doc = json.loads(dumps(build_document(project)))
    del doc["notes"]
    for coll in ("events", "claims"):
        for item in doc[coll]:
            del item["fact_status"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Project.memory() as other:
        other.apply(load_document(other, read_document(path)))
        assert other.scalar("SELECT count(*) FROM events WHERE fact_status IS NULL") == 1


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda d: d["events"][0].update(fact_status="maybe"), "events[0].fact_status", "maybe"),
        (lambda d: d["notes"][0].update(text="x" * 20_001), "notes[0].text", "is too long"),
        (
            lambda d: d["notes"][0]["about"].update(id="nope"),
            "notes[0].about.id",
            "is not the id of one of the",
        ),
        (lambda d: d["notes"][0]["about"].update(kind="tag"), "notes[0].about.kind", "tag"),
    ],
)
def test_a_bad_memo_or_status_in_a_json_file_names_the_field(
    project, tmp_path: Path, change, where, message
):
    _sample(project)
    doc = json.loads(dumps(build_document(project)))
    change(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_document(path)
    assert f"{path}: {where}" in str(err.value)
    assert message in str(err.value)


# -- merge ------------------------------------------------------------------------------


def test_a_merge_brings_their_memos_and_status(tmp_path):
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    with Project.open(ours, create=True, analyst="ana") as p:
        ids = _sample(p)
    theirs.write_bytes(ours.read_bytes())
    with Project.open(theirs, analyst="bo") as p:
        p.apply(ops.update_item(p, "claim", ids["claim"], fact_status="undisputed"))
        cs, new_note = notes.add_note(p, "event", ids["event"], "Reuters says 14:00")
        p.apply(cs)
    with Project.open(ours, analyst="ana") as p:
        result = merge_into(p, theirs)
        assert result.added["notes"] == 1
        assert p.row("notes", new_note)["text"] == "Reuters says 14:00"
        assert p.row("claims", ids["claim"])["fact_status"] == "undisputed"
        p.apply(result.changeset.inverse())
        assert p.row("notes", new_note) is None


# -- exports ----------------------------------------------------------------------------


def test_csv_has_a_status_column_and_a_memos_table(project):
    ids = _sample(project)
    doc = build_document(project)
    out = io.StringIO()
    write_csv(doc, out, "events")
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["fact_status"] == "key"
    out = io.StringIO()
    assert write_csv(doc, out, "notes") == 4
    rows = {r["note_id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows[ids["passage_note"]]["about"] == "“Friday”"
    assert rows[ids["event_note"]]["about"] == "Talks"


def test_reports_mark_key_and_disputed_facts_with_a_legend_and_list_memos(project):
    _sample(project)
    doc = build_document(project)
    md = to_markdown(doc)
    assert "#### Talks ★" in md and "★ A key fact." in md and "⚑ A disputed fact." in md
    assert "## Memos" in md and "Which Friday?" in md
    html = to_html(doc)
    assert 'class="event key"' in html and "<h2>Memos</h2>" in html
    assert "⚑ A disputed fact." in html


def test_memos_go_to_refi_qda_as_notes_and_come_back(project, tmp_path):
    _sample(project)
    first = to_qdpx(build_document(project))
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        qde = zf.read("project.qde").decode()
    assert qde.count("<Note ") == 4 and qde.count("<PlainTextContent>") == 4
    path = tmp_path / "a.qdpx"
    path.write_bytes(first)
    with Project.memory() as other:
        other.apply(import_qdpx(other, read_qdpx(path), codes_as="events", where=str(path)))
        assert other.scalar("SELECT count(*) FROM notes") == 4
        assert to_qdpx(build_document(other)) == first


# -- file checks ---------------------------------------------------------------------------


def test_a_damaged_memo_or_status_is_caught_when_the_file_opens(tmp_path):
    import sqlite3

    from annotator.core.errors import ProjectError

    path = tmp_path / "p.db"
    with Project.open(path, create=True) as p:
        _sample(p)
    con = sqlite3.connect(path)
    con.execute("UPDATE notes SET text = x'41ff42' WHERE rowid = 1")
    con.commit()
    con.close()
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    assert "notes.text holds bytes where text belongs" in str(err.value)
