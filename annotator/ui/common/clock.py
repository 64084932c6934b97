"""Time since the process started: what first-paint and start-up figures count from."""

from __future__ import annotations

import os
import time
from pathlib import Path

_IMPORTED = time.perf_counter()


def process_start() -> float:
    """Process start on the ``time.perf_counter`` clock."""
    import annotator

    started = getattr(annotator, "STARTED", None)
    if isinstance(started, float):
        return started
    try:  # Linux: the kernel's start time, on the boot clock, in clock ticks
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks
        return time.perf_counter() - age
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORTED


def elapsed_ms() -> float:
    return (time.perf_counter() - process_start()) * 1000.0
