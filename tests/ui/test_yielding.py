"""The worker's pause rests only when another thread wanted the lock meanwhile."""

from __future__ import annotations

import pytest

from annotator.ui.timeline import yielding


class _Clocks:
    """A wall clock and a thread CPU clock the test moves by hand."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0
        self.rests = 0

    def sleep(self, seconds: float) -> None:
        self.rests += 1
        self.wall += seconds


@pytest.fixture
def clocks(monkeypatch: pytest.MonkeyPatch) -> _Clocks:
    c = _Clocks()
    monkeypatch.setattr(yielding.time, "perf_counter", lambda: c.wall)
    monkeypatch.setattr(yielding.time, "thread_time", lambda: c.cpu)
    monkeypatch.setattr(yielding.time, "sleep", c.sleep)
    return c


def test_no_rest_while_the_worker_has_the_cpu_to_itself(clocks: _Clocks) -> None:
    pause = yielding.Yielder()
    for _ in range(100):
        clocks.wall += 0.001
        clocks.cpu += 0.001
        pause()
    assert clocks.rests == 0


def test_rests_after_a_slice_another_thread_took_part_of(clocks: _Clocks) -> None:
    pause = yielding.Yielder()
    clocks.wall += 0.003
    clocks.cpu += 0.001  # two thirds of the slice spent waiting for the lock
    pause()
    assert clocks.rests == 1
    clocks.wall += 0.003
    clocks.cpu += 0.003  # the window went idle: no rest
    pause()
    assert clocks.rests == 1


def test_no_rest_within_a_slice(clocks: _Clocks) -> None:
    pause = yielding.Yielder()
    clocks.wall += 0.001  # less than a slice of work, however it was spent
    pause()
    assert clocks.rests == 0
