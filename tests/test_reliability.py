"""Issue 8 in short form: crash loop, one writer, bad files, and the reliability command."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.reliability import crash
from annotator.reliability.badfiles import check_named_bad_files, rich_project
from annotator.reliability.crash_child import changeset_to_json, parse_log
from annotator.reliability.run import MUST_BE_ZERO, run_reliability
from annotator.store import operations as ops
from annotator.store.lock import ProjectLockedError
from annotator.store.project import Project

REPO = Path(__file__).resolve().parents[1]


def test_reliability_command_short_form(capsys: pytest.CaptureFixture[str]) -> None:
    """What CI runs: 20 kills and a small fuzz budget; every must-be-zero figure is 0."""
    rc = run_reliability(kills=20, fuzz=20, fmt="json", seed=8)
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    figures = {r["figure"]: r["value"] for r in rows if "figure" in r}
    problems = [r["problem"] for r in rows if "problem" in r]
    assert figures["kills"] == 20
    assert figures["kills survived"] == 20, problems
    assert figures["edits checked"] > 20  # the children really wrote between kills
    assert figures["fuzz cases run"] >= 6 * 20
    for name in MUST_BE_ZERO:
        assert figures[name] == 0, (name, problems)
    assert rc == 0 and rows[-1] == {"ok": True}


def test_log_parser_ignores_a_line_cut_by_the_kill() -> None:
    done, pending = parse_log('B 1 {"label": "a", "changes": []}\nD 1\nB 2 {"label": "b", '
                              '"changes": []}\nD')
    assert [d["label"] for d in done] == ["a"]
    assert pending == {"label": "b", "changes": []}
    assert parse_log('B 3 {"lab')[1] is None


def test_verifier_counts_a_lost_edit(tmp_path: Path) -> None:
    """The crash check can fail: an edit logged as returned but missing is counted lost."""
    path = tmp_path / "p.db"
    expected = crash.make_project(path, random.Random(1))
    with Project.open(path) as project:
        cs, _ = ops.create_actor(project, name="Logged but never applied")
    log = tmp_path / "log"
    log.write_text(f"B 1 {changeset_to_json(cs)}\nD 1\n", encoding="ascii")
    report = crash.CrashReport()
    crash._verify(path, expected, log, False, report)
    assert report.edits_lost == 1 and report.edits_done == 1
    assert "1 logged edit(s) lost" in report.failures[0]


CHILD = """
import sys
from annotator.store.project import Project
from annotator.store import operations as ops
p = Project.open(sys.argv[1])
print("open", flush=True)
n = 0
while sys.stdin.readline().strip() == "more":
    p.apply(ops.create_actor(p, name=f"child {n}")[0])
    n += 1
    print(n, flush=True)
p.close()
"""


def test_second_writer_is_refused_and_reads_work(seeded_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks began in Paris on 4 March 2025.\n", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(seeded_path)], cwd=REPO,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "open"
        for _ in range(5):
            child.stdin.write("more\n")
            child.stdin.flush()
            child.stdout.readline()
        cli = subprocess.run([sys.executable, "-m", "annotator", "import", str(seeded_path),
                              str(article)], cwd=REPO, capture_output=True, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert cli.returncode == 2
        assert cli.stderr.count("\n") == 1 and "open in another window" in cli.stderr
        with pytest.raises(ProjectLockedError, match="open in another window"):
            Project.open(seeded_path)
        with Project.open(seeded_path, readonly=True) as view:  # a read-only view works
            assert view.scalar("SELECT count(*) FROM actors WHERE name LIKE 'child %'") == 5
        child.stdin.write("more\n")  # and the writer carries on
        child.stdin.flush()
        assert child.stdout.readline().strip() == "6"
    finally:
        child.stdin.close()
        child.wait(timeout=30)
        child.stdout.close()
    with Project.open(seeded_path) as project:
        assert project.scalar("SELECT count(*) FROM actors WHERE name LIKE 'child %'") == 6
        assert project.scalar("SELECT count(*) FROM articles WHERE source = 'a.txt'") == 0
        assert crash.integrity_problems(project) == []


def test_named_bad_files_are_refused_untouched(tmp_path: Path) -> None:
    good = rich_project(tmp_path / "good.db")
    results = check_named_bad_files(tmp_path / "bad", good)
    assert len(results) >= 10
    for name, outcomes in results.items():
        for out in outcomes:
            assert out.kind == "rejected", (name, out)
            assert out.detail.count("\n") == 0 and out.detail
            assert out.modified == "", (name, out.modified)
