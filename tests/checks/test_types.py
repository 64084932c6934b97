"""mypy passes: the package at its configured strictness (pyproject.toml), the core and the
store under ``--strict`` too."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import REPO

# The whole package, as a plain `mypy` (the README's command) checks it.
CHECKED = ["annotator"]
STRICT = ["annotator/core", "annotator/store"]


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
    )


def test_mypy_clean() -> None:
    proc = _mypy(*CHECKED)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_and_store_clean_under_strict() -> None:
    proc = _mypy("--strict", *STRICT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
