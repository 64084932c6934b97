"""The table's first read at start: the order is read once (switching sorting on must not
read it again), only the rows a window shows are read whole, and every other row still
shows its own details when it comes into view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.store.project import Project
from annotator.store.queries import event_rowids
from annotator.ui.editing.session import Session
from annotator.ui.table import model as table_model
from annotator.ui.table.panel import COL, TimelineTable
from tests.ui.test_timeline_table import build_synthetic


@pytest.fixture
def session(qapp):
    project = Project.memory()
    build_synthetic(project, 1500)
    yield Session(project)
    project.close()


def test_a_new_table_reads_its_order_once_and_only_the_first_rows_whole(
    qtbot, session, monkeypatch
) -> None:
    orders, details = [], []
    real_rowids, real_page = table_model.event_rowids, table_model.event_page
    monkeypatch.setattr(
        table_model, "event_rowids", lambda *a, **k: orders.append(1) or real_rowids(*a, **k)
    )
    monkeypatch.setattr(
        table_model,
        "event_page",
        lambda p, rowids: details.append(len(rowids)) or real_page(p, rowids),
    )
    table = TimelineTable(session)
    qtbot.addWidget(table)
    assert len(orders) == 1
    assert details == [table.model.FIRST_DETAILS]
    # Sorting by the order the rows have reads nothing; another order reads them again.
    table.model.sort(0, Qt.SortOrder.AscendingOrder)
    assert len(orders) == 1
    table.model.sort(0, Qt.SortOrder.DescendingOrder)
    assert len(orders) == 2


def test_rows_past_the_first_read_show_their_own_details(qtbot, session) -> None:
    table = TimelineTable(session)
    qtbot.addWidget(table)
    model = table.model
    truth = event_rowids(session.project, model.current_filter(), "date")
    headlines = {
        r["_rowid"]: r["headline"]
        for r in session.project.rows("SELECT rowid AS _rowid, headline FROM events")
    }
    for row in (0, model.FIRST_DETAILS - 1, model.FIRST_DETAILS, model.rowCount() - 1):
        shown = model.data(model.index(row, COL["headline"]))
        assert shown == (headlines[truth[row]] or "")


def test_the_status_counts_in_a_worker_and_a_short_result_without_a_count(
    qtbot, tmp_path, monkeypatch
) -> None:
    import sqlite3
    import threading

    from annotator.store.queries import TimelineFilter

    path = tmp_path / "p.db"
    with Project.open(path, create=True) as built:
        build_synthetic(built, 1500)
    counts: list[str] = []
    real = table_model.count_events
    monkeypatch.setattr(
        table_model,
        "count_events",
        lambda p, flt: counts.append(threading.current_thread().name) or real(p, flt),
    )
    with Project.open(path) as project:
        table = TimelineTable(Session(project))
        qtbot.addWidget(table)
        con = sqlite3.connect(path)  # the truth, read beside the app's connection
        try:
            every = con.execute("SELECT count(*) FROM events").fetchone()[0]
        finally:
            con.close()
        qtbot.waitUntil(lambda: table.status.text().startswith(f"{every:,} events"), timeout=10_000)
        assert counts and "MainThread" not in counts
        # A filter matching fewer than a page: its rows are its count, nothing counted.
        counts.clear()
        first = table.model.event_id(0)
        headline = project.scalar("SELECT headline FROM events WHERE id = ?", [first])
        table.set_filter(TimelineFilter(text=f'"{headline}"'))
        qtbot.waitUntil(lambda: "match the filter" in table.status.text(), timeout=10_000)
        shown = table.model.rowCount()
        assert table.status.text().startswith(f"{shown:,} event")
        assert counts == []
        table.close()
