"""A worker's result sent to an object that may be gone: dropped quietly when it is,
raised as ever when it lives (a wrong call is a bug, not a closed window)."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal

from annotator.ui.common.worker_signal import emit_if_alive


class _Relay(QObject):
    done = Signal(object)


def test_a_living_objects_signal_is_emitted(qtbot) -> None:
    relay = _Relay()
    got: list[object] = []
    relay.done.connect(got.append)
    emit_if_alive(relay, relay.done, 42)
    assert got == [42]


def test_a_deleted_object_drops_the_result_from_a_worker(qtbot) -> None:
    relay = _Relay()
    signal = relay.done
    shiboken6.delete(relay)
    assert not shiboken6.isValid(relay)
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            emit_if_alive(relay, signal, 42)
        except BaseException as exc:  # what the test checks
            failures.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    assert failures == []


def test_a_wrong_call_on_a_living_object_is_raised(qtbot) -> None:
    relay = _Relay()
    with pytest.raises(TypeError):
        emit_if_alive(relay, relay.done, 1, 2, 3)
