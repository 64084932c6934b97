"""Graded sources, contested claims and event assessments through the real window: the
reader header's outlet and article grades, the inspector's assessment, its suggestion and a
citation's credibility, claims for and against side by side, the claims table's Contested
column, the filter bar's grade filters and the drawn timeline's single-source badge. Each
write is read from a connection of its own, after undo, and after the project closes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store import grades
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.panels.claims import KEYS
from annotator.ui.timeline import export as timeline_export
from tests.helpers import window_fixture
from tests.helpers.window_fixture import WSJ, open_article, press
from tests.ui.test_window_facts_and_memos import click_row, undo
from tests.ui.test_window_writes import close_app, read_file, settle

window = window_fixture.window
warnings = window_fixture.warnings
SHOTS = os.environ.get("ANNOTATOR_SCREENSHOTS")
PARIS = "Paris meeting of 30+ chiefs of staff on a peacekeeping force"
DENIAL = "No European force will ever be accepted in Ukraine"


@pytest.fixture
def seeded_path(seeded_path):
    """The worked example, with a claim that disputes the Paris meeting's purpose, cited
    from another paper: the event is contested."""
    with Project.open(seeded_path) as p:
        annotate_seed_project(p)
        event = p.scalar("SELECT id FROM events WHERE headline = ?", [PARIS])
        putin = p.scalar("SELECT id FROM actors WHERE name = 'Vladimir Putin'")
        wsj = p.scalar("SELECT id, text FROM articles WHERE source LIKE ?", [f"{WSJ}%"])
        text = p.scalar("SELECT text FROM articles WHERE id = ?", [wsj])
        quote = "the Kremlin will make no concessions on its war aims"
        start = text.index(quote)
        cs, _claim = ops.create_claim(
            p,
            text=DENIAL,
            claimant_id=putin,
            stance="disputes",
            event_id=event,
            span=(wsj, start, start + len(quote)),
        )
        p.apply(cs)
    return seeded_path


def paris(win) -> str:
    return win.session.project.scalar("SELECT id FROM events WHERE headline = ?", [PARIS])


def choose(qtbot, combo, steps: int) -> None:
    """Pick by keyboard, as an analyst does: each step down is one choice (one edit)."""
    combo.setFocus()
    for _ in range(steps):
        press(qtbot, combo, Qt.Key.Key_Down)
    settle(qtbot)


# -- the reader header: outlet and article grades -------------------------------------------


def test_the_reader_header_grades_the_outlet_and_the_article(qtbot, window):
    win = window
    aid, _text = open_article(win, WSJ)
    header = win.reader_pane.header.grades
    path = win.session.project.path
    assert header.outlet_label.text() == "Outlet: The Wall Street Journal"
    assert header.outlet_grade.itemText(2) == "B — Usually reliable"
    choose(qtbot, header.outlet_grade, 2)  # not graded → A → B
    outlet = "SELECT outlet, grade FROM outlet_grades"
    assert read_file(path, outlet) == [("The Wall Street Journal", "B")]
    assert win.session.undo_stack.count() == 2
    choose(qtbot, header.article_grade, 4)  # as its outlet → A → B → C → D
    own = "SELECT reliability FROM articles WHERE id = ?"
    assert read_file(path, own, (aid,)) == [("D",)]
    if SHOTS:
        win.reader_pane.header.grab().save(str(Path(SHOTS) / "reader-grades.png"))
    undo(qtbot, win)
    assert read_file(path, own, (aid,)) == [("C",)]
    assert header.article_grade.currentData() == "C"
    choose(qtbot, header.outlet_grade, 0)
    header.outlet_grade.setFocus()
    press(qtbot, header.outlet_grade, Qt.Key.Key_Up)
    press(qtbot, header.outlet_grade, Qt.Key.Key_Up)  # back to "not graded": the row goes
    settle(qtbot)
    assert read_file(path, outlet) == []
    undo(qtbot, win)
    close_app(win)
    assert read_file(path, outlet) == [("The Wall Street Journal", "A")]
    assert read_file(path, own, (aid,)) == [("C",)]


def test_an_article_without_an_outlet_offers_only_its_own_grade(qtbot, window):
    win = window
    aid, _text = open_article(win, WSJ)
    win.session.edit(lambda p: ops.update_article(p, aid, outlet=""))
    settle(qtbot)
    header = win.reader_pane.header.grades
    assert header.outlet_label.text() == "No outlet to grade"
    assert not header.outlet_grade.isEnabled() and header.article_grade.isEnabled()


# -- the inspector: assessment, suggestion, contest, credibility -----------------------------


def test_the_inspector_sets_the_assessment_and_shows_the_contest_side_by_side(qtbot, window):
    win = window
    event = paris(win)
    click_row(qtbot, win, event)
    evidence = win.inspector.evidence
    assert evidence.isVisible()
    assert "Suggested: disputed" in evidence.suggestion.text()
    assert evidence.contest_title.text().startswith("Contested")
    assert "Emmanuel Macron" in evidence.for_claims.text()
    assert "Vladimir Putin" in evidence.against_claims.text()
    assert DENIAL in evidence.against_claims.text()
    assert "The Wall Street Journal" in evidence.against_claims.text()  # where it is cited
    path = win.session.project.path
    sql = "SELECT assessment FROM events WHERE id = ?"
    choose(qtbot, evidence.assessment, 1)  # (not assessed) → corroborated
    assert read_file(path, sql, (event,)) == [("corroborated",)]
    qtbot.mouseClick(evidence.use_suggestion, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert read_file(path, sql, (event,)) == [("disputed",)]
    assert not evidence.use_suggestion.isVisible()  # it is what is suggested now
    undo(qtbot, win)
    assert read_file(path, sql, (event,)) == [("corroborated",)]
    close_app(win)
    assert read_file(path, sql, (event,)) == [("corroborated",)]


def test_a_citations_credibility_is_set_under_the_citations(qtbot, window):
    win = window
    event = paris(win)
    win.session.edit(lambda p: grades.set_outlet_grade(p, "The New York Times", "B"))
    win.session.edit(lambda p: grades.set_event_assessment(p, event, "disputed"))
    click_row(qtbot, win, event)
    inspector = win.inspector
    citations = inspector.citations
    assert "graded B-" in citations.item(0).text()
    assert not inspector.credibility.isEnabled()  # no citation chosen yet
    rect = citations.visualItemRect(citations.item(0))
    qtbot.mouseClick(citations.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert inspector.credibility.isEnabled()
    choose(qtbot, inspector.credibility, 2)  # not graded → 1 → 2
    path = win.session.project.path
    sql = "SELECT credibility FROM citations WHERE event_id = ?"
    assert read_file(path, sql, (event,)) == [("2",)]
    assert "graded B2" in inspector.citations.item(0).text()
    assert inspector.credibility.currentData() == "2"  # the chosen citation stays chosen
    if SHOTS:
        win.inspector.grab().save(str(Path(SHOTS) / "inspector-grades.png"))
    undo(qtbot, win)
    assert read_file(path, sql, (event,)) == [("1",)]
    win.session.edit(lambda p: grades.set_outlet_grade(p, "The New York Times", "E"))
    settle(qtbot)
    assert "graded E1" in inspector.citations.item(0).text()  # regraded where it is shown
    close_app(win)
    assert read_file(path, sql, (event,)) == [("1",)]


def test_the_claims_table_flags_contested_claims(qtbot, window):
    win = window
    win.docks.show("claims")
    settle(qtbot)
    model = win.claims.panel().model
    column = KEYS.index("contested")
    flagged = {
        model.index(r, KEYS.index("text")).data()
        for r in range(model.rowCount())
        if model.index(r, column).data()
    }
    assert flagged == {DENIAL, "Any force sent to Ukraine must be credible and long-term"}
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Contested"
    if SHOTS:
        panel = win.claims.panel()
        panel.resize(1100, 200)
        panel.grab().save(str(Path(SHOTS) / "claims-contested.png"))


# -- the filter bar -------------------------------------------------------------------------


def test_the_filter_bar_shows_only_well_graded_sources_and_chosen_assessments(qtbot, window):
    win = window
    event = paris(win)
    win.session.edit(lambda p: grades.set_outlet_grade(p, "The New York Times", "B"))
    win.session.edit(lambda p: grades.set_event_assessment(p, event, "disputed"))
    bar, model = win.filter_bar, win.table.model
    total = model.rowCount()
    choose(qtbot, bar.graded.reliability, 3)  # any → A only → A–B → A–C
    assert bar.graded.reliability.currentText() == "A–C only"
    nyt = win.session.project.scalar(
        "SELECT count(DISTINCT c.event_id) FROM citations c JOIN passages p "
        "ON p.id = c.passage_id JOIN articles a ON a.id = p.article_id "
        "WHERE a.outlet = 'The New York Times' AND c.event_id IS NOT NULL"
    )
    assert model.rowCount() == nyt < total
    if SHOTS:
        bar.grab().save(str(Path(SHOTS) / "filter-bar-grades.png"))
    menu = bar.graded.assessments.menu()
    next(a for a in menu.actions() if a.data() == "disputed").trigger()
    settle(qtbot)
    assert model.rowCount() == 1 and model.event_id(0) == event
    assert win.article_commands.shown_export("csv").event_ids == {event}
    bar.clear()
    settle(qtbot)
    assert model.rowCount() == total
    assert bar.graded.reliability.currentIndex() == 0 and bar.graded.assessments.selected() == ()


# -- the drawn timeline ---------------------------------------------------------------------


def test_the_drawn_timeline_marks_single_source_events(qtbot, window):
    win = window
    event = paris(win)
    wsj, text = open_article(win, WSJ)  # a second outlet for one event: no badge on it
    start = text.index("the Kremlin will make no concessions")
    win.session.edit(lambda p: ops.cite(p, "event", event, (wsj, start, start + 30)))
    win.drawn.schedule()
    canvas = win.timeline_view.canvas
    qtbot.waitUntil(lambda: paris(win) in canvas.entries, timeout=5000)
    singles = {e.id for e in canvas.entries.values() if e.single_source}
    expected = {
        r["event_id"]
        for r in win.session.project.rows(
            "SELECT c.event_id FROM citations c JOIN passages p ON p.id = c.passage_id "
            "JOIN articles a ON a.id = p.article_id WHERE c.event_id IS NOT NULL "
            "GROUP BY c.event_id HAVING count(DISTINCT a.outlet) = 1"
        )
    }
    assert singles == expected and singles and event not in singles
    assert not any(e.single_source for e in canvas.entries.values() if e.kind == "claim")
    if SHOTS:
        win.timeline_view.fit_all()
        settle(qtbot)
        win.timeline_view.grab().save(str(Path(SHOTS) / "timeline-single-source.png"))
        timeline_export.export_png(
            win.timeline_view.printed(True), Path(SHOTS) / "timeline-print-single-source.png"
        )


def test_regrading_an_outlet_refreshes_a_filtered_table(qtbot, window):
    win = window
    bar, model = win.filter_bar, win.table.model
    choose(qtbot, bar.graded.reliability, 2)  # A–B only: nothing is graded yet
    assert model.rowCount() == 0
    open_article(win, WSJ)
    choose(qtbot, win.reader_pane.header.grades.outlet_grade, 1)  # the WSJ: A
    assert model.rowCount() > 0
    undo(qtbot, win)
    assert model.rowCount() == 0
