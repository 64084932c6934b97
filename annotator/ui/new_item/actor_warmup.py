"""The actors' name index built in a worker thread once the window is idle, so the first
new-item form of a window finds it ready instead of building it on the window's thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal

from annotator.core.actor_matching import ActorNames
from annotator.core.errors import AnnotatorError
from annotator.store.actor_index import actor_index_in_file, adopt_actor_index
from annotator.store.project import Project
from annotator.store.table_stamps import table_stamp
from annotator.ui.common.worker_signal import emit_if_alive


class _Relay(QObject):
    done = Signal(object, object)  # the project asked for, its ActorNames


class ActorIndexWarmup:
    """One build at a time; a result for a project no longer open, or whose actors changed
    meanwhile, is dropped (the form then builds its own, as before)."""

    def __init__(self, parent: QObject) -> None:
        self._relay = _Relay(parent)  # gone with the window: a late result is dropped
        self._relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._stamps: dict[int, tuple[int, int]] = {}

    def start(self, project: Project) -> None:
        path = project.path
        if path is None or project.closed or id(project) in self._stamps:
            return
        self._stamps[id(project)] = table_stamp(project, "actors")
        relay = self._relay

        def run() -> None:
            try:
                index: ActorNames | None = actor_index_in_file(path)
            except (AnnotatorError, OSError):
                index = None  # the form reads them on the window's connection instead
            emit_if_alive(relay, relay.done, project, index)  # the window may be gone

        threading.Thread(target=run, daemon=True, name="actor-index").start()

    def _done(self, project: object, index: object) -> None:
        if not isinstance(project, Project):
            return
        stamp = self._stamps.pop(id(project), None)
        if stamp is not None and isinstance(index, ActorNames):
            adopt_actor_index(project, stamp, index)
