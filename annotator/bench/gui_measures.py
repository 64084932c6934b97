"""Measurements that need the window, each in a child process (offscreen)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.bench.figure import Figure


def registry(path: Path, size: str) -> Iterator[tuple[str, Callable[[], Figure]]]:
    return iter(())
