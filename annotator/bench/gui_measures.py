"""Measurements that need the window, each run in a fresh child process (offscreen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
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


# The floor of quitting: a bare QApplication with one window, closed, to the process's exit.
BARE_QUIT = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
def close():
    print(f"quit-at {time.time():.4f}", file=sys.stderr, flush=True)
    window.close()
QTimer.singleShot(1000, close)
sys.exit(app.exec())
"""


def _time_to_exit(args: list[str], env: dict[str, str]) -> float:
    """From the ``quit-at`` line a child prints as it quits to its exit, in ms."""
    quit_at = None
    said: list[str] = []
    with subprocess.Popen(
        args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
    ) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("quit-at "):
                quit_at = float(line.split()[1])
            said.append(line)
        code = proc.wait(timeout=300)
    exited = time.time()
    if code != 0 or quit_at is None:
        raise RuntimeError(f"the quit probe failed (exit code {code}): {''.join(said)[-2000:]}")
    return (exited - quit_at) * 1000


def quit_time(path: Path) -> Figure:
    """The Quit action (chosen a few seconds after start) to the process's exit; the best
    of three, beside the same for a bare QApplication."""
    env = _env()
    env["ANNOTATOR_QUIT_AFTER_MS"] = "3000"
    env["ANNOTATOR_REPORT_QUIT"] = "1"
    app = [sys.executable, "-m", "annotator", "gui", str(path)]
    value = min(_time_to_exit(app, env) for _ in range(3))
    floor = min(_time_to_exit([sys.executable, "-c", BARE_QUIT], _env()) for _ in range(3))
    return Figure("quit", value, "ms", floor)


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

# The scripted day's steps (annotator.bench.gui_actions.STEPS) by the figures they give,
# so that `--only filter_clear` runs the filters step alone.
STEP_OF_FIGURE = {
    "open_article": "articles",
    "switch_article": "articles",
    "_form_open": "forms",
    "new_event_enter": "edits",
    "undo_new_event": "edits",
    "redo_new_event": "edits",
    "delete_event": "edits",
    "search_": "search",
    "filter_": "filters",
    "table_": "table",
    "sort_first_by": "table",
    "timeline_": "drawn",
    "window_export": "exports",
}


def steps_for(only: list[str]) -> str:
    """The steps that give the figures named (in part) in ``only``; "" for none."""
    steps = {
        step
        for name in only
        for part, step in STEP_OF_FIGURE.items()
        if part in name or name in part
    }
    return ",".join(s for s in dict.fromkeys(STEP_OF_FIGURE.values()) if s in steps)


def registry(path: Path, size: str, repeat: int, only: list[str] | None = None) -> Iterator[Entry]:
    yield "cold_start", lambda: start(path), False
    steps = WHOLE_PROJECT_STEPS if size == "xlarge" else ""
    if only and not any(o in "interactions" for o in only):
        steps = steps_for(only)
        if not steps:
            return
    yield "interactions", lambda: interactions(path, steps, repeat), True
    yield "quit", lambda: [quit_time(path)], False
