"""Datasette 1.0 (a pre-release on PyPI) in a virtualenv of its own, kept between runs.

The test environment has Datasette 0.65 installed, and the two cannot share one: 1.0 is
installed once into ``<temp>/annotator-datasette-<version spec>/`` and reused while it
works. Only an unreachable PyPI is a reason to skip; any other failure fails the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
import venv
from pathlib import Path

import pytest

SPEC = "datasette>=1.0a0"
INDEX = "https://pypi.org/simple/datasette/"


def _key(spec: str) -> str:
    return "".join(c if c.isalnum() or c in ".-" else "_" for c in spec)


def venv_dir(spec: str = SPEC) -> Path:
    return Path(tempfile.gettempdir()) / f"annotator-{_key(spec)}"


def _bin(root: Path, name: str) -> Path:
    return root / ("Scripts" if os.name == "nt" else "bin") / name


def _pypi_reachable() -> bool:
    try:
        with urllib.request.urlopen(INDEX, timeout=15) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def installed_version(root: Path) -> str | None:
    """The Datasette version in the virtualenv, or None when it is not (or no longer) usable."""
    marker = root / "datasette-version.txt"
    if not marker.is_file() or not _bin(root, "datasette").exists():
        return None
    return marker.read_text().strip() or None


def datasette_1(spec: str = SPEC) -> tuple[Path, str]:
    """The `datasette` command of a 1.x install and its version; installs it the first time."""
    root = venv_dir(spec)
    version = installed_version(root)
    if version is not None:
        return _bin(root, "datasette"), version
    if not _pypi_reachable():
        pytest.skip(f"PyPI is not reachable: cannot install {spec} to test with it")
    # build beside, then rename: a run killed half-way leaves nothing that looks finished
    build = Path(tempfile.mkdtemp(prefix=f"{root.name}-build-", dir=root.parent))
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(build)
        python = _bin(build, "python")
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--pre", spec],
            check=True,
            timeout=600,
        )
        out = subprocess.run(
            [str(python), "-c", "import datasette.version as v; print(v.__version__)"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not out.startswith("1."):
            pytest.fail(f"{spec} installed Datasette {out}, not a 1.x release")
        (build / "datasette-version.txt").write_text(out + "\n")
        shutil.rmtree(root, ignore_errors=True)
        try:
            build.rename(root)
        except OSError:  # another run finished first: use its install
            shutil.rmtree(build, ignore_errors=True)
            out = installed_version(root) or pytest.fail(f"no usable Datasette in {root}")
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    # venv scripts name the build folder in their shebang: run them through the python
    return _bin(root, "datasette"), out


def run_datasette(root_cmd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the 1.x `datasette` with its own interpreter (scripts' shebangs may be stale)."""
    python = root_cmd.parent / "python"
    return subprocess.run(
        [str(python), "-m", "datasette", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


__all__ = ["SPEC", "datasette_1", "run_datasette"]
