"""Child-process probes for the window measurements; each prints one JSON line.

python -m annotator.bench.gui_probe WHAT PROJECT
  bare_window       first paint of an empty QMainWindow (the start floor), ms since start,
                    and its idle (the same, measured the same way as the app's)
  cold_start        the app started as ``annotator gui`` starts it: first paint and idle
                    (ms since process start), the longest block after the first paint
  open_article      open the article with the most passages, painted with highlights (ms),
                    and QTextDocument.setPlainText of the same text (the floor)
  tag               tag a passage as an event: created, highlight drawn, row visible (ms)
  filter_sort       the timeline filtered by actor, by date range, by text; sorted (ms each)
  memory            peak resident memory with the project open in the main window (MB)
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def bare_window() -> dict:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QMainWindow

    from annotator.bench.idle import IdleWatch
    from annotator.ui.app import elapsed_ms

    app = QApplication([])
    watch = IdleWatch(app)
    result: dict = {}

    class Window(QMainWindow):
        def event(self, e: QEvent) -> bool:
            if e.type() == QEvent.Type.Paint and "value" not in result:
                result["value"] = elapsed_ms()
            return super().event(e)

    t0, start_ms = time.perf_counter(), elapsed_ms()
    w = Window()
    w.resize(1280, 800)
    w.show()
    result["idle"] = start_ms + watch.settle(t0).idle_ms
    result["cpu"] = watch.cpu_at_idle * 1000
    return result


def cold_start(path: str) -> dict:
    """As ``run_app`` starts the window (settings, project, window, backup), then until idle."""
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from annotator.bench.idle import IdleWatch
    from annotator.ui.app import elapsed_ms, make_app, open_window

    app = make_app()
    QApplication.setCursorFlashTime(0)
    watch = IdleWatch(app)
    t0 = time.perf_counter()
    start_ms = elapsed_ms()  # process start to now, on the same clock as t0
    window = open_window(Path(path))
    painted: dict = {}

    def first_paint(ms: float) -> None:
        painted.update(at=time.perf_counter(), ms=ms, cpu=time.process_time())

    window.firstPainted.connect(first_paint)
    window.show()
    window.projects.start_backup()
    settled = watch.settle(t0)
    at = painted.get("at", time.perf_counter())
    return {
        "first_paint": painted.get("ms", start_ms + (at - t0) * 1000),
        "idle": start_ms + settled.idle_ms,
        "block_after_paint": watch.block_after(at),
        # CPU since the process started (imports included), at first paint and at idle
        "cpu_first_paint": painted.get("cpu", 0.0) * 1000,
        "cpu_idle": watch.cpu_at_idle * 1000,
    }


def _window(path: str):
    from annotator.ui.app import make_app, open_window

    app = make_app()
    window = open_window(__import__("pathlib").Path(path))
    window.resize(1280, 800)
    window.show()
    _settle(app)
    return app, window


def open_article(path: str) -> dict:
    from PySide6.QtGui import QTextDocument

    app, window = _window(path)
    project = window.session.project
    aid, text = project.rows(
        "SELECT a.id, a.text FROM articles a JOIN passages p ON p.article_id = a.id "
        "GROUP BY a.id ORDER BY count(*) DESC LIMIT 1"
    )[0].values()
    other = project.scalar("SELECT id FROM articles WHERE id != ? LIMIT 1", [aid])
    runs, floors = [], []
    for _ in range(3):
        if other:
            window.open_article(other)
            _settle(app)
        t0 = time.perf_counter()
        window.open_article(aid)
        window.reader.viewport().repaint()  # painted, highlights included
        runs.append(_ms(t0))
        t0 = time.perf_counter()
        doc = QTextDocument()
        doc.setPlainText(text)
        floors.append(_ms(t0))
    return {
        "value": statistics.median(runs),
        "floor": statistics.median(floors),
        "passages": project.scalar("SELECT count(*) FROM passages WHERE article_id = ?", [aid]),
    }


def tag(path: str) -> dict:
    from annotator.store import operations as ops

    app, window = _window(path)
    project = window.session.project
    aid = project.scalar("SELECT id FROM articles ORDER BY rowid DESC LIMIT 1")
    window.open_article(aid)
    _settle(app)
    table = window.panels["timeline_table"]
    t0 = time.perf_counter()
    cs, eid = ops.create_event(project, headline="Benchmark event", span=(aid, 10, 60), date=None)
    window.session.run(cs)
    window.select_item("event", eid)
    window.reader.viewport().repaint()
    table.repaint()
    value = _ms(t0)
    found = table.model.row_of(eid)
    window.session.undo_stack.undo()  # leave the benchmark project as it was
    return {"value": value, "row": found}


def filter_sort(path: str) -> dict:
    from annotator.store.queries import TimelineFilter

    app, window = _window(path)
    project = window.session.project
    table = window.panels["timeline_table"]
    actor = project.scalar(
        "SELECT actor_id FROM event_actors GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1"
    )
    lo = (
        project.scalar(
            "SELECT date_earliest FROM events WHERE date_earliest IS NOT NULL "
            "ORDER BY date_earliest LIMIT 1 OFFSET 40000"
        )
        or "2020-01-01"
    )
    word = "ceasefire"
    out = {}
    cases = {
        "filter_by_actor": TimelineFilter(actor_ids=(actor,) if actor else ()),
        "filter_by_date_range": TimelineFilter(date_from=lo[:10], date_to=f"{lo[:4]}-12-31"),
        "filter_by_text": TimelineFilter(text=word),
    }
    for name, flt in cases.items():
        runs = []
        for _ in range(3):
            table.set_filter(TimelineFilter())
            _settle(app)
            t0 = time.perf_counter()
            table.set_filter(flt)
            table.repaint()
            runs.append(_ms(t0))
        out[name] = statistics.median(runs)
    table.set_filter(TimelineFilter())
    model = table.model
    for name, column in (("sort_by_headline", 1), ("sort_by_date", 0)):
        runs = []
        for order in (1, 0, 1):
            t0 = time.perf_counter()
            model.sort(column, order)
            table.repaint()
            runs.append(_ms(t0))
        out[name] = statistics.median(runs)
    return out


def memory(path: str) -> dict:
    app, window = _window(path)
    window.drawn.refresh()
    _settle(app)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"value": peak_kb / 1024}


PROBES: dict[str, Callable[..., dict]] = {
    "bare_window": bare_window,
    "cold_start": cold_start,
    "open_article": open_article,
    "tag": tag,
    "filter_sort": filter_sort,
    "memory": memory,
}


def main() -> None:
    what = sys.argv[1]
    fn = PROBES[what]
    result = fn() if what == "bare_window" else fn(sys.argv[2])
    print(json.dumps(result), flush=True)
    _close_projects()
    os._exit(0)  # skip the rest of the teardown: the figures are taken


def _close_projects() -> None:
    """Close the project as the app does on quit: a clean close is what lets the next open
    skip the long checks, so every start measured is an ordinary start, not one after a
    crash."""
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        session = getattr(widget, "session", None)
        if session is not None and not session.project.closed:
            session.project.close()


if __name__ == "__main__":
    main()
