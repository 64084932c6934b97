"""Shared fixtures. Qt runs offscreen; settings and the default project live in temp dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers.db import close_and_compare
from tests.helpers.paths import repo_first

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_ANALYST", "tester")
# Every child Python a test or the package starts inherits this: it imports this checkout.
os.environ["PYTHONPATH"] = repo_first(os.environ.get("PYTHONPATH"))

# On CI the property tests draw the same examples every run, so a result can be reproduced
# and a pass means the same thing twice; on a developer's machine they explore anew.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


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


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    from annotator.store.project_setup import create_project

    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    return path


@pytest.fixture
def annotated_path(seeded_path: Path) -> Path:
    """The seed project's file with the worked example annotated (events, actors, claims,
    citations and tags), closed."""
    from annotator.store.project import Project
    from annotator.store.sample_annotations import annotate_seed_project

    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    return seeded_path


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
