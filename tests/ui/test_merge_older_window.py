"""File > Merge Another Analyst's File… takes a colleague's file made with an earlier
version: the merge reaches our file, their file is left as it was, and Undo takes it out."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.helpers import window_fixture
from tests.helpers.db import read_file
from tests.helpers.shots import shot
from tests.helpers.window_fixture import Calls, close_app
from tests.store.test_merge_older_files import fingerprint, older_file
from tests.ui.test_window_writes import settle

window = window_fixture.window
warnings = window_fixture.warnings


def test_the_window_merges_an_older_colleagues_file(qtbot, window, monkeypatch, tmp_path):
    win = window
    theirs = older_file(tmp_path / "theirs.db", "m008_notes_and_fact_status")
    before = fingerprint(theirs)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", Calls((str(theirs), "")))
    win.actions_["merge"].trigger()
    settle(qtbot)
    box = win.projects.merged_box
    assert box is not None, "no summary shown"
    assert "added 1 article" in box.text() and "1 event" in box.text()
    shot(box, "merge-older-file.png")
    box.accept()
    assert fingerprint(theirs) == before
    path = win.session.project.path
    win.session.project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    merged = read_file(path, "SELECT headline, fact_status FROM events WHERE id = 'e-old'")
    assert merged == [("Talks begin in Kyiv", None)]

    win.actions_["undo"].trigger()
    settle(qtbot)
    close_app(win)
    assert read_file(path, "SELECT count(*) FROM events WHERE id = 'e-old'") == [(0,)]
    assert read_file(path, "SELECT count(*) FROM articles WHERE id = 'a-old'") == [(0,)]
    assert fingerprint(theirs) == before


def test_a_newer_file_is_refused_in_the_window(qtbot, window, warnings, monkeypatch, tmp_path):
    import sqlite3

    from annotator.store.project_setup import create_project

    win = window
    theirs = tmp_path / "newer.db"
    create_project(theirs, seed=False)
    con = sqlite3.connect(theirs)
    con.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('annotator', 'm999_from_the_future', '2030-01-01')"
    )
    con.commit()
    con.close()
    before = fingerprint(theirs)
    events = win.session.project.scalar("SELECT count(*) FROM events")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", Calls((str(theirs), "")))
    win.actions_["merge"].trigger()
    settle(qtbot)
    shown = " ".join(str(a) for call in warnings.calls for a in call)
    assert "newer version" in shown and str(theirs) in shown, shown
    _parent, title, text = warnings.calls[-1][:3]
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, win)
    shot(box, "merge-newer-file.png")  # what the analyst is shown
    assert win.session.undo_stack.count() == 0
    path = close_app(win)
    assert fingerprint(theirs) == before
    assert read_file(path, "SELECT count(*) FROM events") == [(events,)]
