"""Several items edited at once: untouched fields stay, one ChangeSet, undone exactly."""

from __future__ import annotations

from annotator.store import operations as ops
from annotator.store.bulk_edits import BulkChanges, bulk_edit, bulk_summary
from annotator.store.project import Project


def dump(project: Project) -> dict[str, list]:
    """Rows as stored; an event's actors in their order (tags have none)."""
    return {
        t: project.rows(f"SELECT * FROM {t} ORDER BY {order}")
        for t, order in (
            ("events", "rowid"),
            ("claims", "rowid"),
            ("actors", "rowid"),
            ("tags", "id"),
            ("event_actors", "event_id, rowid"),
        )
    }


def setup(project: Project) -> tuple[list[str], str]:
    cs, putin = ops.create_actor(project, name="Vladimir Putin", kind="person")
    project.apply(cs)
    ids = []
    for n, (type_, confidence) in enumerate([("meeting", "high"), ("", None), ("call", "high")]):
        cs, event_id = ops.create_event(
            project,
            headline=f"Event {n}",
            type=type_,
            confidence=confidence,
            tags=["russia"] if n else ["russia", "talks"],
            actors=[(putin, "speaker")] if n != 1 else [],
        )
        project.apply(cs)
        ids.append(event_id)
    return ids, putin


def test_fields_tags_and_actors_of_three_events_in_one_undoable_edit():
    project = Project.memory()
    ids, putin = setup(project)
    before = dump(project)
    summary = bulk_summary(project, "event", ids, ["type", "confidence"])
    assert summary.count == 3
    assert summary.fields["confidence"] == {"high": 2, None: 1}
    assert summary.tags == {"russia": 3, "talks": 1}
    assert summary.actors == [(putin, "Vladimir Putin", 2)]
    changes = BulkChanges(
        fields={"confidence": "medium"},
        add_tags=["ceasefire"],
        remove_tags=["talks"],
        add_actors=[("European Union", "host"), ("Vladimir Putin", "speaker")],
        remove_actors=[],
    )
    cs, changed = bulk_edit(project, "event", ids, changes)
    assert changed == 3
    project.apply(cs)
    assert [r["confidence"] for r in project.rows("SELECT confidence FROM events")] == [
        "medium"
    ] * 3
    assert [r["type"] for r in project.rows("SELECT type FROM events ORDER BY rowid")] == [
        "meeting",
        "",
        "call",
    ]  # untouched
    tags = project.rows("SELECT tag, count(*) AS n FROM tags GROUP BY tag ORDER BY tag")
    assert [(t["tag"], t["n"]) for t in tags] == [("ceasefire", 3), ("russia", 3)]
    eu = project.rows("SELECT id, kind FROM actors WHERE name = 'European Union'")
    assert len(eu) == 1 and eu[0]["kind"] == "organisation"  # made once, kind guessed
    assert project.scalar("SELECT count(*) FROM event_actors WHERE role = 'host'") == 3
    assert project.scalar("SELECT count(*) FROM event_actors WHERE actor_id = ?", [putin]) == 3
    project.apply(cs.inverse())
    assert dump(project) == before


def test_items_that_already_hold_the_values_are_not_touched():
    project = Project.memory()
    ids, putin = setup(project)
    cs, changed = bulk_edit(
        project, "event", ids, BulkChanges(fields={"confidence": "high"}, remove_actors=[putin])
    )
    assert changed == 3  # two lose Putin, one gains a confidence
    project.apply(cs)
    cs, changed = bulk_edit(project, "event", ids, BulkChanges(fields={"confidence": "high"}))
    assert (changed, bool(cs)) == (0, False)
    assert project.scalar("SELECT count(*) FROM event_actors") == 0


def test_claims_stance_and_tags():
    project = Project.memory()
    ids = []
    for n in range(2):
        cs, claim_id = ops.create_claim(project, text=f"Claim {n}", stance="asserts")
        project.apply(cs)
        ids.append(claim_id)
    cs, changed = bulk_edit(
        project, "claim", ids, BulkChanges(fields={"stance": "denies"}, add_tags=["key"])
    )
    assert changed == 2
    project.apply(cs)
    assert project.scalar("SELECT count(*) FROM claims WHERE stance = 'denies'") == 2
    assert project.scalar("SELECT count(*) FROM tags WHERE tag = 'key'") == 2
