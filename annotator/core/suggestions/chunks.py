"""A very long text's suggestions, found a chunk at a time (the reader finds those around
what the analyst reads, not the whole text at once).

Why: a 2 MB article took 1.65 s of finding (dates 1.0 s, new names 0.6 s, reported speech
0.4 s, known actors 0.3 s, profiled: no single hotspot), and the marks came that long after
it opened. A chunk of ``CHUNK`` characters takes 10-20 ms.

What differs from finding the whole text: each chunk is read alone, so a relative date
("the next day") is resolved with the context of its own chunk, and "he" is read as a
person named in it. Chunks end at paragraph breaks (a line break at worst), where neither
reaches across; marks away from a chunk's edges are the whole text's.
"""

from __future__ import annotations

import bisect
from datetime import date

from annotator.core.suggestions.candidate import Candidate
from annotator.core.suggestions.find import ActorIndex, find_uncached

CHUNK = 20_000  # characters: about 15 ms of finding


def chunk_spans(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """``text`` cut into spans of about ``size`` characters that partition it, each ending
    after a paragraph break ("\\n\\n") in its second half, else after a line break there,
    else after the first line break past ``size`` (a long paragraph is not cut). Only a
    line longer than ``2 * size`` (a text without paragraphs) is cut, after the chunk's last
    full stop, else its last space, else anywhere: one chunk is never the whole book."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        half, full, most = start + max(size // 2, 1), start + size, start + 2 * size
        cut = _after_break(text, text.rfind("\n\n", half, full), n)
        if cut < 0:
            cut = _after_break(text, text.rfind("\n", half, full), n)
        if cut < 0:
            cut = _after_break(text, text.find("\n", full, most), n)
        if cut < 0:
            cut = _after(text.rfind(". ", half, full), 2)
        if cut < 0:
            cut = _after(text.rfind(" ", half, full), 1)
        if cut < 0:
            cut = full
        if cut >= n:
            break
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


def _after_break(text: str, at: int, n: int) -> int:
    """Just past the line breaks at ``at`` (-1 when there is none)."""
    if at < 0:
        return -1
    while at < n and text[at] in "\r\n":
        at += 1
    return at


def _after(at: int, width: int) -> int:
    return at + width if at >= 0 else -1


def chunk_of(spans: list[tuple[int, int]], pos: int) -> int:
    """The index of the chunk holding ``pos`` (the first or last for one outside)."""
    i = bisect.bisect_right([a for a, _ in spans], pos) - 1
    return min(max(i, 0), len(spans) - 1)


def find_in_chunk(
    text: str,
    span: tuple[int, int],
    actors: ActorIndex,
    published: date | tuple[date, date] | None,
) -> tuple[Candidate, ...]:
    """The suggestions of ``text[span]``, at their places in ``text`` (not cached)."""
    a, b = span
    found = find_uncached(text[a:b], actors, published)
    return tuple(shifted(c, a) for c in found) if a else found


def shifted(c: Candidate, by: int) -> Candidate:
    """``c`` moved ``by`` characters on (a chunk's mark at its place in the whole text)."""
    fields = dict(c.__dict__)  # a third of dataclasses.replace's time, 300+ marks a chunk
    for name in _POSITIONS:
        if fields[name] >= 0:  # -1: not a claim's
            fields[name] += by
    return Candidate(**fields)


_POSITIONS = ("start", "end", "speaker_start", "speaker_end", "passage_start", "passage_end")
