"""The table's sort-key cache fills a column when a sort first asks for it; edits made in
between are followed, so a column filled late agrees with the whole cache built at once."""

from __future__ import annotations

from annotator.store import operations
from annotator.store.event_sort_keys import KEY_COLUMNS, drop_sort_keys, ensure_sort_keys
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project


def _cached(project: Project) -> list[tuple]:
    return project.db.execute("SELECT * FROM temp.event_keys ORDER BY event_rowid").fetchall()


def test_columns_filled_one_by_one_across_edits_agree_with_a_fresh_build(seeded_path) -> None:
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
        ensure_sort_keys(project, "actors")  # the first sort: by actors
        summit = project.scalar("SELECT id FROM events WHERE headline LIKE 'Emergency%'")
        trump = project.scalar("SELECT id FROM actors WHERE name = 'Donald Trump'")
        citation = project.scalar("SELECT id FROM citations WHERE event_id = ?", [summit])
        for cs in (
            operations.set_event_actors(project, summit, [(trump, "guest")]),
            operations.set_tags(project, "event", summit, ["zz-last", "aa-first"]),
            operations.uncite(project, citation),
        ):
            project.apply(cs)
        for key in KEY_COLUMNS[1:]:  # later sorts, by the other columns
            ensure_sort_keys(project, key)
        filled_late = _cached(project)
        drop_sort_keys(project)
        ensure_sort_keys(project)
        assert _cached(project) == filled_late
