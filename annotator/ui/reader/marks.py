"""The open article's passages and the items they support, read and indexed for the reader.

Plain Python over plain rows, so that an article with thousands of passages is read and
indexed in a worker thread with its own read-only connection (``MarksWorker``): opening a
2 MB article with 5,000 passages spent 60-75 ms of the window's thread here (the SQL, the
passages, the interval index; profiled). The window applies the result when it arrives;
until then the reader shows the text, and selecting and tagging work as ever (offsets
never depend on the marks).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.text import Utf16Map
from annotator.store.panel_queries import ReaderMark
from annotator.store.reader_marks import reader_marks_in_file
from annotator.ui.common.worker_signal import emit_if_alive
from annotator.ui.reader.interval_index import IntervalIndex

WORKER_FROM = 300  # passages: from this many an article's marks are read in a worker


@dataclass
class PassageInfo:
    id: str
    start: int  # code points
    end: int
    items: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, label)


@dataclass
class Marks:
    passages: dict[str, PassageInfo]
    index16: IntervalIndex[str]  # passage ids over UTF-16 units
    kinds: dict[str, frozenset[str]]  # passage id -> kinds of the items it supports


def build_marks(rows: Iterable[ReaderMark], to16: Callable[[int], int]) -> Marks:
    passages: dict[str, PassageInfo] = {}
    for r in rows:
        info = passages.get(r["id"])
        if info is None:
            info = passages[r["id"]] = PassageInfo(r["id"], r["start"], r["end"])
        # The cited item's headline, name or text: NOT NULL columns of a row that exists.
        if r["event_id"]:
            info.items.append(("event", r["event_id"], cast(str, r["headline"])))
        elif r["actor_id"]:
            info.items.append(("actor", r["actor_id"], cast(str, r["name"])))
        elif r["claim_id"]:
            info.items.append(("claim", r["claim_id"], cast(str, r["claim"])))
    index16 = IntervalIndex((to16(p.start), to16(p.end), p.id) for p in passages.values())
    kinds = {p.id: frozenset(k for k, _, _ in p.items) for p in passages.values()}
    return Marks(passages, index16, kinds)


class _Relay(QObject):
    """Carries a worker's result to the window's thread (a queued signal)."""

    done = Signal(int, object)  # the read's number; Marks, or None when it failed


class MarksWorker:
    """One article's marks read in a thread; only the newest read is applied."""

    def __init__(self, apply: Callable[[Marks | None], None], parent: QObject):
        self._relay = _Relay(parent)  # gone with the reader: a late result is dropped
        self._relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._apply = apply
        self._numbers = itertools.count(1)
        self.wanted = 0  # the read whose result is applied; 0: none pending

    @property
    def pending(self) -> bool:
        return self.wanted != 0

    def read(self, path: Path, article_id: str, utf16: Utf16Map) -> None:
        self.wanted = number = next(self._numbers)
        relay = self._relay

        def run() -> None:
            try:
                marks: Marks | None = build_marks(
                    reader_marks_in_file(path, article_id), utf16.to_utf16
                )
            except (AnnotatorError, OSError, ValueError):
                marks = None  # read on the window's connection instead
            emit_if_alive(relay, relay.done, number, marks)  # the reader may be gone

        # A pool thread: Thread.start waits for the new thread to take the interpreter, and
        # the suggestions' worker started next waited again (9-15 ms of the open, profiled).
        QThreadPool.globalInstance().start(run)

    def cancel(self) -> None:
        self.wanted = 0

    def _done(self, number: int, marks: object) -> None:
        if number != self.wanted:
            return  # another article, or an edit read them again since
        self.wanted = 0
        self._apply(cast("Marks | None", marks))
