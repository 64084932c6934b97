"""`annotator export` on a project another process (the app) holds open: it exports what was
saved, says so in one line on standard error, and leaves the other process's lock alone."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.store.lock import ProjectLock, ProjectLockedError, _probe, held_elsewhere
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project
from tests.helpers.db import db_dump_all
from tests.helpers.paths import child_env

# The "app": opens the project for writing (the real lock), saves one edit, then starts a
# second edit it has not committed, and waits; on "commit" it saves that edit too.
APP = """
import sys
from annotator.store import operations as ops
from annotator.store.project import Project

project = Project.open(sys.argv[1])
cs, eid = ops.create_event(project, headline="Saved before the export")
project.apply(cs)
project.db.conn.execute("BEGIN IMMEDIATE")
project.db.conn.execute("UPDATE events SET headline = 'Not saved yet' WHERE id = ?", [eid])
print("ready", flush=True)
if sys.stdin.readline().strip() == "commit":
    project.db.conn.execute("COMMIT")
    print("committed", flush=True)
sys.stdin.readline()
project.close()
"""


def _env() -> dict[str, str]:
    return child_env()


def export(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "export", str(path), *args],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "open.db"
    create_project(path, seed=True)
    with Project.open(path) as opened:
        annotate_seed_project(opened)
    return path


@pytest.fixture
def app(project: Path):
    with subprocess.Popen(
        [sys.executable, "-c", APP, str(project)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    ) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()


def _note(path: Path) -> str:
    return (
        f"{path} is open in the app or another program: this export holds what was "
        "saved there up to now\n"
    )


def test_export_of_a_project_the_app_has_open(
    project: Path, app: subprocess.Popen, tmp_path: Path
) -> None:
    assert held_elsewhere(project)
    before = db_dump_all(project)
    out = tmp_path / "events.csv"
    done = export(project, "--format", "csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == _note(project)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    headlines = [r["headline"] for r in rows]
    assert "Saved before the export" in headlines  # what the app saved
    assert "Not saved yet" not in headlines  # not what it is in the middle of writing
    assert len(rows) == len(before["events"])

    done = export(project, "--format", "json")  # to standard output: the note stays apart
    assert done.returncode == 0 and done.stderr == _note(project)
    assert {e["headline"] for e in json.loads(done.stdout)["events"]} >= {"Saved before the export"}

    # the app still holds its lock and can still save: the export took and broke nothing
    with pytest.raises(ProjectLockedError):
        ProjectLock(project).acquire()
    assert app.stdin is not None and app.stdout is not None
    app.stdin.write("commit\n")
    app.stdin.flush()
    assert app.stdout.readline().strip() == "committed"
    assert held_elsewhere(project)
    after = export(project, "--format", "csv")
    assert "Not saved yet" in after.stdout and after.stderr == _note(project)
    app.stdin.write("quit\n")
    app.stdin.flush()
    assert app.wait(timeout=30) == 0
    assert not held_elsewhere(project)
    events = {row[0]: row for row in db_dump_all(project)["events"]}
    assert len(events) == len(before["events"])  # read back after the app closed it


def test_no_note_when_nothing_holds_the_project(project: Path) -> None:
    assert not held_elsewhere(project)
    done = export(project, "--format", "csv")
    assert done.returncode == 0 and done.stderr == ""
    assert "headline" in done.stdout.splitlines()[0]
    # a writer that has come and gone leaves its lock file, but no lock
    with Project.open(project):
        assert not held_elsewhere(project)  # this process holds it: not "another" process
    assert not held_elsewhere(project) and ProjectLock(project).lock_path.exists()
    assert export(project, "--format", "json").stderr == ""


def test_a_bare_lock_in_another_process_counts(project: Path) -> None:
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from annotator.store.lock import ProjectLock; "
            "ProjectLock(Path(sys.argv[1])).acquire(); print('held', flush=True); "
            "sys.stdin.readline()",
            str(project),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            assert held_elsewhere(project)
            assert _probe(ProjectLock(project).lock_path)  # where there is no lock table
            done = export(project, "--format", "markdown")
            assert done.returncode == 0 and done.stderr == _note(project)
        finally:
            holder.kill()
    assert not held_elsewhere(project)  # the kernel drops it with the process
    assert not _probe(ProjectLock(project).lock_path)


def test_held_elsewhere_on_a_project_never_opened_for_writing(tmp_path: Path) -> None:
    assert not held_elsewhere(tmp_path / "missing.db")


def test_writing_verbs_on_a_project_the_app_has_open_are_refused_untouched(
    project: Path, app: subprocess.Popen, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks resumed on 4 March 2025.\n", encoding="utf-8")
    other = tmp_path / "other.db"
    create_project(other, seed=False)
    doc = tmp_path / "doc.json"
    assert export(other, "--format", "json", "-o", str(doc)).returncode == 0
    before = db_dump_all(project)
    for verb in (
        ["import", str(project), str(article)],
        ["load", str(project), str(doc)],
        ["merge", str(project), str(other)],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "annotator", *verb],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=120,
            check=False,
        )
        assert done.returncode == 2, (verb, done.stderr)
        assert done.stderr.startswith(f"annotator: {project}") and "open in" in done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert db_dump_all(project) == before
    assert app.stdin is not None
    app.stdin.write("commit\nquit\n")
    app.stdin.flush()
    assert app.wait(timeout=30) == 0
