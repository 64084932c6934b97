"""The table places the rows an edit touched by bisect (no re-read of every loaded rowid):
after any sequence of edits, undos and redos the loaded rows are the order read from
scratch, in every indexed order and with a filter."""

from __future__ import annotations

import random

import pytest

from annotator.core.dates.value import DateValue
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.queries import TimelineFilter, event_rowids
from annotator.ui.editing.session import Session
from annotator.ui.table.model import TimelineTableModel, _rowid
from annotator.ui.table.row_patch import place, plan_rows
from tests.ui.test_timeline_table import build_synthetic


@pytest.fixture(scope="module")
def project(qapp):
    project = Project.memory()
    build_synthetic(project, 700, seed=11)
    yield project
    project.close()


def _loaded(model: TimelineTableModel) -> list[int]:
    return [_rowid(r) for r in model._rows]  # from the rows, not the model's kept list


def _truth(model: TimelineTableModel, session: Session) -> list[int]:
    sort, descending = model.sort_key()
    flt = model.current_filter()
    return event_rowids(session.project, flt, sort, descending=descending, limit=model.rowCount())


def _random_edit(rnd: random.Random, session: Session, model: TimelineTableModel) -> None:
    project = session.project
    ids = [r["id"] for r in project.rows("SELECT id FROM events")]
    pick = rnd.choice(ids)
    shown = model.event_id(rnd.randrange(model.rowCount())) if model.rowCount() else pick
    day = f"200{rnd.randrange(0, 9)}-0{rnd.randrange(1, 9)}-1{rnd.randrange(0, 9)}"
    choice = rnd.randrange(7)
    if choice == 0:
        cs = ops.create_event(
            project, headline=rnd.choice(["talks", "Zeta", "alpha"]), date=DateValue.from_edtf(day)
        )[0]
    elif choice == 1:
        cs = ops.delete_item(project, "event", shown)
    elif choice == 2:
        cs = ops.update_item(project, "event", shown, date=DateValue.from_edtf(day))
    elif choice == 3:
        cs = ops.update_item(project, "event", pick, headline=rnd.choice(["talks x", "b", "Z"]))
    elif choice == 4:
        cs = ops.update_item(project, "event", pick, type=rnd.choice(["meeting", "", "strike"]))
    else:
        (session.undo_stack.undo if choice == 5 else session.undo_stack.redo)()
        return
    assert session.run(cs)


# Sorts, directions and filters with a seed each; the kept order's tests take the first five.
ORDERS = [
    ("date", False, TimelineFilter(), 1),
    ("date", True, TimelineFilter(), 2),
    ("date", False, TimelineFilter(text="talks"), 3),
    ("headline", False, TimelineFilter(), 4),
    ("type", True, TimelineFilter(), 5),
]


@pytest.mark.parametrize(
    ("sort", "descending", "flt", "seed"),
    [
        *ORDERS,
        ("fact_status", False, TimelineFilter(), 6),
        ("actors", False, TimelineFilter(), 7),  # not indexed: read again, as before
    ],
)
def test_rows_after_random_edits_are_the_order_read_from_scratch(
    project, sort, descending, flt, seed
):
    session = Session(project)
    model = TimelineTableModel(session)
    model.set_filter(flt)
    model.set_sort(sort, descending)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    rnd = random.Random(seed)
    for _ in range(rnd.randrange(3)):
        model.fetchMore()
    for step in range(40):
        _random_edit(rnd, session, model)
        assert _loaded(model) == _truth(model, session), step
        for row in rnd.sample(range(model.rowCount()), min(5, model.rowCount())):
            rowid = _rowid(model._rows[row])
            event_id = model.event_id(row)  # details as read now
            assert project.scalar("SELECT id FROM events WHERE rowid = ?", [rowid]) == event_id
    if sort != "actors":
        assert len(resets) < 5  # placed in place, not read again, nearly always
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert _loaded(model) == _truth(model, session)


def test_a_date_edit_moves_its_row_and_keeps_it_selected(project, qtbot):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QTableView

    session = Session(project)
    model = TimelineTableModel(session)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    event_id = model.event_id(20)
    view.selectionModel().select(
        model.index(20, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    moves: list[int] = []
    model.rowsMoved.connect(lambda *_a: moves.append(1))
    assert session.run(
        ops.update_item(project, "event", event_id, date=DateValue.from_edtf("2001-06-30"))
    )
    assert moves
    row = model.row_of(event_id)
    assert row is not None and row != 20
    assert [i.row() for i in view.selectionModel().selectedRows()] == [row]
    assert _loaded(model) == _truth(model, session)
    session.undo_stack.undo()
    assert _loaded(model) == _truth(model, session)


def _numbers_before(a: int, b: int) -> bool:
    return a < b


def test_plan_rows_matches_a_sort_from_scratch():
    rnd = random.Random(5)
    for _ in range(500):
        everything = sorted(rnd.sample(range(1000), rnd.randrange(1, 60)))
        loaded_n = rnd.randrange(1, len(everything) + 1)
        exhausted = loaded_n == len(everything)
        loaded = everything[:loaded_n]
        gone = set(rnd.sample(everything, min(len(everything), rnd.randrange(0, 3))))
        came = {rnd.randrange(1000) for _ in range(rnd.randrange(0, 3))} - set(everything)
        after = sorted((set(everything) - gone) | came)
        plan = plan_rows(loaded, gone, came, _numbers_before, exhausted)
        assert plan is not None
        assert plan.rowids == after[: len(plan.rowids)]  # a prefix of the new order
        assert len(plan.rowids) >= loaded_n - len(gone)
        if exhausted:
            assert plan.rowids == after
        rows = list(loaded)  # the steps replayed give the same rows
        for step, index, other in plan.steps:
            if step == "remove":
                assert rows.pop(index) == other
            elif step == "move":
                rows.insert(other, rows.pop(index))
            else:
                rows.insert(index, other)
        assert rows == plan.rowids


def test_plan_rows_moves_one_row_out_of_place_and_gives_up_on_two():
    loaded = [1, 2, 3, 4, 5, 6]
    order = [1, 3, 4, 2, 5, 6]  # 2 now sorts after 4

    def before(a: int, b: int) -> bool:
        return order.index(a) < order.index(b)

    plan = plan_rows(loaded, set(), {2}, before, exhausted=True)
    assert plan is not None and plan.rowids == order
    assert plan.steps == [("move", 1, 3)]
    swapped = [1, 5, 3, 4, 2, 6]

    def before_swapped(a: int, b: int) -> bool:
        return swapped.index(a) < swapped.index(b)

    assert plan_rows(loaded, set(), {2, 5}, before_swapped, exhausted=True) is None
    assert plan_rows(loaded, set(), {6}, _numbers_before, exhausted=False) is None
    assert place([], 3, _numbers_before) == 0


def test_a_passage_moved_to_another_article_is_followed_by_an_article_filter(project):
    """A passage names no event, but an article filter looks through it: read again."""
    from annotator.store.changes import ChangeSet

    session = Session(project)
    passage = project.rows(
        "SELECT p.* FROM passages p JOIN citations c ON c.passage_id = p.id "
        "WHERE c.event_id IS NOT NULL LIMIT 1"
    )[0]
    other = project.scalar("SELECT id FROM articles WHERE id != ?", [passage["article_id"]])
    model = TimelineTableModel(session)
    model.set_filter(TimelineFilter(article_ids=(other,)))
    cs = ChangeSet("Move a passage")
    cs.update("passages", passage, article_id=other)
    assert session.run(cs)
    assert _loaded(model) == _truth(model, session)
    session.undo_stack.undo()
    assert _loaded(model) == _truth(model, session)
