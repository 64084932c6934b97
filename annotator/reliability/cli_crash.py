"""Crash safety of the command line: SIGKILL writing verbs at random moments.

The store's crash loop kills a process that calls the store; this one kills the real
``annotator import``, ``load``, ``merge`` and ``init --seed`` commands. Each verb is first run
to completion on a copy of its project, which gives how long it takes and what it changes.
Then each round starts the verb on a fresh copy, kills it with SIGKILL at a random moment
(most kills in the last part of its run, where it writes), and checks, as the next user
would find it:

* the project passes ``integrity_check``, ``foreign_key_check`` and every FTS5 index's
  ``integrity-check``, and opens;
* it holds all of the verb's changes or none of them (row counts of every table, compared
  with the copy before and the completed run): a verb is one transaction;
* nothing but the project, its ``-wal``/``-shm`` and its lock file is left beside it; a file
  a kill leaves must be gone after the verb is run again (the next run's clean-up).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.reliability.health import health_problems

Signature = tuple[tuple[str, int], ...]


@dataclass
class Verb:
    name: str
    command: Callable[[Path], list[str]]  # the whole command line, given the project path
    creates: bool = False  # the project does not exist before (init)


@dataclass
class CliCrashReport:
    kills: int = 0
    survived: int = 0
    all_applied: int = 0
    none_applied: int = 0
    finished_first: int = 0  # rounds where the verb had exited before the kill
    not_atomic: int = 0
    temp_files_left: int = 0  # after a kill AND a second run of the verb
    by_verb: dict[str, list[int]] = field(default_factory=dict)  # name -> [kills, survived]
    failures: list[str] = field(default_factory=list)


def cli(*words: str) -> list[str]:
    return [sys.executable, "-m", "annotator", *words]


def signature(path: Path) -> Signature | None:
    """Row counts of every table (None: no project there)."""
    from annotator.store.project import Project
    from annotator.store.schema import TABLE_ORDER

    if not path.exists():
        return None
    with Project.open(path, readonly=True, analyst="cli-crash") as project:
        return tuple(
            (t, int(project.scalar(f"SELECT count(*) FROM [{t}]")))
            for t in [*TABLE_ORDER, "row_history"]
        )


def leftovers(folder: Path, project: Path) -> list[str]:
    """Files beside the project that are not the project, its sidecars or its lock."""
    allowed = {
        project.name,
        f"{project.name}-wal",
        f"{project.name}-shm",
        f"{project.name}-journal",
        f".{project.name}.lock",
    }
    return sorted(p.name for p in folder.iterdir() if p.name not in allowed)


@dataclass
class Workload:
    """The inputs the verbs read, and the project each verb starts from."""

    inputs: Path
    base: Path  # the seeded project the writing verbs start from
    verbs: list[Verb]


def default_workload(folder: Path) -> Workload:
    from annotator.reliability.badfiles import rich_project
    from annotator.store.project_setup import create_project

    inputs = folder / "inputs"
    inputs.mkdir(parents=True)
    base = inputs / "base.db"
    create_project(base, seed=True)
    rich = rich_project(inputs / "rich.db")
    doc = inputs / "doc.json"
    empty = inputs / "empty.db"
    create_project(empty, seed=False)
    run = subprocess.run(
        cli("export", str(rich), "--format", "json", "-o", str(doc)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0:
        raise RuntimeError(f"export for the CLI crash loop failed: {run.stderr[-300:]}")
    articles = []
    for i in range(40):  # many files: one transaction that takes a while to write
        art = inputs / f"article{i}.txt"
        art.write_text(
            f"Article {i}. " + "Talks began in Paris on 4 March 2025. " * 3000, encoding="utf-8"
        )
        articles.append(str(art))
    return Workload(
        inputs,
        base,
        [
            Verb("import", lambda p: cli("import", str(p), *articles)),
            Verb("load", lambda p: cli("load", str(p), str(doc))),
            Verb("merge", lambda p: cli("merge", str(p), str(rich))),
            Verb("init --seed", lambda p: cli("init", str(p), "--seed"), creates=True),
        ],
    )


def _start(verb: Verb, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        verb.command(path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=path.parent,
        start_new_session=True,
    )


def _fresh(folder: Path, work: Workload, verb: Verb) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / "project.db"
    if not verb.creates:
        base = work.base if verb.name != "load" else work.inputs / "empty.db"
        shutil.copyfile(base, path)
    return path


def reference(work: Workload, verb: Verb, folder: Path) -> tuple[float, Signature | None]:
    """Run the verb to completion once: its duration and the counts it leaves."""
    path = _fresh(folder, work, verb)
    start = time.monotonic()
    proc = _start(verb, path)
    _, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{verb.name} did not run to completion: {err.decode(errors='replace')[-300:]}"
        )
    return time.monotonic() - start, signature(path)


def _one_round(
    work: Workload,
    verb: Verb,
    folder: Path,
    duration: float,
    after: Signature | None,
    rng: random.Random,
    report: CliCrashReport,
) -> None:
    path = _fresh(folder, work, verb)
    before = signature(path)
    # Most of a run is Python starting up: aim most kills at the end, where it writes.
    delay = duration * (rng.uniform(0.4, 0.98) if rng.random() < 0.8 else rng.random())
    proc = _start(verb, path)
    time.sleep(delay)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        report.finished_first += 1
    _, err = proc.communicate()
    problems: list[str] = []
    if proc.returncode not in (0, -signal.SIGKILL):
        problems.append(
            f"exited {proc.returncode} by itself: {err.decode(errors='replace').strip()[-160:]}"
        )
    if path.exists():
        problems += health_problems(path, exports=False)
    if not problems:
        try:
            now = signature(path)
        except Exception as exc:  # does not open: the worst outcome, counted
            problems.append(f"does not open: {type(exc).__name__}: {str(exc)[:120]}")
        else:
            if now == after:
                report.all_applied += 1
            elif now == before:
                report.none_applied += 1
            else:
                report.not_atomic += 1
                problems.append(
                    f"neither all nor none of its changes: {now} (before {before}, after {after})"
                )
    left = leftovers(folder, path)
    if left:  # the next run of the verb must clean what a kill left
        again = subprocess.run(verb.command(path), capture_output=True, cwd=folder, timeout=600)
        left = [name for name in leftovers(folder, path) if name in left]
        if left:
            report.temp_files_left += 1
            problems.append(
                f"temp files left after a kill and a second run: {left[:3]} "
                f"(second run exited {again.returncode})"
            )
    stats = report.by_verb.setdefault(verb.name, [0, 0])
    stats[0] += 1
    if problems:
        report.failures.append(
            f"cli {verb.name} killed after {delay:.2f}s: {'; '.join(problems)[:300]}"
        )
    else:
        report.survived += 1
        stats[1] += 1


def run_cli_crash(
    kills: int, *, seed: int = 8, workload: Workload | None = None, workdir: Path | None = None
) -> CliCrashReport:
    """Kill CLI writing verbs ``kills`` times in turn; figures in the report."""
    rng = random.Random(seed)
    report = CliCrashReport()
    with tempfile.TemporaryDirectory(prefix="annotator-cli-crash-", dir=workdir) as tmp:
        work = workload or default_workload(Path(tmp) / "work")
        rounds = Path(tmp) / "round"
        timing = {}
        for verb in work.verbs:
            try:
                timing[verb.name] = reference(work, verb, rounds)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                report.failures.append(f"cli {verb.name}: reference run: {exc}")
        verbs = [v for v in work.verbs if v.name in timing]
        for n in range(kills if verbs else 0):
            verb = verbs[n % len(verbs)]
            report.kills += 1
            _one_round(work, verb, rounds, *timing[verb.name], rng, report)
    return report
