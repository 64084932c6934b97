"""A second window gets a read-only view; backups are made on open and can be restored."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from annotator.core.errors import ProjectError
from annotator.store import operations as ops
from annotator.store.backup import list_backups
from annotator.store.project import Project
from annotator.ui.editing.session import Session
from annotator.ui.window.project_files import BackupRunner, open_project


def test_second_window_gets_read_only_view(qtbot, seeded_path: Path, monkeypatch) -> None:
    first = Project.open(seeded_path)
    try:
        monkeypatch.setattr(
            QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open
        )
        second = open_project(seeded_path, analyst="bob")
        assert second.readonly
        session = Session(second)
        errors = []
        session.failed.connect(errors.append)
        aid = second.scalar("SELECT id FROM articles LIMIT 1")
        cs, _ = ops.create_event(second, headline="x", span=(aid, 0, 5))
        assert session.run(cs) is False
        assert "read-only" in str(errors[0]) and session.undo_stack.count() == 0
        second.close()
        monkeypatch.setattr(
            QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel
        )
        with pytest.raises(ProjectError, match="open in another"):
            open_project(seeded_path, analyst="bob")
        # the first window still writes
        cs, _ = ops.create_event(first, headline="still mine", span=(aid, 0, 5))
        first.apply(cs)
    finally:
        first.close()


def test_backup_on_open_and_restore(qtbot, seeded_path: Path, monkeypatch) -> None:
    from annotator.ui.window.main_window import MainWindow

    runner = BackupRunner()
    with qtbot.waitSignal(runner.done, timeout=20000) as blocker:
        runner.start(seeded_path)
    assert blocker.args[0] and Path(blocker.args[0]).exists()
    assert len(list_backups(seeded_path)) == 1

    project = Project.open(seeded_path)
    session = Session(project)
    window = MainWindow(session)
    qtbot.addWidget(window)
    aid = project.scalar("SELECT id FROM articles LIMIT 1")
    cs, eid = ops.create_event(project, headline="made after the backup", span=(aid, 0, 5))
    session.run(cs)
    assert session.project.row("events", eid)
    offered: list[list[str]] = []

    def pick_first(*a, **k):
        offered.append(a[3])
        return a[3][0], True

    monkeypatch.setattr(QInputDialog, "getItem", pick_first)
    window.projects.restore_backup()
    # each backup is named by its time and by what it holds
    assert " UTC — 3 articles, 0 events, 0 claims, 0 actors" in offered[0][0]
    assert session.project is not project and session.project.row("events", eid) is None
    kept = [p for p in seeded_path.parent.iterdir() if "before-restore" in p.name]
    assert kept, "the replaced file is kept beside the project"
    with Project.open(kept[0], readonly=True) as old:
        assert old.row("events", eid)  # nothing lost: the edit is in the file set aside
    window.close()
    qtbot.wait(200)  # let the window's pending refreshes run before the project closes
    session.project.close()


def test_a_read_only_window_says_so_and_offers_no_edit(qtbot, seeded_path: Path, monkeypatch):
    from PySide6.QtCore import Qt

    from annotator.ui.window.actions import ACTIONS
    from annotator.ui.window.main_window import MainWindow

    first = Project.open(seeded_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    second = open_project(seeded_path, analyst="bob")
    win = MainWindow(Session(second))
    qtbot.addWidget(win)
    win.show()
    try:
        assert "(read-only)" in win.windowTitle()
        for spec in ACTIONS:
            if spec.writes:
                assert not win.actions_[spec.name].isEnabled(), spec.name
        win.articles.select_first()
        win.reader.setFocus()
        win.reader.select_span(0, 20)  # a passage selected: still nothing to tag with
        assert not win.actions_["tag_event"].isEnabled()
        qtbot.keyClick(win.reader, Qt.Key.Key_E)
        assert win.tagging.dialog is None
        assert win.actions_["find"].isEnabled()  # reading goes on
    finally:
        win.close()
        second.close()
        first.close()


def test_the_backup_on_open_waits_for_the_first_paint(qtbot, seeded_path: Path) -> None:
    """As the app starts a window: the backup is asked for before the window has painted
    and made once it has, a whole copy another connection reads."""
    import sqlite3

    from annotator.ui.window.main_window import MainWindow

    project = Project.open(seeded_path)
    window = MainWindow(Session(project))
    qtbot.addWidget(window)
    window.projects.start_backup()  # as run_app does, just after show()
    qtbot.wait(1500)  # time enough for the seed project's copy, were it started
    assert not window.first_paint_done
    assert list_backups(seeded_path) == []  # nothing copied before the window is on screen
    window.show()
    qtbot.waitUntil(lambda: len(list_backups(seeded_path)) == 1, timeout=20_000)
    assert window.first_paint_done
    window.close()
    project.close()
    backup = list_backups(seeded_path)[0]
    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as con:
        copied = con.execute("SELECT count(*) FROM articles").fetchone()
    with sqlite3.connect(f"file:{seeded_path}?mode=ro", uri=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == copied
