"""The article list and the version chains are read from a covering index (m020): a scan of
the articles reads every text's overflow pages to reach the columns after it."""

from __future__ import annotations

from pathlib import Path

from annotator.store.panel_queries import _ARTICLES_SQL
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.versions import CHAINED_SQL, _read_infos


def _plan(project: Project, sql: str) -> str:
    return " | ".join(r[3] for r in project.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())


def test_the_list_and_the_chains_never_read_the_texts(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        plan = _plan(project, _ARTICLES_SQL)
        assert "COVERING INDEX idx_articles_list" in plan
        assert "TEMP B-TREE" not in plan  # read in the list's order, not sorted afterwards
        chains = _plan(project, CHAINED_SQL)
        assert "COVERING INDEX idx_articles_list" in chains
        assert _read_infos(project) == {}  # the seed articles have no versions
