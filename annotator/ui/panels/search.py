"""Full-text search across articles and items; a result opens its passage.

Activating an item (event, actor, claim) selects it and shows the passage it was first
cited from; activating an article shows where the first searched word occurs.

A query over a large project takes tens of milliseconds of SQL (ranking every match of a
common word), so it runs in a worker thread with its own read-only connection, one query
at a time: typing never waits for it, and a result that a newer query overtook is dropped.
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.text import counted
from annotator.store.search import MAX_TERMS, SearchHit, search, search_file, words_left_out
from annotator.ui.common.plain import plain_label
from annotator.ui.common.worker_signal import emit_if_alive
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.widgets.panel import Panel

HIT_ROLE = Qt.ItemDataRole.UserRole
KIND_LABEL = {
    "article": "Article",
    "event": "Event",
    "actor": "Actor",
    "claim": "Claim",
    "note": "Memo",
}


class _Relay(QObject):
    """Carries a worker's result to the main thread. One for the whole application, never
    deleted: a worker that outlives its panel emits into a living object, and Qt has already
    cut the connection to the panel that is gone."""

    done = Signal(int, object)  # the query's number; its hits, or an error message


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()  # made on the main thread, by the first panel
    return _relay


_numbers = itertools.count(1)  # query numbers, unique across panels


def _run(number: int, path: Path, text: str) -> None:
    try:
        result: object = search_file(path, text)
    except (AnnotatorError, OSError) as exc:
        result = str(exc)
    relay = _the_relay()
    emit_if_alive(relay, relay.done, number, result)  # the application may be closing


class SearchPanel(Panel):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.session = session
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search articles, events, actors, claims, memos…")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.summary = plain_label("", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self._typing = QTimer(self)  # one query after a pause, not one per key
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)  # a pause in typing, not work: at most 150 ms
        self._typing.timeout.connect(self.run_search)
        _the_relay().done.connect(self._found, Qt.ConnectionType.QueuedConnection)
        self._asked = 0  # the number of the latest query asked
        self._running: int | None = None  # the query in the worker, if any
        self._then_focus = False  # Enter: the first result takes the focus when shown
        self._keep_row = -1  # after an edit: the row that was current
        self.query.textChanged.connect(lambda _t: self._typing.start())
        self.query.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(self.open_hit)
        self.results.itemClicked.connect(self.open_hit)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.run_search)
        self.run_search()

    def select_item(self, kind: str, id: str) -> None:
        for i in range(self.results.count()):
            hit: SearchHit = self.results.item(i).data(HIT_ROLE)
            if (hit.kind, hit.id) == (kind, id):
                self.results.setCurrentRow(i)
                return

    def set_query(self, text: str) -> None:
        self.query.setText(text)
        self.run_search()

    def hits(self) -> list[SearchHit]:
        return [self.results.item(i).data(HIT_ROLE) for i in range(self.results.count())]

    @property
    def searching(self) -> bool:
        """A query is asked and its results not shown yet."""
        return self._running is not None

    def run_search(self) -> None:
        self._typing.stop()
        self._asked = next(_numbers)
        text = self.query.text().strip()
        if not text:
            self.results.clear()
            self.summary.setText("Type words to search; the last one may be a prefix.")
            return
        self._start_latest()

    def _start_latest(self) -> None:
        text = self.query.text().strip()
        path = self.session.project.path
        if not text:
            return
        if path is None:  # a project in memory (tests): searched where it is
            self._show(text, search(self.session.project, text))
        elif self._running is None:  # else started when the running one ends
            self._running = self._asked
            args = (self._asked, path, text)
            threading.Thread(target=_run, args=args, daemon=True, name="search").start()

    def _found(self, number: int, result: object) -> None:
        if number != self._running:
            return  # another panel's query
        self._running = None
        if number != self._asked:  # overtaken by a newer query: run that one now
            self._start_latest()
            return
        if isinstance(result, str):
            self.results.clear()
            self.summary.setText(f"Could not search: {result}")
            return
        assert isinstance(result, list)
        self._show(self.query.text().strip(), result)

    def _show(self, text: str, hits: list[SearchHit]) -> None:
        self.results.clear()
        # The rows in one insertion, then their data: an insertion per row had the list
        # handle 300 of them one at a time (4 of the 11 ms of showing a search's hits).
        self.results.addItems([_label(hit) for hit in hits])
        for row, hit in enumerate(hits):
            item = self.results.item(row)
            item.setData(HIT_ROLE, hit)
            item.setToolTip("Show the passage" if hit.start is not None else "Select it")
        summary = f"{counted(len(hits), 'result')}" if hits else "No results"
        left_out = words_left_out(text)
        if left_out:
            summary += f" for the first {MAX_TERMS} distinct words ({left_out} more left out)"
        self.summary.setText(summary)
        if 0 <= self._keep_row < self.results.count():
            self.results.setCurrentRow(self._keep_row)
        self._keep_row = -1
        if self._then_focus and self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()
        self._then_focus = False

    def open_hit(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(HIT_ROLE)
        if hit.kind == "note":  # a memo opens what it is about
            if hit.target_kind in ("event", "actor", "claim") and hit.target_id:
                self.itemSelected.emit(hit.target_kind, hit.target_id)
            elif hit.article_id:
                self.showPassage.emit(hit.article_id, hit.start or 0, hit.end or 0)
            return
        if hit.kind != "article":
            self.itemSelected.emit(hit.kind, hit.id)
        if hit.article_id and hit.start is not None and hit.end is not None:
            self.showPassage.emit(hit.article_id, hit.start, hit.end)

    def _enter(self) -> None:
        self._then_focus = True
        self.run_search()

    def _on_changed(self, touched: Changes) -> None:
        # Results name labels and passages; re-run only when something searchable changed.
        if self.query.text().strip() and touched.keys() & {
            "articles",
            "events",
            "actors",
            "claims",
            "citations",
            "notes",
        }:
            self._keep_row = self.results.currentRow()
            self.run_search()


def _label(hit: SearchHit) -> str:
    """A hit's row: its kind and label, and its snippet below with the words found marked."""
    snippet = " ".join(hit.snippet.split())
    if hit.kind == "actor":  # aliases are a JSON list: its brackets are not marks
        snippet = snippet.replace("[", "").replace("]", "").replace('"', "")
    else:
        snippet = snippet.replace("[", "«").replace("]", "»")
    label = f"{KIND_LABEL.get(hit.kind, hit.kind)}: {hit.label}"
    if snippet and snippet != hit.label:
        label += f"\n    {snippet}"
    return label
