"""Letting the window's thread run while a worker thread lays out or converts in Python.

A worker doing pure Python holds the interpreter lock in 5 ms slices, and every Qt call of
the window's thread gives the lock up and waits for it again: measured with a layout of
10,000 entries in a worker, the window's thread ran about 4 times slower (its 1 ms timer
beat every 15 ms). A worker that sleeps a millisecond after every 2 ms of work leaves the
lock free for the window most of the time (a beat every 5.5 ms); the worker takes longer,
but the window is what the analyst is waiting on.
"""

from __future__ import annotations

import time

WORK_S = 0.002
REST_S = 0.001


class Yielder:
    """Call it often from a worker's loop: it sleeps once enough work was done."""

    def __init__(self) -> None:
        self._since = time.perf_counter()

    def __call__(self) -> None:
        now = time.perf_counter()
        if now - self._since >= WORK_S:
            time.sleep(REST_S)
            self._since = time.perf_counter()
