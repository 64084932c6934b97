"""The benchmark's idle detector waits for the work an action leaves behind.

Each test would fail if ``measure`` returned when the action's call returned: the work it
waits for happens only later (a timer, a worker thread, a chain of posted calls).
No wall-time figure is asserted: only that the work was done, in order.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from annotator.bench.idle import IdleWatch


@pytest.fixture
def watch(qapp):
    w = IdleWatch(qapp)
    yield w
    w.close()


def test_waits_for_a_pending_single_shot_timer(watch) -> None:
    done: list[str] = []
    watch.measure(lambda: QTimer.singleShot(120, lambda: done.append("timer")))
    assert done == ["timer"]


def test_waits_for_a_chain_of_deferred_calls(watch) -> None:
    done: list[str] = []

    def first() -> None:
        done.append("first")
        QTimer.singleShot(80, lambda: done.append("second"))

    watch.measure(lambda: QTimer.singleShot(0, first))
    assert done == ["first", "second"]


def test_waits_for_an_active_timer_of_a_widget(watch, qtbot) -> None:
    label = QLabel("before")
    qtbot.addWidget(label)
    timer = QTimer(label, singleShot=True, interval=100)
    timer.timeout.connect(lambda: label.setText("after"))
    watch.measure(timer.start)
    assert label.text() == "after"


class _Worker(QObject):
    done = Signal(str)


def test_waits_for_a_worker_thread_and_its_result_applied(watch, qtbot) -> None:
    label = QLabel("before")
    qtbot.addWidget(label)
    worker = _Worker()
    worker.done.connect(label.setText)  # queued: applied on the event loop

    def start() -> None:
        threading.Thread(target=lambda: (time.sleep(0.2), worker.done.emit("result"))).start()

    watch.measure(start)
    assert label.text() == "result"


def test_a_named_wait_is_recorded_and_the_time_after_it_reported(watch, qtbot) -> None:
    label = QLabel("")
    qtbot.addWidget(label)
    debounce = QTimer(label, singleShot=True, interval=60)
    debounce.timeout.connect(lambda: label.setText("searched"))
    watch.name_wait("typing pause", debounce)
    settled = watch.measure(debounce.start)
    assert label.text() == "searched"
    assert "typing pause" in settled.fired_ms
    assert 0 <= settled.after("typing pause") <= settled.idle_ms


def test_the_longest_block_is_the_slot_that_held_the_loop(watch) -> None:
    settled = watch.measure(lambda: QTimer.singleShot(10, lambda: time.sleep(0.1)))
    assert settled.block_ms >= 90  # at least the sleep itself, whatever the machine
    assert not settled.timed_out


def test_a_visual_timer_is_not_waited_for(watch, qtbot) -> None:
    label = QLabel("")
    qtbot.addWidget(label)
    flash = QTimer(label, singleShot=True, interval=60_000)
    watch.visual(flash)
    settled = watch.measure(flash.start)
    assert flash.isActive() and not settled.timed_out
