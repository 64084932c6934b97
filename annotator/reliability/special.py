"""Special files as inputs, and two commands at once on one project, through the real CLI.

Every case runs ``python -m annotator`` in a child with a timeout (a command that waits on a
FIFO nobody writes to is killed and counted as a hang, so this never hangs itself) and is
judged by ``cli_outcome``. Inputs: ``/dev/zero``, ``/dev/urandom``, ``/dev/full`` for
output, a FIFO, a folder, a dangling symlink, and a symlink to a project another process
has open for writing (a second writer must be refused). Concurrency: two writing commands
at once (each succeeds whole or is refused whole) and readers while a writer writes. After
each case the project must pass its checks (``health``); after a refused or read-only
command its content must be as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from annotator.reliability.cli_outcome import CliRun, run_subprocess, verdict
from annotator.reliability.health import health_problems
from annotator.reliability.outcome import Outcome, TargetStats, content_print
from annotator.store.project import Project

HOLDER = """
import sys, time
from annotator.store.project import Project
p = Project.open(sys.argv[1], analyst="holder")
print("open", flush=True)
sys.stdin.readline()
p.close()
"""
ARTICLE = "Talks began in Paris on 4 March 2025. The vote failed on 5 March 2025.\n"


def _content(path: Path) -> str:
    from annotator.reliability.fuzz import CONTENT_TABLES

    with Project.open(path, readonly=True, analyst="special") as project:
        return content_print(project.db, CONTENT_TABLES)


class Bench:
    """A folder with a project, its export, article files and the special files."""

    def __init__(self, workdir: Path, good: Path, timeout: float):
        self.dir = workdir
        self.timeout = timeout
        self.good = good
        self.project = workdir / "project.db"
        shutil.copyfile(good, self.project)
        self.fifo = workdir / "fifo"
        os.mkfifo(self.fifo)
        self.folder = workdir / "folder"
        self.folder.mkdir()
        self.dangling = workdir / "dangling"
        self.dangling.symlink_to(workdir / "nowhere")
        self.link = workdir / "link.db"
        self.link.symlink_to(self.project)
        self.article = workdir / "article.txt"
        self.article.write_text(ARTICLE, encoding="utf-8")
        self.doc = workdir / "doc.json"
        export = run_subprocess(
            ["export", str(good), "--format", "json", "-o", str(self.doc)], timeout=120
        )
        if export.rc != 0:
            raise RuntimeError(f"could not export the bench project: {export.err[:200]}")

    def restore(self) -> None:
        for leftover in self.dir.glob("project.db*"):
            leftover.unlink()
        shutil.copyfile(self.good, self.project)

    def run(self, argv: list[str]) -> CliRun:
        return run_subprocess(argv, timeout=self.timeout, cwd=self.dir)


def special_inputs(b: Bench) -> dict[str, str]:
    return {
        "/dev/zero": "/dev/zero",
        "/dev/urandom": "/dev/urandom",
        "a FIFO nobody writes to": str(b.fifo),
        "a folder": str(b.folder),
        "a dangling symlink": str(b.dangling),
    }


def special_cases(b: Bench) -> Iterator[tuple[str, list[str], bool]]:
    """(name, argv, writes): every verb with each special file where a file is read."""
    p = str(b.project)
    for name, x in special_inputs(b).items():
        yield f"import from {name}", ["import", p, x], True
        yield f"load from {name}", ["load", p, x], True
        yield f"merge from {name}", ["merge", p, x], True
        yield f"dates in {name}", ["dates", x], False
        yield f"info on {name} as the project", ["info", x], False
        yield f"export {name} as the project", ["export", x], False
        yield f"search {name} as the project", ["search", x, "talks"], False
        yield f"import into {name} as the project", ["import", x, str(b.article)], False
        yield f"datasette on {name}", ["datasette", x], False
    for name, x in [
        ("a FIFO nobody reads", str(b.fifo)),
        ("/dev/full", "/dev/full"),
        ("a folder", str(b.folder)),
        ("a dangling symlink", str(b.dangling)),
    ]:
        yield f"export -o {name}", ["export", p, "--format", "markdown", "-o", x], False


def _case(b: Bench, argv: list[str], writes: bool) -> Outcome:
    before = _content(b.project)
    run = b.run(argv)
    out = verdict(run, stdout_is_terminal=False)
    problems = health_problems(b.project, exports=False)
    if problems:
        out.broken = (
            f"special files: the project fails its checks after {argv[0]}: {problems[0][:120]}"
        )
    elif (out.kind != "accepted" or not writes) and _content(b.project) != before:
        out.modified = f"special files: {argv[0]} changed the project ({run.err[:80]!r})"
    nowhere = b.dir / "nowhere"
    if nowhere.exists():  # written through the dangling symlink: keep it dangling
        nowhere.unlink()
    if writes and out.kind == "accepted":
        b.restore()
    return out


def second_writer_case(b: Bench) -> Outcome:
    """A window (here a process) has the project open; a command through a symlink to it
    must be refused, and must not write beside it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(b.project)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        if holder.stdout.readline().strip() != "open":
            return Outcome("escape", "second writer: the holding process did not start")
        before = _content(b.project)
        run = b.run(["import", str(b.link), str(b.article)])
        out = verdict(run, stdout_is_terminal=False)
        if run.rc == 0:
            out.broken = (
                "second writer: import through a symlink wrote while another "
                "process had the project open for writing"
            )
        elif _content(b.project) != before:
            out.modified = "second writer: the refused import changed the project"
        return out
    finally:
        try:
            holder.communicate("done\n", timeout=30)  # closes both pipes
        except subprocess.TimeoutExpired:
            holder.kill()
            holder.communicate()


def _articles(path: Path) -> set[str]:
    with Project.open(path, readonly=True, analyst="special") as project:
        return {r["source"] for r in project.rows("SELECT source FROM articles")}


def two_writers_case(b: Bench, n: int) -> Outcome:
    """Two imports at once: each exits 0 with its article in, or 2 (clear) with it not."""
    names = []
    for i in range(2):
        art = b.dir / f"concurrent{n}-{i}.txt"
        art.write_text(f"{i} {n} {ARTICLE}" * 200, encoding="utf-8")
        names.append(art)
    env = {**os.environ}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "annotator", "import", str(b.project), str(a)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=b.dir,
        )
        for a in names
    ]
    runs = []
    for proc, art in zip(procs, names, strict=True):
        try:
            out, err = proc.communicate(timeout=b.timeout)
            rc: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            rc = None
        runs.append(
            CliRun(
                ["import", str(b.project), str(art)],
                rc,
                out.decode(errors="replace"),
                err.decode(errors="replace"),
                0,
            )
        )
    outs = [verdict(r, stdout_is_terminal=False) for r in runs]
    worst = next((o for o in outs if o.kind == "escape"), None) or outs[0]
    problems = health_problems(b.project, exports=False)
    stored = _articles(b.project)
    for run, art in zip(runs, names, strict=True):
        if (run.rc == 0) != (art.name in stored):
            worst.broken = (
                f"two writers: import exited {run.rc} but the article is "
                f"{'in' if art.name in stored else 'not in'} the project"
            )
    if problems:
        worst.broken = f"two writers: the project fails its checks: {problems[0][:120]}"
    return worst


def reader_during_writer_case(b: Bench) -> list[Outcome]:
    """Export, search and info while a big load writes: each works or is clearly refused."""
    target = b.dir / "loading.db"
    for leftover in b.dir.glob("loading.db*"):
        leftover.unlink()
    init = b.run(["init", str(target)])
    if init.rc != 0:
        return [verdict(init, stdout_is_terminal=False)]
    writer = subprocess.Popen(
        [sys.executable, "-m", "annotator", "load", str(target), str(b.doc)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=b.dir,
    )
    outs = []
    deadline = time.monotonic() + b.timeout
    for argv in (
        ["export", str(target), "--format", "json"],
        ["search", str(target), "talks"],
        ["info", str(target)],
        ["export", str(target), "--format", "csv"],
    ):
        outs.append(verdict(b.run(argv), stdout_is_terminal=False))
    try:
        writer.communicate(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        writer.kill()
        writer.communicate()
        outs.append(Outcome("escape", "reader during writer: load hang: killed"))
    problems = health_problems(target, exports=False)
    if problems:
        outs[-1].broken = f"reader during writer: the project fails its checks: {problems[0]}"
    return outs


def run_special(good: Path, *, timeout: float = 10.0, rounds: int = 3) -> list[TargetStats]:
    """Special-file and concurrency cases; ``rounds`` repeats of the concurrent ones."""
    special, together = TargetStats("special files"), TargetStats("concurrency")
    with tempfile.TemporaryDirectory(prefix="annotator-special-") as tmp:
        b = Bench(Path(tmp), good, timeout)
        for name, argv, writes in special_cases(b):
            out = _case(b, argv, writes)
            if out.kind == "escape":
                out.detail = f"{name}: {out.detail}"
            special.add(out)
        special.add(second_writer_case(b))
        for n in range(rounds):
            b.restore()
            together.add(two_writers_case(b, n))
            for out in reader_during_writer_case(b):
                together.add(out)
    return [special, together]
