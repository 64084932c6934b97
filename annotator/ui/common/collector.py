"""Python's cyclic garbage collector, tuned for a window holding a large project.

A full collection walks every object the collector tracks. With a 100,000-event project
open that is millions of objects, and it ran while workers built the drawn timeline: the
window's thread waited 100-170 ms at a time (measured on the large project: with the
collector switched off, the longest blocks of a first filter fell from 97-134 to 37-56 ms).
Two standard remedies (``gc`` docs): fewer young collections, and what the start built
(modules, the window, the project's lists, alive as long as the window) moved out of the
collector's way, so later collections walk only what was made since. And the interpreter
handed over between threads more often, so the window's thread waits less for workers.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 20_000  # allocations between two young collections (CPython's default: 700)
# How long a thread running Python keeps the interpreter before another may take it
# (CPython's default: 5 ms). The window's thread waits that long each time a worker holds
# it; starting a thread while others work waited 40-45 ms in a few such turns (profiled at
# start, large project). Shorter turns cost the workers a little throughput.
SWITCH_S = 0.001


def tune() -> None:
    gc.set_threshold(YOUNG, 50, 100)
    sys.setswitchinterval(SWITCH_S)


def set_aside_what_start_built() -> None:
    """``gc.freeze`` once the window is painted: its objects stay counted by reference
    (freed when unused) but are no longer walked by every full collection."""
    gc.freeze()


_lock = threading.Lock()
_builders = 0  # workers inside building() now
_paused_here = False  # whether building() switched the collector off (and so turns it on)


@contextmanager
def building() -> Iterator[None]:
    """Around a worker's build of a large result the window keeps (the drawn timeline's
    entries and layouts): no collection while it runs, and what it built set aside as the
    start's objects are. Every collection in such a build freed nothing, yet each walked
    what the build had made so far while holding the interpreter: 87-543 ms blocks of the
    window at 1,000,000 events, 60-185 ms at 100,000 (measured with ``gc.callbacks``). The
    objects set aside are still freed by reference counting when the window lets go of them."""
    global _builders, _paused_here
    with _lock:
        _builders += 1
        if _builders == 1 and gc.isenabled():
            gc.disable()
            _paused_here = True
    try:
        yield
    finally:
        with _lock:
            _builders -= 1
            if _builders == 0 and _paused_here:
                _paused_here = False
                gc.freeze()
                gc.enable()
