"""Reported speech by someone nobody has made yet: Y opens the claim form with the speaker
offered as a new actor, and accepting it makes the actor and the claim in one edit.

Driven by keys through the real window; read back by a second connection after the project
is closed; one undo takes both away (the file as before), redo brings both back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store import operations
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.ui.new_item.form import NewItemDialog
from tests.helpers import window_fixture
from tests.helpers.db import db_dump_all, read_file
from tests.helpers.shots import shot
from tests.helpers.window_fixture import WSJ, close_app, open_article, press
from tests.ui.test_reader_suggestions import go_to

window = window_fixture.window
warnings = window_fixture.warnings

PESKOV = "Dmitry Peskov"
CLAIM_SQL = (
    "SELECT a.name, a.kind, cl.text, p.start, p.end FROM claims cl JOIN actors a ON a.id = "
    "cl.claimant_id JOIN citations c ON c.claim_id = cl.id JOIN passages p ON p.id = "
    "c.passage_id"
)
ACTOR_EVIDENCE_SQL = (
    "SELECT p.quote FROM citations c JOIN passages p ON p.id = c.passage_id "
    "JOIN actors a ON a.id = c.actor_id WHERE a.name = ?"
)


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        cs, _ = operations.create_actor(
            project, name="Emmanuel Macron", kind="person", aliases=["Macron"]
        )
        project.apply(cs)
    return path


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every table but the audit log (which keeps that a row was made and taken away)."""
    return {t: rows for t, rows in db_dump_all(path).items() if t != "row_history"}


def open_peskov_claim(qtbot, win) -> tuple[NewItemDialog, object]:
    open_article(win, WSJ)
    win.reader.setFocus()
    said = go_to(qtbot, win, lambda c: c.kind == "claim" and c.speaker == PESKOV)
    assert said.actor_id is None and said.speaker_kind == "person"
    press(qtbot, win.reader, Qt.Key.Key_Y)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog)
    return dialog, said


def test_new_speaker_is_made_with_the_claim_in_one_undoable_step(qtbot, window) -> None:
    win = window
    path = win.session.project.path
    before = contents(path)
    dialog, said = open_peskov_claim(qtbot, win)
    # offered as the claimant, a new actor prefilled with the name and its guessed kind
    assert dialog.claimant_combo.currentText() == f"New actor: {PESKOV}"
    assert dialog.new_claimant is not None
    assert dialog.new_claimant.name_edit.text() == PESKOV
    assert dialog.new_claimant.kind_combo.currentText() == "person"
    dialog.resize(640, dialog.sizeHint().height())
    shot(dialog, "claim-form-new-speaker.png")
    undo_count = win.session.undo_stack.count()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert win.tagging.dialog is None
    assert win.session.undo_stack.count() == undo_count + 1  # one edit: claim and actor

    win.actions_["undo"].trigger()  # both go: the file as it was
    assert contents(path) == before
    win.actions_["redo"].trigger()  # both come back
    path = close_app(win)
    text = win.reader.text
    assert read_file(path, CLAIM_SQL) == [
        (PESKOV, "person", " ".join(said.claimed.split()), said.passage_start, said.passage_end)
    ]
    # the words that name him are the new actor's evidence
    assert read_file(path, ACTOR_EVIDENCE_SQL, (PESKOV,)) == [
        (text[said.speaker_start : said.speaker_end],)
    ]


def test_the_new_speakers_name_and_kind_can_be_corrected_or_left_out(qtbot, window) -> None:
    win = window
    dialog, _ = open_peskov_claim(qtbot, win)
    new = dialog.new_claimant
    assert new is not None
    new.name_edit.selectAll()
    qtbot.keyClicks(new.name_edit, "Dmitri Peskov")  # as the analyst spells it
    assert dialog.claimant_combo.currentText() == "New actor: Dmitri Peskov"
    new.kind_combo.setCurrentText("other")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    assert win.tagging.dialog is None
    # another new speaker, "(unknown)" chosen instead: the claim alone is made
    win.reader.setFocus()
    go_to(qtbot, win, lambda c: c.kind == "claim" and c.speaker == "Norway")
    press(qtbot, win.reader, Qt.Key.Key_Y)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog) and dialog.new_claimant is not None
    assert dialog.new_claimant.kind_combo.currentText() == "state"
    dialog.claimant_combo.setCurrentIndex(0)
    assert not dialog.new_claimant.isEnabled()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    path = close_app(win)
    assert read_file(path, "SELECT name, kind FROM actors WHERE name LIKE 'Dm%'") == [
        ("Dmitri Peskov", "other")
    ]
    assert read_file(path, "SELECT count(*) FROM actors WHERE name = 'Norway'") == [(0,)]
    assert read_file(path, "SELECT count(*) FROM claims WHERE claimant_id IS NULL") == [(1,)]


def test_he_is_offered_as_the_person_named_before_and_the_form_says_so(qtbot, window) -> None:
    from PySide6.QtWidgets import QLabel

    win = window
    open_article(win, WSJ)
    win.reader.setFocus()
    said = go_to(qtbot, win, lambda c: c.kind == "claim" and c.speaker_said == "he")
    press(qtbot, win.reader, Qt.Key.Key_Y)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog)
    assert dialog.claimant_combo.currentText() == f"New actor: {said.speaker}"
    notes = [w.text() for w in dialog.findChildren(QLabel)]
    assert f"“he” read as {said.speaker}, named just before: check it." in notes
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    path = close_app(win)
    assert read_file(path, "SELECT a.name FROM claims c JOIN actors a ON a.id = c.claimant_id") == [
        (said.speaker,)
    ]
    # "he" names no one: the new actor has no passage of its own
    assert read_file(path, "SELECT count(*) FROM citations WHERE actor_id IS NOT NULL") == [(0,)]
