"""Crash safety of the real window: drive it through random analyst actions, SIGKILL it.

Each round lets one ``window_child`` (the main window, offscreen, on the project file) run
random actions for a random time, kills it with SIGKILL (a tenth of the rounds while the
window is still starting), and then checks the file from this process, through a fresh
connection, as the next user would find it:

* it opens (``Project.open``), ``PRAGMA integrity_check`` is ok, ``foreign_key_check``
  finds nothing and every FTS5 index passes its ``'integrity-check'`` command (against its table);
* its rows are exactly what the window last showed after an action it had finished (the
  last acknowledged state), or that state plus what the action in flight handed to
  ``Project.apply`` (any prefix of it: committed whole or not at all). Anything else is a
  failure; the acknowledged actions whose rows the file lacks are counted as edits lost;
* the next round's window starts on it (and after the last round one more start is
  checked), so "the next start opens it" is checked with the real window every time.

The next child is started (up to importing Qt) while this one's file is checked, so the two
cores overlap; it opens the project only when told to.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.reliability.crash import file_check_failures
from annotator.reliability.health import fts_problems
from annotator.reliability.window_child import parse_window_log, row_hash, row_key, rows_view
from annotator.store.project import Project

View = dict[str, str]  # "table/id" -> row hash


@dataclass
class WindowCrashReport:
    kills: int = 0
    survived: int = 0
    actions: int = 0  # actions the window finished (acknowledged), edits or not
    edits_acknowledged: int = 0  # of those, the ones after which the window showed a change
    edits_lost: int = 0
    in_flight_committed: int = 0  # the action in flight found committed (allowed)
    left_in_transaction: int = 0  # acknowledged with the app's connection inside a transaction
    by_action: dict[str, list[int]] = field(default_factory=dict)  # name -> [done, edits]
    failures: list[str] = field(default_factory=list)


def make_project(folder: Path) -> tuple[Path, Path]:
    """The seed project with the worked example, and a colleague's copy to merge."""
    from annotator.store import operations as ops
    from annotator.store.project_setup import create_project
    from annotator.store.sample_annotations import annotate_seed_project

    path, theirs = folder / "window.db", folder / "theirs.db"
    create_project(path, seed=True)
    with Project.open(path, analyst="window-crash") as project:
        annotate_seed_project(project)
    shutil.copy(path, theirs)
    with Project.open(theirs, analyst="colleague") as other:
        article = other.scalar("SELECT id FROM articles ORDER BY id LIMIT 1")
        other.apply(ops.create_event(other, headline="Their event", span=(article, 0, 12))[0])
        other.apply(ops.create_actor(other, name="Their actor", kind="person")[0])
    return path, theirs


def file_view(path: Path, report: WindowCrashReport) -> View:
    """The file's rows through a fresh read-only connection, after its checks."""
    with Project.open(path, readonly=True, analyst="window-crash") as project:
        report.failures.extend(file_check_failures(project))
        view = rows_view(project.db.conn)
    fts = fts_problems(path)
    if fts:
        report.failures.append(f"fts integrity-check: {fts[:3]}")
    return view


def replay(view: View, changesets: list[dict[str, Any]]) -> View:
    new = dict(view)
    for cs in changesets:
        for table, row_id, _before, after in cs["changes"]:
            if after is None:
                new.pop(row_key(table, row_id), None)
            else:
                new[row_key(table, row_id)] = row_hash(after)
    return new


def check_round(before: View, log_text: str, actual: View, report: WindowCrashReport) -> None:
    """Compare the file after a kill with what the window acknowledged (see the module doc)."""
    log = parse_window_log(log_text)
    expected = dict(before)
    writers: dict[str, dict[str, Any]] = {}  # row -> the last acknowledged action that set it
    steps = list(log["acks"])
    if log["start"] is not None:  # the window's view at start: acknowledged like an action
        start = log["start"]["rows"]
        steps.insert(
            0,
            {
                "seq": 0,
                "action": "start",
                "txn": log["start"]["txn"],
                "set": {k: h for k, h in start.items() if before.get(k) != h},
                "gone": sorted(before.keys() - start.keys()),
            },
        )
    for ack in steps:
        if ack["seq"]:
            report.actions += 1
            counts = report.by_action.setdefault(ack["action"], [0, 0])
            counts[0] += 1
            counts[1] += bool(ack["set"] or ack["gone"])
        if ack["txn"][1]:
            report.left_in_transaction += 1
        if ack["txn"][0] != ack["txn"][1]:
            report.failures.append(
                f"reading the window's view changed its transaction state (after {ack['action']})"
            )
        if ack["set"] or ack["gone"]:
            report.edits_acknowledged += ack["seq"] > 0
        for key, digest in ack["set"].items():
            expected[key] = digest
            writers[key] = ack
        for key in ack["gone"]:
            expected.pop(key, None)
            writers[key] = ack
    if actual == expected:
        return
    pending = log["pending"]
    if any(actual == replay(expected, pending[:n]) for n in range(1, len(pending) + 1)):
        report.in_flight_committed += 1
        return
    wrong = {k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k)}
    lost = {id(writers[k]): writers[k] for k in wrong if k in writers}
    report.edits_lost += sum(1 for a in lost.values() if a["seq"] > 0)
    first = min(lost.values(), key=lambda a: a["seq"], default=None)
    what = (
        f"; first lost: #{first['seq']} {first['action']} (undo index {first.get('undo')})"
        if first
        else ""
    )
    report.failures.append(
        f"{len(wrong)} row(s) differ from the last acknowledged state, "
        f"{len(lost)} acknowledged action(s) lost{what}; in flight: {log['in_flight']}"
    )


class Child:
    """One window process, started warm (Qt imported) and told when to open the project."""

    def __init__(
        self,
        path: Path,
        log: Path,
        seed: int,
        scratch: Path,
        merge: Path,
        env: dict[str, str],
        mode: str = "run",
    ):
        self.stderr_path = scratch / f"child-{seed}.err"
        self.stderr = self.stderr_path.open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "annotator.reliability.window_child",
                str(path),
                str(log),
                str(seed),
                str(scratch),
                str(merge),
                mode,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=env,
        )

    def line(self, timeout: float) -> str:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        return self.proc.stdout.readline().decode(errors="replace").strip() if ready else ""

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"go\n")
        self.proc.stdin.flush()

    def why(self) -> str:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.stderr.flush()
        try:  # read before stop() removes it
            text = self.stderr_path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            text = ""
        self.stop()
        if os.environ.get("ANNOTATOR_DEBUG_CHILD"):
            print(text, file=sys.stderr)
        return " | ".join(text.splitlines()[-3:])[-400:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self.stderr.close()
        self.stderr_path.unlink(missing_ok=True)


def child_env(folder: Path) -> dict[str, str]:
    """Offscreen, with settings and recent files in the run's own folder."""
    home = folder / "home"
    home.mkdir(exist_ok=True)
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONHASHSEED": "0",
        "ANNOTATOR_CONFIG_DIR": str(home / "config"),
        "ANNOTATOR_ANALYST": "window-crash",
        "XDG_CONFIG_HOME": str(home / "xdg-config"),
        "XDG_DATA_HOME": str(home / "xdg-data"),
        "ANNOTATOR_PROJECT": str(home / "default.db"),
    }


def _run_one(child: Child, rng: random.Random) -> str | None:
    """Let a warm child open the project and act, then kill it; an error text if it did not
    run as meant (a start that fails is the worst outcome: the file would not reopen)."""
    if child.line(90) != "warm":
        return f"window child did not start: {child.why()}"
    child.go()
    if rng.random() < 0.1:  # while the window opens the project and builds itself
        time.sleep(rng.uniform(0.05, 1.5))
    else:
        if child.line(90) != "ready":
            return f"the window did not open the project: {child.why()}"
        time.sleep(rng.uniform(0.05, 4.0))
    if child.proc.poll() is not None:
        return f"the window died by itself: {child.why()}"
    os.kill(child.proc.pid, signal.SIGKILL)
    child.proc.wait()
    return None


def run_window_crash(
    kills: int,
    *,
    seed: int = 8,
    workdir: Path | None = None,
    env: dict[str, str] | None = None,
    progress: Callable[[int, WindowCrashReport], None] | None = None,
) -> WindowCrashReport:
    """Kill the window ``kills`` times; figures in the report (edits_lost must be 0)."""
    rng = random.Random(seed)
    report = WindowCrashReport()
    with tempfile.TemporaryDirectory(prefix="annotator-window-", dir=workdir) as tmp:
        folder = Path(tmp)
        path, theirs = make_project(folder)
        log, scratch = folder / "actions.log", folder / "scratch"
        scratch.mkdir()
        run_env = {**child_env(folder), **(env or {})}
        state = file_view(path, report)

        def spawn(mode: str = "run") -> Child:
            return Child(path, log, rng.randrange(2**31), scratch, theirs, run_env, mode)

        child = spawn()
        try:
            for round_no in range(kills):
                report.kills += 1
                log.write_bytes(b"")
                problem = _run_one(child, rng)
                child.stop()
                child = spawn("run" if round_no + 1 < kills else "check")
                if problem:
                    report.failures.append(f"kill {round_no + 1}: {problem}")
                    continue
                failures_before = len(report.failures)
                try:
                    actual = file_view(path, report)
                except Exception as exc:  # the file did not open: the worst outcome, counted
                    report.failures.append(
                        f"after kill {round_no + 1}: {type(exc).__name__}: {exc}"
                    )
                    break
                check_round(
                    state, log.read_text(encoding="ascii", errors="replace"), actual, report
                )
                state = actual
                if len(report.failures) == failures_before:
                    report.survived += 1
                if progress:
                    progress(round_no + 1, report)
            if kills:
                _check_last_start(child, report)
        finally:
            child.stop()
    return report


def _check_last_start(child: Child, report: WindowCrashReport) -> None:
    """After the last kill: the window opens the file once more, and exits by itself."""
    if child.line(90) != "warm":  # not the file's fault: Qt or Python did not start
        report.failures.append(f"last start: the window child did not start: {child.why()}")
        return
    child.go()
    if child.line(90) != "ready" or child.proc.wait(60) != 0:
        report.survived = max(0, report.survived - 1)  # the last kill left a file that fails
        report.failures.append(f"last start: the window did not open the project: {child.why()}")
