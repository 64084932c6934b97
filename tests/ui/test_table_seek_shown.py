"""A new event far down, selected in the table (the first Enter in a window): its row is
current and selected where reading the order from scratch puts it, in every sort order, and
the seek reads the details of only the rows the view can show around it, not its page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.core.dates.value import DateValue
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.queries import event_rowids, rowid_of
from annotator.ui.editing.session import Session
from annotator.ui.table.full_order import _without
from annotator.ui.table.panel import TimelineTable
from tests.ui.test_table_row_places import ORDERS
from tests.ui.test_timeline_table import synthetic_file


@pytest.fixture(scope="module")
def project_file(tmp_path_factory, qapp) -> Path:
    return synthetic_file(tmp_path_factory, "seek-shown", seed=21)


@pytest.mark.parametrize("kept_order", [True, False])
@pytest.mark.parametrize(("sort", "descending", "flt", "seed"), ORDERS)
def test_a_new_far_event_is_selected_at_its_place_with_only_its_view_read(
    qtbot, project_file, tmp_path, sort, descending, flt, seed, kept_order
) -> None:
    copy = tmp_path / "project.db"
    shutil.copyfile(project_file, copy)
    project = Project.open(copy)
    session = Session(project)
    table = TimelineTable(session)
    qtbot.addWidget(table)
    table.resize(800, 300)
    table.show()
    qtbot.waitExposed(table)
    model = table.model
    model.set_sort(sort, descending)
    model.set_filter(flt)
    if kept_order:
        model.prefetch_order()
        qtbot.waitUntil(lambda: model._full.rowids is not None, timeout=10_000)
    made: dict[str, str] = {}
    date = DateValue.from_edtf("2099-01-01" if seed % 2 else "1999-01-01")

    def build(p: Project):
        cs, made["id"] = ops.create_event(p, headline=f"talks far {seed}", date=date)
        return cs

    try:
        assert session.edit(build)
        truth = event_rowids(project, flt, sort, descending=descending)
        rowid = rowid_of(project, "events", made["id"])
        if rowid not in truth:  # the filter hides it: nothing selected
            table.select_item("event", made["id"])
            assert table.selected_event_ids() == []
            return
        table.select_item("event", made["id"])
        row = truth.index(rowid)
        assert table.view.currentIndex().row() == row
        assert table.selected_event_ids() == [made["id"]]
        shown = table._rows_shown()
        rows = model._rows
        read = [i for i, r in enumerate(rows) if isinstance(r, dict)]
        near = range(max(0, row - shown), min(len(rows), row + shown + 1))
        assert all(isinstance(rows[i], dict) for i in near)
        start = row - row % model.PAGE
        outside = [i for i in range(start, min(len(rows), start + model.PAGE)) if i not in near]
        if row >= 2 * model.PAGE and outside:  # far down: its page was not read whole
            assert any(not isinstance(rows[i], dict) for i in outside)
        qtbot.wait(50)  # painted: the rows it shows needed no other read
        assert [i for i, r in enumerate(rows) if isinstance(r, dict)] == read
        for i in near:
            assert model.index(i, 1).data() == project.scalar(
                "SELECT headline FROM events WHERE rowid = ?", [truth[i]]
            )
    finally:
        project.close()


def test_rows_taken_out_of_the_kept_order_by_a_scan_or_a_pass_alike() -> None:
    rowids = list(range(1, 50))
    for out in ({3, 7, 100}, set(range(0, 60, 5)), set(), {49}):
        assert _without(rowids, out) == [r for r in rowids if r not in out]
    assert rowids == list(range(1, 50))  # a copy: the order read stays as read


def test_the_date_reader_warmed_once_idle_reads_every_shape_it_warms() -> None:
    """The window warms the date editors' reader once idle; each shape it reads is a date."""
    from annotator.ui.widgets.delegates import _SHOWN_DATES, understood, warm_date_reading

    warm_date_reading()
    for text in _SHOWN_DATES:
        value, _message, ok = understood(text, day_first=True)
        assert ok and value is not None, text
