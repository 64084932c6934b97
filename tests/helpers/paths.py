"""Where things are: the checkout under test, its test data, the shared corpora beside it;
and the environment a child Python gets, so that it imports this checkout's code too."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
DATA = TESTS / "data"
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


def repo_first(pythonpath: str | None) -> str:
    """``pythonpath`` with this checkout in front (once): a child Python started with it
    imports ``annotator`` from here, not from an editable install of another checkout."""
    rest = [p for p in (pythonpath or "").split(os.pathsep) if p and Path(p).resolve() != REPO]
    return os.pathsep.join([str(REPO), *rest])


def child_env(base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """The environment for a child process that runs Python: ``base`` (this process's
    environment by default) with this checkout first on PYTHONPATH, then ``extra``."""
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = repo_first(env.get("PYTHONPATH"))
    env.update(extra)
    return env
