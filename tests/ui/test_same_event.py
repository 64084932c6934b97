"""The same event from a second source is cited, not made twice: the new-event form says it
looks like one already in the chronology, and why; one click cites the passage for it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.cli import main
from annotator.core.dates.value import DateValue
from annotator.store.project import Project
from annotator.store.queries import SORT_KEYS
from annotator.store.same_event import similar_events
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.editing.session import Session
from annotator.ui.window.main_window import MainWindow
from tests.helpers import window_fixture
from tests.helpers.db import db_dump_all
from tests.helpers.window_fixture import press, select_quote

warnings = window_fixture.warnings
SECOND = (
    "Brussels plans a defence fund\n\n"
    "On Tuesday the European Union set out a plan to raise defence spending by 800 billion "
    "euros over four years, officials said.\n"
)


@pytest.fixture
def window(qtbot, seeded_path: Path, tmp_path: Path, warnings):
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    assert main(["import", str(seeded_path), str(second), "--published", "2025-03-06",
                 "--outlet", "Second Paper"]) == 0  # fmt: skip
    win = MainWindow(Session(Project.open(seeded_path)))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def open_second(win: MainWindow) -> None:
    aid = win.session.project.scalar("SELECT id FROM articles WHERE outlet = 'Second Paper'")
    win.articles.select_article(aid)
    assert win.reader.article_id == aid


def test_the_form_names_the_event_already_there_and_cites_it(qtbot, window) -> None:
    win = window
    path = win.session.project.path
    events_before = win.session.project.scalar("SELECT count(*) FROM events")
    open_second(win)
    select_quote(win, "the European Union set out a plan to raise defence spending")
    press(qtbot, win.reader, Qt.Key.Key_E)
    form = win.tagging.dialog
    assert form.same_note.isVisibleTo(form)
    note = form.same_note.text()
    assert "EU unveils plan to raise defence spending" in note
    assert "the dates meet" in note and "alike" in note
    if shots := os.environ.get("ANNOTATOR_SCREENSHOTS"):
        form.grab().save(str(Path(shots) / "new-event-same-event.png"))
    form.same_button.click()
    qtbot.waitUntil(lambda: win.tagging.dialog is None)
    eu = win.session.project.scalar("SELECT id FROM events WHERE headline LIKE 'EU unveils plan%'")
    assert win.selection.current == ("event", eu)
    win.close()
    win.session.project.close()
    dump = db_dump_all(path)
    assert len(dump["events"]) == events_before  # no second event
    outlets = {  # cited from both papers now
        r[0]
        for r in __import__("sqlite3")
        .connect(path)
        .execute(
            "SELECT a.outlet FROM citations c JOIN passages p ON p.id = c.passage_id "
            "JOIN articles a ON a.id = p.article_id JOIN events e ON e.id = c.event_id "
            "WHERE e.headline LIKE 'EU unveils plan%'"
        )
    }
    assert outlets == {"The Wall Street Journal", "Second Paper"}


def test_an_unrelated_passage_offers_no_match(qtbot, window) -> None:
    win = window
    open_second(win)
    select_quote(win, "officials said")
    press(qtbot, win.reader, Qt.Key.Key_E)
    form = win.tagging.dialog
    form.headline_edit.setText("Officials brief reporters on the fund's timing")
    form.date_edit.setText("1 January 2025")
    form.date_edit.editingFinished.emit()
    assert not form.same_note.isVisibleTo(form)
    form.reject()


def test_matching_reads_a_bounded_set_and_explains_itself(qtbot, window) -> None:
    project = window.session.project
    found = similar_events(
        project, "EU defence spending plan", DateValue.from_edtf("2025-03-04"), []
    )
    assert found and found[0].headline.startswith("EU unveils plan")
    assert any("dates meet" in r for r in found[0].reasons)
    far = similar_events(project, "EU defence spending plan", DateValue.from_edtf("2019"), [])
    assert not any(m.headline.startswith("EU unveils") and "dates meet" in m.reasons
                   for m in far)  # fmt: skip


def test_single_source_events_are_marked_and_filtered(qtbot, window, tmp_path: Path) -> None:
    """The EU plan now has two outlets behind it; every other event has one."""
    win = window
    open_second(win)
    select_quote(win, "the European Union set out a plan to raise defence spending")
    press(qtbot, win.reader, Qt.Key.Key_E)
    win.tagging.dialog.same_button.click()
    qtbot.waitUntil(lambda: win.tagging.dialog is None)
    model = win.table.model
    eu = win.session.project.scalar("SELECT id FROM events WHERE headline LIKE 'EU unveils%'")
    col = SORT_KEYS.index("sources")
    fg = Qt.ItemDataRole.ForegroundRole
    assert model.index(model.row_of(eu), col).data(fg) is None  # two outlets: plain
    other = next(r for r in range(model.rowCount()) if model.event_id(r) != eu)
    assert model.index(other, col).data(fg) is not None  # one outlet: marked
    assert "single source" in str(model.index(other, col).data(Qt.ItemDataRole.ToolTipRole))
    win.filter_bar.single_source.setChecked(True)  # as a click on the box
    shown = {model.event_id(r) for r in range(model.rowCount())}
    assert eu not in shown and len(shown) == 11 - 1


@pytest.mark.parametrize(
    ("dated", "meet", "shared", "mine", "alike", "offered"),
    [
        (True, True, 2, 2, 55, True),  # both actors, same day, another outlet's words
        (True, True, 1, 1, 55, True),  # the one actor there is
        (True, True, 1, 2, 55, False),  # one of two actors on the same day: their other doing
        (True, True, 1, 2, 85, True),  # ... unless the headline says the same
        (True, False, 2, 2, 95, False),  # a year apart: another summit
        (True, True, 0, 2, 95, False),  # other actors
        (False, False, 1, 1, 90, True),  # undated: the headline and actors must carry it
        (True, True, 0, 0, 92, True),  # no actor picked yet: a near copy only
        (True, True, 0, 0, 80, False),
    ],
)
def test_an_offer_needs_date_actors_and_headline_together(
    dated: bool, meet: bool, shared: int, mine: int, alike: float, offered: bool
) -> None:
    from annotator.store.same_event import _offered

    assert _offered(dated, meet, shared, mine, alike) is offered
