"""Selecting a row from elsewhere (the drawn timeline, search, a new event) and then scrolling
on down: the table still reads the next page at its end (a seek's pause of page reads must
not swallow the view's request when the row was already loaded)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from annotator.core.dates.value import DateValue
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.queries import event_rowids
from annotator.ui.editing.session import Session
from annotator.ui.table.panel import TimelineTable
from tests.ui.test_timeline_table import build_synthetic


@pytest.fixture
def table(qtbot):
    project = Project.memory()
    build_synthetic(project, 700, seed=3)
    table = TimelineTable(Session(project))
    qtbot.addWidget(table)
    table.resize(800, 300)
    table.show()
    qtbot.waitExposed(table)
    yield table
    project.close()


def _wheel_down(view, qtbot, times: int = 5) -> None:
    viewport = view.viewport()
    pos = QPointF(viewport.rect().center())
    for _ in range(times):
        wheel = QWheelEvent(
            pos,
            QPointF(viewport.mapToGlobal(pos.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(viewport, wheel)
        qtbot.wait(20)


def test_the_last_loaded_row_selected_then_the_wheel_reads_on(table, qtbot) -> None:
    model = table.model
    assert model.rowCount() == model.PAGE and model.canFetchMore()
    table.select_item("event", model.event_id(model.rowCount() - 1))
    qtbot.wait(50)
    _wheel_down(table.view, qtbot)
    assert model.rowCount() > model.PAGE


def test_a_far_row_selected_then_the_wheel_reads_on(table, qtbot) -> None:
    model, project = table.model, table.session.project
    truth = event_rowids(project, model.current_filter(), "date")
    far = project.scalar("SELECT id FROM events WHERE rowid = ?", [truth[450]])
    table.select_item("event", far)
    qtbot.wait(50)
    assert table.selected_event_ids() == [far]
    loaded = model.rowCount()
    assert loaded < len(truth)
    for _ in range(20):
        _wheel_down(table.view, qtbot)
    assert model.rowCount() > loaded


def test_a_new_event_near_the_end_of_the_loaded_rows_then_the_wheel(table, qtbot) -> None:
    model, session = table.model, table.session
    project = session.project
    truth = event_rowids(project, model.current_filter(), "date")
    date = project.scalar("SELECT date FROM events WHERE rowid = ?", [truth[196]])
    made: dict[str, str] = {}

    def build(p: Project):
        cs, made["id"] = ops.create_event(p, headline="new one", date=DateValue.from_edtf(date))
        return cs

    assert session.edit(build)
    table.select_item("event", made["id"])
    qtbot.wait(50)
    loaded = model.rowCount()
    _wheel_down(table.view, qtbot)
    assert model.rowCount() > loaded
