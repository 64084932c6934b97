"""What changed between two versions of an article's text.

The standard library's ``difflib`` does the matching, over words (with the spaces and
punctuation between them as tokens of their own), so an edit shows as the words it touched,
not as a rewritten paragraph. Three readers use it:

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


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    # autojunk off: in a long article the commonest words ("the", spaces) would otherwise be
    # ignored as junk and the alignment would drift.
    return list(difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes())


def word_diff(old: str, new: str) -> list[Run]:
    """The new text with the old one's deleted words put back where they were."""
    a, _ = tokens(old)
    b, _ = tokens(new)
    runs: list[Run] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1].kind == kind:
            runs[-1] = Run(kind, runs[-1].text + text)
        else:
            runs.append(Run(kind, text))

    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op == "equal":
            add("same", "".join(b[j1:j2]))
            continue
        add("deleted", "".join(a[i1:i2]))
        add("inserted", "".join(b[j1:j2]))
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

    Inside unchanged words the answer is exact; inside a changed stretch it is the start of
    what replaced it. Built once per pair of texts (one word alignment), then O(log n).
    """

    def __init__(self, old: str, new: str):
        a, a_starts = tokens(old)
        b, b_starts = tokens(new)
        self._old_len, self._new_len = len(old), len(new)
        # (old start, new start, equal) per opcode, in old order
        self._starts: list[int] = []
        self._blocks: list[tuple[int, int, bool]] = []
        for op, i1, i2, j1, _j2 in _opcodes(a, b):
            if i1 == i2:
                continue  # a pure insertion holds no old offset
            old_at = a_starts[i1]
            new_at = b_starts[j1] if j1 < len(b_starts) else len(new)
            self._starts.append(old_at)
            self._blocks.append((old_at, new_at, op == "equal"))

    def __call__(self, offset: int) -> int:
        return self._find(offset)[0]

    def _find(self, offset: int) -> tuple[int, bool]:
        """The new offset, and whether the character there is one the edit kept."""
        if not self._starts:
            return min(offset, self._new_len), False
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        old_at, new_at, equal = self._blocks[i]
        moved = new_at + (offset - old_at) if equal else new_at
        return max(0, min(moved, self._new_len)), equal and offset < self._old_len

    def kept_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where ``old[start:end]`` went when its first and last characters were kept (the
        words between may have changed); None when an edge was edited away."""
        a, first_kept = self._find(start)
        b, last_kept = self._find(end - 1)
        if not (first_kept and last_kept) or b + 1 <= a:
            return None
        return a, b + 1
