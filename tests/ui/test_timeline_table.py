"""The timeline table: lazy fetching, SQL sorting and filtering, undoable cell edits."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from annotator.core.text import text_hash
from annotator.store import operations
from annotator.store.changes import ChangeSet, derived_id, new_id
from annotator.store.project import Project
from annotator.store.queries import (
    SORT_KEYS,
    TimelineFilter,
    count_events,
    event_query,
)
from annotator.store.rows import provenance
from annotator.ui.editing.session import Session
from annotator.ui.table.panel import COL, TimelineTable, TimelineTableModel
from annotator.ui.widgets.delegates import DateEditor

TYPES = ["meeting", "statement", "policy", "summit"]
TAGS = ["alpha", "beta", "gamma"]


def build_synthetic(project: Project, n_events: int, *, seed: int = 7) -> dict[str, list[str]]:
    """Events with actors, citations, claims and tags, inserted as one ChangeSet."""
    rnd = random.Random(seed)
    prov = provenance("test", stamp="2025-01-01T00:00:00.000Z")
    cs = ChangeSet("synthetic")
    articles, passages, actors, events = [], [], [], []
    for i in range(4):
        aid = new_id()
        articles.append(aid)
        text = "word " * 200 + f"({i})"  # each its own: a file's open checks fingerprints
        fingerprint = text_hash(text)
        cs.insert(
            "articles",
            {
                "id": aid,
                "title": f"Article {i}",
                "outlet": "Outlet",
                "author": None,
                "url": None,
                "published": None,
                "published_earliest": None,
                "published_latest": None,
                "language": "en",
                "text": text,
                "text_hash": fingerprint,
                "source": f"a{i}.txt",
                "previous_version": None,
                **prov,
            },
        )
        for k in range(5):
            pid = new_id()
            passages.append(pid)
            cs.insert(
                "passages",
                {
                    "id": pid,
                    "article_id": aid,
                    "start": k * 10,
                    "end": k * 10 + 4,
                    "quote": "word",
                    "prefix": "",
                    "suffix": "",
                    "text_hash": fingerprint,
                    "status": "anchored",
                    **prov,
                },
            )
    for i in range(30):
        aid = new_id()
        actors.append(aid)
        cs.insert(
            "actors",
            {
                "id": aid,
                "name": f"Actor {i:02d}",
                "kind": "person",
                "aliases": "[]",
                "description": "",
                **prov,
            },
        )
    for i in range(n_events):
        eid = new_id()
        events.append(eid)
        day = date(2000, 1, 1) + timedelta(days=rnd.randrange(3000))
        dated = rnd.random() > 0.1
        cs.insert(
            "events",
            {
                "id": eid,
                "headline": f"{rnd.choice(['talks', 'Strike', 'vote', 'Deal'])} {i}",
                "description": "",
                "date": day.isoformat() if dated else None,
                "date_earliest": f"{day}T00:00:00" if dated else None,
                "date_latest": f"{day}T23:59:59" if dated else None,
                "date_precision": "day" if dated else None,
                "date_phrase": None,
                "date_anchor": None,
                "date_status": "confirmed" if dated else None,
                "day_seq": 0,
                "type": rnd.choice(TYPES),
                "location": "",
                "confidence": None,
                # Without a draw, so the rest of the data stays as it was.
                "fact_status": (None, "key", None, "disputed", None, "undisputed")[i % 6],
                **prov,
            },
        )
        for a in rnd.sample(actors, rnd.randrange(0, 3)):
            cs.insert(
                "event_actors",
                {
                    "id": derived_id("event_actor", eid, a, ""),
                    "event_id": eid,
                    "actor_id": a,
                    "role": "",
                    **prov,
                },
            )
        for pid in rnd.sample(passages, rnd.randrange(0, 3)):
            cs.insert(
                "citations",
                {
                    "id": derived_id("citation", "event", eid, pid),
                    "passage_id": pid,
                    "event_id": eid,
                    "actor_id": None,
                    "claim_id": None,
                    "note": "",
                    **prov,
                },
            )
        if rnd.random() < 0.4:
            tag = rnd.choice(TAGS)
            cs.insert(
                "tags",
                {
                    "id": derived_id("tag", "event", eid, tag),
                    "tag": tag,
                    "event_id": eid,
                    "actor_id": None,
                    "claim_id": None,
                    **prov,
                },
            )
    for i in range(n_events // 10):
        cs.insert(
            "claims",
            {
                "id": new_id(),
                "text": f"claim {i}",
                "claimant_id": rnd.choice(actors),
                "claimed": None,
                "claimed_earliest": None,
                "claimed_latest": None,
                "stance": "asserts",
                "event_id": rnd.choice(events),
                "assessment": "unverified",
                **prov,
            },
        )
    project.apply(cs)
    return {"articles": articles, "actors": actors, "events": events}


def synthetic_file(tmp_path_factory, name: str, seed: int, n_events: int = 1500) -> Path:
    """A synthetic project file, built once for a module's tests to copy."""
    path = tmp_path_factory.mktemp(name) / "synthetic.db"
    with Project.open(path, create=True) as project:
        build_synthetic(project, n_events, seed=seed)
    return path


@pytest.fixture
def synthetic(qapp):
    project = Project.memory()
    ids = build_synthetic(project, 1500)
    session = Session(project)
    yield session, ids
    project.close()


def all_rows(model: TimelineTableModel) -> list[str]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.event_id(r) for r in range(model.rowCount())]


def ids_where(session: Session, sql: str, params: list) -> set[str]:
    return {r["id"] for r in session.project.rows(sql, params)}


# -- model checks ------------------------------------------------------------------------


def test_modeltester_seed_with_filters_and_sorts(seeded, qtmodeltester):
    model = TimelineTableModel(seeded)
    qtmodeltester.check(model)
    model.set_filter(TimelineFilter(tags=("rearmament",)))
    qtmodeltester.check(model)
    for column in range(len(SORT_KEYS)):
        model.sort(column, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)


def test_lazy_fetch_pages(synthetic, qtmodeltester):
    session, _ = synthetic
    model = TimelineTableModel(session)
    assert model.total() == 1500
    assert model.rowCount() == TimelineTableModel.PAGE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * TimelineTableModel.PAGE
    qtmodeltester.check(model)
    rows = all_rows(model)
    assert len(rows) == 1500 == len(set(rows))
    assert not model.canFetchMore()


def _sort_keys(session: Session, model: TimelineTableModel, key: str) -> list:
    rows = {r["id"]: r for r in session.project.rows("SELECT * FROM events")}
    out = []
    for r in range(model.rowCount()):
        event_id = model.event_id(r)
        if key == "date":
            out.append(rows[event_id]["date_earliest"])
        elif key in ("sources", "claims"):
            out.append(model.index(r, COL[key]).data())
        elif key == "actors":
            names = model.index(r, COL[key]).data()
            # The key is the first name, without its role: "Name (role)".
            out.append(names.split("; ")[0].split(" (")[0].casefold() if names else None)
        elif key == "tags":
            tags = model.index(r, COL[key]).data()
            out.append(tags.split(", ")[0].casefold() if tags else None)
        elif key == "fact_status":  # key facts, then disputed, then undisputed; unset last
            rank = {"key fact": 0, "disputed": 1, "undisputed": 2}
            out.append(rank.get(model.index(r, COL[key]).data()))
        else:
            out.append(str(model.index(r, COL[key]).data()).casefold())
    return out


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_each_column(synthetic, key, descending):
    session, _ = synthetic
    model = TimelineTableModel(session)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(COL[key], order)
    rows = all_rows(model)
    assert len(rows) == 1500
    keys = _sort_keys(session, model, key)
    present = [k for k in keys if k is not None]
    # Empty values (undated, no actors, no tags) come last in both directions.
    assert keys[: len(present)] == present
    assert present == sorted(present, reverse=descending)
    assert len(set(present)) > 1


def test_filters_match_sql_truth(synthetic):
    session, ids = synthetic
    model = TimelineTableModel(session)
    actor = ids["actors"][3]
    article = ids["articles"][1]
    cases = {
        TimelineFilter(actor_ids=(actor,)): ids_where(
            session, "SELECT event_id AS id FROM event_actors WHERE actor_id = ?", [actor]
        ),
        TimelineFilter(types=("vote", "summit")): ids_where(
            session, "SELECT id FROM events WHERE type IN ('vote', 'summit')", []
        ),
        TimelineFilter(tags=("beta",)): ids_where(
            session, "SELECT event_id AS id FROM tags WHERE tag = 'beta'", []
        ),
        TimelineFilter(article_ids=(article,)): ids_where(
            session,
            "SELECT c.event_id AS id FROM citations c JOIN passages p "
            "ON p.id = c.passage_id WHERE p.article_id = ?",
            [article],
        ),
        TimelineFilter(date_from="2003-01-01T00:00:00", date_to="2003-12-31T23:59:59"): ids_where(
            session, "SELECT id FROM events WHERE date LIKE '2003-%'", []
        ),
        TimelineFilter(text="strike"): ids_where(
            session, "SELECT id FROM events WHERE headline LIKE 'strike %'", []
        ),
        TimelineFilter(types=("policy",), tags=("alpha",)): ids_where(
            session,
            "SELECT e.id FROM events e JOIN tags t ON t.event_id = e.id "
            "WHERE e.type = 'policy' AND t.tag = 'alpha'",
            [],
        ),
        TimelineFilter(fact_statuses=("key",)): ids_where(
            session, "SELECT id FROM events WHERE fact_status = 'key'", []
        ),
        TimelineFilter(fact_statuses=("", "disputed")): ids_where(
            session,
            "SELECT id FROM events WHERE fact_status IS NULL OR fact_status = 'disputed'",
            [],
        ),
    }
    for flt, expected in cases.items():
        assert expected, flt  # the synthetic data exercises every filter
        model.set_filter(flt)
        assert model.current_filter() == flt
        assert set(all_rows(model)) == expected, flt
        assert count_events(session.project, flt) == len(expected)
        assert set(model.visible_event_ids()) == expected
    model.set_filter(TimelineFilter())
    assert len(all_rows(model)) == 1500


def test_filters_on_seed_data(seeded):
    model = TimelineTableModel(seeded)
    project = seeded.project
    macron = project.scalar("SELECT id FROM actors WHERE name = 'Emmanuel Macron'")
    paris = project.scalar("SELECT id FROM articles WHERE source LIKE '002_%'")

    def headlines(flt: TimelineFilter) -> list[str]:
        model.set_filter(flt)
        return [model.index(r, COL["headline"]).data() for r in range(model.rowCount())]

    assert headlines(TimelineFilter(actor_ids=(macron,))) == [
        "Macron proposes a one-month truce",
        "Macron's televised address on the Russian threat",
        "Paris meeting of 30+ chiefs of staff on a peacekeeping force",
    ]
    assert len(headlines(TimelineFilter(tags=("rearmament",)))) == 4
    assert headlines(TimelineFilter(types=("summit",), tags=("rearmament",))) == [
        "Emergency EU summit on Ukraine"
    ]
    assert sorted(headlines(TimelineFilter(article_ids=(paris,)))) == [
        "Paris meeting of 30+ chiefs of staff on a peacekeeping force",
        "US to lift pause on intelligence sharing and aid",
    ]
    # The week (3-9 March) overlaps the range; 2 March and 7 March do not... 7 is after 6.
    ranged = headlines(
        TimelineFilter(date_from="2025-03-04T00:00:00", date_to="2025-03-06T23:59:59")
    )
    assert len(ranged) == 5
    assert "Europe's biggest rearmament steps since the Cold War" in ranged
    assert len(headlines(TimelineFilter(text="summit"))) == 2


def test_event_query_pages_are_stable(synthetic):
    session, _ = synthetic
    for key in SORT_KEYS:
        sql, params = event_query(None, key, columns="e.id")
        whole = [r[0] for r in session.project.db.execute(sql, params).fetchall()]
        paged = []
        for offset in range(0, 1500, 400):
            sql, params = event_query(None, key, 400, offset, columns="e.id")
            paged += [r[0] for r in session.project.db.execute(sql, params).fetchall()]
        assert paged == whole, key
    with pytest.raises(ValueError):
        event_query(None, "nonsense")


# -- editing -----------------------------------------------------------------------------


def _row_of_headline(model: TimelineTableModel, text: str) -> int:
    for r in range(model.rowCount()):
        if model.index(r, COL["headline"]).data() == text:
            return r
    raise AssertionError(text)


def test_edit_headline_is_one_undoable_edit(seeded):
    model = TimelineTableModel(seeded)
    row = _row_of_headline(model, "Emergency EU summit on Ukraine")
    event_id = model.event_id(row)
    before = seeded.project.row("events", event_id)
    assert model.setData(model.index(row, COL["headline"]), "Emergency summit in Brussels")
    assert seeded.undo_stack.count() == 1
    assert model.index(row, COL["headline"]).data() == "Emergency summit in Brussels"
    seeded.undo_stack.undo()
    assert seeded.project.row("events", event_id) == before
    assert model.index(row, COL["headline"]).data() == "Emergency EU summit on Ukraine"


def test_edit_date_through_the_delegate(seeded, qtbot):
    table = TimelineTable(seeded)
    qtbot.addWidget(table)
    model = table.model
    row = _row_of_headline(model, "Starmer convenes nineteen leaders at Lancaster House")
    event_id = model.event_id(row)
    before = seeded.project.row("events", event_id)
    index = model.index(row, COL["date"])
    editor = table.delegate.createEditor(table.view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, DateEditor)
    table.delegate.setEditorData(editor, index)
    assert editor.text() == "2 Mar 2025"
    editor.setText("the 4th of Marhc")
    assert not editor.is_valid()
    assert "Marhc" in editor.message()
    table.delegate.setModelData(editor, model, index)  # unreadable: nothing written
    assert seeded.undo_stack.count() == 0
    editor.setText("5 March 2025")
    assert editor.message() == "understood: 5 Mar 2025 (day)"
    table.delegate.setModelData(editor, model, index)
    assert seeded.undo_stack.count() == 1
    stored = seeded.project.row("events", event_id)
    assert (stored["date"], stored["date_status"]) == ("2025-03-05", "confirmed")
    # The event moved in chronological order; the model follows.
    moved = model.row_of(event_id, fetch=False)
    assert moved is not None and moved != row
    assert model.index(moved, COL["date"]).data() == "5 Mar 2025"
    seeded.undo_stack.undo()
    assert seeded.project.row("events", event_id) == before
    assert model.index(model.row_of(event_id), COL["date"]).data() == "2 Mar 2025"
    editor.deleteLater()


def test_edit_actors_creates_unknown_actor_in_one_edit(seeded):
    model = TimelineTableModel(seeded)
    row = _row_of_headline(model, "Emergency EU summit on Ukraine")
    index = model.index(row, COL["actors"])
    assert index.data(Qt.ItemDataRole.EditRole) == "European Union: host"
    actors_before = seeded.project.scalar("SELECT count(*) FROM actors")
    assert model.setData(index, "EU: host; Ursula von der Leyen: speaker")
    assert seeded.undo_stack.count() == 1
    assert seeded.project.scalar("SELECT count(*) FROM actors") == actors_before + 1
    assert (
        model.index(row, COL["actors"]).data()
        == "European Union (host); Ursula von der Leyen (speaker)"
    )
    seeded.undo_stack.undo()
    assert seeded.project.scalar("SELECT count(*) FROM actors") == actors_before
    assert model.index(row, COL["actors"]).data() == "European Union (host)"


def test_edit_tags_and_type(seeded):
    model = TimelineTableModel(seeded)
    row = _row_of_headline(model, "Emergency EU summit on Ukraine")
    assert model.setData(model.index(row, COL["tags"]), "rearmament, brussels")
    assert model.index(row, COL["tags"]).data() == "brussels, rearmament"
    assert model.setData(model.index(row, COL["type"]), "council")
    assert model.index(row, COL["type"]).data() == "council"
    assert seeded.undo_stack.count() == 2
    seeded.undo_stack.undo()
    seeded.undo_stack.undo()
    assert model.index(row, COL["tags"]).data() == "rearmament"
    assert model.index(row, COL["type"]).data() == "summit"
    assert not model.flags(model.index(row, COL["sources"])) & Qt.ItemFlag.ItemIsEditable


def test_bad_edit_is_refused_without_an_undo_entry(seeded):
    model = TimelineTableModel(seeded)
    failures = []
    seeded.failed.connect(failures.append)
    assert not model.setData(model.index(0, COL["headline"]), "   ")
    assert not model.setData(model.index(0, COL["date"]), "31 Febtember")
    assert seeded.undo_stack.count() == 0
    assert len(failures) == 2


def test_select_item_fetches_until_found(synthetic, qtbot):
    session, _ = synthetic
    table = TimelineTable(session)
    qtbot.addWidget(table)
    last = table.model.visible_event_ids()[-1]
    assert table.model.rowCount() == TimelineTableModel.PAGE
    with qtbot.waitSignal(table.itemSelected) as signal:
        table.select_item("event", last)
    assert signal.args == ["event", last]
    assert table.model.event_id(table.view.currentIndex().row()) == last
    table.set_filter(TimelineFilter(types=("no such type",)))
    table.select_item("event", last)  # filtered out: nothing selected, no error
    assert not table.view.currentIndex().isValid()


def test_outside_edits_refresh_rows(seeded):
    model = TimelineTableModel(seeded)
    event_id = model.event_id(0)
    seeded.run(operations.update_item(seeded.project, "event", event_id, headline="Renamed"))
    assert model.index(model.row_of(event_id), COL["headline"]).data() == "Renamed"
    seeded.run(operations.delete_item(seeded.project, "event", event_id))
    assert model.row_of(event_id) is None
    assert model.rowCount() == 10
    seeded.undo_stack.undo()
    assert model.rowCount() == 11


def _type_in_cell(table: TimelineTable, qtbot, row: int, key: str, text: str) -> None:
    """Edit one cell as the analyst does: open its editor, type, press Enter."""
    from PySide6.QtWidgets import QLineEdit

    from annotator.ui.widgets.delegates import ActorPicker

    index = table.model.index(row, COL[key])
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    (editor,) = [e for e in table.view.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    picker = editor.parent()
    if isinstance(picker, ActorPicker):  # its list of names closed, or it takes the Enter
        picker.popup().hide()
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _sorted_by_each_column(session: Session, table: TimelineTable) -> dict[tuple[str, bool], str]:
    """Sort by every column both ways through the view; check each order; the first row's
    event of each."""
    firsts = {}
    for key in SORT_KEYS:
        for descending in (False, True):
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            table.view.sortByColumn(COL[key], order)
            all_rows(table.model)
            keys = _sort_keys(session, table.model, key)
            present = [k for k in keys if k is not None]
            assert keys[: len(present)] == present, (key, descending)
            assert present == sorted(present, reverse=descending), (key, descending)
            firsts[key, descending] = table.model.event_id(0)
    return firsts


def test_sorting_by_each_column_after_an_edit_in_the_view_and_after_undo(seeded, qtbot):
    from annotator.store.event_sort_keys import SELECT_KEYS, TABLE
    from tests.helpers.db import close_and_compare, read_file

    table = TimelineTable(seeded)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    before = _sorted_by_each_column(seeded, table)
    table.view.sortByColumn(COL["date"], Qt.SortOrder.AscendingOrder)
    row = _row_of_headline(table.model, "Emergency EU summit on Ukraine")
    summit = table.model.event_id(row)
    _type_in_cell(table, qtbot, row, "tags", "aaa-first, zz-last")
    _type_in_cell(table, qtbot, row, "actors", "Aardvark: guest")
    assert seeded.undo_stack.count() == 2
    edited = _sorted_by_each_column(seeded, table)
    assert edited["tags", False] == edited["actors", False] == summit
    seeded.undo_stack.undo()
    seeded.undo_stack.undo()
    assert _sorted_by_each_column(seeded, table) == before
    seeded.undo_stack.redo()  # the tags again, kept in the file
    assert _sorted_by_each_column(seeded, table)["tags", False] == summit
    path = seeded.project.path
    close_and_compare(seeded.project)
    stored = read_file(path, f"SELECT * FROM {TABLE} ORDER BY event_id")
    assert stored == read_file(path, f"{SELECT_KEYS} ORDER BY e.id")
    assert ("aaa-first",) in read_file(path, f"SELECT tags FROM {TABLE}")


def test_typing_a_date_in_the_view_and_pressing_enter(seeded, qtbot):
    table = TimelineTable(seeded)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    model = table.model
    row = _row_of_headline(model, "Emergency EU summit on Ukraine")
    event_id = model.event_id(row)
    index = model.index(row, COL["date"])
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    editor = table.view.viewport().findChild(DateEditor)
    assert editor is not None
    editor.edit.selectAll()
    qtbot.keyClicks(editor.edit, "8 Marhc 2025")
    assert "Marhc" in editor.message()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)  # unreadable: stays open, writes nothing
    assert seeded.undo_stack.count() == 0
    assert table.view.viewport().findChild(DateEditor) is editor
    editor.edit.selectAll()
    qtbot.keyClicks(editor.edit, "8 March 2025")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    assert seeded.undo_stack.count() == 1
    assert seeded.project.row("events", event_id)["date"] == "2025-03-08"


def test_a_new_event_is_inserted_in_place_and_an_undo_removes_it_without_a_reset(
    synthetic, qtmodeltester
) -> None:
    from annotator.core.dates.value import DateValue
    from annotator.store import operations as ops

    session, _ = synthetic
    model = TimelineTableModel(session)
    model.fetchMore()  # two pages loaded
    loaded = model.rowCount()
    before = [model.event_id(r) for r in range(loaded)]
    resets, inserted, removed = [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    middle = model.event_id(loaded // 2)
    when = session.project.scalar("SELECT date FROM events WHERE id = ?", [middle])
    assert session.run(
        ops.create_event(session.project, headline="Inserted", date=DateValue.from_edtf(when))[0]
    )
    assert not resets and len(inserted) == 1
    row = inserted[0][0]
    assert model.index(row, COL["headline"]).data() == "Inserted"
    assert model.rowCount() == loaded + 1  # it joins the rows loaded
    session.undo_stack.undo()
    assert not resets and removed
    assert [model.event_id(r) for r in range(model.rowCount())] == before
    qtmodeltester.check(model)  # (it fetches pages, and listens from now on)
    loaded = model.rowCount()
    session.undo_stack.redo()
    assert not resets and model.rowCount() == loaded + 1
    session.undo_stack.undo()
    assert not resets and model.rowCount() == loaded
    while model.canFetchMore():
        model.fetchMore()
    assert len(set(all_rows(model))) == 1500
