"""The reader's suggestions, taken by key through the real window, read back from the file.

N selects the next suggestion, Y accepts it, D dismisses it, View > Show Suggestions hides
the marks. Each write is read back by a second connection after the project is closed; the
dismissal is undone and read back again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.core.suggestions.candidate import Candidate
from annotator.store import operations
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.ui.common.settings import suggestions_shown
from annotator.ui.new_item.form import NewItemDialog
from tests.helpers import window_fixture
from tests.helpers.db import read_file
from tests.helpers.window_fixture import WSJ, close_app, open_article, press

window = window_fixture.window
warnings = window_fixture.warnings


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    """The seed project with one known actor, Macron, whose alias the WSJ text uses."""
    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        cs, _ = operations.create_actor(
            project, name="Emmanuel Macron", kind="person", aliases=["Macron"]
        )
        project.apply(cs)
    return path


def go_to(qtbot, win, wanted: Callable[[Candidate], bool]) -> Candidate:
    """Press N until the selected suggestion is the one wanted (as an analyst would)."""
    seen = 0
    while seen < 400:
        press(qtbot, win.reader, Qt.Key.Key_N)
        current = win.reader.suggestions.current
        assert current is not None, "N selected nothing"
        assert win.reader.selection_span() == (current.start, current.end)
        if wanted(current):
            return current
        seen += 1
    raise AssertionError("no such suggestion")


def accept_form(qtbot, win) -> NewItemDialog:
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog)
    return dialog


def test_each_kind_is_accepted_by_key_and_reaches_the_file(qtbot, window) -> None:
    win = window
    article_id, text = open_article(win, WSJ)
    win.reader.setFocus()
    assert win.reader.suggestions.shown, "the article has suggestions"

    # (a) a known actor's mention: Y cites the mention for the actor, nothing else asked
    macron = go_to(qtbot, win, lambda c: c.kind == "known_actor")
    assert macron.actor_name == "Emmanuel Macron"
    press(qtbot, win.reader, Qt.Key.Key_Y)
    assert win.tagging.dialog is None
    assert macron not in win.reader.suggestions.shown  # done: its mark is gone

    # (b) a new name: Y opens the new-actor form, prefilled with the name and its kind
    merz = go_to(qtbot, win, lambda c: c.kind == "new_actor" and c.text == "Friedrich Merz")
    press(qtbot, win.reader, Qt.Key.Key_Y)
    dialog = accept_form(qtbot, win)
    assert (dialog.name_edit.text(), dialog.kind_combo.currentText()) == (merz.text, "person")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert win.tagging.dialog is None

    # (c) reported speech: Y opens the claim form, claimant filled in (Merz is known now)
    win.reader.setFocus()
    said = go_to(qtbot, win, lambda c: c.kind == "claim" and c.speaker == "Friedrich Merz")
    press(qtbot, win.reader, Qt.Key.Key_Y)
    dialog = accept_form(qtbot, win)
    assert dialog.claimant_combo.currentText() == "Friedrich Merz"
    assert dialog.text_edit.text() == " ".join(said.claimed.split())
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)

    # (d) a date phrase: Y opens the new-event form on its sentence, with that date chosen
    win.reader.setFocus()
    go_to(qtbot, win, lambda c: c.kind == "date" and c.text == "Wednesday")
    press(qtbot, win.reader, Qt.Key.Key_Y)
    dialog = accept_form(qtbot, win)
    assert dialog.phrase_combo.currentText().startswith("“Wednesday”")
    assert dialog.date_edit.text()
    qtbot.keyClick(dialog.headline_edit, Qt.Key.Key_Return)
    assert win.tagging.dialog is None

    # dismissing: D, and the mark is not offered again
    win.reader.setFocus()
    office = go_to(qtbot, win, lambda c: c.kind == "new_actor" and c.text == "Oval Office")
    press(qtbot, win.reader, Qt.Key.Key_D)
    assert office not in win.reader.suggestions.shown
    assert win.reader.suggestions.current != office

    path = close_app(win)
    macron_quote = read_file(
        path,
        "SELECT p.quote FROM citations c JOIN passages p ON p.id = c.passage_id "
        "JOIN actors a ON a.id = c.actor_id WHERE a.name = 'Emmanuel Macron'",
    )
    assert macron_quote == [(text[macron.start : macron.end],)]
    assert read_file(path, "SELECT kind FROM actors WHERE name = 'Friedrich Merz'") == [("person",)]
    claims = read_file(
        path,
        "SELECT cl.text, a.name, p.start, p.end FROM claims cl JOIN actors a ON a.id = "
        "cl.claimant_id JOIN citations c ON c.claim_id = cl.id JOIN passages p ON p.id = "
        "c.passage_id",
    )
    assert claims == [
        (" ".join(said.claimed.split()), "Friedrich Merz", said.passage_start, said.passage_end)
    ]
    events = read_file(
        path, "SELECT date_phrase, date_status FROM events WHERE date_phrase = ?", ("Wednesday",)
    )
    assert events == [("Wednesday", "suggested")]
    assert read_file(
        path, "SELECT article_id, kind, start, end, text FROM suggestion_dismissals"
    ) == [(article_id, "new_actor", office.start, office.end, "Oval Office")]


def test_dismissal_is_undone_and_marks_switch_off(qtbot, window) -> None:
    win = window
    open_article(win, WSJ)
    win.reader.setFocus()
    macron = go_to(qtbot, win, lambda c: c.kind == "known_actor")
    press(qtbot, win.reader, Qt.Key.Key_Y)
    assert macron not in win.reader.suggestions.shown
    win.actions_["undo"].trigger()  # the citation goes, the mark comes back
    assert macron in win.reader.suggestions.shown
    win.reader.setFocus()
    moscow = go_to(qtbot, win, lambda c: c.kind == "new_actor" and c.text == "Moscow")
    press(qtbot, win.reader, Qt.Key.Key_D)
    assert moscow not in win.reader.suggestions.shown
    win.actions_["undo"].trigger()
    assert moscow in win.reader.suggestions.shown  # back, as before
    assert win.session.project.rows("SELECT id FROM suggestion_dismissals") == []

    # a click on a mark selects it too
    reader = win.reader
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.map.to_utf16(moscow.start) + 1)
    reader.setTextCursor(cursor)  # in view, nothing selected
    reader.ensureCursorVisible()
    point = reader.cursorRect().center() + QPoint(2, 0)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert reader.suggestions.current == moscow

    # View > Show Suggestions: off, remembered, and no key acts on a hidden mark
    shown = win.actions_["show_suggestions"]
    assert shown.isChecked()
    shown.trigger()
    assert not shown.isChecked() and not suggestions_shown()
    assert reader.suggestions.shown == [] and reader.suggestions.selections() == []
    press(qtbot, reader, Qt.Key.Key_N)
    assert reader.suggestions.current is None
    shown.trigger()
    assert suggestions_shown() and moscow in reader.suggestions.shown

    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM suggestion_dismissals") == [(0,)]
    assert read_file(path, "SELECT count(*) FROM citations WHERE actor_id IS NOT NULL") == [(0,)]
