"""An event's actors keep their order through edits, undo and redo (the order exports use)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.store import operations as ops
from annotator.store.actor_links import event_actors_changeset
from annotator.store.changes import ChangeSet
from annotator.store.chronology import build_document
from annotator.store.project import Project
from tests.helpers.db import close_and_compare

NAMES = ("A", "B", "C", "D", "E")


def links(project: Project) -> list[dict[str, Any]]:
    """Every event_actors row, whole, each event's in their order (as exports read them)."""
    return project.rows("SELECT * FROM event_actors ORDER BY event_id, rowid")


def order(project: Project, event_id: str) -> list[str]:
    return [
        r["name"]
        for r in project.rows(
            "SELECT a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
            "WHERE ea.event_id = ? ORDER BY ea.rowid",
            [event_id],
        )
    ]


def _setup(project: Project, n_events: int = 1) -> tuple[dict[str, str], list[str]]:
    actors = {}
    for name in NAMES:
        cs, actors[name] = ops.create_actor(project, name=name)
        project.apply(cs)
    events = []
    for i in range(n_events):
        cs, eid = ops.create_event(project, headline=f"Event {i}")
        project.apply(cs)
        events.append(eid)
    return actors, events


def _apply(project: Project, cs: ChangeSet, done: list[ChangeSet]) -> None:
    project.apply(cs)
    done.append(cs)


@pytest.fixture
def project():
    p = Project.memory()
    yield p
    p.close()


def test_removing_the_middle_actor_then_undo_gives_the_order_back(project: Project) -> None:
    actors, (event,) = _setup(project)
    project.apply(ops.set_event_actors(project, event, [(actors[n], "") for n in "ABC"]))
    before = links(project)
    cs = ops.set_event_actors(project, event, [(actors["A"], ""), (actors["C"], "")])
    project.apply(cs)
    assert order(project, event) == ["A", "C"]
    after = links(project)
    project.apply(cs.inverse())
    assert order(project, event) == ["A", "B", "C"] and links(project) == before
    project.apply(cs)
    assert links(project) == after


def test_the_export_lists_actors_in_their_order_after_an_undo(project: Project) -> None:
    actors, (event,) = _setup(project)
    project.apply(ops.set_event_actors(project, event, [(actors[n], "") for n in "CAB"]))
    cs = ops.delete_item(project, "actor", actors["A"])
    project.apply(cs)
    project.apply(cs.inverse())
    doc_event = build_document(project)["events"][0]
    assert [a["actor_id"] for a in doc_event["actors"]] == [actors[n] for n in "CAB"]


@pytest.mark.parametrize("edit", ["delete actor", "merge actor", "delete event", "picker text"])
def test_undo_of_an_edit_that_removed_links_restores_them_in_order(
    tmp_path: Path, edit: str
) -> None:
    path = tmp_path / "p.db"
    project = Project.open(path, create=True)
    actors, (event, other) = _setup(project, 2)
    project.apply(
        ops.set_event_actors(
            project,
            event,
            [(actors["A"], "host"), (actors["B"], "guest"), (actors["C"], ""), (actors["B"], "")],
        )
    )
    project.apply(ops.set_event_actors(project, other, [(actors["B"], ""), (actors["D"], "")]))
    before = links(project)
    if edit == "delete actor":
        cs = ops.delete_item(project, "actor", actors["B"])
        expected = ["A", "C"]
    elif edit == "merge actor":
        cs = ops.merge_actors(project, actors["D"], actors["B"])
        expected = ["A", "D", "C", "D"]
    elif edit == "delete event":
        cs = ops.delete_item(project, "event", event)
        expected = []
    else:
        cs = event_actors_changeset(project, event, "A: host; C; New person")
        expected = ["A", "C", "New person"]
    project.apply(cs)
    assert order(project, event) == expected
    if edit == "merge actor":  # the kept actor takes the merged one's place
        assert order(project, other) == ["D"]
    after = links(project)
    project.apply(cs.inverse())
    assert links(project) == before
    project.apply(cs)
    assert links(project) == after
    project.apply(cs.inverse())
    close_and_compare(project)
    with Project.open(path, readonly=True) as again:
        assert links(again) == before
        assert order(again, event) == ["A", "B", "C", "B"]


def test_the_order_check_can_fail(project: Project) -> None:
    """Re-inserting a removed link plainly puts it last: the comparison sees that."""
    actors, (event,) = _setup(project)
    project.apply(ops.set_event_actors(project, event, [(actors[n], "") for n in "ABC"]))
    before = links(project)
    middle = before[1]
    cs = ChangeSet("plain delete")
    cs.delete("event_actors", middle)
    project.apply(cs)
    project.apply(cs.inverse())
    assert sorted(map(repr, links(project))) == sorted(map(repr, before))
    assert links(project) != before


# -- property: any sequence of link edits, undone whole, gives back every row in order ---

EDITS = ("set", "text", "delete actor", "merge", "delete event", "new actor", "role")


def _edit(project: Project, data: st.DataObject, op: str, events: list[str]) -> ChangeSet:
    actors = [r["id"] for r in project.rows("SELECT id FROM actors ORDER BY name")]
    live = [e for e in events if project.row("events", e)]
    event = data.draw(st.sampled_from(live)) if live else None
    if op == "set" and event and actors:
        picked = data.draw(
            st.lists(
                st.tuples(st.sampled_from(actors), st.sampled_from(["", "host", "guest"])),
                max_size=5,
            )
        )
        return ops.set_event_actors(project, event, picked)
    if op == "text" and event:
        names = data.draw(st.lists(st.sampled_from([*NAMES, "New", "Other"]), max_size=4))
        return event_actors_changeset(project, event, "; ".join(names))
    if op == "role" and event and actors:
        current = [(r["actor_id"], r["role"]) for r in links(project) if r["event_id"] == event]
        if not current:
            return ChangeSet("nothing")
        i = data.draw(st.integers(0, len(current) - 1))
        current[i] = (current[i][0], current[i][1] + "x")
        return ops.set_event_actors(project, event, current)
    if op == "delete actor" and actors:
        return ops.delete_item(project, "actor", data.draw(st.sampled_from(actors)))
    if op == "merge" and len(actors) > 1:
        keep, gone = data.draw(
            st.lists(st.sampled_from(actors), min_size=2, max_size=2, unique=True)
        )
        return ops.merge_actors(project, keep, gone)
    if op == "delete event" and event and data.draw(st.booleans()):
        return ops.delete_item(project, "event", event)
    if op == "new actor" and event:
        return ops.create_actor(project, name=data.draw(st.sampled_from(NAMES)) + "2")[0]
    return ChangeSet("nothing")


@settings(max_examples=80, deadline=None)
@given(data=st.data(), edits=st.lists(st.sampled_from(EDITS), min_size=1, max_size=20))
def test_link_edits_undone_and_redone_keep_every_row_and_order(
    data: st.DataObject, edits: list[str]
) -> None:
    project = Project.memory()
    try:
        actors, events = _setup(project, 3)
        for event in events:
            start = data.draw(st.permutations(list(actors.values())))
            project.apply(ops.set_event_actors(project, event, [(a, "") for a in start[:3]]))
        original = links(project)
        done: list[ChangeSet] = []
        for op in edits:
            try:
                cs = _edit(project, data, op, events)
            except AnnotatorError:
                continue
            if cs:
                _apply(project, cs, done)
        final = links(project)
        for cs in reversed(done):
            project.apply(cs.inverse())
        assert links(project) == original
        for cs in done:
            project.apply(cs)
        assert links(project) == final
    finally:
        project.close()
