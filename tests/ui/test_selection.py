"""One selection, followed by every view: the table, the chart, the inspector and the reader
show what any of them selects, and no view's own pick comes back to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.editing.selection import Selected, Selection
from annotator.ui.editing.session import Session
from annotator.ui.table.model import COL
from annotator.ui.window.main_window import MainWindow
from tests.helpers import window_fixture
from tests.helpers.db import close_and_compare
from tests.helpers.window_fixture import WSJ, open_article

warnings = window_fixture.warnings


@pytest.fixture
def window(qtbot, seeded_path: Path, warnings):
    """The real window on the seed project with the worked example annotated."""
    project = Project.open(seeded_path)
    annotate_seed_project(project)
    win = MainWindow(Session(project))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    close_and_compare(win.session.project)


def first_event(win) -> str:
    return win.session.project.rows("SELECT id FROM events ORDER BY headline LIMIT 1")[0]["id"]


warnings = window_fixture.warnings


def test_selecting_again_is_silent_and_the_source_is_told(qtbot) -> None:
    selection = Selection()
    heard: list[Selected] = []
    selection.changed.connect(heard.append)
    view = object()
    selection.select("event", "e1", view)
    selection.select("event", "e1", None)  # an echo: nothing new
    selection.select("event", "e2")
    selection.clear()
    selection.clear()
    assert [(s.kind, s.item_id, s.source) for s in heard] == [
        ("event", "e1", view),
        ("event", "e2", None),
        ("", "", None),
    ]
    assert heard[-1].empty and selection.current is None


def test_a_table_click_reaches_chart_inspector_and_reader(qtbot, window) -> None:
    win = window
    open_article(win, WSJ)
    win.drawn.refresh()
    table = win.table
    event_id = first_event(win)
    row = table.model.row_of(event_id)
    rect = table.view.visualRect(table.model.index(row, COL["headline"]))
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.selection.current == ("event", event_id)
    assert win.inspector.item_id == event_id
    assert win.timeline_view.selected_ids() == {event_id}


def test_a_chart_pick_reaches_table_and_inspector(qtbot, window) -> None:
    win = window
    win.drawn.refresh()
    event_id = first_event(win)
    win.timeline_view.selectionChanged.emit([event_id])  # what a click on its mark sends
    assert win.selection.current == ("event", event_id)
    assert win.table.view.currentIndex().row() == win.table.model.row_of(event_id)
    assert win.inspector.item_id == event_id


def test_deleting_the_selected_item_clears_the_selection_everywhere(qtbot, window) -> None:
    win = window
    event_id = first_event(win)
    win.select_item("event", event_id)
    assert win.inspector.item_id == event_id
    from annotator.ui.editing import edits

    assert edits.delete_item(win.session, "event", event_id)
    assert win.selection.current is None
    assert win.inspector.item_id is None
    win.actions_["undo"].trigger()
    assert win.session.project.row("events", event_id) is not None


def test_what_a_view_selects_while_following_is_not_a_new_pick(qtbot) -> None:
    """A table whose current row moves while it follows must not re-select its own row."""
    selection = Selection()
    heard: list[Selected] = []

    def table_follows(selected: Selected) -> None:
        heard.append(selected)
        selection.select("event", "row-under-the-cursor", "table")  # its reaction

    selection.changed.connect(table_follows)
    selection.select("actor", "a1", "actors panel")
    assert selection.current == ("actor", "a1")
    assert [(s.kind, s.item_id) for s in heard] == [("actor", "a1")]
    selection.select("event", "e9", "table")  # a real pick afterwards still counts
    assert selection.current == ("event", "e9")


def test_a_click_on_empty_chart_space_clears_the_selection_everywhere(qtbot, window) -> None:
    win = window
    win.drawn.refresh()
    event_id = first_event(win)
    win.select_item("event", event_id)
    assert win.inspector.item_id == event_id
    win.timeline_view.canvas.setFocus()
    qtbot.keyClick(win.timeline_view.canvas, Qt.Key.Key_Escape)  # what empty space does too
    assert win.selection.current is None
    assert win.inspector.item_id is None
    assert not win.table.view.selectionModel().selectedRows()


def test_an_item_picked_elsewhere_is_brought_into_the_charts_view(qtbot, window) -> None:
    win = window
    win.docks["timeline_view"].show()
    win.drawn.refresh()
    canvas = win.timeline_view.canvas
    ids = [
        r["id"]
        for r in win.session.project.rows(
            "SELECT id FROM events WHERE date IS NOT NULL ORDER BY date_earliest"
        )
    ]
    first, last = ids[0], ids[-1]
    win.select_item("event", first)
    canvas.zoom_by(60.0 / canvas.px_per_day)  # a day is 60 px: the last event is far off
    canvas.show_entry(first)
    canvas.repaint()
    assert canvas.item_rects(first) and not canvas.item_rects(last)
    win.select_item("event", last)  # as a click in the table does
    canvas.repaint()
    assert canvas.item_rects(last)


def test_plus_zooms_about_the_selection(qtbot, window) -> None:
    win = window
    win.docks["timeline_view"].show()
    win.drawn.refresh()
    canvas = win.timeline_view.canvas
    event_id = first_event(win)
    win.select_item("event", event_id)
    canvas.show_entry(event_id)
    before = canvas.zoom_anchor()
    assert before is not None
    day = canvas.scale().day_of(before)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert abs(canvas.scale().day_of(before) - day) < 0.5  # the selection stayed put
