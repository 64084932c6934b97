"""The tests test the checkout they sit in.

The package is installed editable from one checkout; a second checkout (a worktree) that
runs the suite must import its own ``annotator``, in the test process and in every child
Python the tests or the package start (``sys.executable -m annotator ...``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import annotator
from tests.helpers.paths import REPO, child_env, repo_first


def test_the_package_under_test_is_this_checkout(request: pytest.FixtureRequest) -> None:
    rootdir = request.config.rootpath.resolve()
    assert rootdir == REPO, "tests/helpers/paths.py finds the rootdir of the run"
    assert Path(annotator.__file__).resolve().is_relative_to(REPO), annotator.__file__


def test_the_inherited_environment_puts_this_checkout_first() -> None:
    """Children the package starts itself (the reliability checks) inherit os.environ."""
    first = os.environ["PYTHONPATH"].split(os.pathsep)[0]
    assert Path(first).resolve() == REPO


def test_repo_first_keeps_other_entries_once() -> None:
    other = str(Path("/nonexistent/elsewhere"))
    joined = repo_first(os.pathsep.join([other, str(REPO), "", other]))
    assert joined.split(os.pathsep) == [str(REPO), other, other]
    assert repo_first(None) == str(REPO)
    assert repo_first("") == str(REPO)


@pytest.mark.parametrize("inherit", [True, False])
def test_a_child_started_like_the_cli_imports_this_checkout(tmp_path: Path, inherit: bool) -> None:
    """Started from another folder, where ``-m`` cannot find the package by the working
    directory: only PYTHONPATH can point the child here. ``find_spec`` resolves the name
    on the same sys.path as ``python -m annotator`` does."""
    base = dict(os.environ) if inherit else {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env = child_env(base)
    probe = "import importlib.util; print(importlib.util.find_spec('annotator').origin)"
    found = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert Path(found.stdout.strip()).resolve().is_relative_to(REPO), found.stdout
    ran = subprocess.run(
        [sys.executable, "-m", "annotator", "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr
    assert "usage:" in ran.stdout
