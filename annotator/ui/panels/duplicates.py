"""Possible duplicates: pairs of events across the project that may be one event told twice.

The search reads the whole chronology (seconds at 100,000 events), so it runs when asked,
in a worker thread with its own read-only connection; the list it gives is then kept up to
date by dropping pairs an edit settles (merged, set aside, deleted) rather than searching
again after each edit.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.text import counted
from annotator.store.duplicates import Pair, aside_id, possible_duplicates, set_aside
from annotator.store.project import Project
from annotator.ui.common.worker_signal import emit_if_alive
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.widgets.panel import Panel

PAIR_ROLE = Qt.ItemDataRole.UserRole


class _Search(QObject):
    done = Signal(object)  # list[Pair], or an error message

    def start(self, path: Path | None, project: Project) -> None:
        if path is None:  # a project in memory (tests): searched where it is
            self.done.emit(possible_duplicates(project))
            return
        threading.Thread(target=self._run, args=(path,), daemon=True, name="duplicates").start()

    def _run(self, path: Path) -> None:
        try:
            with Project.open(path, readonly=True) as reader:
                result: object = possible_duplicates(reader)
        except (AnnotatorError, OSError) as exc:
            result = str(exc)
        emit_if_alive(self, self.done, result)  # the window may have closed meanwhile


class DuplicatesPanel(Panel):
    mergeRequested = Signal(list)  # event ids, the likelier duplicate pair

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.find_button = QPushButton("Find Possible Duplicates", self)
        self.find_button.setToolTip(
            "Look through the whole chronology for events told twice (same time, mostly the "
            "same actors, some of the same words)"
        )
        self.count = QLabel("Not searched yet.", self)
        self.count.setWordWrap(True)
        # A short dock squeezes the list, never this line.
        self.count.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.pairs = QListWidget(self)
        self.pairs.setWordWrap(True)
        self.merge_button = QPushButton("Merge…", self)
        self.merge_button.setToolTip("Fold the two events into one (undoable)")
        self.apart_button = QPushButton("Not the Same", self)
        self.apart_button.setToolTip("Two different events: not offered again (undoable)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.apart_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.find_button)
        layout.addWidget(self.count)
        layout.addWidget(self.pairs, 1)
        layout.addLayout(buttons)
        self._search = _Search(self)
        self._search.done.connect(self._found, Qt.ConnectionType.QueuedConnection)
        self.find_button.clicked.connect(self.search)
        self.pairs.currentItemChanged.connect(self._current_changed)
        self.pairs.itemActivated.connect(lambda _item: self.merge_current())
        self.merge_button.clicked.connect(self.merge_current)
        self.apart_button.clicked.connect(self.set_apart_current)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._forget)
        self.setFocusProxy(self.pairs)
        self._update_buttons()

    def search(self) -> None:
        self.find_button.setEnabled(False)
        self.count.setText("Looking through the chronology…")
        self._search.start(self.session.project.path, self.session.project)

    def _found(self, result: object) -> None:
        self.find_button.setEnabled(True)
        if isinstance(result, str):
            self.count.setText(f"Could not search: {result}")
            return
        assert isinstance(result, list)
        self.pairs.clear()
        for pair in result:
            self._add(pair)
        self._say_count()
        if self.pairs.count():
            self.pairs.setCurrentRow(0)

    def _add(self, pair: Pair) -> None:
        item = QListWidgetItem(
            f"{pair.headline_a}\n{pair.headline_b}\n    {'; '.join(pair.reasons)}"
        )
        item.setData(PAIR_ROLE, pair)
        item.setToolTip(f"{pair.headline_a}\n— and —\n{pair.headline_b}")
        self.pairs.addItem(item)

    def _say_count(self) -> None:
        n = self.pairs.count()
        self.count.setText(
            f"{counted(n, 'pair')} to look at: Enter merges, or set a pair aside."
            if n
            else "No possible duplicates."
        )
        self._update_buttons()

    def current_pair(self) -> Pair | None:
        item = self.pairs.currentItem()
        return item.data(PAIR_ROLE) if item is not None else None

    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.mergeRequested.emit([pair.a, pair.b])

    def set_apart_current(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.session.edit(lambda p: set_aside(p, pair.a, pair.b))

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        self._update_buttons()
        if item is not None:
            self.itemSelected.emit("event", item.data(PAIR_ROLE).a)

    def _update_buttons(self) -> None:
        has = self.current_pair() is not None and not self.session.readonly
        self.merge_button.setEnabled(has)
        self.apart_button.setEnabled(has)

    def _on_changed(self, changes: Changes) -> None:
        """Drop the pairs an edit settled: an event gone (merged, deleted) or set aside."""
        touched = changes.ids("events")
        aside = changes.ids("not_duplicates")
        if not (touched or aside):
            return
        project = self.session.project
        for row in reversed(range(self.pairs.count())):
            pair: Pair = self.pairs.item(row).data(PAIR_ROLE)
            if aside_id(pair.a, pair.b) in aside or any(
                e in touched and project.row("events", e) is None for e in (pair.a, pair.b)
            ):
                self.pairs.takeItem(row)
        if self.count.text() != "Not searched yet.":
            self._say_count()

    def _forget(self, *_args: object) -> None:
        self.pairs.clear()
        self.count.setText("Not searched yet.")
        self._update_buttons()
