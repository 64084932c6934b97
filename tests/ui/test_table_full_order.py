"""The whole order the table reads in a worker once the window is idle: kept in step with
edits by noting the events they touch, it reaches a far row exactly where reading the order
from scratch puts it; anything it cannot follow drops it, and the seek reads as before."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.dates.value import DateValue
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet
from annotator.store.new_actors import create_event_with_new_actors
from annotator.store.project import Project
from annotator.store.queries import TimelineFilter, event_rowids, rowid_of
from annotator.ui.editing.session import Session
from annotator.ui.table.full_order import MAX_NOTED, FullOrder
from annotator.ui.table.model import TimelineTableModel
from annotator.ui.table.row_patch import place
from tests.ui.test_table_row_places import ORDERS, _loaded, _random_edit
from tests.ui.test_timeline_table import synthetic_file


@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(st.integers(0, 30), min_size=1, max_size=40),
    edits=st.lists(
        st.tuples(st.sampled_from(["move", "delete", "new", "hide"]), st.integers(0, 10**6)),
        max_size=8,
    ),
)
def test_noted_edits_give_the_order_from_scratch(keys: list[int], edits) -> None:
    """Events with a sort key each (ties broken by rowid); moved, deleted, made or hidden by
    a filter after the order was read: the order kept is the order sorted anew."""
    key_of = {rowid: k for rowid, k in enumerate(keys, start=1)}
    ids = {f"e{rowid}": rowid for rowid in key_of}
    hidden: set[int] = set()

    def truth() -> list[int]:
        return sorted((r for r in key_of if r not in hidden), key=lambda r: (key_of[r], r))

    order = FullOrder()
    generation = order.asked("k")
    order.adopt(generation, "k", truth())
    known = dict(ids)
    for what, n in edits:
        event_id = f"e{n % (len(ids) + 1) + 1}"
        if what == "new" or event_id not in ids:
            rowid = max([*key_of, *known.values()]) + 1
            event_id = f"e{rowid}"
            ids[event_id], known[event_id], key_of[rowid] = rowid, rowid, n % 31
        elif what == "move":
            key_of[ids[event_id]] = n % 31
        elif what == "hide":
            hidden.add(ids[event_id])
        else:
            del key_of[ids.pop(event_id)]
        order.touched([event_id], ids.get, known.get)

    def before(a: int, b: int) -> bool:
        return (key_of[a], a) < (key_of[b], b)

    shown = order.current("k", ids.get, lambda e: ids[e] not in hidden, before)
    assert shown == truth()
    assert order.current("other key", ids.get, lambda e: True, before) is None


def test_an_unknown_deleted_row_or_any_row_changed_drops_the_order() -> None:
    order = FullOrder()
    order.adopt(order.asked("k"), "k", [1, 2, 3])
    order.touched(["gone"], lambda e: None, lambda e: None)
    assert order.rowids is None and order.key is None
    order.adopt(order.asked("k"), "k", [1, 2, 3])
    order.touched(None, lambda e: None, lambda e: None)
    assert order.rowids is None
    stale = order.asked("k")
    order.drop()  # a reload meanwhile: the read asked for before is not kept
    order.adopt(stale, "k", [1, 2, 3])
    assert order.rowids is None
    assert place([1, 3], 2, lambda a, b: a < b) == 1


@pytest.fixture(scope="module")
def project_file(tmp_path_factory, qapp) -> Path:
    return synthetic_file(tmp_path_factory, "full-order", seed=13)


@pytest.mark.parametrize(("sort", "descending", "flt", "seed"), ORDERS)
def test_a_far_row_sought_in_the_kept_order_is_where_a_read_puts_it(
    qtbot, project_file, tmp_path, sort, descending, flt, seed
) -> None:
    copy = tmp_path / "project.db"
    shutil.copyfile(project_file, copy)  # each its own edits
    project = Project.open(copy)
    session = Session(project)
    model = TimelineTableModel(session)
    model.set_sort(sort, descending)
    model.set_filter(flt)
    used: list[int | None] = []
    seek = model._seek_in_full_order
    model._seek_in_full_order = lambda rowid: used.append(seek(rowid)) or used[-1]  # type: ignore[method-assign]
    rnd = random.Random(seed)
    try:
        for _round in range(4):
            model.prefetch_order()
            qtbot.waitUntil(lambda: model._full.rowids is not None, timeout=10_000)
            for _ in range(rnd.randrange(1, 8)):
                _random_edit(rnd, session, model)
            truth = event_rowids(project, flt, sort, descending=descending)
            far = truth[model.rowCount() :]
            if not far:
                continue
            target = rnd.choice(far)
            event_id = project.rows("SELECT id FROM events WHERE rowid = ?", [target])[0]["id"]
            row = model.row_of(event_id)
            assert row == truth.index(target)
            assert _loaded(model) == truth[: model.rowCount()]
            assert model.event_id(row) == event_id
            assert rowid_of(project, "events", event_id) == target
            session.undo_stack.clear()  # the next round's undos stay within its own edits
    finally:
        project.close()
    assert any(r is not None for r in used), "the kept order was never used"


def test_too_many_noted_edits_drop_the_order() -> None:
    """Each noted event costs a bisect at the next seek: past MAX_NOTED a read is cheaper."""
    order = FullOrder()
    order.adopt(order.asked("k"), "k", list(range(1, 200)))
    order.touched([f"e{i}" for i in range(MAX_NOTED)], lambda e: int(e[1:]) + 1, lambda e: None)
    assert order.rowids is not None
    order.touched(["e150"], lambda e: 151, lambda e: None)
    assert order.rowids is None


@pytest.mark.parametrize("new_actor", [False, True])
def test_enter_with_a_new_actor_keeps_the_order(qtbot, project_file, tmp_path, new_actor) -> None:
    """The new-item form's Enter that also makes the actors named in the passage: a new
    actor is no other event's, so the kept order still serves the seek to the new row."""
    copy = tmp_path / "project.db"
    shutil.copyfile(project_file, copy)
    project = Project.open(copy)
    session = Session(project)
    model = TimelineTableModel(session)
    model.prefetch_order()
    qtbot.waitUntil(lambda: model._full.rowids is not None, timeout=10_000)
    made: dict[str, str] = {}

    def build(p: Project) -> ChangeSet:
        date = DateValue.from_edtf("2099-01-01")  # after every dated event: far down
        if new_actor:
            new = [("Brand New Person", "person", "participant")]
            cs, made["id"] = create_event_with_new_actors(p, new, headline="late", date=date)
        else:
            cs, made["id"] = ops.create_event(p, headline="late", date=date)
        return cs

    try:
        assert session.edit(build)
        used: list[int | None] = []
        seek = model._seek_in_full_order
        model._seek_in_full_order = lambda rowid: used.append(seek(rowid)) or used[-1]  # type: ignore[method-assign]
        row = model.row_of(made["id"])
        truth = event_rowids(project, TimelineFilter(), "date")
        assert row == truth.index(rowid_of(project, "events", made["id"]))
        assert model.event_id(row) == made["id"]
        assert used and used[0] is not None, "the kept order was dropped"
    finally:
        project.close()


def test_the_window_reads_the_whole_order_once_its_start_is_done(qtbot, seeded_path) -> None:
    from annotator.ui import app

    with Project.open(seeded_path) as project:  # an event for the inspector's form to show
        project.apply(ops.create_event(project, headline="talks")[0])
    window = app.open_window(seeded_path)
    qtbot.addWidget(window)
    model = window.table.model
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    assert model._full.rowids is None  # not beside the start's own reads
    qtbot.waitUntil(lambda: model._full.rowids is not None, timeout=10_000)
    assert model._full.rowids == event_rowids(window.session.project, TimelineFilter(), "date")
    # Then, its own turn of the loop, the inspector's event form made for the first event
    # selected (hidden: nothing is selected yet).
    qtbot.waitUntil(lambda: "headline" in window.inspector.fields, timeout=10_000)
    assert not window.inspector.form_host.isVisible() and window.inspector.kind is None
    window.close()
    window.session.project.close()
