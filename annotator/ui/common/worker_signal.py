"""A worker thread's result sent to the window's thread by a queued signal, when the object
that would receive it may be gone meanwhile (the window closed, the article changed)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, SignalInstance


def emit_if_alive(owner: QObject, signal: SignalInstance, *args: object) -> None:
    """``signal.emit(*args)``; nothing if ``owner`` (the signal's object) was deleted. PySide
    says so by a RuntimeError ("already deleted") or, while the object is being destroyed,
    by a TypeError about the signal's arguments (seen from the timeline's zoom-level
    thread); either is raised as ever while the object lives: then it is a bug."""
    try:
        signal.emit(*args)
    except (RuntimeError, TypeError):
        if shiboken6.isValid(owner):
            raise
