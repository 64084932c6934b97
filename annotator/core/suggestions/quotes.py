"""Quotations of one or more sentences, so a claim cites the whole of what was said.

Hand-written: quote marks are paired in text order. Curly marks say which way they face;
straight ones (", and the '' and `` of tokenised corpora) face by what is next to them: after
a space or at a line's start a quote opens, before a space or punctuation it closes. A quote
left open is dropped when the next one opens, and none runs longer than ``MAX_QUOTE``
characters (a stray mark then costs nothing).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

MAX_QUOTE = 3000
_MARK = re.compile(r"``|''|[\"“”]")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's words, the marks left out, in text order."""
    out: list[tuple[int, int]] = []
    open_end = -1  # where the words of the open quote start
    for m in _MARK.finditer(text):
        mark = m.group()
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if mark in ("“", "``"):
            opens = True
        elif mark == "”":
            opens = False
        else:
            opens = (before.isspace() or before in "([:—-") and not after.isspace()
        if opens:
            open_end = m.end()
        elif open_end >= 0:
            if m.start() - open_end <= MAX_QUOTE:
                out.append((open_end, m.start()))
            open_end = -1
    return out


class QuotedPassages:
    """The passage to cite for each attribution of one text (quotations found once)."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]]):
        self.quotes = quotations(text)
        self._q_starts = [q[0] for q in self.quotes]
        self.sentences = sentences
        self._s_starts = [s for s, _ in sentences]

    def passage(self, lo: int, hi: int, verb_start: int) -> tuple[int, int, tuple[int, int] | None]:
        """The passage for an attribution in sentence [lo, hi): the sentence, widened to
        every sentence of a quotation that ends in it before the verb ("… We will appeal,''
        said X") or that opens in it and runs on past it ("X said: "We lost. We appeal.").
        Also the quotation's words when one was found, else None."""
        quotes = self.quotes
        i = bisect.bisect_right(self._q_starts, hi) - 1
        while i >= 0 and quotes[i][1] > lo - MAX_QUOTE:
            q_lo, q_hi = quotes[i]
            ends_here = lo <= q_hi <= verb_start and q_lo < lo
            opens_here = lo <= q_lo < hi and q_hi > hi
            if ends_here or opens_here:
                first = max(bisect.bisect_right(self._s_starts, q_lo) - 1, 0)
                last = max(bisect.bisect_right(self._s_starts, q_hi) - 1, 0)
                lo2 = min(lo, self.sentences[first][0])
                hi2 = max(hi, self.sentences[last][1])
                return lo2, hi2, (q_lo, q_hi)
            i -= 1
        return lo, hi, None
