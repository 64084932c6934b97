"""Worklists: each list names what needs a look; F8 walks it from anywhere; a date checked
or an item cited leaves the list, read back from the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.store.worklists import WORKLISTS, worklist
from annotator.ui.editing import edits
from annotator.ui.editing.session import Session
from annotator.ui.window.main_window import MainWindow
from tests.helpers import window_fixture
from tests.helpers.db import close_and_compare, read_file

warnings = window_fixture.warnings


@pytest.fixture
def window(qtbot, seeded_path: Path, warnings):
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
        ops_project = project
        # one event left to check, one undated, one actor nobody cites
        event = ops_project.scalar("SELECT id FROM events ORDER BY headline LIMIT 1")
        ops_project.db.execute("UPDATE events SET date_status = 'suggested' WHERE id = ?", [event])
    win = MainWindow(Session(Project.open(seeded_path)))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    close_and_compare(win.session.project)


def choose(win: MainWindow, name: str) -> None:
    combo = win.worklists.lists
    combo.setCurrentIndex(combo.findData(name))


def test_every_list_runs_on_a_real_project(window) -> None:
    for name in WORKLISTS:
        worklist(window.session.project, name)  # each query is valid SQL over the schema


def test_f8_walks_the_suggested_dates_and_a_confirmed_one_leaves(qtbot, window) -> None:
    win = window
    choose(win, "suggested_dates")
    assert win.worklists.items.count() == 1
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_F8)  # from the reader: the next item, selected
    kind, event_id = win.selection.current
    assert kind == "event" and win.inspector.item_id == event_id
    assert edits.update_item(win.session, "event", event_id, date_status="confirmed")
    assert win.worklists.items.count() == 0 and "Done" in win.worklists.count.text()
    win.actions_["undo"].trigger()
    assert win.worklists.items.count() == 1


def test_an_uncited_actor_is_listed_and_leaves_once_cited(qtbot, window) -> None:
    win = window
    project = win.session.project
    article = project.scalar("SELECT id FROM articles LIMIT 1")
    from annotator.store import operations

    cs, actor = operations.create_actor(project, name="Nobody Yet", span=None)
    assert win.session.run(cs)
    choose(win, "uncited")
    labels = [win.worklists.items.item(i).text() for i in range(win.worklists.items.count())]
    assert any(label.startswith("Nobody Yet") for label in labels)
    assert edits.cite(win.session, "actor", actor, (article, 0, 12))
    labels = [win.worklists.items.item(i).text() for i in range(win.worklists.items.count())]
    assert not any(label.startswith("Nobody Yet") for label in labels)


def test_f9_and_the_inspector_button_confirm_a_suggested_date_keeping_its_phrase(
    qtbot, window
) -> None:
    win = window
    choose(win, "suggested_dates")
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_F8)
    _kind, event_id = win.selection.current
    path = win.session.project.path

    def read() -> tuple:
        sql = "SELECT date, date_phrase, date_anchor, date_status FROM events WHERE id = ?"
        return read_file(path, sql, (event_id,))[0]

    before = read()
    assert before[3] == "suggested"
    button = win.inspector.fields["confirm_date"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert read() == (*before[:3], "confirmed")  # the phrase and its anchor stay
    assert not win.inspector.fields["confirm_date"].isVisibleTo(win.inspector)
    assert win.worklists.items.count() == 0
    win.actions_["undo"].trigger()
    assert read() == before
    qtbot.keyClick(win.reader, Qt.Key.Key_F8)
    qtbot.keyClick(win.reader, Qt.Key.Key_F9)
    assert read() == (*before[:3], "confirmed")
    qtbot.keyClick(win.reader, Qt.Key.Key_F9)  # nothing left to confirm: said, not done
    assert "not a suggestion" in win.statusBar().currentMessage()
