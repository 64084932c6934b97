"""The garbage collector as the app's start leaves it: fewer young collections, and what
the start built set aside once the window is painted (so a full collection, which walked
millions of objects at 100,000 events, no longer holds the window while workers run)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from annotator.ui import app
from annotator.ui.common import collector


@pytest.fixture
def restored():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()  # what the test set aside goes back to the collector
    gc.set_threshold(*threshold)


def test_the_start_tunes_the_collector_and_sets_the_window_aside(
    qtbot, seeded_path: Path, restored
) -> None:
    app.make_app()
    assert gc.get_threshold()[0] == collector.YOUNG
    gc.unfreeze()
    window = app.open_window(seeded_path)
    qtbot.addWidget(window)
    assert gc.get_freeze_count() == 0  # not before it is painted
    with qtbot.waitSignal(window.firstPainted, timeout=10_000):
        window.show()
    assert gc.get_freeze_count() > 0
    window.close()
    window.session.project.close()


def test_a_build_runs_without_collections_and_sets_what_it_made_aside(restored) -> None:
    import threading

    assert gc.isenabled()
    before = gc.get_freeze_count()
    inside = threading.Event()
    release = threading.Event()
    seen: dict[str, bool] = {}

    def other_build() -> None:
        with collector.building():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=other_build)
    with collector.building():
        worker.start()
        assert inside.wait(10)
        made = [[i] for i in range(1000)]  # what a build keeps
        seen["off"] = not gc.isenabled()
    seen["still off while the other builds"] = not gc.isenabled()
    release.set()
    worker.join(10)
    assert seen == {"off": True, "still off while the other builds": True}
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)


def test_a_build_leaves_a_collector_switched_off_by_someone_else_off(restored) -> None:
    gc.disable()
    try:
        with collector.building():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
