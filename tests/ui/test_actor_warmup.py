"""The actors' name index the first form of a window needs, built in a worker once the
window is painted, and kept only while it still tells the project's actors."""

from __future__ import annotations

from pathlib import Path

from annotator.core.actor_matching import ActorNames
from annotator.store import operations as ops
from annotator.store.actor_index import (
    _INDEXES,
    actor_index,
    actor_index_in_file,
    adopt_actor_index,
)
from annotator.store.project import Project
from annotator.store.table_stamps import table_stamp
from annotator.ui import app


def test_a_workers_index_is_kept_while_the_actors_stand(seeded_path: Path) -> None:
    project = Project.open(seeded_path)
    try:
        cs, anna = ops.create_actor(project, name="Anna Adler", kind="person")
        project.apply(cs)
        stamp = table_stamp(project, "actors")
        built = actor_index_in_file(seeded_path)
        assert adopt_actor_index(project, stamp, built)
        assert actor_index(project) is built
        assert built.matching("Anna Adler said") == [anna]
    finally:
        project.close()


def test_a_workers_index_read_before_an_edit_is_dropped(seeded_path: Path) -> None:
    project = Project.open(seeded_path)
    try:
        stamp = table_stamp(project, "actors")
        stale = actor_index_in_file(seeded_path)  # read before the actor below was made
        cs, bert = ops.create_actor(project, name="Bert Brandt", kind="person")
        project.apply(cs)
        assert not adopt_actor_index(project, stamp, stale)
        assert actor_index(project) is not stale
        assert actor_index(project).matching("Bert Brandt said") == [bert]
    finally:
        project.close()


def test_the_window_builds_the_index_after_its_first_paint(qtbot, seeded_path: Path) -> None:
    with Project.open(seeded_path) as before:
        cs, anna = ops.create_actor(before, name="Anna Adler", kind="person")
        before.apply(cs)
    window = app.open_window(seeded_path)
    qtbot.addWidget(window)
    project = window.session.project
    assert project not in _INDEXES  # nothing built before the window is painted
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: project in _INDEXES, timeout=10_000)
    kept = _INDEXES[project][1]
    assert isinstance(kept, ActorNames)
    assert actor_index(project) is kept  # the first form takes it as it is
    assert kept.matching("Anna Adler said") == [anna]
    window.close()
    project.close()
