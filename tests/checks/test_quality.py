"""The layer rule, lint, and the packaging a user installs."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import REPO

PACKAGE = REPO / "annotator"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "layer, forbidden",
    [
        ("core", ("PySide6", "annotator.store", "annotator.ui", "sqlite_utils", "sqlite3")),
        ("store", ("PySide6", "annotator.ui")),
    ],
)
def test_layers(layer: str, forbidden: tuple[str, ...]) -> None:
    offenders = []
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in _imports(path):
            if name.startswith(forbidden):
                offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert offenders == []


def test_import_linter_contracts() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.skip("import-linter is not installed")
    proc = subprocess.run([str(exe)], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--quiet", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_non_editable_install_finds_resources_and_seeds(tmp_path: Path) -> None:
    """Build the wheel and run it from elsewhere: resources/ and seeds/ must be inside."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    target = tmp_path / "site"
    wheel = next(wheel_dir.glob("*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import annotator, json; from annotator.core.resources import resources_dir, "
        "seeds_dir, seed_articles; "
        "print(json.dumps([annotator.__file__, str(resources_dir()), str(seeds_dir()), "
        "len(seed_articles()), (resources_dir()/'schema'/'chronology.schema.json')"
        ".exists()]))"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            code.replace(
                "import annotator",
                f"import sys; sys.path.insert(0, {str(target)!r}); import annotator",
            ),
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    import json

    module, resources, seeds, n, schema = json.loads(out.stdout)
    assert module.startswith(str(target))
    assert resources.startswith(str(target)) and seeds.startswith(str(target))
    assert n == 3 and schema
    shutil.rmtree(target)
