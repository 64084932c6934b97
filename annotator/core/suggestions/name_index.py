"""Names matched over a text's tokens in one pass, through an index built once.

The index maps each name's first word to the names that start with it, longest first; a
text is read word by word and only the names starting with that word are tried. So the cost
grows with the text, not with the number of actors (a pattern per actor did not scale: the
new-item form had to learn that too, see ``core.suggest.matching_actors``).

Case: a name word written with a capital must meet a capital in the text ("Apple" is not
"apple"); otherwise case does not matter. Words of a name are separated in the text as in
the name: white space (never a paragraph break), or the same punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from annotator.core.suggestions.tokens import CONNECTORS, Token, dotted_end, name_parts, tokenize

P = TypeVar("P")


class _Entry(NamedTuple, Generic[P]):
    """A tuple, not a frozen dataclass: one per name and alias (15,000 at 5,000 actors),
    made as the first article opens; a frozen dataclass's fields cost 15 ms more to set."""

    keys: tuple[str, ...]
    gaps: tuple[str, ...]
    capitals: tuple[bool, ...]
    payload: P
    # A later word that ``name_tokens`` does not keep ("d'Ivoire", "Banco do Brasil"):
    # such a name is checked against every word of the text where its first word is.
    loose: bool = False
    length: int = 0


@dataclass(frozen=True)
class Hit(Generic[P]):
    start: int  # code points
    end: int
    first: int  # token indexes, first and one past the last
    last: int
    payload: P


class _Window:
    """The text after a word where loose names start, its folded copy, and its words
    (tokenized only when a name's last key is in the folded copy)."""

    __slots__ = ("_words", "folded", "text")

    def __init__(self, text: str, folded: str) -> None:
        self.text = text
        self.folded = folded
        self._words: list[Token] | None = None

    def words(self) -> list[Token]:
        if self._words is None:
            self._words = tokenize(self.text)
        return self._words


class NameIndex(Generic[P]):
    def __init__(self, names: Iterable[tuple[str, P]]):
        by_first: dict[str, list[_Entry[P]]] = {}
        seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        for name, payload in names:
            keys, gaps, capitals = name_parts(name)
            if not keys or (keys, gaps) in seen:
                continue  # a blank name, or the same name twice: the first one stays
            seen.add((keys, gaps))
            loose = any(
                not cap and key not in CONNECTORS
                for cap, key in zip(capitals[1:], keys[1:], strict=True)
            )
            entry = _Entry(keys, gaps, capitals, payload, loose, len(name))
            by_first.setdefault(keys[0], []).append(entry)
        for entries in by_first.values():
            entries.sort(key=lambda e: -len(e.keys))
        self._by_first = by_first
        # A name starting with a small letter is missed by ``name_tokens``: read every word.
        self.needs_all_words = any(
            not e.capitals[0] and e.keys[0] not in CONNECTORS for v in by_first.values() for e in v
        )

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def find(self, text: str, tokens: Sequence[Token]) -> list[Hit[P]]:
        """Every name in the text, longest first where two start at one word; no overlaps."""
        out: list[Hit[P]] = []
        i, n = 0, len(tokens)
        while i < n:
            entries = self._by_first.get(tokens[i].key)
            hit = None
            if entries:
                # The words after this one, read once per window length: many names share
                # a first word (hundreds of "Anna …" at 5,000 actors; profiled).
                windows: dict[int, _Window] = {}
                for entry in entries:
                    if entry.loose:
                        window = windows.get(entry.length + 8)
                        if window is not None and entry.keys[-1] not in window.folded:
                            continue  # see ``_loose_end``: checked here, without a call
                        end = self._loose_end(text, tokens[i].start, entry, windows)
                        if end is None:
                            continue
                        j = i + 1
                        while j < n and tokens[j].start < end:
                            j += 1
                        hit = Hit(tokens[i].start, end, i, j, entry.payload)
                        break
                    if self._matches(text, tokens, i, entry):
                        j = i + len(entry.keys)
                        end = dotted_end(text, tokens[j - 1])
                        hit = Hit(tokens[i].start, end, i, j, entry.payload)
                        break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit.last
        return out

    @classmethod
    def _loose_end(
        cls,
        text: str,
        start: int,
        entry: _Entry[P],
        windows: dict[int, _Window],
    ) -> int | None:
        """Where a loose name ends if it starts at ``start`` (its words read afresh, kept
        in ``windows`` for the other names of that length starting there)."""
        size = entry.length + 8
        kept = windows.get(size)
        if kept is None:
            window = text[start : start + size]
            kept = windows[size] = _Window(window, window.casefold())
        # A word's key is its case folded, and folding goes character by character: a
        # name whose last key is not in the folded window cannot match there. Most loose
        # names sharing a first word differ only at the end ("Olaf Adler 1061"): checked
        # so, they are not tokenized and compared word by word (16,000 tries in a 60 KB
        # article at 5,000 actors, most of finding its known actors; profiled).
        if entry.keys[-1] not in kept.folded:
            return None
        words = kept.words()
        if not cls._matches(kept.text, words, 0, entry):
            return None
        return start + dotted_end(kept.text, words[len(entry.keys) - 1])

    @staticmethod
    def _matches(text: str, tokens: Sequence[Token], i: int, entry: _Entry[P]) -> bool:
        k = len(entry.keys)
        if i + k > len(tokens):
            return False
        for m in range(k):
            tok = tokens[i + m]
            if tok.key != entry.keys[m] or (entry.capitals[m] and not tok.capitalised):
                return False
            if m:
                gap = text[tokens[i + m - 1].end : tok.start]
                if "\n" in gap or gap.strip() != entry.gaps[m - 1]:
                    return False
        return True
