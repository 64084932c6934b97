"""Every way an event's date changes, driven through the window: the file (read by a
connection of its own) and the inspector say truly what set the date, an edit by hand is
never a confirmed suggestion, and undo and redo bring back the provenance exactly."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator.ui.table.model import SORT_KEYS
from tests.helpers import window_fixture
from tests.helpers.db import read_file
from tests.helpers.shots import shot
from tests.helpers.window_fixture import WSJ, close_app, open_article, press
from tests.ui.test_faster_entry import drawn_bar
from tests.ui.test_merge_events import _answer, _select_rows
from tests.ui.test_tagging_flow import edit_cell
from tests.ui.test_window_writes import new_event, settle, type_into

window = window_fixture.window
warnings = window_fixture.warnings

SUGGESTED = ("2025-03-04", "Tuesday", "published", "suggested")  # WSJ, 7-8 Mar 2025
PROV = "SELECT date, date_phrase, date_anchor, date_status FROM events WHERE id = ?"
FIRST_ROW: dict[str, list[tuple]] = {}  # each new event's row as made, by id


def stored(win, event_id: str) -> tuple:
    """The event's date and provenance as another program reads the file."""
    return read_file(win.session.project.path, PROV, (event_id,))[0]


def source_note(win) -> str:
    return win.inspector.fields["date_source"].text()


def can_confirm(win) -> bool:
    QApplication.processEvents()  # a rebuilt form shows its rows on the next pass
    return win.inspector.fields["confirm_date"].isVisibleTo(win.inspector)


def clear_date(qtbot, win) -> None:
    """Select the inspector's date text, delete it, press Enter: the date removed."""
    edit = win.inspector.fields["date"].edit
    edit.setFocus()
    edit.selectAll()
    press(qtbot, edit, Qt.Key.Key_Backspace)
    press(qtbot, edit, Qt.Key.Key_Return)
    settle(qtbot)


def undo(qtbot, win) -> None:
    win.actions_["undo"].trigger()
    settle(qtbot)


def redo(qtbot, win) -> None:
    win.actions_["redo"].trigger()
    settle(qtbot)


def suggested_event(qtbot, win) -> str:
    """A new event from the sentence that says "On Tuesday", its suggestion accepted."""
    event = new_event(qtbot, win)
    settle(qtbot)
    win.select_item("event", event)
    assert stored(win, event) == SUGGESTED
    assert "“Tuesday”" in source_note(win) and "not yet confirmed" in source_note(win)
    assert can_confirm(win)
    FIRST_ROW[event] = whole_row(win, event)  # what undo must bring back
    return event


def f9_refused(qtbot, win, event_id: str) -> None:
    """After a hand edit there is nothing to confirm: F9 says so and writes nothing."""
    count = win.session.undo_stack.count()
    before = stored(win, event_id)
    win.reader.setFocus()
    press(qtbot, win.reader, Qt.Key.Key_F9)
    assert "not a suggestion" in win.statusBar().currentMessage()
    assert win.session.undo_stack.count() == count and stored(win, event_id) == before
    assert not can_confirm(win)


def whole_row(win, event_id: str) -> list[tuple]:
    return read_file(win.session.project.path, "SELECT * FROM events WHERE id = ?", (event_id,))


def check_undo_redo(qtbot, win, event_id: str, before: tuple, after: tuple) -> None:
    row_after = whole_row(win, event_id)
    undo(qtbot, win)
    assert stored(win, event_id) == before
    assert whole_row(win, event_id) == FIRST_ROW[event_id]  # every column as it was
    win.select_item("event", event_id)
    assert "“Tuesday”" in source_note(win) and can_confirm(win)
    redo(qtbot, win)
    assert stored(win, event_id) == after and whole_row(win, event_id) == row_after
    assert not can_confirm(win)


# -- 1. typed in the inspector ------------------------------------------------------------


def test_a_date_typed_in_the_inspector(qtbot, window):
    win = window
    open_article(win, WSJ)
    event = suggested_event(qtbot, win)
    type_into(qtbot, win.inspector.fields["date"].edit, "5 March 2025")
    settle(qtbot)
    typed = ("2025-03-05", None, "typed", "confirmed")
    assert stored(win, event) == typed
    assert source_note(win) == "typed by the analyst"
    f9_refused(qtbot, win, event)
    check_undo_redo(qtbot, win, event, SUGGESTED, typed)
    # typed into an undated event: the inspector says so at once (it kept no row before)
    clear_date(qtbot, win)
    assert stored(win, event) == (None, None, None, None)
    assert not win.inspector.fields["date_source"].isVisibleTo(win.inspector)
    type_into(qtbot, win.inspector.fields["date"].edit, "6 March 2025")
    settle(qtbot)
    assert source_note(win) == "typed by the analyst"
    assert win.inspector.fields["date_source"].isVisibleTo(win.inspector)
    path = close_app(win)
    assert read_file(path, PROV, (event,)) == [("2025-03-06", None, "typed", "confirmed")]


# -- 2. edited in the table -----------------------------------------------------------------


def test_a_date_edited_in_the_table(qtbot, window):
    win = window
    open_article(win, WSJ)
    event = suggested_event(qtbot, win)
    table = win.panels["timeline_table"]
    column = SORT_KEYS.index("date")
    # opened with F2 and left with Enter, unchanged: still the suggestion, nothing to undo
    count = win.session.undo_stack.count()
    view = table.view
    view.setFocus()
    view.setCurrentIndex(table.model.index(table.model.row_of(event), column))
    press(qtbot, view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    press(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    settle(qtbot)
    assert stored(win, event) == SUGGESTED and win.session.undo_stack.count() == count
    edit_cell(qtbot, table.view, table.model.index(table.model.row_of(event), column), "6 Mar 2025")
    settle(qtbot)
    edited = ("2025-03-06", None, "table", "confirmed")
    assert stored(win, event) == edited
    win.select_item("event", event)
    assert source_note(win) == "edited in the table by the analyst"
    index = table.model.index(table.model.row_of(event), column)
    tip = table.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "edited in the table" in tip and "confirmed" not in tip
    f9_refused(qtbot, win, event)
    check_undo_redo(qtbot, win, event, SUGGESTED, edited)
    path = close_app(win)
    assert read_file(path, PROV, (event,)) == [edited]


# -- 3. dragged on the drawn timeline ---------------------------------------------------------


def drag(qtbot, canvas, start: QPoint, dx: int) -> None:
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(dx // 2, 0))
    qtbot.mouseMove(canvas, start + QPoint(dx, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))
    settle(qtbot)


def test_a_bar_moved_on_the_drawn_timeline(qtbot, window):
    win = window
    open_article(win, WSJ)
    event = suggested_event(qtbot, win)
    canvas, bar = drawn_bar(qtbot, win, event)  # 40 px a day
    # the middle of the bar, one day later: Tuesday becomes Wednesday
    drag(qtbot, canvas, QPoint(round(bar.center().x()), round(bar.center().y())), 41)
    moved = ("2025-03-05", None, "dragged", "confirmed")
    assert stored(win, event) == moved
    note = source_note(win)
    assert note == "moved on the drawn timeline by the analyst" and "Tuesday" not in note
    win.inspector.resize(420, 520)
    shot(win.inspector, "inspector-date-provenance.png")
    f9_refused(qtbot, win, event)
    check_undo_redo(qtbot, win, event, SUGGESTED, moved)
    path = close_app(win)
    assert read_file(path, PROV, (event,)) == [moved]


def test_an_end_of_a_bar_dragged_on_the_drawn_timeline(qtbot, window):
    win = window
    open_article(win, WSJ)
    event = suggested_event(qtbot, win)
    canvas, bar = drawn_bar(qtbot, win, event)
    drag(qtbot, canvas, QPoint(round(bar.right()) - 1, round(bar.center().y())), 81)
    stretched = ("2025-03-04/2025-03-06", None, "bar_end", "confirmed")
    assert stored(win, event) == stretched
    assert source_note(win) == "an end of its bar dragged on the drawn timeline by the analyst"
    f9_refused(qtbot, win, event)
    check_undo_redo(qtbot, win, event, SUGGESTED, stretched)
    path = close_app(win)
    assert read_file(path, PROV, (event,)) == [stretched]


# -- 4. the new-event form: a suggestion accepted, or typed over ------------------------------


def open_event_form(qtbot, win):
    win.reader.setFocus()
    start = win.reader.text.index("the European Union unveiled plans")
    win.reader.select_span(start, start + len("the European Union unveiled plans"))
    press(qtbot, win.reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    assert dialog is not None and "Tuesday" in dialog.date_note.text()
    return dialog


def accept(qtbot, win, dialog) -> str:
    dialog.headline_edit.setFocus()
    press(qtbot, dialog.headline_edit, Qt.Key.Key_Return)
    assert win.tagging.dialog is None
    settle(qtbot)
    return win.selected[1]


def test_the_new_event_form_suggests_and_a_typed_date_replaces_the_suggestion(qtbot, window):
    win = window
    open_article(win, WSJ)
    accepted = accept(qtbot, win, open_event_form(qtbot, win))
    assert stored(win, accepted) == SUGGESTED
    # ticked in the form: a suggestion, confirmed as it was accepted
    dialog = open_event_form(qtbot, win)
    dialog.confirm_check.click()
    checked = accept(qtbot, win, dialog)
    assert stored(win, checked) == (*SUGGESTED[:3], "confirmed")
    assert "confirmed by the analyst" in source_note(win) and not can_confirm(win)
    # typed over the suggestion: the analyst's date, no phrase, nothing to confirm
    dialog = open_event_form(qtbot, win)
    dialog.date_edit.setFocus()
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "5 March 2025")
    assert dialog.date_note.text().startswith("Typed")
    assert not dialog.confirm_check.isEnabled()
    typed = accept(qtbot, win, dialog)
    assert stored(win, typed) == ("2025-03-05", None, "typed", "confirmed")
    assert source_note(win) == "typed by the analyst" and not can_confirm(win)
    undo(qtbot, win)  # the typed event goes; the others stay as they were
    assert read_file(win.session.project.path, PROV, (typed,)) == []
    path = close_app(win)
    assert read_file(path, PROV, (accepted,)) == [SUGGESTED]
    assert read_file(path, PROV, (checked,)) == [(*SUGGESTED[:3], "confirmed")]


# -- 5. confirmed by F9 and by the inspector's button ----------------------------------------


def test_only_a_suggestion_is_confirmed_and_undo_unconfirms_it(qtbot, window):
    win = window
    open_article(win, WSJ)
    event = suggested_event(qtbot, win)
    win.reader.setFocus()
    press(qtbot, win.reader, Qt.Key.Key_F9)
    settle(qtbot)
    confirmed = (*SUGGESTED[:3], "confirmed")
    assert stored(win, event) == confirmed
    assert source_note(win).endswith("confirmed by the analyst") and not can_confirm(win)
    f9_refused(qtbot, win, event)  # already confirmed: nothing left to confirm
    undo(qtbot, win)
    assert stored(win, event) == SUGGESTED and can_confirm(win)
    qtbot.mouseClick(win.inspector.fields["confirm_date"], Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert stored(win, event) == confirmed
    path = close_app(win)
    assert read_file(path, PROV, (event,)) == [confirmed]


# -- 6. the publication date corrected ------------------------------------------------------


def test_a_corrected_publication_date_re_reads_phrases_and_leaves_hand_dates(qtbot, window):
    win = window
    aid, _ = open_article(win, WSJ)
    waiting = suggested_event(qtbot, win)
    checked = suggested_event(qtbot, win)
    win.reader.setFocus()
    press(qtbot, win.reader, Qt.Key.Key_F9)  # the selected one: confirmed
    moved = suggested_event(qtbot, win)
    canvas, bar = drawn_bar(qtbot, win, moved)
    drag(qtbot, canvas, QPoint(round(bar.center().x()), round(bar.center().y())), 41)
    settle(qtbot)
    before = {e: stored(win, e) for e in (waiting, checked, moved)}
    assert before[checked][3] == "confirmed" and before[moved][2] == "dragged"

    win.actions_["article_details"].trigger()
    dialog = win.article_commands.metadata_dialog
    dialog.published_edit.setText("14 March 2025")  # a Friday: "On Tuesday" is the 11th
    press(qtbot, dialog, Qt.Key.Key_Return)
    settle(qtbot)
    again = ("2025-03-11", "Tuesday", "published", "suggested")
    assert stored(win, waiting) == again
    assert stored(win, checked) == again  # the confirmed reading was of the old date
    assert stored(win, moved) == before[moved]  # the analyst's own: left as it was
    win.select_item("event", checked)
    assert "publication date (14 Mar 2025)" in source_note(win) and can_confirm(win)
    win.select_item("event", moved)
    assert source_note(win) == "moved on the drawn timeline by the analyst"

    undo(qtbot, win)
    assert {e: stored(win, e) for e in before} == before
    assert read_file(
        win.session.project.path, "SELECT published FROM articles WHERE id = ?", (aid,)
    )
    redo(qtbot, win)
    assert stored(win, checked) == again
    path = close_app(win)
    assert read_file(path, PROV, (waiting,)) == [again]
    assert read_file(path, PROV, (moved,)) == [before[moved]]


# -- 7. merging two events ---------------------------------------------------------------------


def test_a_merged_event_keeps_the_provenance_of_the_date_it_keeps(qtbot, window):
    win = window
    open_article(win, WSJ)
    undated = suggested_event(qtbot, win)
    clear_date(qtbot, win)
    moved = suggested_event(qtbot, win)
    canvas, bar = drawn_bar(qtbot, win, moved)
    drag(qtbot, canvas, QPoint(round(bar.center().x()), round(bar.center().y())), 41)
    dragged = ("2025-03-05", None, "dragged", "confirmed")
    assert stored(win, moved) == dragged and stored(win, undated) == (None, None, None, None)

    _select_rows(win, [undated, moved])
    keep = win.parts.table.selected_event_ids()[0]
    other = moved if keep == undated else undated
    _answer(qtbot, win, 0)
    win.actions_["merge_events"].trigger()
    settle(qtbot)
    assert stored(win, keep) == dragged  # the date kept, and what set it
    win.select_item("event", keep)
    assert source_note(win) == "moved on the drawn timeline by the analyst"
    undo(qtbot, win)
    assert stored(win, undated) == (None, None, None, None) and stored(win, moved) == dragged
    redo(qtbot, win)
    path = close_app(win)
    assert read_file(path, PROV, (keep,)) == [dragged]
    assert read_file(path, PROV, (other,)) == []
