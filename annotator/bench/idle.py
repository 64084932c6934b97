"""Until idle: how long the analyst waits after an action, and the longest stutter meanwhile.

An action is finished when the event loop has nothing left to do for it: every posted event
delivered (queued signals, repaints), every pending single-shot timer fired, every worker
thread ended and its result applied. Qt has no "is anything pending" call, so this is
hand-written:

* a heartbeat timer (1 ms) runs the loop; the gap between two beats is one block of the
  event loop, the longest gap is the stutter a keystroke would meet;
* an application event filter counts every event delivered (except the heartbeat's own):
  a beat that saw events is busy;
* pending work that has not produced events yet is tracked: ``QTimer.singleShot`` calls
  (wrapped, so each is known until it fires or its receiver is gone), active ``QTimer``
  objects anywhere under the application, live Python and Qt worker threads;
* idle is the end of the last busy beat, once ``quiet`` beats in a row saw no events and
  nothing pending.

Waits chosen on purpose are named: a debounce (typing in a search box) is tracked like any
timer, and the moment it fires is recorded so the time after it can be reported; a purely
visual wait (the reader's passage flash fading, a status-bar message timing out) is left out
of "pending".
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QStatusBar

BEAT_MS = 1
SKIP_WHILE_WAITING = 4  # beats between two checks of what is pending, while something is


@dataclass
class Settled:
    """One action, from its start (t0) to idle; times in ms."""

    idle_ms: float  # t0 to the end of the last work
    block_ms: float  # the longest single block of the event loop, the action itself included
    cpu_ms: float = 0.0  # CPU time of the process (all threads) from t0 to idle
    fired_ms: dict[str, float] = field(default_factory=dict)  # named wait -> when it fired
    timed_out: bool = False
    busy_with: list[str] = field(default_factory=list)  # what was pending at a timeout

    def after(self, wait: str) -> float:
        """Time from the named wait's firing to idle (the work the wait stood for)."""
        return self.idle_ms - self.fired_ms.get(wait, 0.0)


class IdleWatch(QObject):
    """Install once per process, after the QApplication exists and before the window."""

    _original_single_shot: Any = None

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__()
        self.app = app
        self.events = 0
        self.beats: list[tuple[float, float]] = []  # (time, gap) of the last settle, seconds
        self._shots: dict[int, tuple[float, object | None]] = {}
        self._tokens = itertools.count()
        self._visual: set[int] = set()  # id() of timers that are a look, not work
        self._named: dict[int, tuple[str, QTimer]] = {}
        self._fired: dict[str, float] = {}
        self._beat = QTimer()
        self._beat.setTimerType(Qt.TimerType.PreciseTimer)
        self._beat.setInterval(BEAT_MS)
        self._main = threading.main_thread()
        self._timer_list: list[QTimer] = []
        self._timers_at = 0.0
        self._cpu_at_idle = 0.0
        self._qthreads: list[QThread] = []
        self._threads_before = {t.ident for t in threading.enumerate()}
        app.installEventFilter(self)
        self._patch_single_shot()

    def close(self) -> None:
        """Stop watching: the event filter removed, ``QTimer.singleShot`` restored."""
        self.app.removeEventFilter(self)
        if IdleWatch._original_single_shot is not None:
            QTimer.singleShot = IdleWatch._original_single_shot  # type: ignore[method-assign]
            IdleWatch._original_single_shot = None

    # -- bookkeeping ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            event.type() == QEvent.Type.Timer
            and watched is self._beat  # the heartbeat is the measuring, not the work
        ):
            self.events += 1
            if event.type() == QEvent.Type.Timer and id(watched) in self._named:
                # Before the timer's slots run: the time after it is the work it stood for.
                self._fired.setdefault(self._named[id(watched)][0], time.perf_counter())
        return False

    def _patch_single_shot(self) -> None:
        if IdleWatch._original_single_shot is None:
            IdleWatch._original_single_shot = QTimer.singleShot
        original = IdleWatch._original_single_shot
        watch = self

        def single_shot(msec: int, *rest: Any) -> None:
            args = list(rest)
            target = args[-1]
            receiver = args[-2] if len(args) >= 2 and isinstance(args[-2], QObject) else None
            token = next(watch._tokens)
            watch._shots[token] = (time.perf_counter() + msec / 1000, receiver)
            call = target.emit if hasattr(target, "emit") else target
            if callable(call):

                def fire(*_a: Any) -> None:
                    watch._shots.pop(token, None)
                    call()

                args[-1] = fire
            original(msec, *args)

        QTimer.singleShot = staticmethod(single_shot)  # type: ignore[method-assign]

    def visual(self, timer: QTimer) -> None:
        """A timer whose firing only changes a look (a flash fading): not pending work."""
        self._visual.add(id(timer))

    def name_wait(self, name: str, timer: QTimer) -> None:
        """A wait chosen on purpose (a debounce): tracked, and its firing time recorded."""
        if id(timer) in self._named:
            return
        self._named[id(timer)] = (name, timer)

    def _timers(self) -> list[QTimer]:
        # Walking the widget tree costs about a millisecond: once per 50 ms is enough, as
        # timers are made with their widgets, not per action.
        now = time.perf_counter()
        if now - self._timers_at > 0.05:
            found = list(self.app.findChildren(QTimer)) + [t for _n, t in self._named.values()]
            threads: list[QThread] = []
            for top in QApplication.topLevelWidgets():
                found.extend(top.findChildren(QTimer))
                threads.extend(top.findChildren(QThread))
            self._timer_list, self._qthreads, self._timers_at = found, threads, now
        return self._timer_list

    def pending(self) -> list[str]:
        """What is still due: timers, single shots, worker threads."""
        now = time.perf_counter()
        out = []
        for token, (due, receiver) in list(self._shots.items()):
            if receiver is not None and not shiboken6.isValid(receiver):
                self._shots.pop(token, None)  # dropped by Qt with its receiver
            elif now > due + 5.0:
                self._shots.pop(token, None)  # never fired: a bound slot that was deleted
            else:
                out.append(f"single-shot timer due in {max(0.0, due - now) * 1000:.0f} ms")
        for timer in self._timers():
            if timer is self._beat or id(timer) in self._visual or not shiboken6.isValid(timer):
                continue
            if not timer.isActive():
                continue
            parent = timer.parent()
            if isinstance(parent, QStatusBar):
                continue  # a status message timing out is a look, not work
            owner = type(parent).__name__ if parent is not None else "none"
            out.append(f"timer of {owner} ({timer.interval()} ms)")
        for thread in threading.enumerate():
            if thread is not self._main and thread.is_alive():
                out.append(f"thread {thread.name}")
        for qthread in self._qthreads:
            if shiboken6.isValid(qthread) and qthread.isRunning():
                out.append(f"thread {type(qthread).__name__}")
        if QThreadPool.globalInstance().activeThreadCount():
            out.append("thread pool")
        return out

    # -- measuring --------------------------------------------------------------------

    def measure(
        self, action: Callable[[], object], *, quiet: int = 5, timeout: float = 120.0
    ) -> Settled:
        """Run ``action`` (a key press, a call) and wait until idle."""
        self.settle()  # start from idle: leftovers of the previous action are not this one's
        self._fired.clear()
        c0 = time.process_time()
        t0 = time.perf_counter()
        action()
        settled = self.settle(t0, quiet=quiet, timeout=timeout)
        # On a shared machine the wall time waits for other people's work too; the CPU time
        # is this process's own (the quiet beats at the end cost well under a millisecond).
        settled.cpu_ms = (self._cpu_at_idle - c0) * 1000
        return settled

    def settle(self, t0: float | None = None, *, quiet: int = 5, timeout: float = 120.0) -> Settled:
        """Run the event loop until idle; times from ``t0`` (default: now)."""
        start = time.perf_counter()
        self._cpu_at_idle = time.process_time()
        t0 = start if t0 is None else t0
        self._timers_at = 0.0  # the action may have made new widgets
        loop = QEventLoop()
        state = {"last": start, "busy_end": start, "seen": self.events, "quiet": 0, "skip": 0}
        first_block = start - t0  # the action itself ran before the loop got control
        beats: list[tuple[float, float]] = [(start, first_block)]
        timed_out: list[str] = []

        def beat() -> None:
            now = time.perf_counter()
            beats.append((now, max(0.0, now - state["last"] - BEAT_MS / 1000)))
            state["last"] = now
            if self.events != state["seen"]:
                state["seen"] = self.events
                state["busy_end"] = now
                state["skip"] = 0
                self._cpu_at_idle = time.process_time()
                state["quiet"] = 0
                if now - t0 > timeout:
                    timed_out.append("events without end")
                    loop.quit()
                return
            if state["skip"] > 0:  # known to be waiting: the check costs more than a beat
                state["skip"] -= 1
                return
            waiting = self.pending()
            if waiting:
                state["quiet"] = 0
                state["skip"] = SKIP_WHILE_WAITING
                if now - t0 > timeout:
                    timed_out.extend(waiting)
                    loop.quit()
                return
            state["quiet"] += 1
            if state["quiet"] >= quiet:
                loop.quit()

        self._beat.timeout.connect(beat)
        self._beat.start()
        loop.exec()
        self._beat.stop()
        self._beat.timeout.disconnect(beat)
        self.beats = beats
        end = state["busy_end"]
        block = max(g for _t, g in beats)
        return Settled(
            idle_ms=(end - t0) * 1000,
            block_ms=block * 1000,
            fired_ms={k: (v - t0) * 1000 for k, v in self._fired.items()},
            timed_out=bool(timed_out),
            busy_with=timed_out,
        )

    @property
    def cpu_at_idle(self) -> float:
        """The process's CPU time (s) when the last settle saw the last work."""
        return self._cpu_at_idle

    def block_after(self, moment: float) -> float:
        """The longest block of the last settle that ended after ``moment`` (ms)."""
        return max((g for t, g in self.beats if t > moment), default=0.0) * 1000
