"""Inspector, actors panel, claims view, search panel, filter bar and the editors."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem

from annotator.store.actor_links import resolve_actors
from annotator.store.queries import TimelineFilter
from annotator.ui.editing.session import Session
from annotator.ui.panels.actors import KEYS as ACTOR_KEYS
from annotator.ui.panels.actors import ActorsModel, ActorsPanel
from annotator.ui.panels.claims import KEYS as CLAIM_KEYS
from annotator.ui.panels.claims import ClaimsView
from annotator.ui.panels.inspector import Inspector
from annotator.ui.panels.search import KIND_LABEL, SearchPanel
from annotator.ui.table.filter_bar import FilterBar
from annotator.ui.widgets.delegates import ActorPicker, DateEditor
from tests.helpers.db import db_dump


def one(session: Session, sql: str, params: list | None = None) -> str:
    value = session.project.scalar(sql, params or [])
    assert value is not None, sql
    return value


def article_text(session: Session, article_id: str) -> str:
    return one(session, "SELECT text FROM articles WHERE id = ?", [article_id])


# -- inspector ---------------------------------------------------------------------------


def test_inspector_shows_event_fields_and_citations(seeded, qtbot):
    inspector = Inspector(seeded)
    qtbot.addWidget(inspector)
    event_id = one(seeded, "SELECT id FROM events WHERE headline LIKE 'Starmer%'")
    inspector.select_item("event", event_id)
    fields = inspector.fields
    assert fields["headline"].text() == "Starmer convenes nineteen leaders at Lancaster House"
    assert isinstance(fields["date"], DateEditor)
    assert fields["date"].text() == "2 Mar 2025"
    assert fields["type"].text() == "summit"
    assert fields["actors"].text() == "Keir Starmer: host; Volodymyr Zelensky: participant"
    assert fields["tags"].text() == "london-summit"
    cites = inspector.citation_rows()
    assert len(cites) == 1
    item = inspector.citations.item(0)
    with qtbot.waitSignal(inspector.showPassage) as signal:
        inspector.citations.itemClicked.emit(item)
    article_id, start, end = signal.args
    assert article_text(seeded, article_id)[start:end].startswith("Meeting in London")


def test_inspector_edits_are_undoable(seeded, qtbot):
    inspector = Inspector(seeded)
    qtbot.addWidget(inspector)
    event_id = one(seeded, "SELECT id FROM events WHERE headline LIKE 'Emergency%'")
    before = seeded.project.row("events", event_id)
    inspector.select_item("event", event_id)
    headline = inspector.fields["headline"]
    assert isinstance(headline, QLineEdit)
    headline.setText("Brussels summit")
    headline.editingFinished.emit()
    assert seeded.undo_stack.count() == 1
    assert seeded.project.row("events", event_id)["headline"] == "Brussels summit"
    date = inspector.fields["date"]
    assert isinstance(date, DateEditor)
    date.setText("7 March 2025")
    date.edit.editingFinished.emit()
    assert seeded.project.row("events", event_id)["date"] == "2025-03-07"
    date.setText("nonsense date")  # not readable: nothing written
    date.edit.editingFinished.emit()
    assert seeded.undo_stack.count() == 2
    seeded.undo_stack.undo()
    seeded.undo_stack.undo()
    assert seeded.project.row("events", event_id) == before
    assert inspector.fields["headline"].text() == "Emergency EU summit on Ukraine"


def test_inspector_remove_citation_and_undo(seeded, qtbot):
    inspector = Inspector(seeded)
    qtbot.addWidget(inspector)
    claim_id = one(seeded, "SELECT id FROM claims WHERE text LIKE 'Any force%'")
    inspector.select_item("claim", claim_id)
    assert inspector.fields["stance"].currentText() == "asserts"
    assert inspector.fields["event_id"].currentText().startswith("Paris meeting")
    passages = seeded.project.scalar("SELECT count(*) FROM passages")
    inspector.citations.setCurrentRow(0)
    inspector.remove_citation.click()
    assert inspector.citations.count() == 0
    assert seeded.project.scalar("SELECT count(*) FROM passages") == passages - 1
    seeded.undo_stack.undo()
    assert inspector.citations.count() == 1


def test_inspector_actor_aliases(seeded, qtbot):
    inspector = Inspector(seeded)
    qtbot.addWidget(inspector)
    actor_id = one(seeded, "SELECT id FROM actors WHERE name = 'Friedrich Merz'")
    inspector.select_item("actor", actor_id)
    aliases = inspector.fields["aliases"]
    assert aliases.text() == "Merz"
    aliases.setText("Merz; Chancellor Merz")
    aliases.editingFinished.emit()
    assert json.loads(seeded.project.row("actors", actor_id)["aliases"]) == [
        "Merz",
        "Chancellor Merz",
    ]
    inspector.select_item("actor", "no-such-id")
    assert inspector.title.text() == "Nothing selected"


# -- actors ------------------------------------------------------------------------------


def test_actors_model_and_search(seeded, qtmodeltester):
    model = ActorsModel(seeded)
    qtmodeltester.check(model)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold) and len(names) == 8
    trump = model.row_of(one(seeded, "SELECT id FROM actors WHERE name = 'Donald Trump'"))
    # 1 citation + 3 events + 1 claim
    assert model.index(trump, ACTOR_KEYS.index("mentions")).data() == 5
    model.set_search("bloc")  # an alias
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["European Union"]
    qtmodeltester.check(model)


def test_actors_panel_merge_and_undo(seeded, qtbot, monkeypatch):
    panel = ActorsPanel(seeded)
    qtbot.addWidget(panel)
    before = db_dump(seeded.project.path)
    rubio = one(seeded, "SELECT id FROM actors WHERE name = 'Marco Rubio'")
    putin = one(seeded, "SELECT id FROM actors WHERE name = 'Vladimir Putin'")
    asked = []

    def ask(a, b):
        asked.append((a["name"], b["name"]))
        return putin

    monkeypatch.setattr(panel, "ask_merge", ask)
    selection = panel.view.selectionModel()
    for actor_id in (rubio, putin):
        index = panel.model.index(panel.model.row_of(actor_id), 0)
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    assert panel.merge_button.isEnabled()
    panel.merge_selected()
    assert sorted(asked[0]) == ["Marco Rubio", "Vladimir Putin"]
    assert seeded.project.row("actors", rubio) is None
    assert "Marco Rubio" in json.loads(seeded.project.row("actors", putin)["aliases"])
    assert panel.model.rowCount() == 7
    assert seeded.project.scalar("SELECT count(*) FROM claims WHERE claimant_id = ?", [putin]) == 2
    seeded.undo_stack.undo()
    assert panel.model.rowCount() == 8
    after = db_dump(seeded.project.path)
    for dump in (before, after):
        dump.pop("row_history", None)  # the store's own edit log, not project content
    assert after == before


def test_actors_panel_cancelled_merge_changes_nothing(seeded, qtbot, monkeypatch):
    panel = ActorsPanel(seeded)
    qtbot.addWidget(panel)
    monkeypatch.setattr(panel, "ask_merge", lambda a, b: None)
    panel.view.selectAll()
    assert panel.merge_button.isEnabled()  # several merge into one
    monkeypatch.setattr(panel, "ask_merge_many", lambda rows: None)
    panel.merge_selected()  # asked, and cancelled
    assert seeded.undo_stack.count() == 0
    selection = panel.view.selectionModel()
    selection.clearSelection()
    assert not panel.merge_button.isEnabled()  # nothing to merge
    selection.clearSelection()
    for row in (0, 1):
        selection.select(
            panel.model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        )
    panel.merge_selected()
    assert seeded.undo_stack.count() == 0


# -- claims ------------------------------------------------------------------------------


def test_claims_view_edit_with_combo_and_undo(seeded, qtbot, qtmodeltester):
    view = ClaimsView(seeded)
    qtbot.addWidget(view)
    model = view.model
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    claimants = [model.index(r, 0).data() for r in range(4)]
    assert claimants == ["Donald Trump", "Emmanuel Macron", "Marco Rubio", "Vladimir Putin"]
    row = claimants.index("Vladimir Putin")
    claim_id = model.claim_id(row)
    index = model.index(row, CLAIM_KEYS.index("stance"))
    delegate = view.stance_delegate
    editor = delegate.createEditor(view.view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "asserts"
    editor.setCurrentText("denies")
    delegate.setModelData(editor, model, index)
    assert seeded.project.row("claims", claim_id)["stance"] == "denies"
    assessment = model.index(model.row_of(claim_id), CLAIM_KEYS.index("assessment"))
    assert model.setData(assessment, "disputed")
    assert seeded.undo_stack.count() == 2
    assert model.index(model.row_of(claim_id), CLAIM_KEYS.index("assessment")).data() == "disputed"
    seeded.undo_stack.undo()
    seeded.undo_stack.undo()
    assert seeded.project.row("claims", claim_id)["stance"] == "asserts"
    assert model.index(model.row_of(claim_id), CLAIM_KEYS.index("stance")).data() == "asserts"
    editor.deleteLater()


def test_claims_view_sort_and_select(seeded, qtbot):
    view = ClaimsView(seeded)
    qtbot.addWidget(view)
    model = view.model
    model.sort(CLAIM_KEYS.index("claimed"), Qt.SortOrder.AscendingOrder)
    claimed = [model.index(r, CLAIM_KEYS.index("claimed")).data() for r in range(4)]
    assert claimed == ["Mar 2025", "2 Mar 2025", "6 Mar 2025", "11 Mar 2025"]  # by earliest
    claim_id = model.claim_id(2)
    with qtbot.waitSignal(view.itemSelected) as signal:
        view.select_item("claim", claim_id)
    assert signal.args == ["claim", claim_id]


# -- search ------------------------------------------------------------------------------


def test_search_results_open_passages(seeded, qtbot, qtmodeltester):
    panel = SearchPanel(seeded)
    qtbot.addWidget(panel)
    panel.set_query("Macron")
    qtbot.waitUntil(lambda: not panel.searching)  # a file's project is searched in a worker
    qtmodeltester.check(panel.results.model())
    hits = panel.hits()
    kinds = {h.kind for h in hits}
    assert {"article", "event", "actor"} <= kinds
    event_row = next(i for i, h in enumerate(hits) if h.kind == "event")
    with (
        qtbot.waitSignal(panel.itemSelected) as selected,
        qtbot.waitSignal(panel.showPassage) as shown,
    ):
        panel.open_hit(panel.results.item(event_row))
    assert selected.args == ["event", hits[event_row].id]
    article_id, start, end = shown.args
    assert end > start and article_text(seeded, article_id)[start:end]
    article_row = next(i for i, h in enumerate(hits) if h.kind == "article")
    with qtbot.waitSignal(panel.showPassage) as shown:
        panel.results.itemActivated.emit(panel.results.item(article_row))
    article_id, start, end = shown.args
    assert article_text(seeded, article_id)[start:end] == "Macron"
    panel.set_query("")
    assert panel.results.count() == 0


def test_search_rows_carry_each_hit_with_its_text_and_tooltip(seeded, qtbot):
    """The rows are inserted at once and then given their hits: each row shows its own."""
    from annotator.store.search import search

    panel = SearchPanel(seeded)
    qtbot.addWidget(panel)
    panel.set_query("Macron")
    qtbot.waitUntil(lambda: not panel.searching)
    expected = search(seeded.project, "Macron")
    assert panel.hits() == expected and len(expected) > 2
    for row, hit in enumerate(expected):
        item = panel.results.item(row)
        assert item.text().startswith(f"{KIND_LABEL[hit.kind]}: {hit.label}")
        tip = "Show the passage" if hit.start is not None else "Select it"
        assert item.toolTip() == tip


def test_a_long_pasted_query_says_which_words_it_used(seeded, qtbot):
    panel = SearchPanel(seeded)
    qtbot.addWidget(panel)
    panel.set_query("Macron " * 200)  # one word, however often
    qtbot.waitUntil(lambda: not panel.searching)
    assert panel.hits() and "left out" not in panel.summary.text()
    panel.set_query(" ".join(f"word{i}" for i in range(20)))
    qtbot.waitUntil(lambda: not panel.searching)
    assert panel.summary.text() == "No results for the first 16 distinct words (4 more left out)"


def test_a_query_typed_over_a_running_one_shows_only_the_last(seeded, qtbot):
    panel = SearchPanel(seeded)
    qtbot.addWidget(panel)
    panel.set_query("Macron")
    panel.set_query("Putin")  # before the first has come back
    assert panel.searching
    qtbot.waitUntil(lambda: not panel.searching)
    labels = " ".join(f"{h.label} {h.snippet}" for h in panel.hits())
    assert "Putin" in labels and "Macron" not in labels
    # a panel closed while its query runs: the result has nowhere to go, and nothing breaks
    gone = SearchPanel(seeded)
    gone.set_query("Macron")
    gone.deleteLater()
    qtbot.wait(300)
    assert panel.hits()


def test_an_edit_searches_again_and_keeps_the_row(seeded, qtbot):
    panel = SearchPanel(seeded)
    qtbot.addWidget(panel)
    panel.set_query("Macron")
    qtbot.waitUntil(lambda: not panel.searching)
    panel.results.setCurrentRow(1)
    actor = next(h for h in panel.hits() if h.kind == "actor")
    panel._on_changed({"actors": {actor.id}})  # what the session says after an edit
    assert panel.searching
    qtbot.waitUntil(lambda: not panel.searching)
    assert panel.results.currentRow() == 1


# -- filter bar and editors --------------------------------------------------------------


def test_filter_bar_emits_filters(seeded, qtbot):
    bar = FilterBar(seeded)
    qtbot.addWidget(bar)
    bar.tags.menu().aboutToShow.emit()  # choices are read when the menu opens
    actions = {a.text(): a for a in bar.tags.menu().actions()}
    assert "rearmament" in actions
    with qtbot.waitSignal(bar.filterChanged) as signal:
        actions["rearmament"].setChecked(True)
    assert signal.args[0] == TimelineFilter(tags=("rearmament",))
    bar.date_from.setText("March 2025")
    bar.date_to.setText("5 Mar 2025")
    with qtbot.waitSignal(bar.filterChanged) as signal:
        bar.date_to.editingFinished.emit()
    flt = signal.args[0]
    assert (flt.date_from, flt.date_to) == ("2025-03-01T00:00:00", "2025-03-05T23:59:59")
    bar.date_to.setText("5 Marhc")
    assert bar.current_filter().date_to is None
    assert "Marhc" in (bar.date_to.error or "")
    with qtbot.waitSignal(bar.filterChanged) as signal:
        bar.clear()
    assert signal.args[0] == TimelineFilter()
    assert bar.tags.text() == "Tags: any"


def test_date_editor_says_what_it_understood(qtbot):
    editor = DateEditor(day_first=True)
    qtbot.addWidget(editor)
    editor.setText("4/3/2025")
    assert editor.message() == "understood: 4 Mar 2025 (day)"
    editor.setText("March 2025")
    assert editor.message() == "understood: Mar 2025 (month)"
    assert editor.value().edtf == "2025-03"
    editor.setText("4 Marhc 2025")
    assert not editor.is_valid() and "Marhc" in editor.message()
    editor.setText("")
    assert editor.is_valid() and editor.value() is None


def test_date_editor_says_it_once_and_colours_its_line_as_it_reads(qtbot):
    editor = DateEditor(day_first=True)
    qtbot.addWidget(editor)
    said: list[str] = []
    editor.textChanged.connect(said.append)
    for text, colour in [
        ("4/3/2025", "#1a7f37"),
        ("4/3/2025", "#1a7f37"),  # the same text again: still said
        ("4 Marhc 2025", "#c62828"),
        ("", "palette(mid)"),
        ("March 2025", "#1a7f37"),
    ]:
        editor.setText(text)
        assert editor.status.styleSheet() == f"color: {colour};"
    assert said == ["4/3/2025", "4/3/2025", "4 Marhc 2025", "", "March 2025"]
    assert editor.message() == "understood: Mar 2025 (month)"


def test_actor_picker_completes_and_offers_creation(seeded, qtbot):
    picker = ActorPicker(lambda: seeded.project)
    qtbot.addWidget(picker)
    picker.edit.setText("Keir Starmer: host; Zel")
    picker.edit.setCursorPosition(len(picker.edit.text()))
    picker._on_edited(picker.edit.text())
    offered = picker.completer.model().stringList()
    assert "New actor 'Zel'…" in offered
    picker._insert_completion("New actor 'Zel'…")  # the name as typed, to be made
    assert picker.text() == "Keir Starmer: host; Zel"
    picker._insert_completion("Zelensky — Volodymyr Zelensky")
    assert picker.text() == "Keir Starmer: host; Volodymyr Zelensky"
    assert picker.new_names() == []
    picker.setText("EU; Ursula von der Leyen: speaker")
    assert picker.new_names() == ["Ursula von der Leyen"]
    assert "will create" in picker.status.text()
    entries = resolve_actors(seeded.project, picker.text())
    assert entries[0].actor_id == one(
        seeded, "SELECT id FROM actors WHERE name = ?", ["European Union"]
    )
