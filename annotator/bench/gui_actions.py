"""Child process: an analyst's interactions on one window, each measured until idle.

python -m annotator.bench.gui_actions PROJECT [STEPS] [REPEAT]

Prints one JSON line: ``{name: {"value", "block", "floor", "wait"}}`` (ms; ``wait`` names a
debounce chosen on purpose, and ``value`` is then the time after it fired). Floors run in
the same process: a bare ``QTableView`` over a model with as many rows and columns as the
timeline table, ``QTextDocument.setPlainText`` for an article, bare ``sqlite3`` for queries.
The last line also carries the peak memory after the whole scripted day (MB).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView

from annotator.bench.idle import IdleWatch, Settled

REPEAT = 3  # each interaction's runs in this window; the median is reported
SEARCH_WORDS = "ceasefire agreement"  # typed up to its last letter, then T
FILTER_WORD = "ceasefire"  # typed up to its last letter, then E


class BareModel(QAbstractTableModel):
    """The floor's model: as many rows and columns, a short text per cell, nothing else."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__()
        self.rows, self.columns = rows, columns

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.columns

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"row {index.row()} col {index.column()}"
        return None


class Day:
    """The window, the watch and the figures taken so far."""

    def __init__(self, path: Path) -> None:
        from annotator.ui.app import make_app, open_window

        self.app = make_app()
        QApplication.setCursorFlashTime(0)  # a blinking caret is not work
        self.watch = IdleWatch(self.app)
        self.window = open_window(path)
        self.window.resize(1280, 800)
        self.window.show()
        self.window.activateWindow()
        self.window.projects.start_backup()
        self.watch.settle()  # start-up, backups and checks done
        self.project = self.window.session.project
        self.path = path
        self.out: dict[str, dict[str, Any]] = {}
        self.interactions = 0
        self.watch.visual(self.window.reader._flash_timer)  # the flash fading is a look
        self.watch.name_wait("search pause", self.window.search._typing)
        self.watch.name_wait("filter pause", self.window.filter_bar._typing)

    def measure(
        self,
        name: str,
        action: Callable[[], object],
        *,
        before: Callable[[], object] | None = None,
        after: Callable[[], object] | None = None,
        floor: Callable[[], float] | None = None,
        wait: str | None = None,
        repeat: int | None = None,
        first: bool = False,
    ) -> None:
        """The median of the runs; with ``first``, the first run as ``NAME_first`` too (the
        one an analyst meets once per window, which the median hides)."""
        values, blocks, floors, cpus = [], [], [], []
        for _ in range(REPEAT if repeat is None else repeat):
            if before is not None:
                before()
                self.watch.settle()
            settled = self.timed(name, action)
            self.interactions += 1
            if settled.timed_out:
                print(f"{name}: still busy with {settled.busy_with[:5]}", file=sys.stderr)
            values.append(settled.after(wait) if wait else settled.idle_ms)
            blocks.append(settled.block_ms)
            if os.environ.get("ANNOTATOR_BENCH_EACH"):  # the runs a median hides
                print(f"{name} run: {values[-1]:.1f} / {blocks[-1]:.1f}", file=sys.stderr)
            cpus.append(settled.cpu_ms)
            if after is not None:
                after()
                self.watch.settle()
            if floor is not None:
                floors.append(floor())
        label = None if wait is None else self._wait_label(wait)
        self.out[name] = _entry(values, blocks, cpus, floors, label)
        print(f"{name}: {self.out[name]}", file=sys.stderr, flush=True)
        if first:
            self.out[f"{name}_first"] = _entry(values[:1], blocks[:1], cpus[:1], floors[:1], label)

    def timed(self, name: str, action: Callable[[], object]) -> Settled:
        """One measurement; ``ANNOTATOR_BENCH_PROFILE=name,...`` prints its profile too."""
        wanted = os.environ.get("ANNOTATOR_BENCH_PROFILE", "").split(",")
        if name not in wanted:
            return self.watch.measure(action)
        from pyinstrument import Profiler

        with Profiler(interval=0.001) as profiler:
            settled = self.watch.measure(action)
        print(profiler.output_text(show_all=False), file=sys.stderr)
        return settled

    def _wait_label(self, wait: str) -> str:
        timers = {
            "search pause": self.window.search._typing,
            "filter pause": self.window.filter_bar._typing,
        }
        return f"{wait} {timers[wait].interval()} ms"

    def rows(self, sql: str, args: tuple = ()) -> list[tuple]:
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()


def _plain_text_ms(text: str) -> float:
    watch_free = QTextDocument()
    t0 = _now()
    watch_free.setPlainText(text)
    return (_now() - t0) * 1000


def _now() -> float:
    import time

    return time.perf_counter()


def articles(day: Day) -> None:
    w = day.window
    big_id, big_text = day.rows(
        "SELECT a.id, a.text FROM articles a JOIN passages p ON p.article_id = a.id "
        "GROUP BY a.id ORDER BY count(*) DESC LIMIT 1"
    )[0]
    two = day.rows(
        "SELECT id, text FROM articles WHERE id != ? ORDER BY length(text) LIMIT 2 OFFSET "
        "(SELECT count(*) / 2 FROM articles)",
        (big_id,),
    )
    if len(two) < 2:
        two = day.rows("SELECT id, text FROM articles WHERE id != ? LIMIT 2", (big_id,))
    (a_id, a_text), (b_id, _b) = two
    passages = day.rows("SELECT count(*) FROM passages WHERE article_id = ?", (big_id,))[0][0]
    day.out["_big_article_passages"] = {"value": passages}
    day.measure(
        "open_article_most_passages",
        lambda: w.open_article(big_id),
        before=lambda: w.open_article(a_id),
        floor=lambda: _plain_text_ms(big_text),
        first=True,
    )
    day.measure(
        "switch_article",
        lambda: w.open_article(a_id),
        before=lambda: w.open_article(b_id),
        floor=lambda: _plain_text_ms(a_text),
    )
    # A 2 MB article with 5,000 passages, added for this figure and taken out again.
    from annotator.bench.synth import add_huge_article, remove_article

    huge_id, huge_text = add_huge_article(day.project)
    day.watch.settle()
    day.measure(
        "open_article_2mb_5000_passages",
        lambda: w.open_article(huge_id),
        before=lambda: w.open_article(a_id),
        floor=lambda: _plain_text_ms(huge_text),
        first=True,
    )
    w.open_article(a_id)
    day.watch.settle()
    remove_article(day.project, huge_id)


def _span(day: Day) -> tuple[int, int]:
    """Two words a few words into the open article: what an analyst selects to tag."""
    text = day.window.reader.text
    start = text.find(" ", 40) + 1
    end = text.find(" ", text.find(" ", start) + 1)
    return start, end


def forms(day: Day) -> None:
    w = day.window
    reader = w.reader

    def select() -> None:
        start, end = _span(day)
        reader.select_span(start, end)
        reader.setFocus()

    def close_form() -> None:
        if w.tagging.dialog is not None:
            w.tagging.dialog.reject()

    for key, name in ((Qt.Key.Key_E, "event"), (Qt.Key.Key_A, "actor"), (Qt.Key.Key_C, "claim")):
        day.measure(
            f"{name}_form_open",
            partial(QTest.keyClick, reader, key),
            before=select,
            after=close_form,
            first=True,
        )


def edits(day: Day) -> None:
    """Enter on the new-event form, undo, redo, delete: the whole cycle three times."""
    import annotator.ui.window.commands_items as commands_items

    w = day.window
    reader = w.reader
    commands_items.QMessageBox.question = staticmethod(  # type: ignore[method-assign]
        lambda *_a, **_k: QMessageBox.StandardButton.Yes  # the analyst says yes
    )
    figures: dict[str, list[Settled]] = {"create": [], "undo": [], "redo": [], "delete": []}
    for _ in range(REPEAT):
        start, end = _span(day)
        reader.select_span(start, end)
        reader.setFocus()
        day.watch.measure(lambda: QTest.keyClick(reader, Qt.Key.Key_E))
        dialog = w.tagging.dialog
        figures["create"].append(
            day.timed(
                "new_event_enter",
                partial(QTest.keyClick, dialog, Qt.Key.Key_Return),
            )
        )
        current = w.selected
        figures["undo"].append(day.timed("undo_new_event", w.actions_["undo"].trigger))
        figures["redo"].append(day.timed("redo_new_event", w.actions_["redo"].trigger))
        if current:
            w.select_item(*current)
            day.watch.settle()
        figures["delete"].append(day.timed("delete_event", w.actions_["delete"].trigger))
        for _undo in range(2):  # the project as it was
            day.watch.measure(w.actions_["undo"].trigger)
        day.interactions += 5
    names = {
        "create": "new_event_enter",
        "undo": "undo_new_event",
        "redo": "redo_new_event",
        "delete": "delete_event",
    }
    for key, runs in figures.items():
        day.out[names[key]] = _settled_entry(runs)
        print(f"{names[key]}: {day.out[names[key]]}", file=sys.stderr, flush=True)
    # The first Enter in a window is the one an analyst meets at once: the median hides it.
    day.out["new_event_enter_first"] = _settled_entry(figures["create"][:1])


def _entry(
    values: list[float],
    blocks: list[float],
    cpus: list[float],
    floors: list[float] | None = None,
    wait: str | None = None,
) -> dict[str, Any]:
    """One figure as the runner reads it: the medians of the runs given."""
    return {
        "value": statistics.median(values),
        "block": statistics.median(blocks),
        "floor": statistics.median(floors) if floors else None,
        "wait": wait,
        "cpu": statistics.median(cpus),
    }


def _settled_entry(runs: list[Settled]) -> dict[str, Any]:
    return _entry([r.idle_ms for r in runs], [r.block_ms for r in runs], [r.cpu_ms for r in runs])


def _bare_search_ms(day: Day) -> float:
    """The floor: the same full-text queries, bare (first 100 matches per kind)."""
    from annotator.store.search import fts_query

    query = fts_query(SEARCH_WORDS)
    con = sqlite3.connect(f"file:{day.path}?mode=ro", uri=True)
    t0 = _now()
    for table in ("articles_fts", "events_fts", "actors_fts", "claims_fts"):
        with contextlib.suppress(sqlite3.OperationalError):  # no such table: no floor part
            con.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT 100", (query,)
            ).fetchall()
    ms = (_now() - t0) * 1000
    con.close()
    return ms


def search(day: Day) -> None:
    w = day.window
    box = w.search.query

    def set_text(text: str) -> None:
        box.blockSignals(True)
        box.setText(text)
        box.blockSignals(False)

    day.measure("search_focus_ctrl_f", w.actions_["find"].trigger)
    day.measure(
        "search_query_enter",
        lambda: QTest.keyClick(box, Qt.Key.Key_Return),
        before=lambda: set_text(SEARCH_WORDS),
        floor=lambda: _bare_search_ms(day),
    )
    day.measure(
        "search_type_a_character",
        lambda: QTest.keyClick(box, Qt.Key.Key_T),  # the query's last letter
        before=lambda: set_text(SEARCH_WORDS[:-1]),
        wait="search pause",
    )


def _bare_filter_ms(day: Day) -> float:
    con = sqlite3.connect(f"file:{day.path}?mode=ro", uri=True)
    t0 = _now()
    con.execute(
        "SELECT id FROM events WHERE headline LIKE ? ORDER BY date_earliest LIMIT 200",
        (f"%{FILTER_WORD}%",),
    ).fetchall()
    ms = (_now() - t0) * 1000
    con.close()
    return ms


def _drop_kept(day: Day) -> None:
    """The drawn timeline's kept reads dropped: the next filter is one this window has not
    drawn yet, as an analyst meets it (the kept runs find it laid out already). The read on
    screen stays kept, as the window keeps what it shows: dropped too, the first figure paid
    for freeing it in a worker, which the window does only once three other reads are kept."""
    drawn, shown = day.window.drawn, day.window.timeline_view.canvas.cache
    drawn._kept = {key: read for key, read in drawn._kept.items() if read.cache is shown}


def filters(day: Day) -> None:
    from annotator.store.queries import TimelineFilter

    w = day.window
    bar = w.filter_bar
    actor = day.rows(
        "SELECT actor_id FROM event_actors GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1"
    )
    dates = day.rows(
        "SELECT date_earliest FROM events WHERE date_earliest IS NOT NULL "
        "ORDER BY date_earliest LIMIT 1 OFFSET (SELECT count(*) * 4 / 10 FROM events)"
    )
    lo = dates[0][0] if dates and dates[0][0] else "2020-01-01"
    clear = bar.clear

    def set_text(text: str) -> None:
        bar.text.blockSignals(True)
        bar.text.setText(text)
        bar.text.blockSignals(False)

    def clear_and_type(text: str) -> None:
        clear()
        set_text(text)

    def then_drop(before: Callable[[], object]) -> Callable[[], object]:
        def run() -> None:
            before()
            day.watch.settle()
            _drop_kept(day)

        return run

    # Each filter twice: first on a window that has not drawn it (the kept reads dropped
    # after the step before it), then as the runs after the first find it.
    for suffix, prepare in (("_first", then_drop), ("", lambda before: before)):
        if actor:
            day.measure(
                f"filter_by_actor{suffix}",
                lambda: bar.set_filter(TimelineFilter(actor_ids=(actor[0][0],))),
                before=prepare(clear),
            )
        day.measure(
            f"filter_by_date_range{suffix}",
            lambda: bar.set_filter(TimelineFilter(date_from=lo[:10], date_to=f"{lo[:4]}-12-31")),
            before=prepare(clear),
        )
        day.measure(
            f"filter_clear{suffix}",
            clear,
            before=prepare(lambda: bar.set_filter(TimelineFilter(text=FILTER_WORD))),
        )
        day.measure(
            f"filter_type_a_character{suffix}",
            lambda: QTest.keyClick(bar.text, Qt.Key.Key_E),  # the last letter of the word
            before=prepare(lambda: clear_and_type(FILTER_WORD[:-1])),
            after=clear,
            wait="filter pause",
            floor=lambda: _bare_filter_ms(day),
        )


def _bare_table(day: Day) -> QTableView:
    table = day.window.table
    view = QTableView()
    view.setModel(BareModel(table.model.total(), table.model.columnCount()))
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.resize(table.view.size())
    view.show()
    day.watch.settle()
    return view


def _floor_of(day: Day, view: QTableView, key: Qt.Key) -> float:
    view.setFocus()
    day.watch.settle()
    return day.watch.measure(lambda: QTest.keyClick(view, key)).idle_ms


def table(day: Day) -> None:
    w = day.window
    view = w.table.view
    bare = _bare_table(day)
    bare.setCurrentIndex(bare.model().index(0, 0))

    def focus_first() -> None:
        view.setFocus()
        if not view.currentIndex().isValid():
            view.setCurrentIndex(w.table.model.index(0, 1))

    day.measure(
        "table_scroll_a_page",
        lambda: QTest.keyClick(view, Qt.Key.Key_PageDown),
        before=focus_first,
        floor=lambda: _floor_of(day, bare, Qt.Key.Key_PageDown),
    )
    day.measure(
        "table_select_next_item",
        lambda: QTest.keyClick(view, Qt.Key.Key_Down),
        before=focus_first,
        floor=lambda: _floor_of(day, bare, Qt.Key.Key_Down),
    )
    bare.close()
    model = w.table.model
    for column in range(model.columnCount()):
        header = str(model.headerData(column, Qt.Orientation.Horizontal) or column)
        day.measure(
            f"sort_first_by_{header.lower().replace(' ', '_')}",
            partial(view.sortByColumn, column, Qt.SortOrder.DescendingOrder),
            repeat=1,  # the first sort by a column is the one an analyst waits for
        )
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    day.watch.settle()


def drawn(day: Day) -> None:
    canvas = day.window.timeline_view.canvas
    canvas.setFocus()
    day.watch.settle()
    day.measure("timeline_pan_a_page", lambda: QTest.keyClick(canvas, Qt.Key.Key_Right))
    day.measure("timeline_zoom_in", lambda: QTest.keyClick(canvas, Qt.Key.Key_Plus))
    day.measure("timeline_zoom_out", lambda: QTest.keyClick(canvas, Qt.Key.Key_Minus))


def exports(day: Day) -> None:
    """Each export as File > Export writes it (after the dialog), on this window."""
    from annotator.store.exporting import ExportRequest
    from annotator.ui.dialogs.export import ExportChoice

    commands = day.window.article_commands
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-export-"))
    for fmt in ("csv", "json"):
        target = folder / f"export.{fmt}"
        day.measure(
            f"window_export_{fmt}",
            partial(commands.write_export, ExportChoice(ExportRequest(fmt=fmt), target)),
            repeat=1,
        )
        target.unlink(missing_ok=True)


STEPS = {
    "articles": articles,
    "forms": forms,
    "edits": edits,
    "search": search,
    "filters": filters,
    "table": table,
    "drawn": drawn,
    "exports": exports,
}


def main() -> None:
    path = Path(sys.argv[1])
    only = sys.argv[2].split(",") if len(sys.argv) > 2 and sys.argv[2] else list(STEPS)
    global REPEAT
    REPEAT = int(sys.argv[3]) if len(sys.argv) > 3 else REPEAT
    day = Day(path)
    for step in only:
        STEPS[step](day)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    day.out["peak_memory_day"] = {"value": peak, "interactions": day.interactions}
    print(json.dumps(day.out), flush=True)
    day.project.close()  # a clean close: the next start measured is an ordinary one
    os._exit(0)  # skip the rest of the teardown: the figures are taken


if __name__ == "__main__":
    main()
