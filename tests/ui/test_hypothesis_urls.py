"""File > Export, Hypothesis: the window asks for the web addresses of the cited articles that
have none, checks them, saves those given as one undoable edit, exports, and names the
articles left blank as left out. Read back by a second connection, before and after undo."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.dialogs.article_urls import url_problem
from annotator.ui.editing.session import Session
from annotator.ui.window.main_window import MainWindow
from tests.helpers import window_fixture
from tests.helpers.db import close_and_compare, db_dump
from tests.helpers.window_fixture import Calls

warnings = window_fixture.warnings
SHOTS = "ANNOTATOR_SCREENSHOTS"


@pytest.fixture
def window(qtbot, seeded_path: Path, warnings):
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    win = MainWindow(Session(Project.open(seeded_path)))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(200)  # the work deferred after the first paint (counts, the anchor check) runs
    yield win
    win.close()
    if not win.session.project.closed:
        win.session.project.close()


def content(path: Path) -> dict:
    """The project's content read by a new connection (the store's own edit log aside)."""
    dump = db_dump(path)
    dump.pop("row_history", None)
    return dump


def urls_in_file(path: Path) -> dict[str, str | None]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT title, url FROM articles").fetchall())
    finally:
        con.close()


def choose_hypothesis(win: MainWindow, target: Path):
    win.actions_["export"].trigger()
    dialog = win.article_commands.export_dialog
    assert dialog is not None
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("hypothesis"))
    dialog.all_radio.setChecked(True)
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    asked = win.article_commands.urls_dialog
    assert asked is not None and asked.isVisible()
    return asked


def test_the_missing_addresses_are_asked_for_saved_as_one_edit_and_undone(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    import os

    win = window
    path = Path(win.session.project.path)
    told = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "information", told)
    before = content(path)
    target = tmp_path / "h.json"
    asked = choose_hypothesis(win, target)
    titles = list(asked.titles.values())
    assert len(titles) == 3  # the three seed articles are cited and have no address
    first, second, _third = list(asked.edits.values())
    # a bad address: said in the dialog, naming the article; nothing saved, nothing written
    qtbot.keyClicks(first, "www.wilsoncenter.org/article/europe")
    qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
    assert asked.isVisible() and not asked.error.isHidden()
    assert titles[0][:40] in asked.error.text() and "http" in asked.error.text()
    assert not target.exists() and content(path) == before
    first.clear()
    qtbot.keyClicks(first, "https://www.wilsoncenter.org/article/europe")
    qtbot.keyClicks(second, "https://www.wsj.com/world/europe/story")
    if os.environ.get(SHOTS):
        asked.grab().save(str(Path(os.environ[SHOTS]) / "hypothesis-urls.png"))
    undo_count = win.session.undo_stack.count()
    qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
    assert win.article_commands.urls_dialog is None
    assert win.session.undo_stack.count() == undo_count + 1  # one edit for both
    # the export: the two articles' citations, the third left out and named
    bodies = json.loads(target.read_text(encoding="utf-8"))
    assert bodies and {b["uri"] for b in bodies} == {
        "https://www.wilsoncenter.org/article/europe",
        "https://www.wsj.com/world/europe/story",
    }
    said = " ".join(c[2] for c in told.calls)
    assert "left out" in said and titles[2][:40] in said and titles[0][:40] not in said
    # a second connection sees the addresses in the file
    urls = urls_in_file(path)
    assert urls[titles[0]] == "https://www.wilsoncenter.org/article/europe"
    assert urls[titles[1]] == "https://www.wsj.com/world/europe/story"
    assert urls[titles[2]] is None
    # one undo takes both away: the file is as it was, read from outside
    win.actions_["undo"].trigger()
    assert content(path) == before
    win.actions_["redo"].trigger()
    assert urls_in_file(path)[titles[1]] == "https://www.wsj.com/world/europe/story"
    close_and_compare(win.session.project)
    assert urls_in_file(path)[titles[0]] == "https://www.wilsoncenter.org/article/europe"


def test_cancel_exports_nothing_and_changes_nothing(qtbot, window, tmp_path: Path) -> None:
    win = window
    path = Path(win.session.project.path)
    before = content(path)
    target = tmp_path / "h.json"
    asked = choose_hypothesis(win, target)
    qtbot.keyClicks(next(iter(asked.edits.values())), "https://example.org/a")
    asked.reject()
    assert not target.exists() and content(path) == before


def test_all_left_blank_exports_what_has_an_address(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    win = window
    told = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "information", told)
    count = win.session.undo_stack.count()
    target = tmp_path / "h.json"
    asked = choose_hypothesis(win, target)
    qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
    assert json.loads(target.read_text(encoding="utf-8")) == []
    assert win.session.undo_stack.count() == count  # nothing to save, no edit
    assert any("3 articles have no web address" in c[2] for c in told.calls)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("www.example.org", "http"),
        ("ftp://example.org/x", "http"),
        ("https://exa mple.org", "space"),
        ("https://", "web site"),
        ("https://localhost/x", "web site"),
        ("https://example.org/a?b=c#d", None),
        ("HTTP://Example.org", None),
    ],
)
def test_what_counts_as_a_web_address(text: str, problem: str | None) -> None:
    found = url_problem(text)
    assert (found is None) if problem is None else (found is not None and problem in found)
