"""The words of a text with their offsets, and the keys names are compared by."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters or digits, joined by inner dots, hyphens or ampersands ("U.S", "Coca-Cola",
# "AT&T"). An apostrophe ends a word, so "Germany's" is "Germany" then "'s".
_WORD = re.compile(r"\w+(?:[.&\-]\w+)*")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return token_key(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def token_key(word: str) -> str:
    return word.casefold()


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def name_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's word keys and the separators between them ("" for white space)."""
    toks = tokenize(name)
    keys = tuple(t.key for t in toks)
    gaps = tuple(name[a.end : b.start].strip() for a, b in zip(toks, toks[1:], strict=False))
    return keys, gaps


def dotted_end(text: str, token: Token) -> int:
    """A token's end with its full stop when the word is an abbreviation ("U.S.", "Inc.")."""
    if token.end < len(text) and text[token.end] == "." and (
        "." in token.text or token.text in _ABBREVIATIONS
    ):
        return token.end + 1
    return token.end


_ABBREVIATIONS = frozenset(
    "Inc Corp Co Ltd Jr Sr Dr Mr Mrs Ms Prof Gen Sen Rep Gov Lt Col Capt Sgt St Rev Bros".split()
)
