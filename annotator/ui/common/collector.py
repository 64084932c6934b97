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
