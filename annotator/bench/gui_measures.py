"""Measurements that need the window, each run in a fresh child process (offscreen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.bench.figure import Figure

# The sizes whose whole-project operations are all that is measured (start, search, filter).
WHOLE_PROJECT_STEPS = "search,filters"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Settings in a throwaway folder: a saved layout must not change what is measured.
    env["ANNOTATOR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="annotator-bench-config-")
    return env


# A probe starts as `annotator gui` starts: the command line's lean start first (sqlite-utils
# without pandas and numpy, 0.5 s), then the probe module as __main__.
BOOT = (
    "import runpy, sys; import annotator.cli.lean_start; sys.argv = sys.argv[1:]; "
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)"
)


def _child(module: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", BOOT, module, *args],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=3600,
    )
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"{module} {args[:1]} failed: {out.stderr[-2000:]}")
    return json.loads(lines[-1])


def probe(what: str, path: Path | None = None) -> dict:
    return _child("annotator.bench.gui_probe", what, *([str(path)] if path else []))


def start(path: Path) -> list[Figure]:
    """Cold start beside a bare window's, measured the same way in the same run."""
    bare = probe("bare_window")
    app = probe("cold_start", path)
    # CPU: the process's own, since it started (imports included), to first paint / idle.
    return [
        Figure("bare_window_start", bare["value"], "ms", cpu=bare["cpu"]),
        Figure(
            "cold_start_first_paint",
            app["first_paint"],
            "ms",
            bare["value"],
            cpu=app["cpu_first_paint"],
        ),
        Figure(
            "cold_start_idle",
            app["idle"],
            "ms",
            bare["idle"],
            block=app["block_after_paint"],
            cpu=app["cpu_idle"],
        ),
    ]


def interactions(path: Path, steps: str = "", repeat: int = 3) -> list[Figure]:
    """Every interaction of the scripted day, until idle, with floors and blocks; each
    repeated in the one window (medians), so the day is one process at any repeat."""
    out = _child("annotator.bench.gui_actions", str(path), steps, str(repeat))
    figures = []
    out.pop("_big_article_passages", None)  # the name stays the same at every size
    for name, r in out.items():
        if name == "peak_memory_day":
            figures.append(Figure(name, r["value"], "MB"))
            continue
        figures.append(
            Figure(name, r["value"], "ms", r["floor"], r["block"], r["wait"], r.get("cpu"))
        )
    return figures


Entry = tuple[str, Callable[[], list[Figure]], bool]  # name, run, repeats inside


def registry(path: Path, size: str, repeat: int) -> Iterator[Entry]:
    yield "cold_start", lambda: start(path), False
    steps = WHOLE_PROJECT_STEPS if size == "xlarge" else ""
    yield "interactions", lambda: interactions(path, steps, repeat), True
