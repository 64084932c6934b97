"""Issue 8 in short form: crash loop, one writer, bad files, and the reliability command."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.reliability import crash, window_crash
from annotator.reliability.badfiles import check_named_bad_files, rich_project
from annotator.reliability.crash_child import changeset_to_json, parse_log
from annotator.reliability.run import MUST_BE_ZERO, run_reliability
from annotator.reliability.window_child import FAULT_ENV, row_hash
from annotator.store import operations as ops
from annotator.store.lock import ProjectLockedError
from annotator.store.project import Project
from tests.helpers.paths import REPO, child_env


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
    done, pending = parse_log(
        'B 1 {"label": "a", "changes": []}\nD 1\nB 2 {"label": "b", "changes": []}\nD'
    )
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
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(seeded_path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "open"
        for _ in range(5):
            child.stdin.write("more\n")
            child.stdin.flush()
            child.stdout.readline()
        cli = subprocess.run(
            [sys.executable, "-m", "annotator", "import", str(seeded_path), str(article)],
            cwd=REPO,
            capture_output=True,
            text=True,
            env=child_env(QT_QPA_PLATFORM="offscreen"),
        )
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


# -- the real window, killed -------------------------------------------------------------


def _window_log(*lines: str, cut: str = "") -> str:
    return "".join(line + "\n" for line in lines) + cut


def _ack(seq: int, action: str, set_: dict, gone: tuple = (), txn=(False, False)) -> str:
    return f"A {seq} " + json.dumps(
        {
            "action": action,
            "set": set_,
            "gone": list(gone),
            "txn": list(txn),
            "undo": [seq - 1, seq],
            "messages": [],
        }
    )


def test_window_check_accepts_the_acknowledged_state_and_the_action_in_flight() -> None:
    before = {"events/e1": "h1"}
    log = _window_log(
        "S " + json.dumps({"rows": before, "txn": [False, False], "undo": 0}),
        "B 1 table_edit",
        _ack(1, "table_edit", {"events/e1": "h2"}),
        "B 2 tag_actor",
        f"P 2 {json.dumps({'label': 'x', 'changes': [['actors', 'a1', None, {'id': 'a1'}]]})}",
        cut='A 2 {"action": "tag_act',
    )  # the kill cut the acknowledgement: not counted
    report = window_crash.WindowCrashReport()
    window_crash.check_round(before, log, {"events/e1": "h2"}, report)  # in flight: not in
    assert report.failures == [] and report.actions == 1 and report.edits_acknowledged == 1
    in_flight = {"events/e1": "h2", "actors/a1": row_hash({"id": "a1"})}
    window_crash.check_round(before, log, in_flight, report)  # in flight: committed whole
    assert report.failures == [] and report.in_flight_committed == 1
    assert report.by_action == {"table_edit": [2, 2]}


def test_window_check_counts_an_acknowledged_edit_missing_from_the_file() -> None:
    before = {"events/e1": "h1", "actors/a1": "x"}
    log = _window_log(
        "S " + json.dumps({"rows": before, "txn": [False, False], "undo": 0}),
        "B 1 inspector_edit",
        _ack(1, "inspector_edit", {"events/e1": "h2"}),
        "B 2 delete",
        _ack(2, "delete", {}, gone=("actors/a1",), txn=(True, True)),
        "B 3 undo",
        _ack(3, "undo", {}),
    )
    report = window_crash.WindowCrashReport()
    window_crash.check_round(before, log, {"events/e1": "h2", "actors/a1": "x"}, report)
    assert report.edits_lost == 1 and report.edits_acknowledged == 2 and report.actions == 3
    assert report.left_in_transaction == 1
    assert "1 acknowledged action(s) lost; first lost: #2 delete" in report.failures[0]
    # A row nobody acknowledged is a failure too, but no acknowledged edit is lost by it
    other = window_crash.WindowCrashReport()
    window_crash.check_round(before, "", {**before, "claims/c9": "zz"}, other)
    assert other.edits_lost == 0 and "1 row(s) differ" in other.failures[0]


def test_window_check_flags_a_view_read_that_opens_a_transaction() -> None:
    log = _window_log("B 1 undo", _ack(1, "undo", {}, txn=(False, True)))
    report = window_crash.WindowCrashReport()
    window_crash.check_round({}, log, {}, report)
    assert report.failures == [
        "reading the window's view changed its transaction state (after undo)"
    ]


def test_fts_check_reports_a_damaged_index(tmp_path: Path) -> None:
    path, _ = window_crash.make_project(tmp_path)
    assert window_crash.fts_problems(path) == []
    con = sqlite3.connect(path)
    con.execute("INSERT INTO events_fts(rowid, headline) VALUES (99999, 'ghost')")  # no row
    con.commit()
    con.close()
    assert any(p.startswith("events_fts:") for p in window_crash.fts_problems(path))


@pytest.mark.slow
def test_window_kills_count_uncommitted_acknowledged_edits_as_lost(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real window, killed 3 times, with a transaction nothing commits opened on its
    connection: the edits it acknowledged are not in the file, and the figures say so."""
    monkeypatch.setenv(FAULT_ENV, "uncommitted")
    rc = run_reliability(kills=0, fuzz=0, fmt="json", window_kills=3)
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    figures = {r["figure"]: r["value"] for r in rows if "figure" in r}
    problems = [r["problem"] for r in rows if "problem" in r]
    assert figures["window kills"] == 3
    assert figures["window actions"] > figures["window edits acknowledged"] > 0
    assert figures["window edits lost"] > 0, problems
    assert figures["window kills survived"] < 3
    assert any("acknowledged action(s) lost" in p for p in problems)
    assert not any("integrity" in p or "did not" in p or "died" in p for p in problems)
    assert rc == 1 and rows[-1] == {"ok": False}


@pytest.mark.slow
def test_window_kills_lose_nothing_when_every_edit_is_committed() -> None:
    """The control: with the timeline feed's open transaction committed, the same loop
    finds every acknowledged edit in the file (so a lost edit it reports is real)."""
    report = window_crash.run_window_crash(4, seed=3, env={FAULT_ENV: "commit-timeline-reads"})
    assert report.kills == 4 and report.edits_acknowledged > 0
    assert report.edits_lost == 0 and report.failures == [], report.failures
    assert report.survived == 4 and report.left_in_transaction == 0


def test_negative_window_kills_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    assert main(["reliability", "--kills", "0", "--fuzz", "0", "--window-kills", "-1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--window-kills" in err and "Traceback" not in err
