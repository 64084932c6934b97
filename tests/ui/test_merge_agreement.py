"""Merging another analyst's file from the window says how far the two agree, and the
command line's --dry-run says the same without touching the file."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

from PySide6.QtWidgets import QFileDialog

from annotator.store import operations
from annotator.store.project import Project
from tests.helpers import window_fixture
from tests.helpers.paths import child_env
from tests.helpers.shots import shot
from tests.helpers.window_fixture import WSJ, Calls, open_article
from tests.ui.test_window_writes import close_app, new_event, read_file, settle

window = window_fixture.window
warnings = window_fixture.warnings


def _theirs(tmp_path, path) -> tuple:
    """A colleague's copy of our file: one of our passages also made a claim, and an event
    of their own."""
    theirs = tmp_path / "theirs.db"
    shutil.copy(path, theirs)
    with Project.open(theirs, analyst="bo") as other:
        passage = other.rows('SELECT article_id, start, "end" FROM passages LIMIT 1')[0]
        span = (passage["article_id"], passage["start"], passage["end"])
        other.apply(operations.create_claim(other, text="They said so", span=span)[0])
        far = (passage["article_id"], 0, 12)
        other.apply(operations.create_event(other, headline="Their event", span=far)[0])
    return theirs


def test_the_merge_reports_agreement_and_reaches_the_file(qtbot, window, monkeypatch, tmp_path):
    win = window
    open_article(win, WSJ)
    new_event(qtbot, win)
    path = win.session.project.path
    win.session.project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    theirs = _theirs(tmp_path, path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", Calls((str(theirs), "")))
    win.actions_["merge"].trigger()
    settle(qtbot)
    box = win.projects.merged_box
    assert box is not None
    text = box.text()
    assert "Agreement on 3 tagged passages in 1 shared article" in text
    assert "33% tagged alike" in text and "2 by them only" in text
    shot(box, "merge-agreement.png")
    box.accept()
    close_app(win)
    assert sorted(read_file(path, "SELECT headline FROM events"))[-1] == ("Their event",)
    assert read_file(path, "SELECT text FROM claims") == [("They said so",)]


def test_dry_run_prints_agreement_and_changes_nothing(tmp_path, seeded_path):
    with Project.open(seeded_path) as ours:
        aid = ours.scalar("SELECT id FROM articles LIMIT 1")
        ours.apply(operations.create_event(ours, headline="Ours", span=(aid, 20, 40))[0])
    theirs = _theirs(tmp_path, seeded_path)
    before = hashlib.sha256(seeded_path.read_bytes()).hexdigest()
    run = subprocess.run(
        [sys.executable, "-m", "annotator", "merge", str(seeded_path), str(theirs), "--dry-run"],
        capture_output=True, text=True, env=child_env(), timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "would have merged" in run.stderr and "nothing was changed" in run.stderr
    assert "Agreement on 3 tagged passages" in run.stdout
    assert hashlib.sha256(seeded_path.read_bytes()).hexdigest() == before
