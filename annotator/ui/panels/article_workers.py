"""The article list's reads that grow with the project, each made in a worker thread on a
read-only connection of its own inside one snapshot (as the drawn timeline's reader does):
the window's connection belongs to the window's thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QObject, Signal

from annotator.core.errors import AnnotatorError
from annotator.store.panel_queries import ArticleRow, article_rows, item_counts
from annotator.store.project import Project
from annotator.ui.common.collector import building
from annotator.ui.common.worker_signal import emit_if_alive
from annotator.ui.panels.article_text import filter_words


class SnapshotWorker(QObject):
    """``done`` carries the request's number and what the read returned, or None when the
    file could not be opened a second time."""

    done = Signal(int, object)
    name = "article-read"

    def read(self, reader: Project) -> Any:
        raise NotImplementedError

    def start(self, path: Path, request: int) -> None:
        threading.Thread(
            target=self._run, args=(path, request), daemon=True, name=self.name
        ).start()

    def _run(self, path: Path, request: int) -> None:
        result: Any
        try:
            with Project.open(path, readonly=True) as reader, reader.snapshot():
                result = self.read(reader)
        except AnnotatorError:
            result = None
        emit_if_alive(self, self.done, request, result)  # the window may have closed


class ItemCounter(SnapshotWorker):
    """Counts every article's items: a dict of article id to count."""

    name = "article-counts"

    def read(self, reader: Project) -> dict[str, int]:
        return item_counts(reader)


class RowReader(SnapshotWorker):
    """Reads the whole list, in its order (the window showed its first rows meanwhile)."""

    name = "article-rows"
    day_first = False  # the window's setting, for the rows' filter words

    def read(self, reader: Project) -> list[ArticleRow]:
        # Kept by the window: set aside from the collector as the start's rows were (full
        # collections walking 100,000 new rows held the window 60-110 ms, measured).
        with building():
            rows = article_rows(reader)
            day_first = self.day_first
            for r in cast("list[dict[str, Any]]", rows):  # the first key typed finds them made
                r["haystack"] = filter_words(r, day_first)
            return rows
