"""Shared fixtures. Qt runs offscreen; settings and the default project live in temp dirs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_ANALYST", "tester")

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _cli_for_the_checks() -> None:
    """The reliability checks run the command line in-process; it is handed down to them
    as ``annotator reliability`` does."""
    from annotator.cli import main
    from annotator.reliability import cli_outcome

    cli_outcome.use_cli(main)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_PROJECT", str(home / "default.db"))
    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    yield


def db_dump(path: Path | str) -> dict[str, list[tuple]]:
    """Every user table's rows, sorted: equal dumps mean equal project contents."""
    return db_dump_all(path)


def _content(rows_of) -> dict[str, list[tuple]]:
    tables = [
        r[0]
        for r in rows_of(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%_fts%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        t: sorted((tuple(r) for r in rows_of(f"SELECT * FROM [{t}]")), key=repr) for t in tables
    }


def close_and_compare(project) -> None:
    """Close an app's project and check the file holds exactly what the app saw.

    What the app's own connection shows is read first; then the project is closed and the
    file read by a new connection. A transaction left open (or anything else that never
    reached the file) makes the two differ.
    """
    if project.closed or project.path is None:
        return
    seen = _content(lambda sql: [tuple(r.values()) for r in project.rows(sql)])
    path = project.path
    project.close()
    assert db_dump_all(path) == seen, "the file differs from what the app showed"


def db_dump_all(path: Path | str) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _content(lambda sql: con.execute(sql).fetchall())
    finally:
        con.close()


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    from annotator.store.project_setup import create_project

    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    return path


@pytest.fixture
def seeded(seeded_path: Path, qapp):
    """A UI session on the seed project with the worked example annotated."""
    from annotator.store.project import Project
    from annotator.store.sample_annotations import annotate_seed_project
    from annotator.ui.editing.session import Session

    project = Project.open(seeded_path)
    annotate_seed_project(project)
    session = Session(project)
    yield session
    close_and_compare(session.project)
    project.close()
