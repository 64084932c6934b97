"""Select a passage, press one key, confirm: for an event, an actor and a claim, through the
real main window, with undo, redo, a cell edit and an export from the File menu."""

from __future__ import annotations

import csv
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from annotator.core.errors import ProjectError
from annotator.store import operations
from annotator.ui.new_item.form import NewItemDialog
from tests.helpers import window_fixture
from tests.helpers.window_fixture import (
    NYT,
    WSJ,
    Calls,
    focused,
    open_article,
    press,
    select_quote,
)

# Fixtures shared with the other window tests (pytest finds them by name here).
window = window_fixture.window
warnings = window_fixture.warnings

EVENT_QUOTE = (
    "On Tuesday, the European Union unveiled plans that the bloc hopes could "
    "increase military spending by 800 billion euros"
)
CLAIM_QUOTE = "Putin said on Thursday that the Kremlin will make no concessions on its war aims"


def kinds_at(win, pos: int) -> set[str]:
    return {k for k, _, _ in win.reader.items_at(pos)}


def export(win, monkeypatch, tmp_path, fmt: str) -> str:
    """File > Export…, the format picked, Browse… answered, Export clicked."""
    target = tmp_path / f"out.{fmt}"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", Calls((str(target), f"{fmt.upper()} (*.{fmt})"))
    )
    action = win.actions_["export"]
    assert action in win.menuBar().actions()[0].menu().actions()  # it is in the File menu
    action.trigger()
    dialog = win.article_commands.export_dialog
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
    dialog.excel_check.setChecked(False)
    dialog.findChild(QPushButton, "browse").click()
    dialog.export_button.click()
    return target.read_text(encoding="utf-8")


def edit_cell(qtbot, view, index, text: str) -> None:
    """F2 on the cell, type, Enter: as a user edits a table cell."""
    view.setFocus()
    view.setCurrentIndex(index)
    press(qtbot, view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    editor = focused()
    assert isinstance(editor, QLineEdit), type(editor)
    assert view.isAncestorOf(editor), editor.parent()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    press(qtbot, editor, Qt.Key.Key_Return)
    # The delegate commits through a queued call
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_event_select_press_e_confirm_date_undo_redo_edit_export(
    qtbot, window, monkeypatch, tmp_path
):
    win = window
    open_article(win, WSJ)
    start, _ = select_quote(win, EVENT_QUOTE)
    press(qtbot, win.reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog) and dialog.kind == "event"
    # Prefilled: headline from the sentence, date suggested from "Tuesday" against the
    # publication date (7-8 March 2025), as a suggestion to confirm.
    assert dialog.headline_edit.text().startswith("The European Union unveiled")
    assert dialog.date_edit.text() == "4 Mar 2025"
    assert "Tuesday" in dialog.phrase_combo.currentText()
    assert "publication date" in dialog.date_note.text()
    assert not dialog.confirm_check.isChecked()
    assert not dialog.actor_list.isEnabled()  # no actors known yet in this project
    # Keyboard: type a headline, Tab to the confirm box, Space, Enter.
    dialog.headline_edit.selectAll()
    qtbot.keyClicks(dialog.headline_edit, "EU unveils EUR 800bn defence plan")
    dialog.confirm_check.setFocus()
    press(qtbot, dialog.confirm_check, Qt.Key.Key_Space)
    assert dialog.confirm_check.isChecked()
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert win.tagging.dialog is None
    project = win.session.project
    row = project.rows("SELECT * FROM events")[0]
    assert (row["headline"], row["date"], row["date_status"], row["date_anchor"]) == (
        "EU unveils EUR 800bn defence plan",
        "2025-03-04",
        "confirmed",
        "published",
    )
    assert "Tuesday" in row["date_phrase"]
    # The highlight and the new row
    assert kinds_at(win, start + 3) == {"event"}
    table = win.panels["timeline_table"]
    assert table.model.row_of(row["id"]) is not None
    assert win.selected == ("event", row["id"])
    assert win.session.undo_stack.count() == 1
    # Undo: both go. Redo: both back.
    press(qtbot, win.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.scalar("SELECT count(*) FROM events") == 0
    assert kinds_at(win, start + 3) == set()
    assert table.model.rowCount() == 0
    press(
        qtbot,
        win.reader,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert project.scalar("SELECT count(*) FROM events") == 1
    assert kinds_at(win, start + 3) == {"event"}
    assert table.model.row_of(row["id"]) is not None
    # Edit a cell: the headline, in the timeline table
    from annotator.ui.table.panel import COL

    index = table.model.index(table.model.row_of(row["id"]), COL["headline"])
    edit_cell(qtbot, table.view, index, "EU plan: EUR 800bn for defence")
    assert project.scalar("SELECT headline FROM events") == "EU plan: EUR 800bn for defence"
    assert win.session.undo_stack.count() == 2
    # Export from the File menu: the item, its date and its quote
    text = export(win, monkeypatch, tmp_path, "csv")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == 1
    line = text.splitlines()[1]
    assert "EU plan: EUR 800bn for defence" in line and "2025-03-04" in line
    assert EVENT_QUOTE in text
    doc = json.loads(export(win, monkeypatch, tmp_path, "json"))
    event = doc["events"][0]
    assert event["headline"] == "EU plan: EUR 800bn for defence"
    assert event["date"]["value"] == "2025-03-04"
    passage = next(p for p in doc["passages"] if p["id"] == event["citations"][0]["passage_id"])
    assert passage["target"]["selector"][1]["exact"] == EVENT_QUOTE


def test_actor_select_press_a_undo_redo_edit_export(qtbot, window, monkeypatch, tmp_path):
    win = window
    open_article(win, WSJ)
    start, _ = select_quote(win, "Friedrich Merz")
    press(qtbot, win.reader, Qt.Key.Key_A)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog) and dialog.kind == "actor"
    assert dialog.name_edit.text() == "Friedrich Merz"
    qtbot.waitUntil(lambda: focused() is dialog.name_edit)  # the new window takes focus
    press(qtbot, dialog.name_edit, Qt.Key.Key_Tab)  # to the kind combo
    assert focused() is dialog.kind_combo
    press(qtbot, dialog.kind_combo, Qt.Key.Key_Tab)
    assert focused() is dialog.aliases_edit
    qtbot.keyClicks(dialog.aliases_edit, "Merz, Mr. Merz")
    press(qtbot, dialog.aliases_edit, Qt.Key.Key_Return)
    project = win.session.project
    actor = project.rows("SELECT * FROM actors")[0]
    assert (actor["name"], json.loads(actor["aliases"])) == ("Friedrich Merz", ["Merz", "Mr. Merz"])
    assert kinds_at(win, start) == {"actor"}
    win.items.focus_item_view("actor")  # raise the Actors tab, as Ctrl+J from the reader does
    panel = win.actors.panel()
    assert panel.model.row_of(actor["id"]) is not None
    win.actions_["undo"].trigger()
    assert project.scalar("SELECT count(*) FROM actors") == 0
    assert kinds_at(win, start) == set()
    assert panel.model.row_of(actor["id"]) is None
    win.actions_["redo"].trigger()
    assert kinds_at(win, start) == {"actor"}
    assert panel.model.row_of(actor["id"]) is not None
    win.items.focus_item_view("actor")  # raise the Actors tab, as Ctrl+J from the reader does
    edit_cell(
        qtbot,
        panel.view,
        panel.model.index(panel.model.row_of(actor["id"]), 0),
        "Friedrich Merz (CDU)",
    )
    assert project.scalar("SELECT name FROM actors") == "Friedrich Merz (CDU)"
    doc = json.loads(export(win, monkeypatch, tmp_path, "json"))
    assert doc["actors"][0]["name"] == "Friedrich Merz (CDU)"
    passage = doc["passages"][0]
    assert passage["target"]["selector"][1]["exact"] == "Friedrich Merz"
    assert doc["actors"][0]["citations"][0]["passage_id"] == passage["id"]


def test_claim_select_press_c_undo_redo_export(qtbot, window, monkeypatch, tmp_path):
    win = window
    open_article(win, WSJ)
    cs, putin = operations.create_actor(
        win.session.project, name="Vladimir Putin", aliases=["Putin"]
    )
    assert win.session.run(cs)
    start, _ = select_quote(win, CLAIM_QUOTE)
    press(qtbot, win.reader, Qt.Key.Key_C)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog) and dialog.kind == "claim"
    assert dialog.claimant_combo.currentData() == putin  # the actor named in the passage
    assert dialog.claimed_edit.text() == "7–8 Mar 2025"  # defaults to the article's date
    dialog.text_edit.setText("The Kremlin will make no concessions")
    press(qtbot, dialog, Qt.Key.Key_Return)
    project = win.session.project
    claim = project.rows("SELECT * FROM claims")[0]
    assert (claim["text"], claim["claimant_id"], claim["claimed"]) == (
        "The Kremlin will make no concessions",
        putin,
        "2025-03-07/2025-03-08",
    )
    assert kinds_at(win, start + 2) == {"claim"}
    win.actions_["undo"].trigger()
    assert project.scalar("SELECT count(*) FROM claims") == 0
    assert kinds_at(win, start + 2) == set()
    win.actions_["redo"].trigger()
    assert kinds_at(win, start + 2) == {"claim"}
    assert win.claims.panel().model.row_of(claim["id"]) is not None  # the claims view row
    doc = json.loads(export(win, monkeypatch, tmp_path, "json"))
    assert doc["claims"][0]["text"] == "The Kremlin will make no concessions"
    assert doc["claims"][0]["claimed"]["value"] == "2025-03-07/2025-03-08"


def test_escape_cancels_and_leaves_nothing(qtbot, window):
    win = window
    open_article(win, NYT)
    select_quote(win, "Europe")
    press(qtbot, win.reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    assert dialog is not None
    press(qtbot, dialog, Qt.Key.Key_Escape)
    assert win.tagging.dialog is None
    assert win.session.undo_stack.count() == 0
    assert win.session.project.scalar("SELECT count(*) FROM passages") == 0


def test_undated_article_asks_for_its_date_first(qtbot, window):
    win = window
    aid, _ = open_article(win, WSJ)
    assert win.session.run(operations.update_article(win.session.project, aid, published=None))
    select_quote(win, EVENT_QUOTE)
    press(qtbot, win.reader, Qt.Key.Key_E)
    meta = win.tagging.dialog
    assert meta is not None and not isinstance(meta, NewItemDialog)
    qtbot.waitUntil(lambda: focused() is meta.published_edit)
    qtbot.keyClicks(meta.published_edit, "8 March 2025")
    press(qtbot, meta, Qt.Key.Key_Return)
    assert (
        win.session.project.scalar("SELECT published FROM articles WHERE id = ?", [aid])
        == "2025-03-08"
    )
    form = win.tagging.dialog
    assert isinstance(form, NewItemDialog)
    assert form.date_edit.text() == "4 Mar 2025"
    assert "8 Mar 2025" in form.date_note.text()
    press(qtbot, form, Qt.Key.Key_Return)  # not confirmed: stored as a suggestion
    row = win.session.project.rows("SELECT date, date_status FROM events")[0]
    assert row == {"date": "2025-03-04", "date_status": "suggested"}
    assert win.session.undo_stack.count() == 3  # publication date undone on its own


def test_typed_date_and_bad_date_stays_open(qtbot, window):
    win = window
    open_article(win, NYT)
    select_quote(win, "Europe")
    press(qtbot, win.reader, Qt.Key.Key_E)
    form = win.tagging.dialog
    form.phrase_combo.setCurrentIndex(form.phrase_combo.count() - 1)
    form.date_edit.setFocus()
    qtbot.keyClicks(form.date_edit, "2 Marc")  # what it makes of it, as it is typed
    assert form.date_note.text().startswith("Not a date yet")
    qtbot.keyClicks(form.date_edit, "h")
    assert "understood: 2 Mar 2025 (day)" in form.date_note.text()
    form.date_edit.clear()
    qtbot.keyClicks(form.date_edit, "31 February 2025")
    press(qtbot, form, Qt.Key.Key_Return)
    assert win.tagging.dialog is form and form.error.isVisibleTo(form)
    form.date_edit.clear()
    qtbot.keyClicks(form.date_edit, "early March 2025")
    assert "understood" in form.date_note.text() and "_" not in form.date_note.text()
    press(qtbot, form, Qt.Key.Key_Return)
    row = win.session.project.rows("SELECT date, date_status, date_phrase FROM events")[0]
    assert row["date"].startswith("2025-03-01") and row["date_status"] == "confirmed"
    assert row["date_phrase"] is None
    assert win.session.project.scalar("SELECT date_anchor FROM events") == "typed"


def test_cite_selection_for_selected_item(qtbot, window, warnings):
    win = window
    aid, text = open_article(win, WSJ)
    start = text.index(EVENT_QUOTE)
    cs, event_id = operations.create_event(
        win.session.project, headline="EU plan", span=(aid, start, start + len(EVENT_QUOTE))
    )
    assert win.session.run(cs)
    win.select_item("event", event_id)
    s2, e2 = select_quote(win, "Friedrich Merz")
    press(qtbot, win.reader, Qt.Key.Key_R)
    assert (
        win.session.project.scalar("SELECT count(*) FROM citations WHERE event_id = ?", [event_id])
        == 2
    )
    assert kinds_at(win, s2) == {"event"}
    win.reader.select_span(s2, e2)
    press(qtbot, win.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "already supports" in warnings.calls[-1][2]  # Ctrl+Enter: same passage again
    assert win.session.undo_stack.count() == 2  # the refused cite left nothing on the stack


def test_actor_matching_a_known_one_offers_an_alias(qtbot, window, monkeypatch):
    win = window
    _, text = open_article(win, WSJ)
    cs, trump = operations.create_actor(win.session.project, name="Donald Trump", aliases=["Trump"])
    assert win.session.run(cs)
    offers = Calls(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "question", offers)
    quote = "President Trump"
    if quote not in text:
        quote = "Trump said"
    select_quote(win, quote)
    press(qtbot, win.reader, Qt.Key.Key_A)
    assert offers.calls and "Donald Trump" in offers.calls[0][2]
    actor = win.session.project.row("actors", trump)
    assert quote in json.loads(actor["aliases"])
    assert win.session.project.scalar("SELECT count(*) FROM actors") == 1
    assert (
        win.session.project.scalar("SELECT count(*) FROM citations WHERE actor_id = ?", [trump])
        == 1
    )
    win.actions_["undo"].trigger()  # alias and citation go together
    assert json.loads(win.session.project.row("actors", trump)["aliases"]) == ["Trump"]
    assert win.session.project.scalar("SELECT count(*) FROM citations") == 0


def test_failed_command_shows_error_and_leaves_nothing_on_the_stack(
    qtbot, window, warnings, monkeypatch
):
    win = window
    open_article(win, WSJ)
    project = win.session.project

    def broken(changeset):
        raise ProjectError("the disk is full; the last edit was not saved", where="test.db")

    monkeypatch.setattr(project, "apply", broken)
    start, _ = select_quote(win, "Friedrich Merz")
    press(qtbot, win.reader, Qt.Key.Key_A)
    press(qtbot, win.tagging.dialog, Qt.Key.Key_Return)
    assert win.session.undo_stack.count() == 0
    assert not win.actions_["undo"].isEnabled()
    assert warnings.calls and "disk is full" in warnings.calls[-1][2]
    monkeypatch.undo()
    assert project.scalar("SELECT count(*) FROM actors") == 0
    assert kinds_at(win, start) == set()


@pytest.mark.parametrize("key", [Qt.Key.Key_E, Qt.Key.Key_A, Qt.Key.Key_C])
def test_keys_do_nothing_without_a_selection(qtbot, window, key):
    open_article(window, WSJ)
    window.reader.setFocus()
    press(qtbot, window.reader, key)
    assert window.tagging.dialog is None


def test_a_sloppy_selection_makes_a_clean_actor(qtbot, window):
    """Half a word and the possessive selected: the passage snaps to whole words and the
    form offers the bare name, as a state."""
    win = window
    open_article(win, WSJ)
    start = win.reader.text.index("Germany’s next chancellor")
    win.reader.setFocus()
    win.reader.select_span(start + 2, start + len("Germany’s") - 1)  # "rmany’"
    press(qtbot, win.reader, Qt.Key.Key_A)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog)
    assert win.reader.selection_span() == (start, start + len("Germany’s"))
    assert dialog.name_edit.text() == "Germany"
    assert dialog.kind_combo.currentText() == "state"
    dialog.reject()


@pytest.mark.parametrize(("key", "answer"), [(Qt.Key.Key_R, "no"), (Qt.Key.Key_E, "no")])
def test_select_all_then_a_tag_key_asks_first(qtbot, window, monkeypatch, key, answer):
    win = window
    open_article(win, WSJ)
    if key == Qt.Key.Key_R:  # R cites for the selected item: make one first
        select_quote(win, "Friedrich Merz")
        press(qtbot, win.reader, Qt.Key.Key_A)
        press(qtbot, win.tagging.dialog.name_edit, Qt.Key.Key_Return)
        assert win.selection.current and win.selection.current[0] == "actor"
    asked = Calls(QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "question", asked)
    before = win.session.undo_stack.count()
    win.reader.setFocus()
    press(qtbot, win.reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    press(qtbot, win.reader, key)
    assert len(asked.calls) == 1 and "characters long" in asked.calls[0][2]
    assert win.tagging.dialog is None
    assert win.session.undo_stack.count() == before  # nothing made, nothing cited
