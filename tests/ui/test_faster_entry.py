"""Faster entry through the window: a new actor made from the new-event form, several
items edited at once, a bar's end dragged on the drawn timeline. Each edit is read back
from the file by a connection of its own, and again after undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.helpers import window_fixture
from tests.helpers.db import db_dump_all, read_file
from tests.helpers.shots import shot
from tests.helpers.window_fixture import WSJ, close_app, open_article, press, select_quote

window = window_fixture.window
warnings = window_fixture.warnings

EVENT_QUOTE = (
    "On Tuesday, the European Union unveiled plans that the bloc hopes could "
    "increase military spending by 800 billion euros"
)


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
    shot(dialog, "new-actor-from-event.png")
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
    assert "Drag to change its last day" in canvas.toolTip()
    # Drag it two days later: the live tooltip says the range it makes.
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=right)
    qtbot.mouseMove(canvas, right + QPoint(40, 0))
    qtbot.mouseMove(canvas, right + QPoint(81, 0))
    assert "4–6 Mar 2025" in QToolTip.text()
    shot(win.timeline_view, "drag-bar-end.png")  # the bar it will get
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=right + QPoint(81, 0))
    settle(qtbot)
    path = win.session.project.path
    assert read_file(path, "SELECT date, date_precision, date_anchor FROM events") == [
        ("2025-03-04/2025-03-06", "range", "bar_end")
    ]
    note = win.inspector.fields["date_source"].text()
    assert "an end of its bar dragged on the drawn timeline" in note
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


# -- several events edited at once -------------------------------------------------------

QUOTES = ("the European Union unveiled plans", "Friedrich Merz", "800 billion euros")


def click_rows(qtbot, view, rows: list[int]) -> None:
    """Click the first row, Ctrl+click the others: as an analyst picks several."""
    for n, row in enumerate(rows):
        rect = view.visualRect(view.model().index(row, 1))
        mods = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, rect.center())


def ticked(qtbot, box, text_start: str) -> None:
    """Tick the entry of a checklist that starts with ``text_start``, with the keyboard."""
    for i in range(box.count()):
        if box.item(i).text().startswith(text_start):
            box.setFocus()
            box.setCurrentRow(i)
            press(qtbot, box, Qt.Key.Key_Space)
            assert box.item(i).checkState() == Qt.CheckState.Checked
            return
    raise AssertionError(f"no {text_start!r} in the list")


def pick(qtbot, combo, text: str) -> None:
    """Choose an entry of a combo with the keyboard (Down until it shows)."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        press(qtbot, combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_edit_selected_sets_fields_tags_and_actors_of_several_events_in_one_step(qtbot, window):
    from PySide6.QtWidgets import QDialogButtonBox

    win = window
    open_article(win, WSJ)
    ids = [new_event(qtbot, win, q) for q in QUOTES]
    path = win.session.project.path
    table = win.panels["timeline_table"]
    win.actions_["timeline"].trigger()
    qtbot.waitUntil(lambda: table.model.rowCount() == 3)
    click_rows(qtbot, table.view, [0, 1, 2])
    assert len(table.view.selectionModel().selectedRows()) == 3
    count = win.session.undo_stack.count()
    win.actions_["edit_selected"].trigger()
    dialog = win.items.bulk.dialog
    assert dialog is not None and dialog.windowTitle() == "Edit 3 events"
    confidence = dialog.field_widgets["confidence"]
    assert confidence.currentText() == "(keep) all not stated"
    pick(qtbot, confidence, "high")
    status = dialog.field_widgets["fact_status"]
    assert status.currentText() == "(keep) all not judged"
    pick(qtbot, status, "key fact")
    dialog.add_tags.setFocus()
    qtbot.keyClicks(dialog.add_tags, "defence, EU")
    dialog.add_actors.setFocus()
    qtbot.keyClicks(dialog.add_actors, "European Union: announcer")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot)
    assert win.items.bulk.dialog is None
    assert win.statusBar().currentMessage() == "Changed 3 of 3 events."
    assert win.session.undo_stack.count() == count + 1  # one undoable edit for all three
    assert read_file(path, "SELECT DISTINCT confidence, type FROM events") == [("high", "")]
    assert read_file(path, "SELECT DISTINCT fact_status FROM events") == [("key",)]
    assert read_file(path, "SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY tag") == [
        ("EU", 3),
        ("defence", 3),
    ]
    assert read_file(path, "SELECT name, kind FROM actors") == [("European Union", "organisation")]
    # Again on two of them: one tag and the actor taken away, the rest kept.
    click_rows(qtbot, table.view, [0, 2])
    win.actions_["edit_selected"].trigger()
    dialog = win.items.bulk.dialog
    assert dialog.field_widgets["confidence"].currentText() == "(keep) all high"
    assert dialog.field_widgets["type"].placeholderText() == "(keep) all no type"
    ticked(qtbot, dialog.remove_tags, "EU (2 of 2)")
    ticked(qtbot, dialog.remove_actors, "European Union (2 of 2)")
    dialog.field_widgets["type"].setFocus()
    qtbot.keyClicks(dialog.field_widgets["type"], "announcement")
    dialog.resize(dialog.sizeHint())
    shot(dialog, "bulk-edit.png")
    press(qtbot, dialog.field_widgets["type"], Qt.Key.Key_Return)  # Enter accepts the form
    settle(qtbot)
    assert win.statusBar().currentMessage() == "Changed 2 of 2 events."
    chosen = sorted(table.model.event_id(r) for r in (0, 2))
    assert read_file(path, "SELECT count(*) FROM tags WHERE tag = 'EU'") == [(1,)]
    assert read_file(path, "SELECT id FROM events WHERE type = 'announcement' ORDER BY id") == [
        (i,) for i in chosen
    ]
    assert read_file(path, "SELECT count(*) FROM event_actors") == [(1,)]
    # Undo the second edit: every one of the two events as it was.
    win.actions_["undo"].trigger()
    settle(qtbot)
    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM tags WHERE tag = 'EU'") == [(3,)]
    assert read_file(path, "SELECT count(*) FROM event_actors") == [(3,)]
    assert read_file(path, "SELECT DISTINCT type, confidence FROM events") == [("", "high")]
    assert sorted(ids) == sorted(r[0] for r in read_file(path, "SELECT id FROM events"))


def test_edit_selected_with_nothing_selected_says_what_to_do(qtbot, window):
    win = window
    win.actions_["timeline"].trigger()
    win.actions_["edit_selected"].trigger()
    assert win.items.bulk.dialog is None
    assert "Select the events" in win.statusBar().currentMessage()


def test_edit_selected_refuses_a_role_without_a_name_and_writes_nothing(qtbot, window):
    win = window
    open_article(win, WSJ)
    for q in QUOTES[:2]:
        new_event(qtbot, win, q)
    table = win.panels["timeline_table"]
    win.actions_["timeline"].trigger()
    qtbot.waitUntil(lambda: table.model.rowCount() == 2)
    click_rows(qtbot, table.view, [0, 1])
    count = win.session.undo_stack.count()
    win.actions_["edit_selected"].trigger()
    dialog = win.items.bulk.dialog
    dialog.add_actors.setFocus()
    qtbot.keyClicks(dialog.add_actors, "Merz; : host")
    press(qtbot, dialog.add_actors, Qt.Key.Key_Return)
    assert win.items.bulk.dialog is dialog and dialog.isVisible()  # stays open, says why
    assert dialog.error.text() == (
        "Add actors: “: host” names no actor (write the name before the role: Name: role)"
    )
    dialog.reject()
    settle(qtbot)
    assert win.session.undo_stack.count() == count
    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM actors") == [(0,)]


def test_what_the_items_hold_reads_as_words():
    from collections import Counter

    from annotator.ui.dialogs.bulk_edit import now_words

    assert now_words(Counter({"high": 3}), "not stated") == "all high"
    assert now_words(Counter({None: 2, "low": 1}), "not stated") == "mixed: not stated 2, low 1"


def test_edit_selected_on_two_claims_in_the_claims_table(qtbot, window):
    from PySide6.QtWidgets import QDialogButtonBox

    win = window
    open_article(win, WSJ)
    for quote in QUOTES[:2]:
        select_quote(win, quote)
        press(qtbot, win.reader, Qt.Key.Key_C)
        press(qtbot, win.tagging.dialog, Qt.Key.Key_Return)
        settle(qtbot)
    win.items.focus_item_view("claim")
    qtbot.waitUntil(lambda: win.claims.built and win.claims.panel().model.rowCount() == 2)
    view = win.claims.panel().view
    view.setFocus()  # the claims table has the keyboard: its selection is what is edited
    qtbot.waitUntil(view.hasFocus)
    click_rows(qtbot, view, [0, 1])
    assert len(view.selectionModel().selectedRows()) == 2
    win.actions_["edit_selected"].trigger()
    dialog = win.items.bulk.dialog
    assert dialog.windowTitle() == "Edit 2 claims" and dialog.add_actors is None
    assert dialog.field_widgets["stance"].currentText() == "(keep) all asserts"
    pick(qtbot, dialog.field_widgets["stance"], "disputes")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot)
    assert win.statusBar().currentMessage() == "Changed 2 of 2 claims."
    path = win.session.project.path
    assert read_file(path, "SELECT DISTINCT stance FROM claims") == [("disputes",)]
    win.actions_["undo"].trigger()
    settle(qtbot)
    path = close_app(win)
    assert read_file(path, "SELECT DISTINCT stance FROM claims") == [("asserts",)]
