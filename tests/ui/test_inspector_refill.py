"""The inspector shows the next event in the widgets it already has (issue 17): each shows
the event selected, edits made in a refilled form reach that event in the file, and
switching through an actor and a claim builds their own forms. The actor picker reads the
actors when first needed; the suggested dates worklist follows edits, undo and redo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.dates.provenance import HAND_SET
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.editing import edits
from annotator.ui.editing.session import Session
from annotator.ui.window.main_window import MainWindow
from tests.helpers import window_fixture
from tests.helpers.db import close_and_compare, read_file
from tests.helpers.window_fixture import press

warnings = window_fixture.warnings


@pytest.fixture
def window(qtbot, seeded_path: Path, warnings):
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
        # Dates left to check: three read from a phrase (only those can be confirmed). The
        # ids are random, so the three are chosen by what they hold, not by place.
        three = (
            "SELECT id FROM events WHERE date_phrase IS NOT NULL AND date_phrase != '' "
            "AND coalesce(date_anchor, '') NOT IN (SELECT value FROM json_each(?)) "
            "ORDER BY id LIMIT 3"
        )
        project.db.execute(
            f"UPDATE events SET date_status = 'suggested' WHERE id IN ({three})",
            [json.dumps(sorted(HAND_SET))],
        )
    win = MainWindow(Session(Project.open(seeded_path)))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    close_and_compare(win.session.project)


def _event_ids(win: MainWindow) -> list[str]:
    return [r["id"] for r in win.session.project.rows("SELECT id FROM events ORDER BY id")]


def _shown(win: MainWindow) -> dict[str, str]:
    f = win.inspector.fields
    return {
        "headline": f["headline"].text(),
        "type": f["type"].text(),
        "location": f["location"].text(),
        "date": f["date"].edit.text(),
        "confidence": f["confidence"].currentData() or "",
        "fact_status": f["fact_status"].currentData() or "",
        "actors": f["actors"].text(),
        "description": f["description"].toPlainText(),
        "tags": f["tags"].text(),
        "title": win.inspector.title.text(),
    }


def _fresh(win: MainWindow, event_id: str) -> dict[str, str]:
    """The same event in a form made anew (what the inspector showed before it refilled)."""
    actor = win.session.project.scalar("SELECT id FROM actors LIMIT 1")
    win.inspector.select_item("actor", actor)  # another kind: the event form is made again
    fields = dict(win.inspector.fields)
    win.inspector.select_item("event", event_id)
    assert not set(fields.values()) & set(win.inspector.fields.values())
    return _shown(win)


def test_a_refilled_form_shows_each_event_as_a_new_form_would(qtbot, window) -> None:
    win = window
    ids = _event_ids(win)
    assert len(ids) >= 2
    project = win.session.project
    # Give the first two different values in every field, so a value left behind shows.
    assert edits.update_item(
        win.session, "event", ids[0], type="meeting", location="Kyiv", confidence="high"
    )
    assert edits.update_item(win.session, "event", ids[1], type=None, location=None)
    assert edits.set_tags(win.session, "event", ids[0], ["alpha"])
    expected = {i: _fresh(win, i) for i in ids}
    win.inspector.select_item("event", ids[0])
    kept = dict(win.inspector.fields)
    for event_id in [*ids, ids[0], *reversed(ids)]:
        win.inspector.select_item("event", event_id)
        assert _shown(win) == expected[event_id]
        assert win.inspector.fields == kept  # the same widgets, refilled
    actor = project.scalar("SELECT id FROM actors ORDER BY name LIMIT 1")
    claim = project.scalar("SELECT id FROM claims LIMIT 1")
    win.inspector.select_item("actor", actor)
    assert set(win.inspector.fields) >= {"name", "kind", "aliases"}
    assert "headline" not in win.inspector.fields
    win.inspector.select_item("claim", claim)
    assert set(win.inspector.fields) >= {"text", "claimant_id", "stance"}
    win.inspector.select_item("event", ids[1])
    assert _shown(win) == expected[ids[1]]
    kept = dict(win.inspector.fields)
    win.inspector.select_item("", "")  # nothing selected: the form hidden, kept
    assert not win.inspector.form_host.isVisible() and win.inspector.kind is None
    win.inspector.select_item("event", ids[0])
    assert win.inspector.form_host.isVisible()
    assert _shown(win) == expected[ids[0]] and win.inspector.fields == kept


def test_an_edit_in_a_refilled_form_reaches_the_event_shown(qtbot, window) -> None:
    win = window
    first, second = _event_ids(win)[:2]
    path = win.session.project.path
    before = read_file(path, "SELECT headline FROM events WHERE id = ?", (first,))
    win.inspector.select_item("event", first)
    win.inspector.select_item("event", second)  # refilled
    headline = win.inspector.fields["headline"]
    headline.setFocus()
    headline.selectAll()
    qtbot.keyClicks(headline, "Refilled headline")
    press(qtbot, headline, Qt.Key.Key_Return)
    picker = win.inspector.fields["actors"]
    picker.edit.setFocus()
    picker.edit.selectAll()
    qtbot.keyClicks(picker.edit, "Somebody New")
    assert "will create" in picker.status.text()
    press(qtbot, picker.edit, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert read_file(path, "SELECT headline FROM events WHERE id = ?", (second,)) == [
        ("Refilled headline",)
    ]
    assert read_file(path, "SELECT headline FROM events WHERE id = ?", (first,)) == before
    names = "SELECT a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
    names += "WHERE ea.event_id = ?"
    assert read_file(path, names, (second,)) == [("Somebody New",)]
    assert picker.status.text() == "1 actor"
    win.actions_["undo"].trigger()
    win.actions_["undo"].trigger()
    headline_of_second = read_file(path, "SELECT headline FROM events WHERE id = ?", (second,))
    assert headline_of_second != [("Refilled headline",)]
    assert win.inspector.fields["headline"].text() == headline_of_second[0][0]
    win.actions_["redo"].trigger()
    win.actions_["redo"].trigger()
    assert read_file(path, names, (second,)) == [("Somebody New",)]
    assert win.inspector.fields["actors"].text() == "Somebody New"


def test_the_actor_picker_reads_the_actors_only_when_needed(qtbot, window) -> None:
    win = window
    event = _event_ids(win)[0]
    win.inspector.select_item("event", event)
    picker = win.inspector.fields["actors"]
    assert not picker.loaded()  # shown, not yet read
    stored = picker.text()
    count = len([n for n in stored.split(";") if n.strip()])
    assert picker.status.text() == (f"{count} actor" + ("s" if count != 1 else ""))
    picker.edit.setFocus()
    qtbot.keyClick(picker.edit, Qt.Key.Key_End)
    assert picker.loaded()


def test_the_suggested_dates_follow_edits_undo_and_redo(qtbot, window) -> None:
    win = window
    combo = win.worklists.lists
    combo.setCurrentIndex(combo.findData("suggested_dates"))
    win.worklists.show()
    path = win.session.project.path
    ids = [
        r["id"]
        for r in win.session.project.rows(
            "SELECT id FROM events ORDER BY date_status != 'suggested', id"
        )
    ]

    def listed() -> set[str]:
        items = win.worklists.items
        return {items.item(i).data(Qt.ItemDataRole.UserRole)["id"] for i in range(items.count())}

    def in_file() -> set[str]:
        sql = "SELECT id FROM events WHERE date_status = 'suggested'"
        return {r[0] for r in read_file(path, sql)}

    assert listed() == in_file() == set(ids[:3])
    for event_id in ids[:2]:
        ok = edits.update_item(win.session, "event", event_id, date_status="confirmed")
        assert ok, repr(win.session.last_error)
        assert listed() == in_file()
    assert listed() == {ids[2]}
    for action in ("undo", "undo", "redo", "undo", "redo", "redo"):
        win.actions_[action].trigger()
        assert listed() == in_file()
    assert listed() == {ids[2]}


def test_the_event_form_made_while_idle_is_filled_by_the_first_event_selected(
    qtbot, window
) -> None:
    """Made once the window is idle (hidden, as an undone Enter leaves it): the first event
    selected is shown in it, as a form made for it would show it, and an edit there reaches
    that event in the file."""
    win = window
    ids = _event_ids(win)
    expected = {i: _fresh(win, i) for i in ids[:2]}
    actor = win.session.project.scalar("SELECT id FROM actors LIMIT 1")
    win.inspector.select_item("actor", actor)  # another kind's form: none made while idle
    win._prepare_forms()
    assert "headline" not in win.inspector.fields
    win.inspector.select_item("", "")
    win.inspector._clear_form()
    win._prepare_forms()
    assert not win.inspector.form_host.isVisible() and win.inspector.kind is None
    assert win.inspector.title.text() == "Nothing selected"
    made = dict(win.inspector.fields)
    assert {"headline", "date", "actors", "tags"} <= set(made)
    win.inspector.select_item("event", ids[1])
    assert win.inspector.form_host.isVisible()
    assert win.inspector.fields == made  # filled, not made anew
    assert _shown(win) == expected[ids[1]]
    headline = win.inspector.fields["headline"]
    headline.setFocus()
    headline.selectAll()
    qtbot.keyClicks(headline, "Made while idle")
    press(qtbot, headline, Qt.Key.Key_Return)
    qtbot.wait(50)
    path = win.session.project.path
    assert read_file(path, "SELECT headline FROM events WHERE id = ?", (ids[1],)) == [
        ("Made while idle",)
    ]
