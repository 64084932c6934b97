"""Fact status and memos through the real window: the K key, the inspector's combo and memo
box, the table's Status column and filter, the memo action on a reader selection, the
article header's memos, the Memos panel and search. Each reads the file from a connection
of its own while the app runs, after undo, and after the window and the project close."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from annotator.core.vocabulary import NOTE_MAX_CHARS
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.table.model import COL
from tests.helpers import window_fixture
from tests.helpers.window_fixture import WSJ, open_article, press, select_quote
from tests.ui.test_window_writes import close_app, read_file, settle
from tests.ui.test_window_writes_panels import pick_in_cell

window = window_fixture.window
warnings = window_fixture.warnings

STATUS = "SELECT fact_status FROM events WHERE id = ?"
NOTES = "SELECT text, article_id, passage_id, event_id, claim_id FROM notes ORDER BY created"


@pytest.fixture
def seeded_path(seeded_path):
    """The seed project with its worked example: events, claims and actors."""
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    return seeded_path


def first_event(win) -> str:
    return win.session.project.scalar(
        "SELECT id FROM events ORDER BY date_earliest, headline LIMIT 1"
    )


def click_row(qtbot, win, event_id: str) -> None:
    """Select an event as the analyst does: a click on its row in the table."""
    view, model = win.table.view, win.table.model
    rect = view.visualRect(model.index(model.row_of(event_id), COL["headline"]))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.selected == ("event", event_id)


def undo(qtbot, win) -> None:
    """Ctrl+Z, the window active again (a closed dialog leaves none active offscreen)."""
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    press(qtbot, win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)


# -- fact status -------------------------------------------------------------------------


def test_k_marks_a_key_fact_in_the_file_and_undo_clears_it(qtbot, window):
    win = window
    event = first_event(win)
    click_row(qtbot, win, event)
    path = win.session.project.path
    press(qtbot, win.table.view, Qt.Key.Key_K)
    settle(qtbot)
    assert read_file(path, STATUS, (event,)) == [("key",)]
    assert win.inspector.fields["fact_status"].currentText() == "key fact"
    assert win.table.model.index(win.table.model.row_of(event), COL["fact_status"]).data() == (
        "key fact"
    )
    press(qtbot, win.table.view, Qt.Key.Key_K)  # again: no longer a key fact
    settle(qtbot)
    assert read_file(path, STATUS, (event,)) == [(None,)]
    undo(qtbot, win)
    assert read_file(path, STATUS, (event,)) == [("key",)]
    win.actions_["key_fact"].trigger()  # the menu's action does the same
    settle(qtbot)
    assert read_file(path, STATUS, (event,)) == [(None,)]
    undo(qtbot, win)
    close_app(win)
    assert read_file(path, STATUS, (event,)) == [("key",)]


def test_k_says_what_to_select_when_no_event_or_claim_is(qtbot, window):
    win = window
    win.selection.select("", "")
    win.actions_["key_fact"].trigger()
    assert "event or a claim" in win.statusBar().currentMessage()
    assert win.session.undo_stack.count() == 0


def test_the_inspector_combo_sets_a_claims_status(qtbot, window):
    win = window
    claim = win.session.project.scalar("SELECT id FROM claims ORDER BY created LIMIT 1")
    win.selection.select("claim", claim)
    combo = win.inspector.fields["fact_status"]
    combo.setFocus()
    for _ in range(3):  # (not set) → key fact → undisputed → disputed
        press(qtbot, combo, Qt.Key.Key_Down)
    settle(qtbot)
    path = win.session.project.path
    sql = "SELECT fact_status FROM claims WHERE id = ?"
    assert read_file(path, sql, (claim,)) == [("disputed",)]
    assert win.session.undo_stack.count() == 3  # one undoable edit per choice
    undo(qtbot, win)
    assert read_file(path, sql, (claim,)) == [("undisputed",)]
    close_app(win)
    assert read_file(path, sql, (claim,)) == [("undisputed",)]


def test_the_status_column_is_edited_in_the_table_and_filtered(qtbot, window):
    win = window
    event = first_event(win)
    view, model = win.table.view, win.table.model
    pick_in_cell(qtbot, view, model.index(model.row_of(event), COL["fact_status"]), "disputed")
    settle(qtbot)
    path = win.session.project.path
    assert read_file(path, STATUS, (event,)) == [("disputed",)]
    # The filter bar's Status menu: disputed only.
    menu = win.filter_bar.statuses.menu()
    next(a for a in menu.actions() if a.data() == "disputed").trigger()
    settle(qtbot)
    assert model.rowCount() == 1 and model.event_id(0) == event
    assert win.filter_bar.statuses.text() == "Status: 1"
    # An export of what the table shows holds that event alone.
    assert win.article_commands.shown_export("csv").event_ids == {event}
    next(a for a in menu.actions() if a.data() == "").trigger()  # and the unjudged
    settle(qtbot)
    total = win.session.project.scalar("SELECT count(*) FROM events")
    assert model.rowCount() == total
    win.filter_bar.clear()
    pick_in_cell(qtbot, view, model.index(model.row_of(event), COL["fact_status"]), "(not set)")
    settle(qtbot)
    assert read_file(path, STATUS, (event,)) == [(None,)]
    undo(qtbot, win)
    close_app(win)
    assert read_file(path, STATUS, (event,)) == [("disputed",)]


def test_the_drawn_timeline_marks_key_facts_and_shows_a_legend(qtbot, window):
    win = window
    event = first_event(win)
    click_row(qtbot, win, event)
    press(qtbot, win.table.view, Qt.Key.Key_K)
    win.drawn.schedule()
    qtbot.waitUntil(lambda: event in win.timeline_view.canvas.entries, timeout=5000)
    qtbot.waitUntil(
        lambda: win.timeline_view.canvas.entries[event].fact_status == "key", timeout=5000
    )
    image = win.timeline_view.canvas.grab()
    assert not image.isNull()


# -- memos -------------------------------------------------------------------------------


def test_a_memo_written_in_the_inspector_is_saved_changed_deleted_and_undone(qtbot, window):
    win = window
    event = first_event(win)
    click_row(qtbot, win, event)
    box = win.inspector.memos
    path = win.session.project.path
    qtbot.keyClicks(box.editor, "Check the hour against the wire")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert read_file(path, "SELECT text, event_id FROM notes") == [
        ("Check the hour against the wire", event)
    ]
    assert box.editor.toPlainText() == ""
    assert [n.text for n in box.notes()] == ["Check the hour against the wire"]
    # Choose it, change it, save.
    box.list.setCurrentRow(0)
    box.editor.selectAll()
    qtbot.keyClicks(box.editor, "Hour confirmed: 14:00 GMT")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert read_file(path, "SELECT text FROM notes") == [("Hour confirmed: 14:00 GMT",)]
    # The Memos panel lists it, and a click on it opens the event.
    assert [n.text for n in win.notes.notes()] == ["Hour confirmed: 14:00 GMT"]
    win.selection.select("", "")
    win.docks.show("notes")
    settle(qtbot)
    results = win.notes.results
    rect = results.visualItemRect(results.item(0))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.selected == ("event", event)
    box = win.inspector.memos
    memo = box.list.visualItemRect(box.list.item(0))
    qtbot.mouseClick(box.list.viewport(), Qt.MouseButton.LeftButton, pos=memo.center())
    qtbot.mouseClick(box.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert read_file(path, "SELECT count(*) FROM notes") == [(0,)]
    undo(qtbot, win)
    assert read_file(path, "SELECT text FROM notes") == [("Hour confirmed: 14:00 GMT",)]
    undo(qtbot, win)
    assert read_file(path, "SELECT text FROM notes") == [("Check the hour against the wire",)]
    close_app(win)
    assert read_file(path, "SELECT text FROM notes") == [("Check the hour against the wire",)]


def test_an_over_long_memo_is_refused_with_a_message_and_kept_in_the_box(qtbot, window, warnings):
    win = window
    click_row(qtbot, win, first_event(win))
    box = win.inspector.memos
    box.editor.setPlainText("x" * (NOTE_MAX_CHARS + 1))
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert warnings.calls, "the refusal is shown"
    shown = " ".join(str(a) for a in warnings.calls[-1])
    assert "at most 20,000" in shown and "memo" in shown
    assert len(box.editor.toPlainText()) == NOTE_MAX_CHARS + 1  # nothing typed is lost
    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM notes") == [(0,)]


def test_a_memo_on_a_reader_selection_is_found_by_search_and_opens_its_passage(qtbot, window):
    win = window
    aid, _text = open_article(win, WSJ)
    quote = "Friedrich Merz"
    path = win.session.project.path
    passages_before = read_file(path, "SELECT count(*) FROM passages")
    start, end = select_quote(win, quote)
    press(qtbot, win.reader, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    dialog = win.items.memo_dialog
    assert dialog is not None and "“Friedrich Merz”" in dialog.heading.text()
    qtbot.keyClicks(dialog.editor, "Is he chancellor yet? Check the date of the vote")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    settle(qtbot)
    assert win.items.memo_dialog is None
    (row,) = read_file(path, NOTES)
    assert row[0].startswith("Is he chancellor") and row[2] is not None
    span = 'SELECT article_id, start, "end" FROM passages WHERE id = ?'
    assert read_file(path, span, (row[2],)) == [(aid, start, end)]
    # The project's search finds the memo; opening it shows its passage.
    win.search.set_query("chancellor")
    qtbot.waitUntil(lambda: not win.search.searching)
    hits = [h for h in win.search.hits() if h.kind == "note"]
    assert len(hits) == 1 and hits[0].target_kind == "passage"
    win.reader.select_span(0, 1)
    win.search.open_hit(win.search.results.item(win.search.hits().index(hits[0])))
    assert win.reader.article_id == aid
    # The Memos panel's own search finds it too, and lists what it is about.
    win.notes.set_query("vote")
    (found,) = win.notes.notes()
    assert found.kind == "passage" and quote in found.about
    undo(qtbot, win)
    assert read_file(path, "SELECT count(*) FROM notes") == [(0,)]
    assert read_file(path, "SELECT count(*) FROM passages") == passages_before
    close_app(win)
    assert read_file(path, "SELECT count(*) FROM notes") == [(0,)]


def test_the_article_header_opens_the_articles_memos(qtbot, window):
    win = window
    aid, _text = open_article(win, WSJ)
    header = win.centralWidget().header
    assert header.memos.text().endswith("Write a memo on this article…</a>")
    qtbot.mouseClick(
        header.memos, Qt.MouseButton.LeftButton, pos=QPoint(8, header.memos.height() // 2)
    )
    dialog = header.memo_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.memos.editor, "Paywalled: the archive copy is complete")
    qtbot.mouseClick(dialog.memos.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    dialog.reject()
    path = win.session.project.path
    assert read_file(path, "SELECT text, article_id FROM notes") == [
        ("Paywalled: the archive copy is complete", aid)
    ]
    assert "1 memo on this article" in header.memos.text()
    undo(qtbot, win)
    assert "Write a memo" in header.memos.text()
    close_app(win)
    assert read_file(path, "SELECT count(*) FROM notes") == [(0,)]


def test_the_claims_tab_has_an_editable_status_column(qtbot, window):
    from tests.ui.test_window_writes_panels import claim_cell, real_panel

    win = window
    path = win.session.project.path
    panel = real_panel(win, "claims")
    claim = win.session.project.scalar("SELECT id FROM claims ORDER BY created LIMIT 1")
    sql = "SELECT fact_status FROM claims WHERE id = ?"
    pick_in_cell(qtbot, panel.view, claim_cell(panel, claim, "fact_status"), "key fact")
    settle(qtbot)
    assert read_file(path, sql, (claim,)) == [("key",)]
    assert claim_cell(panel, claim, "fact_status").data() == "key fact"
    pick_in_cell(qtbot, panel.view, claim_cell(panel, claim, "fact_status"), "(not set)")
    settle(qtbot)
    assert read_file(path, sql, (claim,)) == [(None,)]
    undo(qtbot, win)
    close_app(win)
    assert read_file(path, sql, (claim,)) == [("key",)]


def test_the_memos_panel_reads_when_seen_not_after_each_edit_behind_its_tab(qtbot, window):
    from annotator.ui.editing import edits

    win = window
    win.docks.show("search")  # the Memos tab is behind Search
    qtbot.wait(50)
    panel = win.notes
    assert not panel.shown_in_dock
    event = first_event(win)
    assert edits.add_note(win.session, "event", event, "Read behind the tab?")
    assert panel.results.count() == 0  # nothing read while nobody can see it
    win.docks.show("notes")
    qtbot.waitUntil(lambda: panel.results.count() == 1)  # read as its tab comes up
    assert panel.results.item(0).data(Qt.ItemDataRole.UserRole).text == "Read behind the tab?"
