"""The inspector's Actors field driven by the keyboard through its completer popup.

Picking a completion with Down and Enter once crashed the app: Qt hands the popup's Enter to
the line edit before inserting the completion, and the commit made there rebuilt the form
under the completer. Each test types as the analyst does, presses keys on the popup itself,
and reads the file back from a connection of its own after the project is closed.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.store.actor_links import split_actor_text
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from tests.helpers import window_fixture
from tests.helpers.window_fixture import press
from tests.ui.test_window_writes import close_app, read_file, settle

window = window_fixture.window
warnings = window_fixture.warnings

LINKED = (
    "SELECT a.name, ea.role FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
    "WHERE ea.event_id = ? ORDER BY a.name"
)
STARMER_EVENT = "SELECT id FROM events WHERE headline LIKE 'Starmer%'"
BEFORE = [("Keir Starmer", "host"), ("Volodymyr Zelensky", "participant")]


@pytest.fixture
def seeded_path(seeded_path):
    """The seed project with its worked example: eight actors with aliases, events."""
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    return seeded_path


def picker_of(qtbot, win):
    """Select the Starmer event and return its Actors field, focused, cursor at the end."""
    event = win.session.project.scalar(STARMER_EVENT)
    win.select_item("event", event)
    picker = win.panels["inspector"].fields["actors"]
    assert read_file(win.session.project.path, LINKED, (event,)) == BEFORE
    picker.edit.setFocus()
    picker.edit.end(False)
    return event, picker


def type_segment(qtbot, picker, text: str):
    """Type '; text' after what is there: the popup opens on what was typed."""
    qtbot.keyClicks(picker.edit, "; " + text)
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    return popup


def popup_closed(qtbot, win, popup) -> None:
    """The popup is gone; the window has the keyboard again (a window manager reactivates
    it; the offscreen platform leaves the closed popup as the active window)."""
    assert not popup.isVisible()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def actor_names(path) -> list[str]:
    return [r[0] for r in read_file(path, "SELECT name FROM actors ORDER BY name")]


def test_prefix_down_enter_links_the_picked_actor_without_crash_or_junk(qtbot, window):
    win = window
    event, picker = picker_of(qtbot, win)
    path = win.session.project.path
    names = actor_names(path)
    popup = type_segment(qtbot, picker, "Macr")
    press(qtbot, popup, Qt.Key.Key_Down)
    assert popup.currentIndex().data() == "Emmanuel Macron"
    press(qtbot, popup, Qt.Key.Key_Return)
    settle(qtbot)
    popup_closed(qtbot, win, popup)
    assert win.session.undo_stack.count() == 1  # one commit, not the prefix and then the pick
    picker = win.panels["inspector"].fields["actors"]
    assert sorted(n for n, _ in split_actor_text(picker.text())) == [
        "Emmanuel Macron",
        "Keir Starmer",
        "Volodymyr Zelensky",
    ]
    assert actor_names(path) == names  # no actor named 'Macr'
    press(qtbot, win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert read_file(path, LINKED, (event,)) == BEFORE  # undone, seen by another reader
    press(
        qtbot,
        win.reader,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot)
    close_app(win)
    assert read_file(path, LINKED, (event,)) == sorted([*BEFORE, ("Emmanuel Macron", "")])
    assert actor_names(path) == names


def test_picking_twice_in_a_row_keeps_the_field_alive(qtbot, window):
    win = window
    event, picker = picker_of(qtbot, win)
    path = win.session.project.path
    for prefix in ("Macr", "Rubi"):
        popup = type_segment(qtbot, picker, prefix)
        press(qtbot, popup, Qt.Key.Key_Down)
        press(qtbot, popup, Qt.Key.Key_Return)
        settle(qtbot)
        popup_closed(qtbot, win, popup)
        picker = win.panels["inspector"].fields["actors"]
        assert picker.edit.hasFocus()  # the form was not rebuilt under the analyst
    close_app(win)
    assert read_file(path, LINKED, (event,)) == sorted(
        [*BEFORE, ("Emmanuel Macron", ""), ("Marco Rubio", "")]
    )


def test_escape_on_the_popup_writes_nothing(qtbot, window):
    win = window
    event, picker = picker_of(qtbot, win)
    path = win.session.project.path
    names = actor_names(path)
    popup = type_segment(qtbot, picker, "Macr")
    press(qtbot, popup, Qt.Key.Key_Down)
    press(qtbot, popup, Qt.Key.Key_Escape)
    settle(qtbot)
    popup_closed(qtbot, win, popup)
    assert win.session.undo_stack.count() == 0
    assert win.panels["inspector"].fields["actors"] is picker  # still there, still typed
    assert picker.text().endswith("; Macr")
    press(qtbot, picker.edit, Qt.Key.Key_Escape)  # a second Escape drops what was typed
    assert picker.text() == "Keir Starmer: host; Volodymyr Zelensky: participant"
    close_app(win)  # leaving the field writes nothing: it holds what is stored
    assert read_file(path, LINKED, (event,)) == BEFORE
    assert actor_names(path) == names


@pytest.mark.parametrize("where", ["popup", "line edit"])
def test_a_new_name_and_enter_creates_the_actor_once(qtbot, window, where):
    win = window
    event, picker = picker_of(qtbot, win)
    path = win.session.project.path
    names = actor_names(path)
    popup = type_segment(qtbot, picker, "Kaja Kallas: envoy")
    assert "will create: 'Kaja Kallas'" in picker.status.text()
    # The popup has the keyboard while it is open; a synthesized Enter may reach the field.
    press(qtbot, popup if where == "popup" else picker.edit, Qt.Key.Key_Return)
    settle(qtbot)
    popup_closed(qtbot, win, popup)
    assert win.session.undo_stack.count() == 1
    press(qtbot, win.panels["inspector"].fields["actors"].edit, Qt.Key.Key_Return)  # again
    settle(qtbot)
    assert win.session.undo_stack.count() == 1  # nothing changed: no second edit
    close_app(win)
    assert actor_names(path) == sorted([*names, "Kaja Kallas"])
    assert read_file(path, LINKED, (event,)) == sorted([*BEFORE, ("Kaja Kallas", "envoy")])


def test_an_unknown_role_separator_alone_creates_nothing(qtbot, window):
    """Bad input: a segment with no name (': role') names no actor and is not created."""
    win = window
    event, picker = picker_of(qtbot, win)
    path = win.session.project.path
    names = actor_names(path)
    qtbot.keyClicks(picker.edit, "; : envoy")
    press(qtbot, picker.edit, Qt.Key.Key_Return)
    settle(qtbot)
    close_app(win)
    assert actor_names(path) == names
    assert read_file(path, LINKED, (event,)) == BEFORE


def test_table_actor_cell_pick_from_the_popup_then_enter(qtbot, window):
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    from annotator.ui.table.model import COL

    win = window
    event = win.session.project.scalar(STARMER_EVENT)
    path = win.session.project.path
    table = win.panels["timeline_table"]
    view = table.view
    win.select_item("event", event)  # the row first: selecting it makes the headline current
    view.setFocus()
    view.setCurrentIndex(table.model.index(table.model.row_of(event), COL["actors"]))
    press(qtbot, view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    edit = QApplication.focusWidget()
    edit.end(False)
    qtbot.keyClicks(edit, "; Macr")
    picker = edit.parent()
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    press(qtbot, popup, Qt.Key.Key_Down)
    press(qtbot, popup, Qt.Key.Key_Return)  # picks; the cell stays open for more names
    settle(qtbot)
    popup_closed(qtbot, win, popup)
    assert view.state() == QAbstractItemView.State.EditingState
    assert edit.text().endswith("; Emmanuel Macron")
    press(qtbot, edit, Qt.Key.Key_Return)  # done: written
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    settle(qtbot)
    close_app(win)
    assert read_file(path, LINKED, (event,)) == sorted([*BEFORE, ("Emmanuel Macron", "")])


def test_one_picker_for_every_event_knows_actors_made_since(qtbot, window):
    """The field is made once (each one read every actor) and read again only when actors
    change; what it writes goes to the event shown, never to the one shown before."""
    win = window
    event, picker = picker_of(qtbot, win)
    path = win.session.project.path
    other = win.session.project.scalar("SELECT id FROM events WHERE id != ? LIMIT 1", [event])
    win.select_item("event", other)
    assert win.panels["inspector"].fields["actors"] is picker
    qtbot.waitUntil(picker.isVisible)  # shown again in the new form
    other_before = read_file(path, LINKED, (other,))
    win.select_item("event", event)
    assert picker.text() == "Keir Starmer: host; Volodymyr Zelensky: participant"
    # a new actor, made by typing it: the next event's field offers it
    picker.edit.setFocus()
    picker.edit.end(False)
    qtbot.keyClicks(picker.edit, "; Nadia Newname")
    picker.popup().hide()
    press(qtbot, picker.edit, Qt.Key.Key_Return)
    settle(qtbot)
    win.select_item("event", other)
    assert win.panels["inspector"].fields["actors"] is picker
    popup = type_segment(qtbot, picker, "Nadia")
    assert "Nadia Newname" in [
        popup.model().index(i, 0).data() for i in range(popup.model().rowCount())
    ]
    press(qtbot, popup, Qt.Key.Key_Escape)
    press(qtbot, picker.edit, Qt.Key.Key_Escape)
    # an actor made elsewhere (the Actors panel, an import) is offered too
    from annotator.store import operations

    assert win.session.run(operations.create_actor(win.session.project, name="Otto Elsewhere")[0])
    win.select_item("event", event)
    popup = type_segment(qtbot, picker, "Otto")
    assert "Otto Elsewhere" in [
        popup.model().index(i, 0).data() for i in range(popup.model().rowCount())
    ]
    press(qtbot, popup, Qt.Key.Key_Escape)
    press(qtbot, picker.edit, Qt.Key.Key_Escape)
    close_app(win)
    assert read_file(path, LINKED, (event,)) == sorted([*BEFORE, ("Nadia Newname", "")])
    assert read_file(path, LINKED, (other,)) == other_before
