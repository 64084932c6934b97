"""The codebook in the real window: every edit through the panel's own actions reaches the
file (read by a connection of its own), undoes, and stays after the project is closed."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox

from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project
from tests.helpers import window_fixture
from tests.helpers.window_fixture import WSJ, Calls, open_article, press, select_quote
from tests.ui.test_window_writes import close_app, read_file, settle

window = window_fixture.window
warnings = window_fixture.warnings

CODES = "SELECT name, color, description, parent_id FROM codes ORDER BY name"
TAGS = "SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY tag"


@pytest.fixture
def seeded_path(seeded_path):
    """The seed project with its worked example: events and claims carrying tags."""
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    return seeded_path


def codebook(qtbot, win):
    win.docks["codebook"].show()
    win.docks["codebook"].raise_()
    panel = win.panels["codebook"].panel()
    qtbot.waitUntil(lambda: panel.tree.viewport().height() > 100)
    qtbot.wait(50)  # the tree lays out its rows
    return panel


def click(qtbot, panel, name: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    node = panel.node(name)
    assert node is not None, name
    panel.tree.scrollToItem(node)
    rect = panel.tree.visualItemRect(node)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def answer_text(monkeypatch, text: str | None) -> Calls:
    calls = Calls((text or "", text is not None))
    monkeypatch.setattr(QInputDialog, "getText", calls)
    return calls


def answer_item(monkeypatch, item: str) -> Calls:
    calls = Calls((item, True))
    monkeypatch.setattr(QInputDialog, "getItem", calls)
    return calls


def answer_question(monkeypatch, yes: bool = True) -> Calls:
    button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
    calls = Calls(button)
    monkeypatch.setattr(QMessageBox, "question", calls)
    return calls


def undo(qtbot, win, times: int = 1) -> None:
    for _ in range(times):
        win.actions_.all["undo"].trigger()  # Edit ▸ Undo, as Ctrl+Z runs it
    settle(qtbot)


def codes(path) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in read_file(path, CODES)}


def tags(path) -> dict[str, int]:
    return dict(read_file(path, TAGS))


def parent_name(path, name: str) -> str | None:
    rows = read_file(
        path,
        "SELECT p.name FROM codes c LEFT JOIN codes p ON p.id = c.parent_id WHERE c.name = ?",
        (name,),
    )
    return rows[0][0] if rows else None


def table_tag_colour(win, tag: str) -> str:
    """The colour of the first swatch in the tags cell of an event carrying ``tag``."""
    from annotator.store.queries import SORT_KEYS

    event = win.session.project.scalar("SELECT event_id FROM tags WHERE tag = ? LIMIT 1", [tag])
    model = win.table.model
    index = model.index(model.row_of(event), SORT_KEYS.index("tags"))
    assert model.data(index).startswith(tag)
    icon = model.data(index, Qt.ItemDataRole.DecorationRole)
    return icon.pixmap(icon.availableSizes()[0]).toImage().pixelColor(1, 1).name()


def test_codebook_edits_through_the_panel_reach_the_file_and_undo(qtbot, window, monkeypatch):
    win = window
    path = win.session.project.path
    panel = codebook(qtbot, win)
    assert panel.node("rearmament").text(1) == "4"  # items carrying it
    assert panel.node("rearmament").text(2) == "4"  # passages those items cite

    # New tag
    answer_text(monkeypatch, "Europe")
    panel.actions_["new"].trigger()
    assert codes(path)["Europe"] == ("", "", None)
    # Colour and description
    click(qtbot, panel, "rearmament")
    monkeypatch.setattr(QColorDialog, "getColor", Calls(QColor("#E15759")))
    panel.actions_["colour"].trigger()
    answer_text(monkeypatch, "Spending on defence and arms")
    panel.actions_["describe"].trigger()
    assert codes(path)["rearmament"][:2] == ("#e15759", "Spending on defence and arms")
    assert table_tag_colour(win, "rearmament") == "#e15759"  # the table shows it
    # Move under (the command) and by drag and drop
    click(qtbot, panel, "rearmament")
    answer_item(monkeypatch, "Europe")
    panel.actions_["move"].trigger()
    assert parent_name(path, "rearmament") == "Europe"
    click(qtbot, panel, "sanctions")
    target = panel.node("Europe")
    drop = QDropEvent(
        QPointF(panel.tree.drop_on(target)),
        Qt.DropAction.MoveAction,
        QMimeData(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.tree.dropEvent(drop)
    assert parent_name(path, "sanctions") == "Europe"
    assert panel.node("sanctions").parent() is panel.node("Europe")
    # Rename: every applied tag follows
    click(qtbot, panel, "rearmament")
    answer_text(monkeypatch, "defence spending")
    panel.actions_["rename"].trigger()
    assert tags(path).get("defence spending") == 4 and "rearmament" not in tags(path)
    assert codes(path)["defence spending"][0] == "#e15759"
    # Merge: ctrl+click two, keep one name; nothing lost, one tag per item
    click(qtbot, panel, "london-summit")
    click(qtbot, panel, "ceasefire", Qt.KeyboardModifier.ControlModifier)
    assert sorted(panel.selected_names()) == ["ceasefire", "london-summit"]
    answer_item(monkeypatch, "london-summit")
    panel.actions_["merge"].trigger()
    # Macron's truce carried both: it keeps one
    assert tags(path)["london-summit"] == 2 and "ceasefire" not in tags(path)
    # Delete: asks, saying how many items lose it
    click(qtbot, panel, "sample")
    asked = answer_question(monkeypatch, yes=True)
    panel.actions_["delete"].trigger()
    assert "4 items will lose it" in str(asked.calls[0])
    assert "sample" not in tags(path)
    settle(qtbot)
    assert win.session.undo_stack.count() == 8  # one undoable edit each

    undo(qtbot, win)  # the delete
    assert tags(path)["sample"] == 4
    undo(qtbot, win)  # the merge
    assert tags(path)["ceasefire"] == 1 and tags(path)["london-summit"] == 2
    undo(qtbot, win)  # the rename
    assert tags(path)["rearmament"] == 4 and "defence spending" not in tags(path)
    assert panel.node("rearmament") is not None
    close_app(win)
    assert tags(path)["rearmament"] == 4
    assert codes(path)["rearmament"][:2] == ("#e15759", "Spending on defence and arms")
    assert parent_name(path, "sanctions") == "Europe"


def test_bad_codebook_input_is_refused_with_a_clear_message(qtbot, window, warnings, monkeypatch):
    win = window
    path = win.session.project.path
    panel = codebook(qtbot, win)
    before = (codes(path), tags(path))
    answer_text(monkeypatch, "   ")
    panel.actions_["new"].trigger()
    assert "name cannot be empty" in str(warnings.calls[-1])
    # A name already there: said, and that tag selected
    info = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "information", info)
    answer_text(monkeypatch, "Sanctions")
    panel.actions_["new"].trigger()
    assert "“sanctions” is already in the codebook" in str(info.calls[-1])
    assert panel.selected_names() == ["sanctions"]
    # Renaming to a name in use offers the merge; declined, nothing changes
    click(qtbot, panel, "germany")
    answer_text(monkeypatch, "Sanctions")
    asked = answer_question(monkeypatch, yes=False)
    panel.actions_["rename"].trigger()
    assert "Merge “germany” into it?" in str(asked.calls[-1])
    assert (codes(path), tags(path)) == before
    # A parent cycle
    answer_item(monkeypatch, "sanctions")
    click(qtbot, panel, "germany")
    panel.actions_["move"].trigger()
    click(qtbot, panel, "sanctions")
    answer_item(monkeypatch, "germany")
    panel.actions_["move"].trigger()
    assert "“sanctions” cannot go under “germany”" in str(warnings.calls[-1])
    assert parent_name(path, "sanctions") is None
    # Accepting the merge this time
    click(qtbot, panel, "peacekeeping")
    answer_text(monkeypatch, "ceasefire")
    answer_question(monkeypatch, yes=True)
    panel.actions_["rename"].trigger()
    assert "peacekeeping" not in tags(path) and tags(path)["ceasefire"] == 2
    close_app(win)
    assert tags(path)["ceasefire"] == 2


def test_tagging_from_the_reader_and_the_new_item_form(qtbot, window):
    win = window
    path = win.session.project.path
    open_article(win, WSJ)
    cited = win.session.project.rows(
        "SELECT p.quote, c.event_id FROM passages p JOIN citations c ON c.passage_id = p.id "
        "WHERE p.article_id = ? AND c.event_id IS NOT NULL LIMIT 1",
        [win.reader.article_id],
    )[0]
    select_quote(win, cited["quote"][:20])  # part of a cited passage is enough
    press(qtbot, win.reader, Qt.Key.Key_T)
    dialog = win.tagging.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.tags_edit, "key fact, sanctions")
    press(qtbot, dialog.tags_edit, Qt.Key.Key_Return)
    press(qtbot, dialog, Qt.Key.Key_Return)
    settle(qtbot)
    applied = "SELECT tag FROM tags WHERE event_id = ? ORDER BY tag"
    assert ("key fact",) in read_file(path, applied, (cited["event_id"],))
    # A new event from an uncited sentence, tagged in its form
    text = win.reader.text
    start = text.index("Germany")
    select_quote(win, text[start : start + 40])
    press(qtbot, win.reader, Qt.Key.Key_E)
    form = win.tagging.dialog
    assert form is not None, win.statusBar().currentMessage()
    qtbot.keyClicks(form.tags_edit, "key fact")
    press(qtbot, form, Qt.Key.Key_Return)
    settle(qtbot)
    assert read_file(path, "SELECT count(*) FROM tags WHERE tag = 'key fact'") == [(2,)]
    undo(qtbot, win)
    assert read_file(path, "SELECT count(*) FROM tags WHERE tag = 'key fact'") == [(1,)]
    close_app(win)
    assert read_file(path, "SELECT count(*) FROM tags WHERE tag = 'key fact'") == [(1,)]


def test_the_inspector_completes_tags_from_the_codebook_and_shows_their_colours(qtbot, window):
    win = window
    path = win.session.project.path
    event = win.session.project.scalar("SELECT id FROM events WHERE headline LIKE 'Macron%'")
    win.session.edit(
        lambda p: __import__("annotator.store.codebook").store.codebook.edit_code(
            p, "ceasefire", color="#4e79a7"
        )
    )
    win.select_item("event", event)
    field = win.inspector.fields["tags"]
    assert "#4e79a7" in win.inspector.tag_chips.text()
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, ", re")  # "ceasefire" is there already: not offered again
    qtbot.keyClicks(field, "arm")
    popup = field.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    assert field.completer_.currentCompletion() == "rearmament"
    offered = field.completer_.completionModel()
    assert [offered.index(i, 0).data() for i in range(offered.rowCount())] == ["rearmament"]
    press(qtbot, popup, Qt.Key.Key_Down)
    press(qtbot, popup, Qt.Key.Key_Return)
    assert field.text().startswith("ceasefire, london-summit, rearmament")
    press(qtbot, field, Qt.Key.Key_Return)
    settle(qtbot)
    applied = read_file(path, "SELECT tag FROM tags WHERE event_id = ? ORDER BY tag", (event,))
    assert applied == [("ceasefire",), ("london-summit",), ("rearmament",)]
    undo(qtbot, win)
    applied = read_file(path, "SELECT tag FROM tags WHERE event_id = ? ORDER BY tag", (event,))
    assert applied == [("ceasefire",), ("london-summit",)]
    close_app(win)


def test_all_passages_for_a_tag_open_in_the_reader_and_export(qtbot, window, tmp_path, monkeypatch):
    win = window
    panel = codebook(qtbot, win)
    click(qtbot, panel, "rearmament")
    panel.actions_["passages"].trigger()
    dialog = panel.passages_dialog
    assert dialog is not None and dialog.table.rowCount() == 4
    qtbot.waitExposed(dialog)
    row = next(i for i, r in enumerate(dialog.rows) if r.start > 0)
    first = dialog.rows[row]
    assert first.before and first.passage in dialog.table.item(row, 0).text()
    assert first.before in dialog.table.item(row, 0).text()
    rect = dialog.table.visualItemRect(dialog.table.item(row, 0))
    viewport = dialog.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # as a hand does
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.reader.article_id == first.article_id
    extra = win.reader.extraSelections()
    flashed = extra[-1].cursor.selectedText()  # the passage, flashed
    assert flashed == win.reader.text[first.start : first.end].replace("\n", "\u2029")
    out = tmp_path / "passages.csv"
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", Calls((str(out), "CSV (*.csv)")))
    dialog.export_button.click()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 4 and rows[0]["for"] == "tag: rearmament"
    assert rows[row]["passage"] == first.passage and rows[row]["before"] == first.before
    dialog.close()


def test_all_passages_for_an_actor(qtbot, window):
    win = window
    win.docks["actors"].show()
    win.docks["actors"].raise_()
    actors = win.panels["actors"].panel()
    macron = win.session.project.scalar("SELECT id FROM actors WHERE name = 'Emmanuel Macron'")
    win.select_item("actor", macron)
    actors.passages_button.click()
    dialog = actors.passages_dialog
    assert dialog is not None and dialog.table.rowCount() >= 1
    assert "Macron" in dialog.table.item(0, 3).text() or "Macron" in dialog.table.item(0, 0).text()
    dialog.close()


def test_tagging_an_uncited_passage_or_with_no_tag_says_what_to_do(qtbot, window):
    win = window
    path = win.session.project.path
    before = tags(path)
    open_article(win, WSJ)
    text = win.reader.text
    start = text.index("Germany")
    select_quote(win, text[start : start + 40])
    press(qtbot, win.reader, Qt.Key.Key_T)
    assert win.tagging.dialog is None
    assert "Nothing cites this passage yet" in win.statusBar().currentMessage()
    cited = win.session.project.scalar(
        "SELECT p.quote FROM passages p JOIN citations c ON c.passage_id = p.id "
        "WHERE p.article_id = ? LIMIT 1",
        [win.reader.article_id],
    )
    select_quote(win, cited)
    press(qtbot, win.reader, Qt.Key.Key_T)
    dialog = win.tagging.dialog
    press(qtbot, dialog, Qt.Key.Key_Return)  # no tag typed
    assert dialog.isVisible() and "Type a tag" in dialog.error.text()
    press(qtbot, dialog, Qt.Key.Key_Escape)
    settle(qtbot)
    close_app(win)
    assert tags(path) == before


def test_the_tag_field_does_not_offer_a_tag_typed_already(qtbot, window):
    from annotator.ui.widgets.tag_field import TagLineEdit

    field = TagLineEdit(window.session.project, "ceasefire")
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, ", cease")
    assert field.completer_.completionCount() == 0
    qtbot.keyClicks(field, "\b\b\b\b\bsanc")
    assert field.completer_.currentCompletion() == "sanctions"


def test_a_read_only_window_offers_no_codebook_edits(qtbot, seeded_path):
    from annotator.ui.editing.session import Session
    from annotator.ui.window.main_window import MainWindow

    with Project.open(seeded_path, readonly=True) as project:
        win = MainWindow(Session(project))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        panel = codebook(qtbot, win)
        click(qtbot, panel, "rearmament")
        enabled = {k for k, a in panel.actions_.items() if a.isEnabled()}
        assert enabled == {"passages"}  # reading the passages only
        assert not win.actions_.all["tag_items"].isEnabled()
        win.close()
