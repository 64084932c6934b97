"""The words of a text with their offsets, and the keys names are compared by."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

# A word: letters or digits, joined by inner dots, hyphens or ampersands ("U.S", "Coca-Cola",
# "AT&T"). An apostrophe ends a word, so "Germany's" is "Germany" then "'s".
_WORD = re.compile(r"\w+(?:[.&\-]\w+)*")


class Token(NamedTuple):
    """A tuple, not a dataclass: a long article has tens of thousands (made 3x faster)."""

    start: int
    end: int
    text: str
    key: str  # how names compare: case folded
    capitalised: bool  # starts with a capital, or figures then a capital ("3GS")


def token_key(word: str) -> str:
    return word.casefold()


def tokenize(text: str) -> list[Token]:
    return [
        Token(m.start(), m.end(), w, w.casefold(), _capitalised(w))
        for m in _WORD.finditer(text)
        for w in (m.group(),)
    ]


# Lower-case words that join the words of a name ("Bank of America", "Trinidad and Tobago").
CONNECTORS = frozenset(
    {"of", "for", "and", "&", "de", "la", "du", "van", "von", "der", "al", "the"}
)


def name_tokens(text: str) -> list[Token]:
    """The words names are made of: capitalised words, connectors, and the word either side
    of a capitalised one (what the rules read as context). A third of an article's words,
    and a Token each costs more than finding it: this is most of the time saved."""
    out: list[Token] = []
    prev = None
    prev_kept = False
    for m in _WORD.finditer(text):
        w = m.group()
        c = w[:1]
        keep = c.isupper() or (c.isdigit() and not w.isdigit()) or w in CONNECTORS
        if keep or prev_kept:
            if keep and prev is not None and not prev_kept:
                out.append(_token(prev))
            out.append(_token(m))
            prev_kept = keep
        else:
            prev_kept = False
        prev = m
    return out


def _token(m: re.Match[str]) -> Token:
    w = m.group()
    return Token(m.start(), m.end(), w, w.casefold(), _capitalised(w))


def _capitalised(w: str) -> bool:
    c = w[:1]
    return c.isupper() or (c.isdigit() and not w.isdigit() and any(x.isupper() for x in w))


def name_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's word keys and the separators between them ("" for white space)."""
    toks = tokenize(name)
    keys = tuple(t.key for t in toks)
    gaps = tuple(name[a.end : b.start].strip() for a, b in pairwise(toks))
    return keys, gaps


def dotted_end(text: str, token: Token) -> int:
    """A token's end with its full stop when the word is an abbreviation ("U.S.", "Inc.")."""
    if (
        token.end < len(text)
        and text[token.end] == "."
        and ("." in token.text or token.text in _ABBREVIATIONS)
    ):
        return token.end + 1
    return token.end


_ABBREVIATIONS = frozenset(
    "Inc Corp Co Ltd Jr Sr Dr Mr Mrs Ms Prof Gen Sen Rep Gov Lt Col Capt Sgt St Rev Bros".split()
)
