"""Crash safety: kill a writing process with SIGKILL, many times, and count what was lost.

Each round starts one child (``crash_child``) on the same project file, lets it edit for a
random 5-200 ms (a tenth of the rounds from the moment it starts, so some kills land while
it opens the file), kills it, and then checks, as the next user would:

* the project opens (for writing on even rounds, read-only on odd ones, so both the
  recovery path and the read-only path see a hot WAL), ``PRAGMA integrity_check`` says ok,
  ``foreign_key_check`` finds nothing and every FTS5 index passes its ``integrity-check``;
* every edit the child logged as returned is in the file, and nothing else is, apart from
  at most the one edit it had begun (applied whole or not at all).

The expected content is replayed from the logged ChangeSets, row by row, so "holds every
edit" is checked on full rows rather than on counts.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.reliability.crash_child import parse_log
from annotator.reliability.health import file_check_failures, integrity_problems  # noqa: F401
from annotator.store.project import Project
from annotator.store.schema import TABLE_ORDER

State = dict[tuple[str, str], dict[str, Any]]  # (table, id) -> row


@dataclass
class CrashReport:
    kills: int = 0
    survived: int = 0
    edits_done: int = 0  # edits whose apply() had returned before the kill
    edits_lost: int = 0
    pending_applied: int = 0  # begun-not-logged edits found committed (allowed)
    failures: list[str] = field(default_factory=list)


def _article_text(rng: random.Random) -> str:
    words = [
        "The",
        "talks",
        "in",
        "Paris",
        "on",
        "4",
        "March",
        "2025",
        "failed",
        "😀",
        "𝔘nity",
        "<script>alert(1)</script>",
        "=HYPERLINK(1)",
        "ceasefire",
        "vote",
    ]
    return " ".join(rng.choice(words) for _ in range(4000)) + "."


def make_project(path: Path, rng: random.Random) -> State:
    from annotator.core.importers.article import ImportedArticle
    from annotator.store.changes import ChangeSet
    from annotator.store.operations import import_article
    from annotator.store.project_setup import create_project

    create_project(path, seed=False)
    with Project.open(path, analyst="crash") as project:
        cs = ChangeSet("Import")
        for i in range(2):
            art = ImportedArticle(
                text=f"{i} {_article_text(rng)}",
                title=f"Article {i}",
                outlet="Wire",
                author=None,
                url=None,
                published="2025-03-05",
                language="en",
                source=f"a{i}.txt",
            )
            import_article(project, art, cs)
        project.apply(cs)
        return dump(project)


def dump(project: Project) -> State:
    out: State = {}
    for table in TABLE_ORDER:
        for row in project.rows(f"SELECT * FROM [{table}]"):
            out[(table, row["id"])] = row
    return out


def replay(state: State, edit: dict[str, Any]) -> State:
    new = dict(state)
    for table, id_, _before, after in edit["changes"]:
        if after is None:
            new.pop((table, id_), None)
        else:
            new[(table, id_)] = after
    return new


def _wait_ready(proc: subprocess.Popen[bytes], timeout: float) -> bool:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return bool(ready) and proc.stdout.readline().strip() == b"ready"


def _kill_one(path: Path, log: Path, seed: int, rng: random.Random) -> str | None:
    """Run one child and kill it; an error text if it did not run as meant."""
    log.write_bytes(b"")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator.reliability.crash_child", str(path), str(log), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        early = rng.random() < 0.1
        if not early and not _wait_ready(proc, 60):
            proc.kill()
            return f"child did not start: {proc.communicate()[1].decode(errors='replace')[-400:]}"
        time.sleep(rng.uniform(0.005, 0.2) if not early else rng.uniform(0.02, 0.4))
        if proc.poll() is not None:
            return f"child died by itself: {proc.communicate()[1].decode(errors='replace')[-400:]}"
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _verify(path: Path, expected: State, log: Path, readonly: bool, report: CrashReport) -> State:
    """Check the file after a kill; return the state the next round starts from."""
    done, pending = parse_log(log.read_text(encoding="ascii", errors="replace"))
    for edit in done:
        expected = replay(expected, edit)
    report.edits_done += len(done)
    from annotator.reliability.health import fts_problems

    with Project.open(path, readonly=readonly, analyst="crash") as project:
        report.failures.extend(file_check_failures(project))
        actual = dump(project)
    fts = fts_problems(path)  # integrity_check does not look inside an FTS5 index
    if fts:
        report.failures.append(f"fts integrity-check: {fts[:3]}")
    if actual == expected:
        return expected
    if pending is not None and actual == replay(expected, pending):
        report.pending_applied += 1
        return actual
    wrong = {k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k)}
    lost = sum(1 for e in done if any((t, i) in wrong for t, i, _b, _a in e["changes"]))
    report.edits_lost += lost
    report.failures.append(f"{len(wrong)} row(s) differ, {lost} logged edit(s) lost")
    return actual


def run_crash(
    kills: int,
    *,
    seed: int = 8,
    workdir: Path | None = None,
    progress: Callable[[int, CrashReport], None] | None = None,
) -> CrashReport:
    """Kill a writer ``kills`` times; figures in the report (edits_lost must be 0)."""
    rng = random.Random(seed)
    report = CrashReport()
    with tempfile.TemporaryDirectory(prefix="annotator-crash-", dir=workdir) as tmp:
        path, log = Path(tmp) / "crash.db", Path(tmp) / "edits.log"
        expected = make_project(path, rng)
        for round_no in range(kills):
            report.kills += 1
            problem = _kill_one(path, log, rng.randrange(2**31), rng)
            if problem:
                report.failures.append(problem)
                continue
            failures_before = len(report.failures)
            try:
                expected = _verify(path, expected, log, round_no % 2 == 1, report)
            except Exception as exc:  # the file did not open: the worst outcome, counted
                report.failures.append(f"after kill {round_no + 1}: {type(exc).__name__}: {exc}")
                break
            if len(report.failures) == failures_before:
                report.survived += 1
            if progress:
                progress(round_no + 1, report)
    return report
