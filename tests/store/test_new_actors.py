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


def test_a_claim_with_a_new_claimant_is_one_edit_and_undone_whole():
    from annotator.store.new_actors import create_claim_with_new_claimant

    project = Project.memory()
    cs, claim_id = create_claim_with_new_claimant(project, "Dmitry Peskov", "person", text="No.")
    assert cs.label == "New claim No. (and 1 new actor)"
    project.apply(cs)
    assert project.rows(
        "SELECT a.name, a.kind FROM claims c JOIN actors a ON a.id = c.claimant_id"
    ) == [{"name": "Dmitry Peskov", "kind": "person"}]
    project.apply(cs.inverse())
    assert project.scalar("SELECT count(*) FROM actors") == 0
    assert project.scalar("SELECT count(*) FROM claims") == 0
    # a name that is already an actor's: that actor, no twin
    made, actor_id = ops.create_actor(project, name="Dmitry Peskov", kind="person")
    project.apply(made)
    cs, claim_id = create_claim_with_new_claimant(project, "dmitry  peskov", "other", text="Yes.")
    project.apply(cs)
    assert project.scalar("SELECT claimant_id FROM claims WHERE id = ?", [claim_id]) == actor_id
    assert project.scalar("SELECT count(*) FROM actors") == 1
