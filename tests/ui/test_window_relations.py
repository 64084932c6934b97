"""Relations between events, made, read and removed through the window as an analyst does:
two rows of the timeline table and Edit > Relate Selected Events (Ctrl+Shift+L), or the
inspector's "Relate to…" picker. Each write is read back from the file by a connection of
its own, then undone and read again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.dialogs.relate import RelateDialog
from annotator.ui.editing.session import Session
from annotator.ui.panels.relations_section import warnings_shown
from annotator.ui.window.main_window import MainWindow
from tests.helpers.db import close_and_compare
from tests.helpers.window_fixture import Calls, press

warnings = __import__("tests.helpers.window_fixture", fromlist=["warnings"]).warnings

CLASH = "Trump and Zelensky clash in the Oval Office"  # 28 Feb 2025
LONDON = "Starmer convenes nineteen leaders at Lancaster House"  # 2 Mar 2025
EU_PLAN = "EU unveils plan to raise defence spending by €800bn"  # 4 Mar 2025


@pytest.fixture
def window(qtbot, seeded_path: Path, warnings):
    project = Project.open(seeded_path)
    annotate_seed_project(project)
    session = Session(project)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    close_and_compare(win.session.project)
    project.close()


def read_file(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


RELATIONS = (
    "SELECT s.headline, r.kind, t.headline, r.note FROM event_relations r "
    "JOIN events s ON s.id = r.source_id JOIN events t ON t.id = r.target_id ORDER BY 1, 2"
)


def event_id(win: MainWindow, headline: str) -> str:
    return str(win.session.project.scalar("SELECT id FROM events WHERE headline = ?", [headline]))


def settle(qtbot) -> None:
    qtbot.wait(120)


def click_row(qtbot, win: MainWindow, headline: str, *, add: bool = False) -> None:
    table = win.panels["timeline_table"]
    row = table.model.row_of(event_id(win, headline))
    assert row is not None
    index = table.model.index(row, 1)
    table.view.scrollTo(index)
    rect = table.view.visualRect(index)
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_in_inspector(qtbot, button) -> None:
    """Scroll the inspector to the button, as the analyst would, then click it."""
    from PySide6.QtWidgets import QScrollArea

    qtbot.wait(50)  # the rebuilt form is laid out first: no one clicks a button before it shows
    area = button.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        area.ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def the_dialog(win: MainWindow) -> RelateDialog:
    dialogs = [d for d in win.findChildren(RelateDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def accept(qtbot, dialog: RelateDialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_two_rows_related_from_the_table_reach_the_file_and_undo(qtbot, window):
    win = window
    path = win.session.project.path
    click_row(qtbot, win, CLASH)
    click_row(qtbot, win, LONDON, add=True)
    assert len(win.panels["timeline_table"].selected_event_ids()) == 2
    win.panels["timeline_table"].view.setFocus()
    press(qtbot, win.panels["timeline_table"].view, Qt.Key.Key_L,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    dialog = the_dialog(win)
    dialog.kind.setFocus()
    dialog.choose_kind("causes")  # read from the clash: it causes the London summit
    qtbot.keyClicks(dialog.note, "the summit was called in answer")
    accept(qtbot, dialog)
    settle(qtbot)
    stored = [(LONDON, "caused_by", CLASH, "the summit was called in answer")]
    assert read_file(path, RELATIONS) == stored
    win.actions_["undo"].trigger()
    settle(qtbot)
    assert read_file(path, RELATIONS) == []
    win.actions_["redo"].trigger()
    settle(qtbot)
    path = win.session.project.path
    win.close()
    win.session.project.close()
    assert read_file(path, RELATIONS) == stored


def test_the_inspector_relates_lists_follows_and_removes(qtbot, window):
    win = window
    path = win.session.project.path
    win.select_item("event", event_id(win, CLASH))
    section = win.inspector.relations
    assert section.isVisible() and not section.rows()
    click_in_inspector(qtbot, section.relate)
    dialog = the_dialog(win)
    qtbot.keyClicks(dialog.search, "Lancaster")
    assert dialog.matches.count() == 1
    dialog.choose_kind("precedes")
    press(qtbot, dialog.search, Qt.Key.Key_Return)
    settle(qtbot)
    assert read_file(path, RELATIONS) == [(CLASH, "precedes", LONDON, "")]
    rows = section.rows()
    assert [(r["words"], r["other_headline"]) for r in rows] == [("precedes", LONDON)]
    assert section.list.item(0).text().startswith(f"Precedes “{LONDON}”")
    # the link selects the other event, whose inspector reads the relation the other way
    item = section.list.item(0)
    where = section.list.visualItemRect(item).center()
    # a real double-click: press and release, then the double-click event
    qtbot.mouseClick(section.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(section.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    settle(qtbot)
    assert win.selection.current == ("event", event_id(win, LONDON))
    assert [(r["words"], r["other_headline"]) for r in section.rows()] == [("follows", CLASH)]
    item = section.list.item(0)
    qtbot.mouseClick(  # a click picks the relation, and stays on this event
        section.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=section.list.visualItemRect(item).center(),
    )
    settle(qtbot)
    assert win.selection.current == ("event", event_id(win, LONDON))
    qtbot.mouseClick(section.remove, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert read_file(path, RELATIONS) == []
    assert not section.rows()
    win.actions_["undo"].trigger()
    settle(qtbot)
    assert read_file(path, RELATIONS) == [(CLASH, "precedes", LONDON, "")]
    assert len(section.rows()) == 1


def test_a_loop_is_refused_with_a_message_and_nothing_is_written(qtbot, window, warnings):
    win = window
    path = win.session.project.path
    for first, second in ((CLASH, LONDON), (LONDON, EU_PLAN)):
        click_row(qtbot, win, first)
        click_row(qtbot, win, second, add=True)
        win.actions_["relate_events"].trigger()
        dialog = the_dialog(win)
        dialog.choose_kind("precedes")
        accept(qtbot, dialog)
        settle(qtbot)
    before = read_file(path, RELATIONS)
    assert len(before) == 2
    click_row(qtbot, win, CLASH)
    click_row(qtbot, win, EU_PLAN, add=True)
    win.actions_["relate_events"].trigger()
    dialog = the_dialog(win)
    dialog.choose_kind("follows")  # the clash follows the EU plan: a loop
    accept(qtbot, dialog)
    settle(qtbot)
    assert warnings.calls, "the refusal is shown"
    message = warnings.calls[-1][2]
    assert "cannot precede" in message and "directly or through other events" in message
    assert "Traceback" not in message
    assert read_file(path, RELATIONS) == before
    # the same relation twice is refused too
    click_row(qtbot, win, CLASH)
    click_row(qtbot, win, LONDON, add=True)
    win.actions_["relate_events"].trigger()
    dialog = the_dialog(win)
    dialog.choose_kind("precedes")
    accept(qtbot, dialog)
    settle(qtbot)
    assert "already recorded" in warnings.calls[-1][2]
    assert read_file(path, RELATIONS) == before


def test_relating_asks_for_two_events(qtbot, window):
    win = window
    win.selection.clear(None)
    win.panels["timeline_table"].view.clearSelection()
    win.actions_["relate_events"].trigger()
    assert "Select two events" in win.statusBar().currentMessage()
    assert not [d for d in win.findChildren(RelateDialog) if d.isVisible()]


def test_a_picker_without_a_choice_says_so(qtbot, window):
    win = window
    win.select_item("event", event_id(win, CLASH))
    click_in_inspector(qtbot, win.inspector.relations.relate)
    dialog = the_dialog(win)
    qtbot.keyClicks(dialog.search, "no such words anywhere")
    assert dialog.matches.count() == 0 and dialog.found.text() == "No event found."
    accept(qtbot, dialog)
    assert dialog.isVisible() and "Pick the other event" in dialog.error.text()
    dialog.reject()


def test_deleting_an_event_says_its_relations_go_and_undo_brings_them(qtbot, window, monkeypatch):
    win = window
    path = win.session.project.path
    win.session.edit(
        lambda p: __import__("annotator.store.relations", fromlist=["relate"]).relate(
            p, event_id(win, CLASH), "precedes", event_id(win, LONDON)
        )
    )
    asked = Calls(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "question", asked)
    win.select_item("event", event_id(win, CLASH))
    win.panels["timeline_table"].view.setFocus()
    press(qtbot, win.panels["timeline_table"].view, Qt.Key.Key_Delete)
    settle(qtbot)
    assert "its 1 relation" in asked.calls[-1][2]
    assert read_file(path, RELATIONS) == []
    win.actions_["undo"].trigger()
    settle(qtbot)
    assert read_file(path, RELATIONS) == [(CLASH, "precedes", LONDON, "")]


def test_the_inspector_marks_dates_that_contradict_a_relation(qtbot, window):
    win = window
    from annotator.store.relations import relate

    # the EU plan (4 March) said to precede the clash (28 February): a definite contradiction
    win.session.edit(lambda p: relate(p, event_id(win, EU_PLAN), "precedes", event_id(win, CLASH)))
    win.select_item("event", event_id(win, EU_PLAN))
    shown = warnings_shown(win.inspector.relations)
    assert shown == [f"Dated after “{CLASH}” (28 Feb 2025), which it precedes"]
    win.select_item("event", event_id(win, CLASH))
    assert warnings_shown(win.inspector.relations) == [
        f"Dated before “{EU_PLAN}” (4 Mar 2025), which it follows"
    ]
    win.select_item("event", event_id(win, LONDON))
    assert warnings_shown(win.inspector.relations) == []
    assert not win.inspector.relations.warnings.isVisible()


def test_relations_are_drawn_between_bars_and_can_be_hidden(qtbot, window):
    win = window
    from annotator.store.relations import relate

    win.session.edit(lambda p: relate(p, event_id(win, LONDON), "caused_by", event_id(win, CLASH)))
    win.session.edit(lambda p: relate(p, event_id(win, CLASH), "precedes", event_id(win, EU_PLAN)))
    chart = win.timeline_view
    win.docks.show("timeline_view")
    qtbot.waitUntil(lambda: len(chart.canvas.relations) == 2, timeout=3000)
    assert chart.canvas.paint_state().relations
    qtbot.mouseClick(chart.relations_button, Qt.MouseButton.LeftButton)
    assert not chart.relations_button.isChecked()
    assert chart.canvas.paint_state().relations == []
    qtbot.mouseClick(chart.relations_button, Qt.MouseButton.LeftButton)
    assert chart.canvas.paint_state().relations


def test_f8_walks_the_dates_against_relations_and_a_fixed_date_leaves(qtbot, window):
    win = window
    from annotator.store.relations import relate

    path = win.session.project.path
    win.session.edit(lambda p: relate(p, event_id(win, EU_PLAN), "precedes", event_id(win, CLASH)))
    combo = win.worklists.lists
    combo.setCurrentIndex(combo.findData("relation_dates"))
    win.docks.show("worklists")
    win.worklists.reload()
    assert win.worklists.items.count() == 1
    assert "dated after the event it precedes" in win.worklists.items.item(0).text()
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_F8)
    assert win.selection.current == ("event", event_id(win, EU_PLAN))
    date = win.inspector.fields["date"]
    date.edit.setFocus()
    date.edit.selectAll()
    qtbot.keyClicks(date.edit, "27 Feb 2025")
    press(qtbot, date.edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert read_file(path, "SELECT date FROM events WHERE headline = ?", (EU_PLAN,)) == [
        ("2025-02-27",)
    ]
    win.worklists.reload()
    assert win.worklists.items.count() == 0
    assert warnings_shown(win.inspector.relations) == []


def test_an_actor_in_two_places_on_one_day_is_listed_and_marked(qtbot, window):
    win = window
    from annotator.ui.editing import edits

    # Macron's truce proposal and Starmer's London summit, both 2 March; Macron in both
    london, truce = event_id(win, LONDON), event_id(win, "Macron proposes a one-month truce")
    assert edits.update_item(win.session, "event", london, location="London")
    assert edits.update_item(win.session, "event", truce, location="Paris")
    assert edits.set_event_actors(win.session, london, "Keir Starmer: host; Emmanuel Macron")
    combo = win.worklists.lists
    combo.setCurrentIndex(combo.findData("two_places"))
    win.worklists.reload()
    texts = [win.worklists.items.item(i).text() for i in range(win.worklists.items.count())]
    assert any("is also at Paris that day" in t for t in texts)
    win.select_item("event", london)
    assert any("in two places on one day" in w for w in warnings_shown(win.inspector.relations))
    win.actions_["undo"].trigger()  # the actor link undone: no longer two places
    settle(qtbot)
    win.worklists.reload()
    assert win.worklists.items.count() == 0


def test_a_read_only_window_offers_no_relating(qtbot, seeded_path: Path):
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    project = Project.open(seeded_path, readonly=True)
    win = MainWindow(Session(project))
    qtbot.addWidget(win)
    win.show()
    assert not win.actions_["relate_events"].isEnabled()
    win.select_item("event", event_id(win, CLASH))
    assert not win.inspector.relations.relate.isEnabled()
    win.close()
    project.close()


def test_a_relations_note_is_edited_in_the_inspector_and_undone(qtbot, window):
    win = window
    from annotator.store.relations import relate

    path = win.session.project.path
    win.session.edit(lambda p: relate(p, event_id(win, CLASH), "precedes", event_id(win, LONDON)))
    win.select_item("event", event_id(win, LONDON))
    section = win.inspector.relations
    item = section.list.item(0)
    qtbot.mouseClick(
        section.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=section.list.visualItemRect(item).center(),
    )
    settle(qtbot)
    assert section.note.isEnabled() and section.list.currentRow() == 0
    section.note.setFocus()
    qtbot.keyClicks(section.note, "two days later")
    press(qtbot, section.note, Qt.Key.Key_Return)
    settle(qtbot)
    assert read_file(path, RELATIONS) == [(CLASH, "precedes", LONDON, "two days later")]
    assert "note: two days later" in section.list.item(0).text()
    win.actions_["undo"].trigger()
    settle(qtbot)
    assert read_file(path, RELATIONS) == [(CLASH, "precedes", LONDON, "")]
    assert section.note.text() == ""
