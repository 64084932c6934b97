"""Which passages cover a stretch of text: the reader's per-block highlight lookup.

Built once per article (O(n log n)): the passage boundaries cut the text into elementary
segments, and each segment keeps the tuple of passages covering it. A lookup is one bisect
plus the segments it returns, so a repaint of one block costs the same with 50 or 50,000
passages. Plain Python, no Qt: units are whatever the caller uses (the reader
uses UTF-16 units, converted once when it loads an article).
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Iterator
from typing import Generic, TypeVar

P = TypeVar("P", bound=Hashable)


class IntervalIndex(Generic[P]):
    """Half-open intervals ``[start, end)`` with a payload each."""

    def __init__(self, intervals: Iterable[tuple[int, int, P]] = ()):
        items = [(s, e, p) for s, e, p in intervals if e > s]
        self.count = len(items)
        points = sorted({s for s, _, _ in items} | {e for _, e, _ in items})
        # Sweep: at each boundary, passages that open there join, those that close leave.
        opens: dict[int, list[P]] = {}
        closes: dict[int, list[P]] = {}
        for s, e, p in items:
            opens.setdefault(s, []).append(p)
            closes.setdefault(e, []).append(p)
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._covers: list[tuple[P, ...]] = []
        active: dict[P, int] = {}  # payload -> how many of its intervals are open
        for i, point in enumerate(points):
            for p in closes.get(point, ()):
                active[p] -= 1
                if not active[p]:
                    del active[p]
            for p in opens.get(point, ()):
                active[p] = active.get(p, 0) + 1
            if active and i + 1 < len(points):
                self._starts.append(point)
                self._ends.append(points[i + 1])
                self._covers.append(tuple(active))

    def __len__(self) -> int:
        return self.count

    def segments(self, lo: int, hi: int) -> Iterator[tuple[int, int, tuple[P, ...]]]:
        """Covered segments overlapping ``[lo, hi)``, clipped to it, in order."""
        if hi <= lo:
            return
        i = bisect.bisect_right(self._starts, lo) - 1
        if i < 0 or self._ends[i] <= lo:
            i += 1
        n = len(self._starts)
        while i < n and self._starts[i] < hi:
            yield max(self._starts[i], lo), min(self._ends[i], hi), self._covers[i]
            i += 1

    def at(self, pos: int) -> tuple[P, ...]:
        """Payloads covering position ``pos`` (the character starting there)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._ends[i]:
            return self._covers[i]
        return ()

    def span_of(self, payload: P, near: int) -> tuple[int, int] | None:
        """The contiguous covered stretch of ``payload`` around ``near`` (for hover outlines)."""
        i = bisect.bisect_right(self._starts, near) - 1
        if i < 0 or near >= self._ends[i] or payload not in self._covers[i]:
            return None
        lo = hi = i
        while lo > 0 and self._ends[lo - 1] == self._starts[lo] and payload in self._covers[lo - 1]:
            lo -= 1
        while (
            hi + 1 < len(self._starts)
            and self._starts[hi + 1] == self._ends[hi]
            and payload in self._covers[hi + 1]
        ):
            hi += 1
        return self._starts[lo], self._ends[hi]
