"""Diacritic-insensitive matching that still reports positions in the original text.

SQLite's FTS5 (unicode61 tokenizer) finds "cafe" in "café"; to show where, the text is
folded the same way while remembering which original character each folded one came from.
No library keeps that offset map, so the folding is written here by hand.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """``ch`` without its diacritics: "é" -> "e", a lone combining mark -> ""."""
    if ch.isascii():
        return ch
    parts = unicodedata.normalize("NFD", ch)
    bare = "".join(c for c in parts if not unicodedata.combining(c))
    # Characters with no marks stay whole (a Hangul syllable is not split into its jamo).
    return ch if len(bare) == len(parts) else bare


@dataclass(frozen=True)
class FoldedText:
    text: str
    # origin[i]: index in the original of folded character i, plus len(original) at the end;
    # None when every character folded to exactly one, so offsets are the same in both.
    origin: tuple[int, ...] | None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters that folded[start:end] came from (``start < end``)."""
        if self.origin is None:
            return start, end
        o = self.origin
        # The span may end inside what one character folded to, or just before marks that
        # folded to nothing: the whole last character is covered, with its marks.
        after = end
        while o[after] == o[end - 1]:
            after += 1
        return o[start], o[after]


def fold(text: str) -> FoldedText:
    """``text`` with diacritics removed, character by character, and the way back to it."""
    if text.isascii():  # nothing to fold: a search's 100 article texts took 4 ms to find that
        return FoldedText(text, None)
    table = {ord(c): f for c in set(text) if (f := _fold_char(c)) != c}
    folded = text.translate(table) if table else text
    if all(len(f) == 1 for f in table.values()):
        return FoldedText(folded, None)
    origin = [i for i, c in enumerate(text) for _ in range(len(table.get(ord(c), c)))]
    origin.append(len(text))
    return FoldedText(folded, tuple(origin))
