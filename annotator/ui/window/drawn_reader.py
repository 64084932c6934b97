"""Reading what the drawn timeline shows, and laying it out, in a worker thread.

At start and after a filter change the drawn timeline reads up to 10,000 items and lays
them out: 2.0 s in one block of the event loop at 100,000 events (profiled), with the
window frozen after its first paint. The worker opens its own read-only connection (as the
export runner does) and reads inside one snapshot; the layout is plain Python over the
entries it read, so the window only swaps the result in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from annotator.core.errors import AnnotatorError
from annotator.store.drawn_rows import drawn_rows, drawn_selection
from annotator.store.project import Project
from annotator.store.queries import TimelineFilter
from annotator.store.relations import relations_among
from annotator.ui.common import collector
from annotator.ui.common.worker_signal import emit_if_alive
from annotator.ui.timeline.canvas import fit_zoom
from annotator.ui.timeline.entries import TimelineEntry
from annotator.ui.timeline.feed import entry_of
from annotator.ui.timeline.layout_cache import LayoutCache
from annotator.ui.timeline.relations import TimelineRelation
from annotator.ui.timeline.yielding import Yielder


@dataclass(frozen=True)
class DrawnRequest:
    """The table's filter and order, the lane mode, and how to pick the zoom to lay out."""

    flt: TimelineFilter
    order_by: str
    descending: bool
    mode: str
    zoom: float | None  # px/day, or None: the zoom that fits everything ...
    width: int  # ... across a canvas this wide


@dataclass
class Drawn:
    cache: LayoutCache  # the entries, laid out at the zoom asked for
    relations: list[TimelineRelation]
    total: int | None  # dated events in the project when unfiltered
    request: DrawnRequest | None = None  # what was read
    events: int = 0  # events among the entries


def read_drawn(
    project: Project,
    request: DrawnRequest,
    pause: Callable[[], None] | None = None,
    known: Mapping[str, TimelineEntry] | None = None,
) -> Drawn:
    """Everything the drawn timeline needs for one request (any thread, any connection);
    a worker passes a `pause` (yielding.Yielder) that lets the window's thread run.

    `known`: entries the window holds and knows to be current (the unfiltered drawing,
    kept edit by edit); only the items not among them are read. Reading 12,000 items
    cost 0.5-0.7 s of CPU (profiled), and a filter mostly narrows what is drawn."""
    ids, total, read = drawn_selection(
        project, request.flt, request.order_by, descending=request.descending
    )
    entries: list[TimelineEntry] = []
    missing: list[str] = []
    for item_id in ids:
        entry = known.get(item_id) if known is not None else None
        if entry is None:
            missing.append(item_id)
        else:
            entries.append(entry)
    for row in drawn_rows(project, missing, pause, read) if missing else ():
        entries.append(entry_of(row))
        if pause is not None:
            pause()
    events = [e.id for e in entries if e.kind == "event"]
    relations = [TimelineRelation(*r) for r in relations_among(project, events)]
    cache = LayoutCache(entries, request.mode)
    cache.starts()  # the minimap's, sorted here rather than on the window's thread
    extent = cache.extent()
    zoom = request.zoom
    if zoom is None and extent is not None:
        zoom = fit_zoom(extent, request.width)
    if zoom is not None and entries:
        cache.get(zoom, pause)
    return Drawn(cache, relations, total, request, len(events))


class DrawnReader(QObject):
    """One read at a time; ``done`` carries a Drawn, or None when the file could not be
    opened a second time (the caller then reads on its own connection)."""

    done = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(
        self, path: Path, request: DrawnRequest, known: Mapping[str, TimelineEntry] | None = None
    ) -> None:
        """`known` is the worker's own: the window does not change it meanwhile."""
        self._thread = threading.Thread(
            target=self._run, args=(path, request, known), daemon=True, name="drawn-timeline"
        )
        self._thread.start()

    def _run(
        self, path: Path, request: DrawnRequest, known: Mapping[str, TimelineEntry] | None
    ) -> None:
        drawn: Drawn | None
        try:
            with (
                collector.building(),
                Project.open(path, readonly=True) as reader,
                reader.snapshot(),
            ):
                drawn = read_drawn(reader, request, Yielder(), known)
        except AnnotatorError:
            drawn = None
        emit_if_alive(self, self.done, drawn)  # the window may have closed meanwhile

    def connect_done(self, slot) -> None:
        self.done.connect(slot, Qt.ConnectionType.QueuedConnection)
