"""A row's place in the table's date order, counted, is where the table's query puts it."""

from __future__ import annotations

from annotator.store.project import Project
from annotator.store.queries import TimelineFilter, event_rowids
from annotator.store.row_position import chrono_position
from annotator.store.sample_annotations import annotate_seed_project


def test_counted_positions_match_the_tables_order(seeded_path):
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
        # an undated event, and day sequences that differ
        project.db.execute("UPDATE events SET day_seq = 1 WHERE rowid % 3 = 0")
        first = project.db.execute("SELECT rowid, date FROM events LIMIT 1").fetchone()
        project.db.execute(
            "UPDATE events SET date = NULL, date_earliest = NULL, date_latest = NULL "
            "WHERE rowid = (SELECT max(rowid) FROM events)"
        )
        assert first is not None
        for flt in (TimelineFilter(), TimelineFilter(date_from="2025-02-01T00:00:00")):
            for descending in (False, True):
                order = event_rowids(project, flt, "date", descending=descending)
                assert len(order) >= 2
                for at, rowid in enumerate(order):
                    assert chrono_position(project, flt, rowid, descending=descending) == at
