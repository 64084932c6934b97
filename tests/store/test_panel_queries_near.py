"""The claim form's event picker: events this article cites first, then those dated nearest
its publication date; a bounded read, whatever the project's size."""

from __future__ import annotations

from pathlib import Path

from annotator.store import operations
from annotator.store.panel_queries import events_near
from annotator.store.project import Project
from annotator.store.project_setup import create_project


def make(tmp_path: Path) -> tuple[Project, str, str]:
    path = tmp_path / "p.db"
    create_project(path, seed=True)
    project = Project.open(path)
    articles = [r["id"] for r in project.rows("SELECT id FROM articles ORDER BY source")]
    for day in range(1, 29):
        cs, _ = operations.create_event(
            project, headline=f"Day {day:02d}", span=(articles[1], day, day + 3),
            date=f"2025-02-{day:02d}",
        )  # fmt: skip
        project.apply(cs)
    return project, articles[0], articles[1]


def test_cited_events_come_first_then_the_nearest(tmp_path: Path) -> None:
    project, other, cited_in = make(tmp_path)
    try:
        here = events_near(project, cited_in, "2025-02-10", limit=5)
        assert len(here) == 5  # all 28 are cited here: the first five by date
        near = [e["headline"] for e in events_near(project, other, "2025-02-10", limit=5)]
        assert near == ["Day 08", "Day 09", "Day 10", "Day 11", "Day 12"]
        latest = [e["headline"] for e in events_near(project, other, None, limit=3)]
        assert latest == ["Day 26", "Day 27", "Day 28"]
        assert len(events_near(project, other, "2030-01-01", limit=50)) == 28
    finally:
        project.close()
