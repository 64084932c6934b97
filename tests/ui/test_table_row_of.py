"""The table finds a far row (a new event, a redo) where it sorts, in every order."""

from __future__ import annotations

import pytest

from annotator.store.project import Project
from annotator.store.queries import TimelineFilter
from annotator.ui.editing.session import Session
from annotator.ui.table.panel import TimelineTableModel
from tests.ui.test_timeline_table import build_synthetic


@pytest.fixture
def synthetic(qapp):
    project = Project.memory()
    ids = build_synthetic(project, 1500)
    session = Session(project)
    yield session, ids
    project.close()


@pytest.mark.parametrize(
    ("sort", "descending", "flt"),
    [
        ("date", False, TimelineFilter()),
        ("date", True, TimelineFilter()),
        ("date", False, TimelineFilter(text="talks")),
        ("headline", False, TimelineFilter()),  # not counted: looked for
    ],
)
def test_far_rows_are_found_where_they_sort(synthetic, sort, descending, flt):
    session, ids = synthetic
    for event_id in ids["events"][::97]:  # each from a fresh model: far below the first page
        model = TimelineTableModel(session)
        model.set_filter(flt)
        model.set_sort(sort, descending)
        row = model.row_of(event_id)
        shown = session.project.scalar(
            "SELECT headline FROM events WHERE id = ?", [event_id]
        ).startswith("talks")
        if flt.text and not shown:
            assert row is None
            continue
        assert row is not None and model.event_id(row) == event_id
        assert model.row_of(event_id) == row  # found again among the rows loaded
