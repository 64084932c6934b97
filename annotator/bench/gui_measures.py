"""Measurements that need the window, each in a fresh child process (offscreen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from annotator.bench.figure import Figure


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Settings in a throwaway folder: a saved layout must not change what is measured.
    env["ANNOTATOR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="annotator-bench-config-")
    return env


def probe(what: str, path: Path | None = None) -> dict:
    args = [sys.executable, "-m", "annotator.bench.gui_probe", what]
    if path is not None:
        args.append(str(path))
    out = subprocess.run(args, capture_output=True, text=True, env=_env(), timeout=900)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"probe {what} failed: {out.stderr[-2000:]}")
    return json.loads(lines[-1])


def cold_start(path: Path) -> float:
    """Process start to the main window's first paint, as the app reports it."""
    env = _env()
    env["ANNOTATOR_REPORT_FIRST_PAINT"] = "1"
    env["ANNOTATOR_QUIT_AFTER_MS"] = "120000"
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", "gui", str(path)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("first-paint-ms"):
                return float(line.split()[1])
        raise RuntimeError("the app exited before its first paint")
    finally:
        proc.kill()
        proc.wait()


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


def registry(path: Path, size: str) -> Iterator[tuple[str, Callable[[], Figure]]]:
    bare = cache(lambda: probe("bare_window")["value"])

    def start() -> Figure:
        floor = bare()
        return Figure(f"cold_start_{size}", cold_start(path), "ms", floor)

    yield (
        "bare_window_start",
        lambda: Figure("bare_window_start", probe("bare_window")["value"], "ms"),
    )
    yield f"cold_start_{size}", start

    def open_article() -> Figure:
        r = probe("open_article", path)
        return Figure(f"open_article_{r['passages']}_passages", r["value"], "ms", r["floor"])

    yield "open_article", open_article
    yield "tag_passage", lambda: Figure("tag_passage", probe("tag", path)["value"], "ms")

    results: dict[str, dict] = {}

    def filter_sort(name: str) -> Callable[[], Figure]:
        def run() -> Figure:
            if name not in results.get("last", {}):
                results["last"] = probe("filter_sort", path)
            value = results["last"].pop(name)
            return Figure(name, value, "ms")

        return run

    for name in (
        "filter_by_actor",
        "filter_by_date_range",
        "filter_by_text",
        "sort_by_headline",
        "sort_by_date",
    ):
        yield name, filter_sort(name)
    yield "quit", lambda: quit_time(path)
    yield (
        "peak_memory_open",
        lambda: Figure("peak_memory_open", probe("memory", path)["value"], "MB"),
    )
