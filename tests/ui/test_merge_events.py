"""Merging duplicate events from the timeline table: one undoable edit that keeps every
citation, actor, claim and tag, read back from the file by a second connection."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer

from annotator.store import operations as ops
from tests.helpers import window_fixture
from tests.helpers.db import db_dump_all
from tests.helpers.shots import shot
from tests.helpers.window_fixture import WSJ, open_article, press
from tests.ui.test_window_writes import close_app, new_event, read_file, settle

window = window_fixture.window
warnings = window_fixture.warnings


def _content(path) -> dict:
    """The file's rows; the history of deleted rows (kept for merging files) aside."""
    return {t: rows for t, rows in db_dump_all(path).items() if t != "row_history"}


def _select_rows(win, event_ids: list[str]) -> None:
    table = win.parts.table
    selection = table.view.selectionModel()
    selection.clearSelection()
    for event_id in event_ids:
        row = table.model.row_of(event_id)
        selection.select(
            table.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def _answer(qtbot, win, keep_index: int | None) -> None:
    """Choose which event to keep in the merge dialog, then press Enter (or Escape)."""

    def act() -> None:
        dialog = win.items.merge_dialog
        assert dialog is not None
        shot(dialog, "merge-events.png")
        if keep_index is None:
            press(qtbot, dialog, Qt.Key.Key_Escape)
            return
        dialog.group.button(keep_index).click()
        press(qtbot, dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, act)


def test_merging_two_events_keeps_every_citation_and_undo_restores_the_file(qtbot, window):
    win = window
    open_article(win, WSJ)
    first = new_event(qtbot, win)  # "the European Union unveiled plans", 4 Mar 2025
    second = new_event(qtbot, win, "800 billion euros")
    project = win.session.project
    project.apply(ops.set_tags(project, "event", second, ["defence"]))
    path = project.path
    before = _content(path)
    cited = sorted(r[0] for r in read_file(path, "SELECT passage_id FROM citations"))

    _select_rows(win, [first, second])
    _answer(qtbot, win, None)  # Escape: nothing changes
    win.actions_["merge_events"].trigger()
    assert _content(path) == before

    _select_rows(win, [first, second])
    keep = win.parts.table.selected_event_ids()[0]
    gone = second if keep == first else first
    _answer(qtbot, win, 0)
    win.actions_["merge_events"].trigger()
    settle(qtbot)
    assert read_file(path, "SELECT id FROM events") == [(keep,)]
    assert sorted(r[0] for r in read_file(path, "SELECT passage_id FROM citations")) == cited
    assert read_file(path, "SELECT DISTINCT event_id FROM citations") == [(keep,)]
    assert read_file(path, "SELECT event_id, tag FROM tags") == [(keep, "defence")]
    assert read_file(path, "SELECT count(*) FROM events WHERE id = ?", (gone,)) == [(0,)]

    win.actions_["undo"].trigger()
    settle(qtbot)
    assert _content(path) == before
    win.actions_["redo"].trigger()
    settle(qtbot)
    assert read_file(path, "SELECT id FROM events") == [(keep,)]
    close_app(win)
    assert read_file(path, "SELECT id FROM events") == [(keep,)]


def test_merging_needs_two_events_and_says_so(qtbot, window):
    win = window
    open_article(win, WSJ)
    only = new_event(qtbot, win)
    _select_rows(win, [only])
    win.actions_["merge_events"].trigger()
    assert "two or more events" in win.statusBar().currentMessage()
    assert win.items.merge_dialog is None
    close_app(win)
