"""Faster entry through the window: a new actor made from the new-event form, several
items edited at once, a bar's end dragged on the drawn timeline. Each edit is read back
from the file by a connection of its own, and again after undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from tests.helpers import window_fixture
from tests.helpers.db import db_dump_all
from tests.helpers.paths import REPO
from tests.helpers.window_fixture import WSJ, open_article, press, select_quote

window = window_fixture.window
warnings = window_fixture.warnings

IMG = REPO / "docs" / "img"
EVENT_QUOTE = (
    "On Tuesday, the European Union unveiled plans that the bloc hopes could "
    "increase military spending by 800 billion euros"
)


def read_file(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """The file as any other program sees it: a new read-only connection."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def close_app(win) -> Path:
    path = win.session.project.path
    win.close()
    win.session.project.close()
    return path


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every table but the audit log (which keeps that a row was made and taken away)."""
    return {t: rows for t, rows in db_dump_all(path).items() if t != "row_history"}


def settle(qtbot) -> None:
    qtbot.wait(120)  # deferred work (patches of the drawn timeline, counts) runs


# -- a new actor from the new-event form -------------------------------------------------


def test_new_actor_typed_in_the_event_form_is_made_with_the_event(qtbot, window):
    win = window
    path = win.session.project.path
    open_article(win, WSJ)
    select_quote(win, EVENT_QUOTE)
    press(qtbot, win.reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    adder = dialog.actor_adder
    adder.edit.setFocus()
    qtbot.keyClicks(adder.edit, "European Commission")
    # Nobody has that name yet: offered as a new actor, its kind guessed from the name.
    popup = adder.completer.popup()
    assert popup.isVisible()
    offers = [adder.completer.completionModel().index(i, 0).data() for i in range(3)]
    assert "New actor 'European Commission'…" in offers
    assert adder.kind_combo.isVisible() and adder.kind_combo.currentText() == "organisation"
    assert adder.button.text() == "Add new actor"
    press(qtbot, adder.edit, Qt.Key.Key_Return)  # adds it; the form stays open
    assert win.tagging.dialog is dialog
    assert adder.edit.text() == ""
    # A second one whose guessed kind the analyst changes before adding it.
    qtbot.keyClicks(adder.edit, "Brussels hawks")
    assert adder.kind_combo.currentText() == "person"
    adder.kind_combo.setFocus()
    press(qtbot, adder.kind_combo, Qt.Key.Key_Up)  # person -> organisation
    press(qtbot, adder.kind_combo, Qt.Key.Key_Down)
    press(qtbot, adder.kind_combo, Qt.Key.Key_Down)  # -> state
    press(qtbot, adder.kind_combo, Qt.Key.Key_Down)  # -> group
    assert adder.kind_combo.currentText() == "group"
    dialog.resize(dialog.sizeHint())
    dialog.grab().save(str(IMG / "new-actor-from-event.png"))
    adder.button.click()
    listed = [dialog.actor_list.item(i).text() for i in range(dialog.actor_list.count())]
    assert listed == ["European Commission (new organisation)", "Brussels hawks (new group)"]
    dialog.headline_edit.setFocus()
    press(qtbot, dialog.headline_edit, Qt.Key.Key_Return)  # the form's Enter: accept
    assert win.tagging.dialog is None
    settle(qtbot)
    assert win.session.undo_stack.count() == 1  # one edit: the event and both actors
    # Read by another program while the app runs, then after closing it.
    assert read_file(path, "SELECT name, kind FROM actors ORDER BY name") == [
        ("Brussels hawks", "group"),
        ("European Commission", "organisation"),
    ]
    win.actions_["undo"].trigger()
    settle(qtbot)
    assert read_file(path, "SELECT count(*) FROM actors") == [(0,)]
    win.actions_["redo"].trigger()
    settle(qtbot)
    path = close_app(win)
    rows = read_file(
        path,
        "SELECT e.headline, a.name, a.kind, l.role FROM events e "
        "JOIN event_actors l ON l.event_id = e.id JOIN actors a ON a.id = l.actor_id "
        "ORDER BY l.rowid",
    )
    assert [r[1:] for r in rows] == [
        ("European Commission", "organisation", "participant"),
        ("Brussels hawks", "group", "participant"),
    ]
    assert rows[0][0].startswith("The European Union unveiled")


def test_undoing_the_event_removes_the_actors_made_with_it(qtbot, window):
    win = window
    path = win.session.project.path
    before = contents(path)
    open_article(win, WSJ)
    select_quote(win, EVENT_QUOTE)
    press(qtbot, win.reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    dialog.actor_adder.edit.setFocus()
    qtbot.keyClicks(dialog.actor_adder.edit, "Friedrich Merz")
    press(qtbot, dialog.actor_adder.edit, Qt.Key.Key_Return)
    press(qtbot, dialog.headline_edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert read_file(path, "SELECT name, kind FROM actors") == [("Friedrich Merz", "person")]
    press(qtbot, win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    close_app(win)
    assert contents(path) == before  # exactly as it was


# -- a bar's end dragged on the drawn timeline -------------------------------------------


def new_event(qtbot, win, quote: str = EVENT_QUOTE) -> str:
    select_quote(win, quote)
    press(qtbot, win.reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    press(qtbot, dialog, Qt.Key.Key_Return)
    settle(qtbot)
    assert win.selected is not None
    return win.selected[1]


def drawn_bar(qtbot, win, event_id: str):
    view = win.timeline_view
    win.docks["timeline_view"].show()
    qtbot.waitUntil(lambda: bool(view.canvas.bar_rects(event_id)))
    view.zoom_by(40.0 / view.canvas.px_per_day)  # 40 px a day
    view.canvas.show_entry(event_id)
    view.canvas.repaint()
    return view.canvas, view.canvas.bar_rects(event_id)[0]


def test_dragging_an_end_of_a_bar_sets_a_day_range_and_esc_cancels(qtbot, window):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolTip

    win = window
    open_article(win, WSJ)
    event = new_event(qtbot, win)  # suggested: Tuesday 4 March 2025, one day
    canvas, bar = drawn_bar(qtbot, win, event)
    y = round(bar.center().y())
    # The pointer over the bar's right end: a resize cursor; over its middle: none.
    qtbot.mouseMove(canvas, QPoint(round(bar.center().x()), y))
    assert canvas.cursor().shape() != Qt.CursorShape.SizeHorCursor
    right = QPoint(round(bar.right()) - 1, y)
    qtbot.mouseMove(canvas, right)
    assert canvas.cursor().shape() == Qt.CursorShape.SizeHorCursor
    # Drag it two days later: the live tooltip says the range it makes.
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=right)
    qtbot.mouseMove(canvas, right + QPoint(40, 0))
    qtbot.mouseMove(canvas, right + QPoint(81, 0))
    assert "4–6 Mar 2025" in QToolTip.text()
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=right + QPoint(81, 0))
    settle(qtbot)
    path = win.session.project.path
    assert read_file(path, "SELECT date, date_precision, date_anchor FROM events") == [
        ("2025-03-04/2025-03-06", "range", "dragged")
    ]
    note = win.inspector.fields["date_source"].text()
    assert "moved on the drawn timeline" in note
    # The left end dragged a day earlier, then Esc: nothing changes.
    canvas, bar = drawn_bar(qtbot, win, event)
    left = QPoint(round(bar.left()) + 1, round(bar.center().y()))
    count = win.session.undo_stack.count()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=left)
    qtbot.mouseMove(canvas, left + QPoint(-20, 0))
    qtbot.mouseMove(canvas, left + QPoint(-41, 0))
    assert "3–6 Mar 2025" in QToolTip.text()
    press(qtbot, canvas, Qt.Key.Key_Escape)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=left + QPoint(-41, 0))
    settle(qtbot)
    assert win.session.undo_stack.count() == count
    assert win.selected == ("event", event)  # Esc cancelled the drag, not the selection
    # Now for real: the start a day earlier.
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=left)
    qtbot.mouseMove(canvas, left + QPoint(-20, 0))
    qtbot.mouseMove(canvas, left + QPoint(-41, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=left + QPoint(-41, 0))
    settle(qtbot)
    assert read_file(path, "SELECT date FROM events") == [("2025-03-03/2025-03-06",)]
    # Undo twice: back to the suggestion from "Tuesday", with its phrase.
    win.actions_["undo"].trigger()
    win.actions_["undo"].trigger()
    settle(qtbot)
    path = close_app(win)
    row = read_file(path, "SELECT date, date_phrase, date_anchor, date_status FROM events")[0]
    assert row[0] == "2025-03-04" and "Tuesday" in row[1]
    assert (row[2], row[3]) == ("published", "suggested")
