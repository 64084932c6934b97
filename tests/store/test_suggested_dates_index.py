"""The suggested dates worklist, read after every edit while shown, is read from a partial
index of the suggested events (m021), in its own order, not by a scan of every event."""

from __future__ import annotations

from pathlib import Path

from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.worklists import WORKLISTS, worklist


def test_the_suggested_dates_are_read_from_their_index(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        sql = WORKLISTS["suggested_dates"][1]
        plan = " | ".join(r[3] for r in project.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
        assert "USING INDEX idx_events_suggested" in plan
        assert "TEMP B-TREE" not in plan
        project.db.execute("UPDATE events SET date_status = 'suggested'")
        scratch = project.rows(
            "SELECT id FROM events NOT INDEXED WHERE date_status = 'suggested' "
            "ORDER BY date_earliest, day_seq, headline"
        )
        assert [r["id"] for r in worklist(project, "suggested_dates")] == [r["id"] for r in scratch]
