"""Merging duplicate events: what moves, what is filled in, what is never doubled."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.rows import parse_edtf_field
from tests.helpers.projects import add_article

TEXT = "On Tuesday the ministers met in Brussels. Reports said the ministers met on 4 March."


def _make(project: Project) -> dict[str, str]:
    aid = add_article(project, TEXT, outlet="Daily")
    bid = add_article(project, TEXT.upper(), outlet="Weekly")
    ids: dict[str, str] = {}
    cs, ids["ana"] = ops.create_actor(project, name="Ana")
    project.apply(cs)
    cs, ids["bo"] = ops.create_actor(project, name="Bo")
    project.apply(cs)
    cs, ids["keep"] = ops.create_event(
        project, headline="Ministers meet", span=(aid, 0, 40), actors=[(ids["ana"], "host")]
    )
    project.apply(cs)
    cs, ids["gone"] = ops.create_event(
        project,
        headline="Ministers met",
        span=(bid, 0, 40),
        date=parse_edtf_field("2025-03-04", "date"),
        type="meeting",
        actors=[(ids["ana"], "host"), (ids["bo"], "guest")],
        tags=["eu"],
    )
    project.apply(cs)
    project.apply(ops.set_tags(project, "event", ids["keep"], ["eu", "council"]))
    cs, ids["claim"] = ops.create_claim(project, text="They met", event_id=ids["gone"])
    project.apply(cs)
    return ids


def test_everything_moves_to_the_kept_event_once() -> None:
    project = Project.memory()
    ids = _make(project)
    project.apply(ops.merge_events(project, ids["keep"], [ids["gone"]]))
    assert project.row("events", ids["gone"]) is None
    keep = project.row("events", ids["keep"])
    assert (keep["date"], keep["type"], keep["headline"]) == (
        "2025-03-04",
        "meeting",
        "Ministers meet",
    )
    links = project.rows(
        "SELECT actor_id, role FROM event_actors WHERE event_id = ? ORDER BY rowid", [ids["keep"]]
    )
    assert [(r["actor_id"], r["role"]) for r in links] == [
        (ids["ana"], "host"),
        (ids["bo"], "guest"),
    ]
    tags = project.rows("SELECT tag FROM tags WHERE event_id = ? ORDER BY tag", [ids["keep"]])
    assert [t["tag"] for t in tags] == ["council", "eu"]
    assert project.row("claims", ids["claim"])["event_id"] == ids["keep"]
    outlets = project.rows(
        "SELECT DISTINCT a.outlet FROM citations c JOIN passages p ON p.id = c.passage_id "
        "JOIN articles a ON a.id = p.article_id WHERE c.event_id = ? ORDER BY 1",
        [ids["keep"]],
    )
    assert [o["outlet"] for o in outlets] == ["Daily", "Weekly"]


def test_merging_an_event_into_itself_or_a_missing_one_is_refused() -> None:
    project = Project.memory()
    ids = _make(project)
    with pytest.raises(InputError, match="at least one other event"):
        ops.merge_events(project, ids["keep"], [ids["keep"]])
    with pytest.raises(InputError, match="no such event"):
        ops.merge_events(project, ids["keep"], ["nope"])


def test_relations_follow_the_merged_event_and_one_between_the_two_goes() -> None:
    from annotator.store import relations

    project = Project.memory()
    ids = _make(project)
    cs, later = ops.create_event(
        project, headline="Summit", date=parse_edtf_field("2025-03-20", "d")
    )
    project.apply(cs)
    project.apply(relations.relate(project, ids["gone"], "precedes", later))
    project.apply(relations.relate(project, ids["keep"], "part_of", ids["gone"]))
    project.apply(ops.merge_events(project, ids["keep"], [ids["gone"]]))
    rows = project.rows("SELECT source_id, kind, target_id FROM event_relations")
    assert [(r["source_id"], r["kind"], r["target_id"]) for r in rows] == [
        (ids["keep"], "precedes", later)
    ]


def test_memos_and_a_key_fact_follow_the_merged_event() -> None:
    from annotator.store import notes

    project = Project.memory()
    ids = _make(project)
    project.apply(ops.update_item(project, "event", ids["gone"], fact_status="key"))
    project.apply(notes.add_note(project, "event", ids["gone"], "Check the Weekly's source")[0])
    project.apply(ops.merge_events(project, ids["keep"], [ids["gone"]]))
    assert project.row("events", ids["keep"])["fact_status"] == "key"
    memo = project.rows("SELECT event_id, text FROM notes")
    assert [(m["event_id"], m["text"]) for m in memo] == [
        (ids["keep"], "Check the Weekly's source")
    ]
