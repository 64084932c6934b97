"""Letting the window's thread run while a worker thread lays out or converts in Python.

A worker doing pure Python holds the interpreter lock in 5 ms slices, and every Qt call of
the window's thread gives the lock up and waits for it again: measured with a layout of
10,000 entries in a worker, the window's thread ran about 4 times slower (its 1 ms timer
beat every 15 ms). A worker that sleeps a millisecond after every 2 ms of work leaves the
lock free for the window most of the time (a beat every 5.5 ms).

It rests only when the window's thread wants the lock: a worker that lost part of its last
slice of work to another thread (wall time passed, its own CPU time did not) met a window
at work. Resting while the window idles only stretched every worker by half again (a
filter's read and three zoom levels, 100-200 ms at 10,000 entries, profiled), and the
window waits for the worker's result.
"""

from __future__ import annotations

import time

WORK_S = 0.002
REST_S = 0.001
# Part of a slice spent off the CPU from which the worker rests: the window's thread (or
# another program on a busy machine) took the lock or the core meanwhile.
CONTENDED = 0.2


class Yielder:
    """Call it often from a worker's loop: it sleeps once enough work was done while the
    window's thread was at work too."""

    def __init__(self) -> None:
        self._since = time.perf_counter()
        self._cpu = time.thread_time()

    def __call__(self) -> None:
        now = time.perf_counter()
        wall = now - self._since
        if wall >= WORK_S:
            cpu = time.thread_time()
            if wall - (cpu - self._cpu) >= CONTENDED * wall:
                time.sleep(REST_S)
                cpu = time.thread_time()
            self._since, self._cpu = time.perf_counter(), cpu
