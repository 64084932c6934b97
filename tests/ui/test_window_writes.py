"""Every edit made through the window reaches the file.

Each test drives the widgets as an analyst does, closes the window and the project, and
reads the file from a connection of its own. A test that asked the app's own connection
could not see a transaction that was never committed, so none of these do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from annotator.ui.editing import edits
from tests.helpers import window_fixture
from tests.helpers.db import read_file
from tests.helpers.window_fixture import NYT, WSJ, close_app, open_article, press, select_quote

window = window_fixture.window
warnings = window_fixture.warnings

QUOTES = ("the European Union unveiled plans", "Friedrich Merz", "800 billion euros")


def test_three_events_by_keyboard_all_reach_the_file(qtbot, window):
    win = window
    open_article(win, WSJ)
    for quote in QUOTES:
        select_quote(win, quote)
        press(qtbot, win.reader, Qt.Key.Key_E)
        dialog = win.tagging.dialog
        assert dialog is not None
        press(qtbot, dialog, Qt.Key.Key_Return)
        assert win.tagging.dialog is None
        qtbot.wait(150)  # deferred work (the drawn timeline's refresh) runs
    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM events") == [(3,)]


# -- helpers that act as the analyst does -----------------------------------------------


def type_into(qtbot, edit, text: str) -> None:
    """Focus a line edit, replace its text by typing, and press Enter."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    press(qtbot, edit, Qt.Key.Key_Return)


def settle(qtbot) -> None:
    qtbot.wait(120)  # deferred work (patches of the drawn timeline, counts) runs


def tag(qtbot, win, quote: str, key) -> None:
    select_quote(win, quote)
    press(qtbot, win.reader, key)
    dialog = win.tagging.dialog
    assert dialog is not None
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert win.tagging.dialog is None
    settle(qtbot)


def inspector(win):
    return win.panels["inspector"]


def new_event(qtbot, win, quote: str = "the European Union unveiled plans") -> str:
    before = win.session.undo_stack.count()
    tag(qtbot, win, quote, Qt.Key.Key_E)
    assert win.session.undo_stack.count() == before + 1
    assert win.selected and win.selected[0] == "event"
    return win.selected[1]


# -- tagging keys ------------------------------------------------------------------------


def test_actor_claim_and_cite_keys_reach_the_file(qtbot, window):
    win = window
    open_article(win, WSJ)
    tag(qtbot, win, "Friedrich Merz", Qt.Key.Key_A)
    actor = win.selected[1]
    select_quote(win, "Merz")  # a second passage, cited for the selected actor with R
    press(qtbot, win.reader, Qt.Key.Key_R)
    settle(qtbot)
    tag(
        qtbot, win, "Putin said on Thursday that the Kremlin will make no concessions", Qt.Key.Key_C
    )
    path = close_app(win)
    assert read_file(path, "SELECT id, name FROM actors") == [(actor, "Friedrich Merz")]
    assert read_file(path, "SELECT count(*) FROM citations WHERE actor_id = ?", (actor,)) == [(2,)]
    assert read_file(path, "SELECT count(*) FROM claims") == [(1,)]
    assert read_file(path, "SELECT count(*) FROM citations WHERE claim_id IS NOT NULL") == [(1,)]


# -- the inspector's fields --------------------------------------------------------------


def test_every_event_field_in_the_inspector_reaches_the_file(qtbot, window):
    win = window
    open_article(win, WSJ)
    event = new_event(qtbot, win)
    ins = inspector(win)
    type_into(qtbot, ins.fields["headline"], "EU unveils defence plan")
    type_into(qtbot, ins.fields["date"].edit, "5 March 2025")
    type_into(qtbot, ins.fields["type"], "announcement")
    type_into(qtbot, ins.fields["location"], "Brussels")
    type_into(qtbot, ins.fields["actors"].edit, "Ursula von der Leyen: speaker")
    settle(qtbot)
    ins = inspector(win)
    tags = ins.fields["tags"]
    type_into(qtbot, tags, "defence, eu")
    confidence = ins.fields["confidence"]
    confidence.setFocus()
    press(qtbot, confidence, Qt.Key.Key_Down)
    chosen = confidence.currentText()
    assert chosen
    description = ins.fields["description"]
    qtbot.keyClicks(description, "Plan of 800bn")
    # Leaving the box commits it (the offscreen platform moves no real focus: send it).
    QApplication.sendEvent(
        description, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason)
    )
    settle(qtbot)
    path = close_app(win)
    row = read_file(
        path,
        "SELECT headline, date, type, location, confidence, description FROM events WHERE id = ?",
        (event,),
    )
    assert row == [
        (
            "EU unveils defence plan",
            "2025-03-05",
            "announcement",
            "Brussels",
            chosen,
            "Plan of 800bn",
        )
    ]
    assert read_file(
        path,
        "SELECT a.name, ea.role FROM event_actors ea JOIN actors a "
        "ON a.id = ea.actor_id WHERE ea.event_id = ?",
        (event,),
    ) == [("Ursula von der Leyen", "speaker")]
    assert read_file(path, "SELECT tag FROM tags WHERE event_id = ? ORDER BY tag", (event,)) == [
        ("defence",),
        ("eu",),
    ]


def test_actor_fields_and_alias_in_the_inspector_reach_the_file(qtbot, window):
    win = window
    open_article(win, WSJ)
    tag(qtbot, win, "Friedrich Merz", Qt.Key.Key_A)
    actor = win.selected[1]
    ins = inspector(win)
    type_into(qtbot, ins.fields["name"], "Friedrich Merz (CDU)")
    type_into(qtbot, inspector(win).fields["aliases"], "Merz; Chancellor Merz")
    settle(qtbot)
    path = close_app(win)
    assert read_file(path, "SELECT name, aliases FROM actors WHERE id = ?", (actor,)) == [
        ("Friedrich Merz (CDU)", '["Merz", "Chancellor Merz"]')
    ]


def test_claim_fields_in_the_inspector_reach_the_file(qtbot, window):
    win = window
    open_article(win, WSJ)
    tag(
        qtbot, win, "Putin said on Thursday that the Kremlin will make no concessions", Qt.Key.Key_C
    )
    claim = win.selected[1]
    ins = inspector(win)
    type_into(qtbot, ins.fields["text"], "No concessions on war aims")
    type_into(qtbot, inspector(win).fields["claimed"].edit, "6 March 2025")
    stance = inspector(win).fields["stance"]
    stance.setFocus()
    press(qtbot, stance, Qt.Key.Key_Down)
    settle(qtbot)
    chosen = inspector(win).fields["stance"].currentText()
    path = close_app(win)
    assert read_file(path, "SELECT text, claimed, stance FROM claims WHERE id = ?", (claim,)) == [
        ("No concessions on war aims", "2025-03-06", chosen)
    ]


# -- tables, the drawn timeline, delete, undo, redo --------------------------------------


def test_table_cell_edit_reaches_the_file(qtbot, window, qtlog):
    from annotator.ui.table.panel import COL
    from tests.ui.test_tagging_flow import edit_cell

    win = window
    open_article(win, WSJ)
    event = new_event(qtbot, win)
    table = win.panels["timeline_table"]
    index = table.model.index(table.model.row_of(event), COL["headline"])
    edit_cell(qtbot, table.view, index, "Edited in the table")
    index = table.model.index(table.model.row_of(event), COL["date"])
    edit_cell(qtbot, table.view, index, "6 Mar 2025")
    settle(qtbot)
    win.reader.setFocus()  # the editor's focus-out comes after its own commit
    settle(qtbot)
    assert not [r for r in qtlog.records if "commitData" in r.message]
    path = close_app(win)
    assert read_file(path, "SELECT headline, date, date_anchor FROM events") == [
        ("Edited in the table", "2025-03-06", "table")
    ]


def test_dragging_on_the_drawn_timeline_reaches_the_file(qtbot, window):
    from PySide6.QtCore import QPoint

    win = window
    open_article(win, WSJ)
    event = new_event(qtbot, win)  # suggested: Tuesday 4 March 2025
    settle(qtbot)
    view = win.timeline_view
    win.docks["timeline_view"].show()
    qtbot.waitUntil(lambda: bool(view.canvas.item_rects(event)))
    view.zoom_by(40.0 / view.canvas.px_per_day)
    view.canvas.repaint()
    rect = view.canvas.item_rects(event)[0]
    start = QPoint(round(rect.left() + 6), round(rect.center().y()))
    qtbot.mousePress(view.canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.canvas, start + QPoint(60, 0))
    qtbot.mouseMove(view.canvas, start + QPoint(81, 0))
    qtbot.mouseRelease(view.canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(81, 0))
    settle(qtbot)
    # the inspector says the date was moved by hand, not that "Tuesday" was confirmed
    note = win.inspector.fields["date_source"].text()
    assert "moved on the drawn timeline" in note and "Tuesday" not in note
    path = close_app(win)
    assert read_file(path, "SELECT date, date_phrase, date_anchor FROM events") == [
        ("2025-03-06", None, "dragged")
    ]


def test_a_date_typed_in_the_inspector_is_labelled_typed(qtbot, window):
    win = window
    open_article(win, WSJ)
    event = new_event(qtbot, win)  # suggested from "On Tuesday"
    settle(qtbot)
    win.select_item("event", event)
    assert "Tuesday" in win.inspector.fields["date_source"].text()
    editor = win.inspector.fields["date"]
    editor.edit.setFocus()
    editor.edit.setText("5 March 2025")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert win.inspector.fields["date_source"].text() == "typed by the analyst"
    win.actions_["undo"].trigger()  # back to the suggestion, with its phrase
    settle(qtbot)
    path = close_app(win)
    row = read_file(path, "SELECT date, date_phrase, date_anchor FROM events")[0]
    assert row[0] == "2025-03-04" and "Tuesday" in row[1] and row[2] == "published"


def test_delete_undo_redo_reach_the_file(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.helpers.window_fixture import Calls

    win = window
    open_article(win, WSJ)
    kept = new_event(qtbot, win, "Friedrich Merz")
    gone = new_event(qtbot, win)
    monkeypatch.setattr(QMessageBox, "question", Calls(QMessageBox.StandardButton.Yes))
    win.select_item("event", gone)
    win.panels["timeline_table"].view.setFocus()
    press(qtbot, win.panels["timeline_table"].view, Qt.Key.Key_Delete)
    settle(qtbot)
    path = win.session.project.path
    assert read_file(path, "SELECT id FROM events") == [(kept,)]  # seen while the app runs
    press(qtbot, win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert sorted(read_file(path, "SELECT id FROM events")) == sorted([(kept,), (gone,)])
    press(
        qtbot,
        win.reader,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot)
    press(qtbot, win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo again
    press(qtbot, win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and the 2nd
    settle(qtbot)
    close_app(win)
    assert read_file(path, "SELECT id FROM events") == [(kept,)]
    assert read_file(path, "SELECT count(*) FROM citations WHERE event_id = ?", (gone,)) == [(0,)]


# -- import, merge, metadata, actor merge ------------------------------------------------


def test_import_merge_and_metadata_reach_the_file(
    qtbot, window, monkeypatch, tmp_path, seeded_path
):
    import shutil

    from PySide6.QtWidgets import QFileDialog

    from annotator.store import operations
    from annotator.store.project import Project
    from tests.helpers.window_fixture import Calls

    win = window
    article = tmp_path / "new.txt"
    article.write_text("Brussels, 9 March 2025. Ministers met on Sunday.\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", Calls(([str(article)], "")))
    with qtbot.waitSignal(win.importer.finished, timeout=20000):
        win.actions_["import"].trigger()
    settle(qtbot)
    theirs = tmp_path / "theirs.db"
    shutil.copy(seeded_path, theirs)
    with Project.open(theirs, analyst="bo") as other:
        aid = other.scalar("SELECT id FROM articles LIMIT 1")
        other.apply(operations.create_event(other, headline="Their event", span=(aid, 0, 8))[0])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", Calls((str(theirs), "")))
    win.actions_["merge"].trigger()
    settle(qtbot)
    open_article(win, WSJ)
    win.actions_["article_details"].trigger()
    dialog = win.article_commands.metadata_dialog
    dialog.title_edit.setText("Europe rearms")
    press(qtbot, dialog, Qt.Key.Key_Return)
    settle(qtbot)
    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM articles") == [(4,)]
    assert read_file(path, "SELECT headline FROM events") == [("Their event",)]
    assert ("Europe rearms",) in read_file(path, "SELECT title FROM articles")


# -- another program opens and closes the file while the app writes ----------------------


def test_a_second_client_opening_and_closing_the_file_loses_nothing(qtbot, window):
    import shutil
    import subprocess

    win = window
    path = win.session.project.path
    open_article(win, WSJ)
    new_event(qtbot, win)
    settle(qtbot)  # the backup and the passage check have run in their threads by now
    qtbot.wait(300)
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    assert wal.exists() and shm.exists()
    shell = shutil.which("sqlite3")
    for _ in range(3):
        if shell:
            subprocess.run(
                [shell, str(path), "SELECT count(*) FROM events;"], check=True, capture_output=True
            )
        else:  # another process all the same
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sqlite3,sys; c=sqlite3.connect("
                    "sys.argv[1]); c.execute('select 1').fetchall(); c.close()",
                    str(path),
                ],
                check=True,
            )
        assert wal.exists() and shm.exists(), "the app's -wal/-shm were deleted under it"
        new_event(qtbot, win, "Friedrich Merz")
    seen = read_file(path, "SELECT count(*) FROM events")
    assert seen == [(4,)]
    close_app(win)
    assert read_file(path, "SELECT count(*) FROM events") == [(4,)]


def test_article_counts_follow_a_citation_of_a_passage_already_cited(qtbot, window):
    """Citing a passage that is already cited adds no passage row, only a citation: the
    article's item count must still follow it, and follow its undo."""
    win = window
    model = win.articles.model
    open_article(win, NYT)
    other = new_event(qtbot, win, "gathered the chiefs of staff")
    wsj, _ = open_article(win, WSJ)
    new_event(qtbot, win)
    qtbot.waitUntil(lambda: model.index(model.row_of(wsj), 3).data() == 1)
    win.select_item("event", other)
    select_quote(win, "the European Union unveiled plans")  # the passage already cited
    press(qtbot, win.reader, Qt.Key.Key_R)
    settle(qtbot)
    qtbot.waitUntil(lambda: model.index(model.row_of(wsj), 3).data() == 2)
    win.actions_["undo"].trigger()
    qtbot.waitUntil(lambda: model.index(model.row_of(wsj), 3).data() == 1)
    close_app(win)


def test_deleting_an_uncited_article_reaches_the_file_and_undo_brings_it_back(
    qtbot, window, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from tests.helpers.window_fixture import Calls

    win = window
    aid, _ = open_article(win, NYT)
    monkeypatch.setattr(QMessageBox, "question", Calls(QMessageBox.StandardButton.Yes))
    win.actions_["delete_article"].trigger()
    settle(qtbot)
    assert win.reader.article_id != aid
    assert win.articles.model.row_of(aid) < 0
    win.actions_["undo"].trigger()
    win.actions_["redo"].trigger()
    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM articles WHERE id = ?", (aid,)) == [(0,)]


def test_a_cited_article_is_not_deleted_and_the_analyst_is_told(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.helpers.window_fixture import Calls

    win = window
    aid, _ = open_article(win, WSJ)
    new_event(qtbot, win)
    monkeypatch.setattr(QMessageBox, "question", Calls(QMessageBox.StandardButton.Yes))
    told = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", told)
    win.actions_["delete_article"].trigger()
    settle(qtbot)
    assert told.calls and "1 citation points into this article" in told.calls[-1][2]
    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM articles WHERE id = ?", (aid,)) == [(1,)]


def test_a_new_publication_date_moves_suggested_dates_not_confirmed_ones(qtbot, window):
    win = window
    aid, _ = open_article(win, WSJ)
    suggested = new_event(qtbot, win)  # "On Tuesday, the European Union unveiled plans"
    confirmed = new_event(qtbot, win, "Friedrich Merz")
    edits.update_item(win.session, "event", confirmed, date="2025-03-04")  # the analyst's own
    path = win.session.project.path
    assert read_file(path, "SELECT date, date_status FROM events WHERE id = ?", (suggested,)) == [
        ("2025-03-04", "suggested")
    ]
    win.actions_["article_details"].trigger()
    dialog = win.article_commands.metadata_dialog
    dialog.published_edit.setText("14 March 2025")
    press(qtbot, dialog, Qt.Key.Key_Return)
    settle(qtbot)
    rows = dict(read_file(path, "SELECT id, date FROM events"))
    assert rows == {suggested: "2025-03-11", confirmed: "2025-03-04"}
    assert read_file(
        path, "SELECT date_phrase, date_status FROM events WHERE id = ?", (suggested,)
    ) == [("Tuesday", "suggested")]
    assert "worked out again" in win.actions_["undo"].text()
    win.actions_["undo"].trigger()  # one step: the publication date and the date it moved
    settle(qtbot)
    rows = dict(read_file(path, "SELECT id, date FROM events"))
    assert rows == {suggested: "2025-03-04", confirmed: "2025-03-04"}
    assert read_file(path, "SELECT published FROM articles WHERE id = ?", (aid,)) == [
        ("2025-03-07/2025-03-08",)
    ]
    close_app(win)
