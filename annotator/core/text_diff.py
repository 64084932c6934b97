"""What changed between two versions of an article's text.

The standard library's ``difflib`` does the matching in two passes: sentences first (few,
and nearly all different from each other, so the matcher is fast on a long article), then
the words of each changed stretch of sentences, so an edit shows as the words it touched,
not as a rewritten paragraph. Words, runs of white space and punctuation are tokens of
their own. A changed stretch longer than ``WORD_LIMIT`` tokens a side (two unrelated texts) is
one change: aligning it word by word would cost seconds for nothing an analyst can read
(a word-level pass over a whole 30,000-word article took ten minutes, measured).

Three readers use it:

* ``word_diff``: the text as runs of kept, inserted and deleted words, for the diff view;
* ``unified``: a unified diff, one sentence per line, for the command line;
* ``PositionMap``: where an offset of the old text lies in the new one, the position hint
  given to re-anchoring when an article's citations move to its new version.

All offsets are code points.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

# A word, a run of white space, or one other character: a changed comma is one token.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? (with closing quotes or brackets) before white space, or at a
# line break; the unified diff puts each on a line of its own.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
WORD_LIMIT = 2000  # tokens a side (0.6 s at worst, measured); past it: aligned whole

Op = tuple[str, int, int, int, int]  # "equal"/"replace"/"insert"/"delete", old a:b, new c:d


@dataclass(frozen=True)
class Run:
    kind: str  # "same", "inserted" or "deleted"
    text: str


@dataclass(frozen=True)
class DiffSummary:
    places: int  # separate changes
    inserted: int  # words
    deleted: int  # words


def tokens(text: str) -> tuple[list[str], list[int]]:
    """The text's tokens and where each starts (code points)."""
    found = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    return [t for t, _ in found], [s for _, s in found]


def _matched(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    # autojunk off: the commonest words would otherwise be ignored as junk and the
    # alignment would drift around them.
    return list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())


def _cuts(text: str) -> list[int]:
    """Where each sentence starts, and the text's end."""
    cuts = [0]
    for piece in sentences(text):
        cuts.append(cuts[-1] + len(piece))
    return cuts


def char_opcodes(old: str, new: str) -> list[Op]:
    """The two texts' alignment in characters: sentences first, then the words of each
    stretch of sentences that changed."""
    sa, sb = sentences(old), sentences(new)
    ca, cb = _cuts(old), _cuts(new)
    out: list[Op] = []
    for op, i1, i2, j1, j2 in _matched(sa, sb):
        a0, a1, b0, b1 = ca[i1], ca[i2], cb[j1], cb[j2]
        if op == "equal" or op in ("insert", "delete"):
            out.append((op, a0, a1, b0, b1))
            continue
        ta, sta = tokens(old[a0:a1])
        tb, stb = tokens(new[b0:b1])
        if max(len(ta), len(tb)) > WORD_LIMIT:
            out.append(("replace", a0, a1, b0, b1))
            continue
        sta.append(a1 - a0)
        stb.append(b1 - b0)
        for wop, k1, k2, m1, m2 in _matched(ta, tb):
            out.append((wop, a0 + sta[k1], a0 + sta[k2], b0 + stb[m1], b0 + stb[m2]))
    return out


def word_diff(old: str, new: str) -> list[Run]:
    """The new text with the old one's deleted words put back where they were."""
    runs: list[Run] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1].kind == kind:
            runs[-1] = Run(kind, runs[-1].text + text)
        else:
            runs.append(Run(kind, text))

    for op, a0, a1, b0, b1 in char_opcodes(old, new):
        if op == "equal":
            add("same", new[b0:b1])
            continue
        add("deleted", old[a0:a1])
        add("inserted", new[b0:b1])
    return runs


def summary(runs: list[Run]) -> DiffSummary:
    places = inserted = deleted = 0
    changing = False
    for run in runs:
        if run.kind == "same" and run.text.strip():
            changing = False
            continue
        if run.kind == "same":
            continue  # white space alone does not separate two changes
        if not changing:
            places += 1
            changing = True
        words = len(re.findall(r"\w+", run.text)) or (1 if run.text.strip() else 0)
        if run.kind == "inserted":
            inserted += words
        else:
            deleted += words
    return DiffSummary(places, inserted, deleted)


def sentences(text: str) -> list[str]:
    """The text cut after each sentence and at line breaks (the cut stays on its line)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def unified(old: str, new: str, old_name: str, new_name: str, context: int = 2) -> str:
    """A unified diff, sentence by sentence; "" when the texts are equal."""
    a = [s.rstrip() + "\n" for s in sentences(old)]
    b = [s.rstrip() + "\n" for s in sentences(new)]
    return "".join(difflib.unified_diff(a, b, old_name, new_name, n=context))


class PositionMap:
    """Where an offset of the old text lies in the new one.

    Inside unchanged words the answer is exact; inside a changed stretch it is as far into
    what replaced it, in proportion. Built once per pair of texts, then O(log n).
    """

    def __init__(self, old: str, new: str):
        self._old_len, self._new_len = len(old), len(new)
        # (old start, old end, new start, new end, equal) per stretch of the old text
        self._starts: list[int] = []
        self._blocks: list[tuple[int, int, int, int, bool]] = []
        for op, a0, a1, b0, b1 in char_opcodes(old, new):
            if a0 == a1:
                continue  # a pure insertion holds no old offset
            self._starts.append(a0)
            self._blocks.append((a0, a1, b0, b1, op == "equal"))

    def __call__(self, offset: int) -> int:
        return self._find(offset)[0]

    def _find(self, offset: int) -> tuple[int, bool]:
        """The new offset, and whether the character there is one the edit kept."""
        if not self._starts:
            return min(offset, self._new_len), False
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        a0, a1, b0, b1, equal = self._blocks[i]
        # inside what replaced it: as far in, in proportion
        scale = 1.0 if equal else (b1 - b0) / max(1, a1 - a0)
        moved = b0 + int((offset - a0) * scale)
        return max(0, min(moved, self._new_len)), equal and offset < self._old_len

    def kept_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where ``old[start:end]`` went when its first and last characters were kept (the
        words between may have changed); None when an edge was edited away."""
        a, first_kept = self._find(start)
        b, last_kept = self._find(end - 1)
        if not (first_kept and last_kept) or b + 1 <= a:
            return None
        return a, b + 1
