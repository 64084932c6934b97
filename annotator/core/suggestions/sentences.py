"""Sentence spans of a whole text in one pass (``core.suggest.sentence_bounds`` finds one
sentence around a position; reading every sentence that way scans the text many times)."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)|\n")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# After these a full stop does not end a sentence.
_ABBREV = frozenset(
    """mr mrs ms dr st prof gen sen rep gov lt col capt sgt u.s u.k e.g i.e vs no jan feb mar
    apr jun jul aug sep sept oct nov dec inc ltd co corp jr sr rev mt ft""".split()
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, outer white space left out; line breaks end sentences."""
    out: list[tuple[int, int]] = []
    lo = 0
    for m in _END.finditer(text):
        if m.group() != "\n" and m.group()[0] == ".":
            word = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
            if word and (
                word.group(1).lower() in _ABBREV
                or (len(word.group(1)) == 1 and word.group(1).isupper())
            ):
                continue
        hi = m.start() if m.group() == "\n" else m.end()
        _add(text, lo, hi, out)
        lo = m.end()
    _add(text, lo, len(text), out)
    return out


def _add(text: str, lo: int, hi: int, out: list[tuple[int, int]]) -> None:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if hi > lo:
        out.append((lo, hi))
