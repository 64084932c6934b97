"""Actors made with an event: in the same edit, their kind guessed from the name."""

from __future__ import annotations

from annotator.store import operations as ops
from annotator.store.actor_links import event_actors_changeset
from annotator.store.new_actors import create_event_with_new_actors
from annotator.store.project import Project


def test_an_event_with_two_new_actors_is_one_edit_and_undone_whole():
    project = Project.memory()
    cs, event_id = create_event_with_new_actors(
        project,
        [("NATO", "organisation", "participant"), ("nato", "group", "participant")],
        headline="Summit",
    )
    assert cs.label == "New event Summit (and 1 new actor)"  # the same name once
    project.apply(cs)
    rows = project.rows(
        "SELECT a.name, a.kind, l.role FROM event_actors l JOIN actors a ON a.id = l.actor_id "
        "WHERE l.event_id = ?",
        [event_id],
    )
    assert rows == [{"name": "NATO", "kind": "organisation", "role": "participant"}]
    project.apply(cs.inverse())
    assert project.scalar("SELECT count(*) FROM actors") == 0
    assert project.scalar("SELECT count(*) FROM events") == 0


def test_a_name_typed_in_the_actor_field_becomes_an_actor_of_a_guessed_kind():
    project = Project.memory()
    cs, event_id = ops.create_event(project, headline="Plan")
    project.apply(cs)
    project.apply(event_actors_changeset(project, event_id, "European Commission: author"))
    assert project.rows("SELECT name, kind FROM actors") == [
        {"name": "European Commission", "kind": "organisation"}
    ]
