"""Edits in the claims and actors panels, and actor merge, reach the file.

Each test edits cells of the real window's tabbed panels with the keyboard (F2, type or
pick, Enter), then reads the file from a connection of its own: while the app runs after an
undo, and after the window and the project are closed.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QMessageBox

from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from tests.helpers import window_fixture
from tests.helpers.window_fixture import Calls, press
from tests.ui.test_tagging_flow import edit_cell
from tests.ui.test_window_writes import close_app, read_file, settle

window = window_fixture.window
warnings = window_fixture.warnings

CLAIM_ROW = "SELECT text, stance, claimed, assessment FROM claims WHERE id = ?"
ACTOR_ROW = "SELECT name, kind, aliases FROM actors WHERE id = ?"


@pytest.fixture
def seeded_path(seeded_path):
    """The seed project with its worked example: claims and eight actors."""
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    return seeded_path


def real_panel(win, key: str):
    """The panel behind a lazy tab, shown (its tab raised), built and fresh."""
    win.docks[key].show()
    win.docks[key].raise_()
    return win.panels[key].panel()  # built if need be, and brought up to date


def pick_in_cell(qtbot, view, index, wanted: str) -> None:
    """F2 on a combo cell, arrow keys to ``wanted``, Enter."""
    view.setFocus()
    view.setCurrentIndex(index)
    press(qtbot, view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    assert view.isAncestorOf(combo)
    assert combo.findText(wanted) >= 0, wanted
    press(qtbot, combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == wanted:
            break
        press(qtbot, combo, Qt.Key.Key_Down)
    assert combo.currentText() == wanted
    press(qtbot, combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def undo(qtbot, win, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)


# -- claims ------------------------------------------------------------------------------


def claim_cell(panel, claim_id: str, key: str):
    from annotator.ui.panels.claims import KEYS

    return panel.model.index(panel.model.row_of(claim_id), KEYS.index(key))


def test_every_claims_panel_column_reaches_the_file_and_undoes(qtbot, window):
    win = window
    path = win.session.project.path
    panel = real_panel(win, "claims")
    claim = win.session.project.scalar(
        "SELECT id FROM claims WHERE stance = 'asserts' AND assessment = 'unverified' LIMIT 1"
    )
    before = read_file(path, CLAIM_ROW, (claim,))
    edit_cell(qtbot, panel.view, claim_cell(panel, claim, "text"), "Edited in the claims tab")
    edit_cell(qtbot, panel.view, claim_cell(panel, claim, "claimed"), "9 March 2025")
    pick_in_cell(qtbot, panel.view, claim_cell(panel, claim, "stance"), "denies")
    pick_in_cell(qtbot, panel.view, claim_cell(panel, claim, "assessment"), "disputed")
    settle(qtbot)
    assert win.session.undo_stack.count() == 4  # one undoable edit per cell
    assert read_file(path, CLAIM_ROW, (claim,)) == [
        ("Edited in the claims tab", "denies", "2025-03-09", "disputed")
    ]
    undo(qtbot, win, 2)  # assessment and stance back; seen by another connection
    assert read_file(path, CLAIM_ROW, (claim,)) == [
        ("Edited in the claims tab", before[0][1], "2025-03-09", before[0][3])
    ]
    close_app(win)
    assert read_file(path, CLAIM_ROW, (claim,)) == [
        ("Edited in the claims tab", before[0][1], "2025-03-09", before[0][3])
    ]


def test_an_unreadable_claimed_date_keeps_the_cell_open_and_writes_nothing(qtbot, window):
    win = window
    path = win.session.project.path
    panel = real_panel(win, "claims")
    claim = win.session.project.scalar("SELECT id FROM claims LIMIT 1")
    before = read_file(path, CLAIM_ROW, (claim,))
    win.select_item("claim", claim)  # the row first: selecting it makes the claim text current
    view = panel.view
    view.setFocus()
    view.setCurrentIndex(claim_cell(panel, claim, "claimed"))
    press(qtbot, view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "31 Marhc 2025")
    press(qtbot, editor, Qt.Key.Key_Return)
    settle(qtbot)
    assert view.state() == QAbstractItemView.State.EditingState  # refused where typed
    assert "Marhc" in editor.parent().message()  # the date editor says what it could not read
    press(qtbot, editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert win.session.undo_stack.count() == 0
    close_app(win)
    assert read_file(path, CLAIM_ROW, (claim,)) == before


# -- actors ------------------------------------------------------------------------------


def actor_cell(panel, actor_id: str, key: str):
    from annotator.ui.panels.actors import KEYS

    return panel.model.index(panel.model.row_of(actor_id), KEYS.index(key))


def actor_id(win, name: str) -> str:
    value = win.session.project.scalar("SELECT id FROM actors WHERE name = ?", [name])
    assert value is not None, name
    return value


def test_every_actors_panel_column_reaches_the_file_and_undoes(qtbot, window):
    win = window
    path = win.session.project.path
    panel = real_panel(win, "actors")
    rubio = actor_id(win, "Marco Rubio")
    before = read_file(path, ACTOR_ROW, (rubio,))
    edit_cell(qtbot, panel.view, actor_cell(panel, rubio, "name"), "Marco A. Rubio")
    edit_cell(qtbot, panel.view, actor_cell(panel, rubio, "aliases"), "Rubio; Secretary Rubio")
    pick_in_cell(qtbot, panel.view, actor_cell(panel, rubio, "kind"), "organisation")
    settle(qtbot)
    assert win.session.undo_stack.count() == 3
    assert read_file(path, ACTOR_ROW, (rubio,)) == [
        ("Marco A. Rubio", "organisation", json.dumps(["Rubio", "Secretary Rubio"]))
    ]
    undo(qtbot, win)  # the kind goes back
    assert read_file(path, ACTOR_ROW, (rubio,)) == [
        ("Marco A. Rubio", before[0][1], json.dumps(["Rubio", "Secretary Rubio"]))
    ]
    close_app(win)
    assert read_file(path, ACTOR_ROW, (rubio,)) == [
        ("Marco A. Rubio", before[0][1], json.dumps(["Rubio", "Secretary Rubio"]))
    ]


def test_an_empty_actor_name_is_refused_with_a_message(qtbot, window, warnings):
    win = window
    path = win.session.project.path
    panel = real_panel(win, "actors")
    rubio = actor_id(win, "Marco Rubio")
    before = read_file(path, ACTOR_ROW, (rubio,))
    edit_cell(qtbot, panel.view, actor_cell(panel, rubio, "name"), "   ")
    settle(qtbot)
    assert warnings.calls and "name" in warnings.calls[-1][2]
    assert win.session.undo_stack.count() == 0
    close_app(win)
    assert read_file(path, ACTOR_ROW, (rubio,)) == before


def select_rows(qtbot, panel, ids: list[str]) -> None:
    """Click the first actor's row, Ctrl+click the others: as the analyst selects."""
    view = panel.view
    for n, item in enumerate(ids):
        rect = view.visualRect(actor_cell(panel, item, "name"))
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_actor_merge_through_the_panel_reaches_the_file_and_undoes(qtbot, window, monkeypatch):
    win = window
    path = win.session.project.path
    panel = real_panel(win, "actors")
    rubio, putin = actor_id(win, "Marco Rubio"), actor_id(win, "Vladimir Putin")
    claims_before = read_file(path, "SELECT id, claimant_id FROM claims ORDER BY id")
    asked: list[tuple[str, str]] = []

    def keep_putin(a, b):  # the modal question, answered: keep Putin
        asked.append((a["name"], b["name"]))
        return putin

    monkeypatch.setattr(panel, "ask_merge", keep_putin)  # the real panel, not the lazy tab
    select_rows(qtbot, panel, [rubio, putin])
    assert panel.selected_ids() and sorted(panel.selected_ids()) == sorted([rubio, putin])
    assert panel.merge_button.isEnabled()
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert sorted(asked[0]) == ["Marco Rubio", "Vladimir Putin"]
    assert read_file(path, "SELECT count(*) FROM actors WHERE id = ?", (rubio,)) == [(0,)]
    aliases = json.loads(read_file(path, "SELECT aliases FROM actors WHERE id = ?", (putin,))[0][0])
    assert "Marco Rubio" in aliases and "Rubio" in aliases
    assert read_file(path, "SELECT count(*) FROM claims WHERE claimant_id = ?", (rubio,)) == [(0,)]
    undo(qtbot, win)
    assert read_file(path, ACTOR_ROW, (rubio,))[0][0] == "Marco Rubio"
    assert read_file(path, "SELECT id, claimant_id FROM claims ORDER BY id") == claims_before
    close_app(win)
    assert read_file(path, ACTOR_ROW, (rubio,))[0][0] == "Marco Rubio"
    assert read_file(path, "SELECT id, claimant_id FROM claims ORDER BY id") == claims_before


def test_a_cancelled_merge_writes_nothing(qtbot, window, monkeypatch):
    win = window
    path = win.session.project.path
    panel = real_panel(win, "actors")
    before = read_file(path, "SELECT id, name, aliases FROM actors ORDER BY id")
    monkeypatch.setattr(panel, "ask_merge", lambda a, b: None)
    select_rows(qtbot, panel, [actor_id(win, "Marco Rubio"), actor_id(win, "Vladimir Putin")])
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert win.session.undo_stack.count() == 0
    close_app(win)
    assert read_file(path, "SELECT id, name, aliases FROM actors ORDER BY id") == before


def test_actor_kind_in_the_inspector_reaches_the_file(qtbot, window):
    """The field named like the edit's own 'kind' argument (once a TypeError)."""
    win = window
    path = win.session.project.path
    eu = actor_id(win, "European Union")
    win.select_item("actor", eu)
    combo = win.panels["inspector"].fields["kind"]
    combo.setFocus()
    start = combo.currentText()
    press(qtbot, combo, Qt.Key.Key_Down)
    settle(qtbot)
    chosen = combo.currentText()
    assert chosen != start
    assert read_file(path, "SELECT kind FROM actors WHERE id = ?", (eu,)) == [(chosen,)]
    undo(qtbot, win)
    close_app(win)
    assert read_file(path, "SELECT kind FROM actors WHERE id = ?", (eu,)) == [(start,)]


def test_a_damaged_alias_value_is_shown_as_damaged_never_a_traceback(
    qtbot, tmp_path, seeded_path, warnings
):
    """Another program wrote non-JSON into an actor's aliases: the panel, the inspector and
    the actors field show it as damaged and keep working; nothing is written."""
    import sqlite3

    from annotator.store.rows import DAMAGED_ALIASES
    from annotator.ui.editing.session import Session
    from annotator.ui.panels.actors import KEYS
    from annotator.ui.window.main_window import MainWindow
    from tests.helpers.db import db_dump_all

    con = sqlite3.connect(seeded_path)
    eu = con.execute("SELECT id FROM actors WHERE name = 'European Union'").fetchone()[0]
    con.execute("UPDATE actors SET aliases = '[1, {\"x\": 2}]' WHERE id = ?", (eu,))
    con.commit()
    con.close()
    before = db_dump_all(seeded_path)
    project = Project.open(seeded_path)
    win = MainWindow(Session(project))
    qtbot.addWidget(win)
    win.show()
    panel = real_panel(win, "actors")
    cell = panel.model.index(panel.model.row_of(eu), KEYS.index("aliases"))
    assert cell.data() == DAMAGED_ALIASES
    win.select_item("actor", eu)
    settle(qtbot)
    assert win.panels["inspector"].fields["aliases"].text() == DAMAGED_ALIASES
    win.close()
    project.close()
    assert db_dump_all(seeded_path) == before


def test_three_actors_merge_into_the_most_mentioned_in_one_undo_step(qtbot, window, monkeypatch):
    win = window
    path = win.session.project.path
    panel = real_panel(win, "actors")
    names = ["Marco Rubio", "Vladimir Putin", "Donald Trump"]
    ids = [actor_id(win, n) for n in names]
    before = read_file(path, "SELECT id, name, aliases FROM actors ORDER BY id")
    asked = Calls(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "question", asked)
    select_rows(qtbot, panel, ids)
    assert sorted(panel.selected_ids()) == sorted(ids)  # Ctrl+click adds rows
    assert panel.merge_button.isEnabled()
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert len(asked.calls) == 1
    left = read_file(path, f"SELECT id FROM actors WHERE id IN ({','.join('?' * 3)})", tuple(ids))
    assert len(left) == 1  # two folded into the one kept
    assert win.session.undo_stack.count() == 1  # one step
    undo(qtbot, win)
    close_app(win)
    assert read_file(path, "SELECT id, name, aliases FROM actors ORDER BY id") == before
